// A department's pilot requires the company's AI tool review: the pilot gate
// shows it missing, then met by a finished run of the review in this
// browser, and, in a fresh profile, by a record that it was done elsewhere.
// Release build, real headless Chromium over HTTP, two browser profiles.

import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appReady, axe, launch, root, serve, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const site = sites[0];
const DEPT = 'hr-inquiry-desk';
const REQUIRED = 'ai-tool-review';

/** An export with one run of the tool review, every step done. */
function finishedReviewExport() {
  const text = readFileSync(path.join(root, 'playbooks', `${REQUIRED}.md`), 'utf8');
  const ids = [...text.matchAll(/<!-- step: ([a-z0-9-]+)/g)].map((m) => m[1]);
  assert.ok(ids.length > 10, 'the review has its steps');
  const at = Date.parse('2026-11-30T09:00:00+09:00');
  const steps = Object.fromEntries(
    ids.map((id, i) => [id, { mark: { value: { mark: 'done' }, at: at + i }, note: { value: '', at: 0 }, items: {} }]),
  );
  const run = {
    id: 'review1',
    playbook: REQUIRED,
    name: { value: '全社 ツール審査 2026', at },
    created: at - 86400000,
    deleted: { value: null, at: 0 },
    version: 1,
    content_hash: '',
    step_hashes: {},
    steps,
  };
  return { kind: 'tebiki-export', exported: at, lang: null, progress: { format: 3, runs: [run] } };
}

describe('a pilot that requires another playbook first', () => {
  let server;
  const url = (relative = '') => `${server.url}${site.base}${relative}`;

  before(async () => {
    server = await serve(site.serveDir);
  });
  after(() => server?.close());

  async function startDepartmentRun(page, name) {
    await page.goto(url(`p/${DEPT}/`));
    await appReady(page);
    // The overview names what the pilot requires, by title.
    assert.equal(await page.getByTestId('required-link').textContent(), '生成 AI の利用ガイドラインとツール審査');
    const run = await startRunHere(page, name);
    await page.goto(url(`p/${DEPT}/?run=${run}&step=approve-pilot-start`));
    await page.locator('.step-panel[data-step=approve-pilot-start]').waitFor();
    return run;
  }

  test('missing, then met by a finished run of the review in this browser', async () => {
    const browser = await launch();
    const file = path.join(tmpdir(), `tebiki-review-${process.pid}.json`);
    try {
      const { page, problems } = await watchedPage(browser.context);
      // The review was finished in this browser (an export of it is imported).
      writeFileSync(file, JSON.stringify(finishedReviewExport()));
      await page.goto(url('settings/'));
      await appReady(page);
      await page.getByLabel('読み込むファイルを選ぶ').setInputFiles(file);
      await page.getByTestId('import-confirm').click();
      await page.getByText(/読み込みました/).waitFor();

      const run = await startDepartmentRun(page, '人事 2026 パイロット');
      const gate = page.getByTestId('gate').first();
      assert.match(await gate.textContent(), /前提のプレイブックの完了/);
      // The gate's item leads to the panel.
      assert.match(await gate.getByRole('link', { name: '前提のプレイブックの完了' }).getAttribute('href'), /#prerequisite$/);
      const panel = page.getByTestId('prerequisite');
      await panel.getByText('このブラウザに、最後まで終えた取り組み「全社 ツール審査 2026」（2026年11月30日 完了）があります。').waitFor();
      assert.deepEqual(await axe(page), []);
      await panel.getByTestId('prereq-use').click();
      await panel.getByTestId('prereq-met').getByText('満たしています：このブラウザの取り組み「全社 ツール審査 2026」で 2026年11月30日 に完了。').waitFor();
      assert.doesNotMatch(await gate.textContent(), /前提のプレイブック/);

      const saved = (await storedProgress(page)).runs.find((r) => r.id === run);
      assert.deepEqual(saved.prerequisite.value, { how: 'run', run: 'review1', name: '全社 ツール審査 2026', date: '2026-11-30' });

      // The success record says how it was met.
      await page.goto(url(`p/${DEPT}/?run=${run}&view=record`));
      await page.getByTestId('record').waitFor();
      assert.match(await page.getByTestId('record-prerequisite').textContent(), /全社 ツール審査 2026/);
      assert.deepEqual(problems, []);
    } finally {
      rmSync(file, { force: true });
      await browser.close();
    }
  });

  test('in a fresh profile, recorded as done elsewhere, kept over a reload, and taken back', async () => {
    const browser = await launch();
    try {
      const { page, problems } = await watchedPage(browser.context);
      const run = await startDepartmentRun(page, '人事 別チーム');
      const panel = page.getByTestId('prerequisite');
      await panel.getByText('このブラウザには、このプレイブックを最後まで終えた取り組みがありません。').waitFor();
      await panel.getByText('他の場所で実施済みとして記録する').click();
      // Nothing is recorded without who confirmed it.
      await panel.getByRole('button', { name: '実施済みとして記録する' }).click();
      await panel.getByText('名前を入力してください。').waitFor();
      await panel.getByLabel('確認した人').fill('情報システム部 佐藤');
      await panel.getByLabel('実施日').fill('2026-11-02');
      await panel.getByLabel('参照（稟議番号など。任意）').fill('稟議 2026-118');
      await panel.getByRole('button', { name: '実施済みとして記録する' }).click();
      const met = '満たしています：他で実施済み（確認した人：情報システム部 佐藤、実施日：2026年11月2日、参照：稟議 2026-118）。';
      await panel.getByTestId('prereq-met').getByText(met).waitFor();
      assert.doesNotMatch(await page.getByTestId('gate').first().textContent(), /前提のプレイブック/);
      assert.deepEqual(await axe(page), []);

      await page.reload();
      await page.getByTestId('prereq-met').getByText(met).waitFor();
      const saved = (await storedProgress(page)).runs.find((r) => r.id === run);
      assert.deepEqual(saved.prerequisite.value, { how: 'elsewhere', by: '情報システム部 佐藤', date: '2026-11-02', reference: '稟議 2026-118' });

      await page.getByTestId('prerequisite').getByRole('button', { name: '記録を取り消す' }).click();
      await page.getByTestId('gate').first().getByText('前提のプレイブックの完了').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
