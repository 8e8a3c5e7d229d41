// Team work (issue 17): who made each change, and the run's history —
// against the release build in real headless Chromium over HTTP, with a
// second browser profile where the history travels in an export.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appReady, axe, launch, serve, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const site = sites[0];
const PLAYBOOK = 'hr-inquiry-desk';

describe('who made each change, and the history of a run', () => {
  let server;
  let browser;
  const url = (relative = '') => `${server.url}${site.base}${relative}`;

  before(async () => {
    server = await serve(site.serveDir);
    browser = await launch({ acceptDownloads: true });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  async function startRun(page, name) {
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    return startRunHere(page, name);
  }

  test('the name is asked on the run screen, not before; changes carry it into the history, the timeline and the record', async () => {
    const { page, problems } = await watchedPage(browser.context);
    await page.goto(url());
    await appReady(page);
    assert.equal(await page.getByTestId('who-prompt').count(), 0, 'not asked at the first visit');
    const run = await startRun(page, '人事部 問い合わせ窓口');
    const prompt = page.getByTestId('who-prompt');
    await prompt.waitFor();
    assert.match(await prompt.textContent(), /本人確認はしません/);
    assert.deepEqual(await axe(page), [], 'the question');
    // A change made before naming oneself is kept, as made by nobody named.
    await page.locator('.guided .step-panel .item input[type=checkbox]').first().check();
    // A payload as a name stays text.
    await prompt.getByLabel('名前', { exact: true }).fill('<img src=x onerror="window.__pwned=1">山田');
    await prompt.getByLabel('役割（任意）').fill('人事部 課長');
    await prompt.getByRole('button', { name: '保存' }).click();
    await prompt.getByText('以後の変更は「<img src=x onerror="window.__pwned=1">山田」として記録します。').waitFor();
    assert.equal(await prompt.getByRole('textbox').count(), 0, 'once saved, the form gives way to one line');
    await prompt.getByRole('link', { name: '名前は「設定」でいつでも変えられます。' }).waitFor();
    await page.getByLabel('メモ').fill('FAQ の回答案は課長が確かめてから送る');
    await page.locator('.guided .step-panel .item input[type=checkbox]').nth(1).check();

    const stored = await storedProgress(page);
    const history = stored.runs.find((r) => r.id === run).history;
    // What an entry did: `"deleted"`, or `{"note": {…}}`.
    const kind = (e) => (typeof e.did === 'string' ? e.did : Object.keys(e.did)[0]);
    assert.deepEqual(
      history.map((e) => [kind(e), e.by?.name ?? '']),
      [
        ['started', ''],
        ['item', ''],
        ['note', '<img src=x onerror="window.__pwned=1">山田'],
        ['item', '<img src=x onerror="window.__pwned=1">山田'],
      ],
    );
    assert.equal(history[2].by.role, '人事部 課長');
    assert.equal(history.filter((e) => kind(e) === 'note').length, 1, 'a note typed key by key is one entry');

    // The timeline, newest first, filtered by person and by step.
    await page.reload();
    await appReady(page);
    assert.equal(await page.getByTestId('who-prompt').count(), 0, 'asked once: the name is kept');
    await page.getByTestId('history-link').click();
    const timeline = page.getByTestId('history');
    await timeline.waitFor();
    const rows = () => timeline.locator('.timeline li').allTextContents();
    let shown = await rows();
    assert.equal(shown.length, 4);
    assert.match(shown[0], /山田（人事部 課長）.*にチェックを付けた/);
    assert.match(shown[1], /メモを書いた：FAQ の回答案は課長が確かめてから送る/);
    assert.match(shown[3], /名前未設定.*取り組み「人事部 問い合わせ窓口」を始めた/);
    await timeline.getByLabel('変更した人').selectOption({ label: '名前未設定' });
    shown = await rows();
    assert.equal(shown.length, 2);
    assert.ok(shown.every((r) => r.includes('名前未設定')));
    await timeline.getByLabel('変更した人').selectOption({ label: 'すべての人' });
    const firstStep = await timeline.getByLabel('ステップ', { exact: true }).locator('option').nth(1).textContent();
    await timeline.getByLabel('ステップ', { exact: true }).selectOption({ label: firstStep });
    assert.equal((await rows()).length, 3, 'the start of the run belongs to no step');
    assert.deepEqual(await axe(page), [], 'the timeline');

    // The success record lists the newest changes with the count.
    await page.getByTestId('record-link').click();
    const record = page.getByTestId('record-history');
    await record.waitFor();
    assert.match(await page.getByTestId('record').textContent(), /全 4 件のうち、新しい 4 件/);
    assert.equal(await record.locator('li').count(), 4);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a name is never markup');
    assert.equal(await page.locator('img[src=x]').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the name can be changed in 設定; the history travels in an export and merges without duplicates', async () => {
    const { page, problems } = await watchedPage(browser.context);
    await page.goto(url('settings/'));
    await appReady(page);
    const form = page.getByTestId('who-settings');
    await form.getByLabel('名前', { exact: true }).fill('佐藤');
    await form.getByLabel('役割（任意）').fill('');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('以後の変更は「佐藤」として記録します。').waitFor();
    const run = await startRun(page, '総務 引き継ぎ');
    assert.equal(await page.getByTestId('who-prompt').count(), 0, 'named already: not asked');
    await page.getByLabel('メモ').fill('佐藤のメモ');
    const mine = await storedProgress(page);
    await page.goto(url('settings/'));
    await appReady(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const file = path.join(tmpdir(), `tebiki-team-${process.pid}.json`);
    await download.saveAs(file);

    const other = await launch();
    try {
      const b = await watchedPage(other.context);
      for (let round = 0; round < 2; round++) {
        await b.page.goto(url('settings/'));
        await appReady(b.page);
        await b.page.getByLabel('読み込むファイルを選ぶ').setInputFiles(file);
        await b.page.getByTestId('import-confirm').click();
        await b.page.getByText(/読み込みました/).waitFor();
      }
      const theirs = await storedProgress(b.page);
      const history = theirs.runs.find((r) => r.id === run).history;
      assert.deepEqual(history, mine.runs.find((r) => r.id === run).history, 'the same history, once');
      await b.page.goto(url(`p/${PLAYBOOK}/?run=${run}&view=history`));
      await b.page.getByTestId('history').waitFor();
      assert.match(await b.page.getByTestId('history').textContent(), /佐藤.*メモを書いた：佐藤のメモ/s);
      assert.deepEqual(b.problems, []);
    } finally {
      await other.close();
      rmSync(file, { force: true });
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});
