// The editor (issue 20, second slice): a lead writes or fixes a playbook in
// the browser and sees, as they type, exactly the problems `tebiki check`
// prints for the same file in the site's library; a problem's button puts
// the cursor at its place; the draft survives a reload; a clean playbook is
// used in this browser at once. Release build, headless Chromium, HTTP; the
// CLI binary the build used.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { appReady, axe, checkedByCli, launch, listedProblems, root, servedSite, sites, watchedPage } from './support.mjs';

const site = sites[0];
const PAYLOAD = '<img src=x onerror="window.__owned=1">';
const ID = 'hr-inquiry-desk-osaka';

/** What `tebiki check` prints for `text` saved as `ID.md` in the site's library. */
function cliProblems(dir, text) {
  const file = path.join(dir, `${ID}.md`);
  writeFileSync(file, text);
  return checkedByCli(file, path.join(site.serveDir, 'playbooks'));
}
const pageProblems = listedProblems;

describe('the editor', () => {
  const served = servedSite(site);
  const url = served.url;
  const dir = mkdtempSync(path.join(tmpdir(), 'tebiki-editor-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('problems as tebiki check prints them while typing, a problem puts the cursor at its place, the draft survives a reload, a clean playbook is used here', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.goto(url());
    await page.getByTestId('editor-link').click();
    await appReady(page);
    const field = page.getByTestId('editor-source');
    await field.waitFor();
    assert.equal(await field.inputValue(), '', 'nothing yet');
    assert.match(await page.getByTestId('editor-summary').textContent(), /^まだ何も書かれていません/);

    const valid = readFileSync(path.join(root, 'playbooks/hr-inquiry-desk.md'), 'utf8')
      .replace('id: hr-inquiry-desk', `id: ${ID}`)
      .replace(/^title: .*$/m, 'title: 大阪支社の人事問い合わせ窓口');
    const broken = valid
      .replace('direction: down', 'direction: 下がる方が良い')
      .replace('\nowner:', `\nfoo: ${PAYLOAD}\nowner:`)
      .replace('requires: ai-tool-review', 'requires: no-such-playbook');
    await field.fill(broken);
    const summary = page.getByTestId('editor-summary');
    const checked = () => page.locator('[data-testid=editor-summary]:not([aria-busy])').waitFor();
    await checked();
    assert.match(await summary.textContent(), /^エラー \d+ 件、警告 \d+ 件$/);
    const cli = cliProblems(dir, broken);
    assert.ok(cli.some((p) => p.code === 'required-playbook-missing'), JSON.stringify(cli));
    assert.deepEqual(await pageProblems(page), cli, 'the same problems, in the same order and words');
    assert.equal(await page.getByTestId('editor-use').isDisabled(), true, 'a playbook with errors is not used');
    assert.ok((await page.getByTestId('problems').textContent()).includes(PAYLOAD), 'shown as text');
    assert.equal(await page.evaluate(() => window.__owned), undefined);
    assert.deepEqual(await axe(page), []);

    // 「この箇所へ」: the cursor goes to the marked text.
    const direction = page.getByTestId('problem').filter({ hasText: '下がる方が良い' });
    await direction.getByTestId('problem-go').click();
    const at = await field.evaluate((area) => [area.selectionStart, area.value.slice(area.selectionStart, area.selectionStart + 7), document.activeElement === area]);
    assert.deepEqual(at.slice(1), ['下がる方が良い', true]);

    // Kept over a reload, checked again.
    await page.reload();
    await appReady(page);
    await field.waitFor();
    assert.equal(await field.inputValue(), broken);
    await checked();
    assert.deepEqual(await pageProblems(page), cli, 'checked again after the reload');

    // Fixed: clean, used in this browser, listed as a local playbook.
    await field.fill(valid);
    await checked();
    assert.match(await summary.textContent(), /^問題はありません/);
    assert.deepEqual(cliProblems(dir, valid), []);
    await page.getByTestId('editor-use').click();
    await page.getByTestId('editor-used').waitFor();
    await page.getByTestId('editor-used').getByRole('link').click();
    await appReady(page);
    await page.getByRole('heading', { level: 1, name: '大阪支社の人事問い合わせ窓口' }).waitFor();

    // A file that is not UTF-8 is not opened: tebiki check's words for it.
    await page.goto(url('edit/'));
    await appReady(page);
    const sjis = path.join(dir, 'shift-jis.md');
    writeFileSync(sjis, Buffer.concat([Buffer.from('---\nid: '), Buffer.from([0x90, 0x6c, 0x8e, 0x96]), Buffer.from('\n---\n')]));
    await page.getByLabel('ファイルを開く（.md）').setInputFiles(sjis);
    assert.match(await page.getByTestId('editor-refused').textContent(), /UTF-8 として読めない文字があります/);
    assert.equal(await field.inputValue(), valid, 'the draft is as it was');

    // The template over a draft asks first.
    await page.getByTestId('editor-template').click();
    await page.getByTestId('editor-replace').getByRole('button', { name: '置き換える' }).click();
    assert.match(await field.inputValue(), /^---\nid: new-playbook\n/);
    await checked();
    assert.match(await summary.textContent(), /^問題はありません/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a copy of any playbook to start from, a preview that is the site\'s page, the format reference beside it', async () => {
    const fresh = await launch({ acceptDownloads: true });
    try {
      const { page, problems } = await watchedPage(fresh.context);
      await page.goto(url('edit/'));
      await appReady(page);
      const field = page.getByTestId('editor-source');
      const checked = () => page.locator('[data-testid=editor-summary]:not([aria-busy])').waitFor();

      // A copy of the site's playbook for another department, as the clone form makes it.
      await page.getByText('サイトやこのブラウザのプレイブックを複製して始める').click();
      await page.getByLabel('複製するプレイブック').selectOption('hr-inquiry-desk');
      await page.getByTestId('editor-clone').click();
      await page.getByText('複製先の部門を入力してください。').waitFor();
      await page.getByLabel('複製先の部門').fill('経理');
      await page.getByTestId('editor-clone').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=editor-source]').value.startsWith('---\nid: hr-inquiry-desk-2\n'));
      const copy = await field.inputValue();
      assert.match(copy, /^department: 経理$/m);
      assert.match(copy, /^cloned_from: hr-inquiry-desk@\d+$/m);
      await checked();
      const file = path.join(dir, 'hr-inquiry-desk-2.md');
      writeFileSync(file, copy);
      assert.deepEqual(await pageProblems(page), checkedByCli(file, path.join(site.serveDir, 'playbooks')));

      // The preview of a site's playbook as it is: the site's own page, block by block.
      const original = readFileSync(path.join(root, 'playbooks/ai-tool-review.md'), 'utf8');
      await field.fill(original);
      await checked();
      await page.getByText('プレビュー（サイトでの表示）').click();
      const preview = page.getByTestId('editor-preview');
      await preview.waitFor();
      const blocks = ['header', '.intro', '.prepare-block', '.conditions-block', '.phases'];
      const shown = await preview.evaluate((el, selectors) => selectors.map((s) => el.querySelector(s)?.innerHTML), blocks);
      const onSite = await page.evaluate(async ([address, selectors]) => {
        const html = await (await fetch(address)).text();
        const doc = new DOMParser().parseFromString(html, 'text/html');
        return selectors.map((s) => doc.querySelector(`main ${s}`)?.innerHTML);
      }, [url('p/ai-tool-review/'), blocks]);
      assert.ok(shown.every((b) => b && b.length > 20), JSON.stringify(shown.map((b) => b?.length)));
      assert.deepEqual(shown, onSite, 'the preview is the page the site shows');
      // A draft with errors has no preview; it says why.
      await field.fill(original.replace('direction: down', 'direction: 下がる方が良い'));
      await checked();
      await page.getByTestId('editor-preview-blocked').waitFor();
      assert.deepEqual(await axe(page), []);

      // The format reference, in a tab of its own.
      const link = page.getByTestId('editor-format');
      assert.equal(await link.getAttribute('target'), '_blank');
      const [reference] = await Promise.all([fresh.context.waitForEvent('page'), link.click()]);
      await reference.waitForLoadState();
      assert.equal(new URL(reference.url()).pathname, `${site.base}format/`);
      assert.equal(await reference.locator('h1').textContent(), 'プレイブックの書き方');
      assert.ok((await reference.locator('main').textContent()).includes('フロントマター'));
      assert.deepEqual(await axe(reference), []);
      await reference.close();

      // From a playbook's page: the copy just made, written on in the editor.
      await page.goto(url('p/ai-tool-review/'));
      await appReady(page);
      await page.getByText('このプレイブックを複製').click();
      await page.getByLabel('複製先の部門').fill('総務');
      await Promise.all([page.waitForEvent('download'), page.getByTestId('clone').click()]);
      await page.getByTestId('clone-edit').click();
      await page.waitForURL(/\/edit\/$/);
      await page.getByTestId('editor-replace').getByRole('button', { name: '置き換える' }).click();
      assert.match(await field.inputValue(), /^---\nid: ai-tool-review-2\n[\s\S]*^department: 総務$/m);
      assert.deepEqual(problems, []);
    } finally {
      await fresh.close();
    }
  });

  test('a playbook file dropped on the catalog opens in the editor; one that is not UTF-8 is refused there with the CLI\'s words', async () => {
    const fresh = await launch();
    try {
      const { page, problems } = await watchedPage(fresh.context);
      const drop = async (bytes, name, open = true) => {
        if (open) {
          await page.goto(url());
          await page.locator('main[data-page=catalog]').waitFor();
        }
        const data = await page.evaluateHandle(
          ([content, fileName]) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(content)], fileName, { type: 'text/markdown' }));
            return transfer;
          },
          [[...bytes], name],
        );
        await page.dispatchEvent('main', 'dragover', { dataTransfer: data });
        await page.dispatchEvent('main', 'drop', { dataTransfer: data });
      };
      const text = readFileSync(path.join(root, 'playbooks/hr-inquiry-desk.md'), 'utf8').replace('direction: down', 'direction: 下がる方が良い');
      await drop(Buffer.from(text), 'dropped.md');
      await page.waitForURL(/\/edit\/$/);
      await appReady(page);
      const field = page.getByTestId('editor-source');
      await field.waitFor();
      assert.equal(await field.inputValue(), text);
      await page.locator('[data-testid=editor-summary]:not([aria-busy])').waitFor();
      assert.ok((await pageProblems(page)).some((p) => p.code === 'invalid-choice'));

      await drop(Buffer.concat([Buffer.from('---\nid: '), Buffer.from([0x90, 0x6c]), Buffer.from('\n')]), 'sjis.md');
      await page.getByTestId('drop-status').getByText(/UTF-8 として読めない文字があります/).waitFor();
      assert.match(page.url(), /\/$/, 'still on the catalog');

      // Once the app shows the catalog (after moving about in it), the app takes the drop.
      await page.goto(url('settings/'));
      await appReady(page);
      await page.locator('.site-header').getByRole('link', { name: 'プレイブック一覧' }).click();
      await page.locator('#tebiki .app:not([data-static]) main.catalog').waitFor();
      await drop(Buffer.concat([Buffer.from('---\nid: '), Buffer.from([0x90, 0x6c]), Buffer.from('\n')]), 'sjis.md', false);
      await page.getByTestId('drop-status').getByText(/UTF-8 として読めない文字があります/).waitFor();
      const second = text.replace('hr-inquiry-desk', 'hr-inquiry-desk-second');
      await drop(Buffer.from(second), 'second.md', false);
      await page.waitForURL(/\/edit\/$/);
      await page.getByTestId('editor-replace').getByRole('button', { name: '置き換える' }).click();
      assert.equal(await field.inputValue(), second);
      // Elsewhere, a drop is not the catalog's: on a catalog address the app
      // took over at once (the site script listening too) and then left for
      // 設定, nothing opens.
      await page.goto(url('?local=not-here'));
      await page.locator('#tebiki .app:not([data-static])').waitFor();
      await page.locator('.site-header').getByRole('link', { name: '設定' }).click();
      await page.waitForURL(/\/settings\/$/);
      await appReady(page);
      await drop(Buffer.from(text), 'third.md', false);
      await page.waitForTimeout(300);
      assert.match(page.url(), /\/settings\/$/, 'still in 設定');
      assert.deepEqual(problems, []);
    } finally {
      await fresh.close();
    }
  });
});
