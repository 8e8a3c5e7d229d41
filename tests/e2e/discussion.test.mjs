// Comments and evidence on a step (issue 19): a thread with who and when,
// edited and deleted with history; links and network paths (copied, since a
// page cannot open them) — inert, kept over a reload, listed on the success
// record, and carried to a colleague's browser by a shared file. Against the
// release build in real headless Chromium over HTTP, two browser profiles.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appReady, axe, launch, nameThisBrowser, serve, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const site = sites[0];
const PLAYBOOK = 'hr-inquiry-desk';
const PAYLOAD = '<img src=x onerror="window.__owned=1">';
const SHARE = String.raw`\\fs01\人事\2027\問い合わせ記録.xlsx`;

describe('comments and evidence on a step', () => {
  let server;
  const url = (relative = '') => `${server.url}${site.base}${relative}`;

  before(async () => {
    server = await serve(site.serveDir);
  });
  after(() => server?.close());

  test('a thread and evidence on a step: inert, kept over a reload, on the record, and carried to a colleague by a shared file', async () => {
    const a = await launch({ acceptDownloads: true });
    const b = await launch({ acceptDownloads: true });
    const file = path.join(tmpdir(), `tebiki-discussion-${process.pid}.json`);
    const back = path.join(tmpdir(), `tebiki-discussion-back-${process.pid}.json`);
    try {
      await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const { page, problems } = await watchedPage(a.context);
      await nameThisBrowser(page, url('settings/'), '佐藤');
      await page.goto(url(`p/${PLAYBOOK}/`));
      await appReady(page);
      const run = await startRunHere(page, '人事 コメントと根拠資料');
      const panel = page.locator('.guided .step-panel');
      const evidence = panel.getByTestId('evidence');
      const comments = panel.getByTestId('comments');

      // Evidence: only links and network paths.
      await evidence.locator('summary').click();
      await evidence.getByLabel('リンクまたはパス').fill('javascript:alert(1)');
      await evidence.getByTestId('evidence-add').click();
      await evidence.getByText(/http:\/\/ か https:\/\/ で始まるリンク/).waitFor();
      await evidence.getByLabel('リンクまたはパス').fill('https://intranet.example/faq?id=1');
      await evidence.getByLabel('何の資料か（任意）').fill(`FAQ 一覧 ${PAYLOAD}`);
      await evidence.getByTestId('evidence-add').click();
      const link = evidence.locator('ul.evidence a');
      await link.waitFor();
      assert.equal(await link.getAttribute('href'), 'https://intranet.example/faq?id=1');
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      assert.equal(await link.textContent(), `FAQ 一覧 ${PAYLOAD}`);
      await evidence.getByLabel('リンクまたはパス').fill(SHARE);
      await evidence.getByTestId('evidence-add').click();
      // A network path is not a link: it is shown and copied (the document's copy command, as on http://).
      const copy = evidence.getByTestId('evidence-copy');
      await copy.waitFor();
      assert.equal(await evidence.locator(`a[href*="fs01"]`).count(), 0);
      await copy.click();
      await evidence.getByText('コピーしました。エクスプローラーのアドレス欄に貼り付けてください。').waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), SHARE);

      // Comments: post, edit, delete; the history keeps what was said.
      await comments.getByLabel('コメントを書く').fill('三か月分で足りますか？');
      await comments.getByTestId('comment-post').click();
      await comments.getByLabel('コメントを書く').fill(PAYLOAD);
      await comments.getByTestId('comment-post').click();
      await comments.locator('ol.comments li').nth(1).waitFor();
      assert.equal(await comments.locator('ol.comments li .text').nth(1).textContent(), PAYLOAD, 'shown as text');
      assert.match(await comments.locator('ol.comments li .by').first().textContent(), /^佐藤 ・ \d{4}年/);
      await comments.locator('ol.comments li').first().getByRole('button', { name: '編集' }).click();
      await comments.locator('ol.comments li').first().locator('textarea').fill('三か月分で足りますか？（四月を含む）');
      await comments.locator('ol.comments li').first().getByRole('button', { name: '保存' }).click();
      await comments.getByText('三か月分で足りますか？（四月を含む）').waitFor();
      await comments.locator('ol.comments li').nth(1).getByRole('button', { name: '削除' }).click();
      await page.waitForFunction(() => document.querySelectorAll('.guided .step-panel ol.comments li').length === 1);
      await comments.getByTestId('comment-post').click();
      await comments.getByText('コメントを入力してください。').waitFor();

      // Kept over a reload.
      await page.reload();
      await comments.locator('ol.comments li').first().waitFor();
      assert.equal(await comments.locator('ol.comments li .text').allTextContents().then((t) => t.join('|')), '三か月分で足りますか？（四月を含む）');
      assert.match(await comments.locator('ol.comments li .by').first().textContent(), /（編集済み）$/);
      assert.equal(await evidence.locator('ul.evidence li').count(), 2);
      const history = (await storedProgress(page)).runs.find((r) => r.id === run).history;
      const said = history.filter((e) => e.did.comment).map((e) => e.did.comment.text);
      assert.deepEqual(said, ['三か月分で足りますか？', PAYLOAD, '三か月分で足りますか？（四月を含む）', null], 'every version, and the deletion');

      // The success record lists the evidence.
      await page.goto(url(`p/${PLAYBOOK}/?run=${run}&view=record`));
      const table = page.getByTestId('record-evidence');
      await table.waitFor();
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
      assert.deepEqual(rows, [
        ['問い合わせの記録を集める', `FAQ 一覧 ${PAYLOAD}`, 'https://intranet.example/faq?id=1'],
        ['問い合わせの記録を集める', '', SHARE],
      ]);
      assert.deepEqual(await axe(page), []);

      // A colleague takes the shared file in: the same thread and evidence.
      await page.goto(url(`p/${PLAYBOOK}/?run=${run}`));
      await panel.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-run').click()]);
      await download.saveAs(file);
      const other = await watchedPage(b.context);
      await other.page.goto(url('settings/'));
      await appReady(other.page);
      await other.page.getByLabel('読み込むファイルを選ぶ').setInputFiles(file);
      await other.page.getByTestId('merge-preview').getByTestId('import-merge').click();
      await other.page.getByTestId('merge-done').waitFor();
      await other.page.goto(url(`p/${PLAYBOOK}/?run=${run}`));
      const theirs = other.page.locator('.guided .step-panel');
      await theirs.getByTestId('comments').locator('ol.comments li').first().waitFor();
      assert.equal(await theirs.getByTestId('comments').locator('ol.comments li .text').first().textContent(), '三か月分で足りますか？（四月を含む）');
      assert.equal(await theirs.getByTestId('evidence').locator('ul.evidence li').count(), 2);
      assert.deepEqual(await axe(other.page), []);

      // Both change the comment without seeing the other's change: taking
      // the colleague's file in asks which text to keep; the other stays in
      // the history.
      const edit = async (thread, text) => {
        const item = thread.locator('ol.comments li').first();
        await item.getByRole('button', { name: '編集' }).click();
        await item.locator('textarea').fill(text);
        await item.getByRole('button', { name: '保存' }).click();
        await thread.getByText(text).waitFor();
      };
      await edit(theirs.getByTestId('comments'), '三か月分で足ります（鈴木）');
      await edit(comments, '四月を含めて四か月分にします（佐藤）');
      const [returned] = await Promise.all([other.page.waitForEvent('download'), other.page.getByTestId('share-run').click()]);
      await returned.saveAs(back);
      await page.goto(url('settings/'));
      await appReady(page);
      await page.getByLabel('読み込むファイルを選ぶ').setInputFiles(back);
      const conflict = page.getByTestId('merge-preview').getByTestId('merge-conflict');
      await conflict.waitFor();
      assert.match(await conflict.locator('legend').textContent(), /問い合わせの記録を集める/);
      assert.match(await conflict.textContent(), /四か月分にします（佐藤）/);
      await conflict.getByRole('radio', { name: /三か月分で足ります（鈴木）/ }).check();
      await page.getByTestId('merge-preview').getByTestId('import-merge').click();
      await page.getByTestId('merge-done').waitFor();
      await page.goto(url(`p/${PLAYBOOK}/?run=${run}`));
      await comments.locator('ol.comments li').first().waitFor();
      assert.equal(await comments.locator('ol.comments li .text').first().textContent(), '三か月分で足ります（鈴木）');
      const kept = (await storedProgress(page)).runs.find((r) => r.id === run).history;
      assert.ok(kept.some((e) => e.did.comment?.text === '四月を含めて四か月分にします（佐藤）'), 'the text not kept is in the history');
      assert.deepEqual(await axe(page), []);

      for (const p of [page, other.page]) {
        assert.equal(await p.evaluate(() => window.__owned), undefined, 'nothing typed runs');
        assert.equal(await p.locator('img[src=x]').count(), 0);
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(other.problems, []);
    } finally {
      await a.close();
      await b.close();
      rmSync(file, { force: true });
      rmSync(back, { force: true });
    }
  });
});
