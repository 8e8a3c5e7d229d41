// A playbook file chosen in the browser (issue 20, first slice): read by the
// same core as `tebiki check`, so a broken one lists exactly the problems the
// CLI prints for the same file — each with its line and column, the source
// line and a caret — and is not added; files that are not UTF-8, binary or
// too large get the CLI's messages; the text of the file stays text. Release
// build, headless Chromium, HTTP; the CLI binary the build used.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { appReady, axe, checkedByCli, listedProblems, root, servedSite, sites, watchedPage } from './support.mjs';

const site = sites[0];
const PAYLOAD = '<img src=x onerror="window.__owned=1">';

const cliProblems = (file) => checkedByCli(file, path.join(site.serveDir, 'playbooks'));
const pageProblems = listedProblems;

describe('a playbook file chosen in the browser', () => {
  const served = servedSite(site);
  const url = served.url;
  const dir = mkdtempSync(path.join(tmpdir(), 'tebiki-import-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function choose(page, name, bytes) {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    await page.goto(url('settings/'));
    await appReady(page);
    await page.getByLabel('読み込むファイルを選ぶ').setInputFiles(file);
    await page.getByTestId('import-problems').waitFor();
    return file;
  }

  test('a broken playbook lists exactly what tebiki check prints in the site\'s library, with the line and a caret, and is not added', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const source = readFileSync(path.join(root, 'playbooks/hr-inquiry-desk.md'), 'utf8')
      .replace('direction: down', 'direction: 下がる方が良い')
      .replace('\nowner:', `\nfoo: ${PAYLOAD}\nowner:`)
      .replace('role: 人事企画担当', 'role: 人事企画担当\n\tapprover: [nobody]');
    const file = await choose(page, 'broken.md', source);

    const cli = cliProblems(file);
    const codes = cli.map((p) => p.code);
    // The library's checks too: the site has a playbook with this id.
    assert.ok(codes.includes('duplicate-playbook-id') && codes.includes('unknown-key'), codes.join(' '));
    assert.deepEqual(await pageProblems(page), cli, 'the same problems, in the same order, in the same words');
    assert.match(await page.getByTestId('import-problems').locator('p.error').textContent(), /「broken\.md」はプレイブックとして使えないため、追加していません（エラー \d+ 件/);

    // The line with the value the key does not take: marked, with a caret under it.
    const direction = page.getByTestId('problem').filter({ has: page.locator('mark', { hasText: '下がる方が良い' }) });
    const shown = await direction.locator('pre.excerpt').evaluate((pre) => pre.innerText);
    assert.match(shown.split('\n')[0], /^\d+\s+direction: 下がる方が良い$/);
    // The caret sits under the first character of the marked text.
    const [markBox, caretBox] = await Promise.all([direction.locator('mark').boundingBox(), direction.locator('.caret').boundingBox()]);
    assert.ok(Math.abs(markBox.x - caretBox.x) < 2, `${markBox.x} vs ${caretBox.x}`);
    assert.ok(caretBox.y > markBox.y + markBox.height / 2, `below it: ${markBox.y} vs ${caretBox.y}`);
    // On a phone the long lines wrap; the caret still hangs from its mark.
    await page.setViewportSize({ width: 360, height: 800 });
    const placed = await page.locator('pre.excerpt mark').evaluateAll((marks) =>
      marks.map((mark) => {
        // The first row of a mark that wraps: where its text starts.
        const first = mark.getClientRects()[0];
        const caret = mark.querySelector('.caret').getBoundingClientRect();
        return { wraps: mark.getClientRects().length > 1, dx: Math.abs(first.left - caret.left), below: caret.top > first.top };
      }),
    );
    assert.ok(placed.some((p) => p.wraps), 'a long line wraps at 360 px');
    for (const p of placed) assert.ok(p.dx < 2 && p.below, JSON.stringify(p));
    await page.setViewportSize({ width: 1280, height: 800 });

    // The file's text is only text.
    assert.ok((await page.getByTestId('import-problems').textContent()).includes(PAYLOAD));
    assert.equal(await page.evaluate(() => window.__owned), undefined);
    assert.equal(await page.locator('main img').count(), 0);
    assert.equal(await page.evaluate(() => localStorage.getItem('tebiki.local.v1')), null, 'nothing was added');
    assert.deepEqual(await axe(page), []);

    // 「エディタで直す」: the file's text in the editor, with the same problems.
    await page.getByTestId('import-fix').click();
    await appReady(page);
    const field = page.getByTestId('editor-source');
    await field.waitFor();
    assert.equal(await field.inputValue(), source);
    await page.locator('[data-testid=editor-summary]:not([aria-busy])').waitFor();
    const listed = (await pageProblems(page)).map((p) => p.code);
    assert.ok(listed.includes('unknown-key') && listed.includes('invalid-choice'), listed.join(' '));
    assert.equal(await page.evaluate(() => localStorage.getItem('tebiki.draft.incoming.v1')), null, 'taken once');

    // A problem picked in the list opens the editor at its place (the draft
    // there now is asked about first).
    await choose(page, 'broken.md', source.replace('### ', '### 改訂 '));
    await direction.getByTestId('problem-go').click();
    await page.getByTestId('editor-replace').getByRole('button', { name: '置き換える' }).click();
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'editor-source');
    const at = await field.evaluate((area) => area.value.slice(area.selectionStart, area.selectionStart + 7));
    assert.equal(at, '下がる方が良い');
    assert.match(await field.inputValue(), /### 改訂 /);
    assert.equal(await page.evaluate(() => localStorage.getItem('tebiki.draft.incoming-at.v1')), null, 'taken once');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('Shift_JIS, binary and too large files get the messages tebiki check gives', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    // 「---\nid: 人事\n」 saved by Notepad as Shift_JIS.
    const sjis = Buffer.concat([Buffer.from('---\nid: '), Buffer.from([0x90, 0x6c, 0x8e, 0x96]), Buffer.from('\n---\n')]);
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00]);
    for (const [name, bytes, code] of [
      ['shift-jis.md', sjis, 'invalid-utf8'],
      ['picture.md', binary, 'invalid-utf8'],
      ['huge.md', Buffer.alloc(2 * 1024 * 1024 + 1, 'a'), 'too-large'],
    ]) {
      const file = await choose(page, name, bytes);
      const cli = cliProblems(file);
      const listed = await pageProblems(page);
      assert.deepEqual(listed, cli, name);
      assert.ok(listed.some((p) => p.code === code), `${name}: ${JSON.stringify(listed)}`);
      assert.equal(await page.getByTestId('import-fix').count(), 0, `${name}: not offered to the editor (its text would change on the way)`);
    }
    // The whole file is too large: no line to show, said as such.
    assert.equal(await page.getByTestId('problem').locator('.problem-at').textContent(), 'ファイル全体');
    assert.equal(await page.locator('pre.excerpt').count(), 0);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
