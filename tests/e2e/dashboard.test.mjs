// The dashboard across runs (issue 17, section 4): a team's shared folder
// of members' files, read with <input type=file webkitdirectory> in memory,
// shown as one row per run, downloaded as CSV and taken in through the merge
// preview — against the release build in real headless Chromium over HTTP,
// with one browser profile per member and one for the coordinator.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appReady, axe, launch, nameThisBrowser, serve, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const site = sites[0];

describe('the dashboard of a shared folder', () => {
  let server;
  const browsers = [];
  let folder;
  const url = (relative = '') => `${server.url}${site.base}${relative}`;

  before(async () => {
    server = await serve(site.serveDir);
    folder = mkdtempSync(path.join(tmpdir(), 'tebiki-folder-'));
  });
  after(async () => {
    for (const b of browsers) await b.close();
    server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function member(who) {
    const browser = await launch({ acceptDownloads: true });
    browsers.push(browser);
    const watched = await watchedPage(browser.context);
    await nameThisBrowser(watched.page, url('settings/'), who);
    return watched;
  }

  async function startRun(page, playbook, name) {
    await page.goto(url(`p/${playbook}/`));
    await appReady(page);
    return startRunHere(page, name);
  }

  /** Share the open run into the folder as `file`. */
  async function share(page, file) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-run').click()]);
    await download.saveAs(path.join(folder, file));
  }

  async function takeIn(page, file) {
    await page.goto(url('settings/'));
    await appReady(page);
    await page.getByLabel('読み込むファイルを選ぶ').setInputFiles(path.join(folder, file));
    await page.getByTestId('import-merge').click();
    await page.getByTestId('merge-done').waitFor();
  }

  const rows = async (page) =>
    page.getByTestId('dash-row').evaluateAll((trs) =>
      trs.map((tr) => Object.fromEntries([...tr.cells].map((c) => [c.dataset.label, c.textContent.trim()]))),
    );

  test('three members\' files become one row per run; nothing is stored until taken in; CSV and filters follow', async () => {
    const sato = await member('佐藤');
    const suzuki = await member('鈴木');
    const takahashi = await member('高橋');

    // 佐藤 starts the 人事 run and shares it; 鈴木 takes it in, works on it and shares it back.
    const hr = await startRun(sato.page, 'hr-inquiry-desk', '人事部 パイロット');
    await sato.page.locator('.guided .step-panel .item input[type=checkbox]').first().check();
    await share(sato.page, 'sato.json');
    await takeIn(suzuki.page, 'sato.json');
    await suzuki.page.goto(url(`p/hr-inquiry-desk/?run=${hr}`));
    await suzuki.page.locator('.step-panel').waitFor();
    await suzuki.page.locator('.guided .step-panel .item input[type=checkbox]').nth(1).check();
    await suzuki.page.getByLabel('メモ').fill('鈴木のメモ');
    await share(suzuki.page, 'suzuki.json');
    // 高橋 has a run of his own, with a payload for a name.
    const payload = '<img src=x onerror="window.__pwned=1">経理 請求書';
    const acc = await startRun(takahashi.page, 'accounting-invoice-intake', payload);
    await takahashi.page.locator('.guided .step-panel .item input[type=checkbox]').first().check();
    await share(takahashi.page, 'takahashi.json');
    // What else lives in a shared folder: minutes, and a file cut short.
    writeFileSync(path.join(folder, '議事録.txt'), '定例の議事録');
    const cut = readFileSync(path.join(folder, 'sato.json'), 'utf8');
    writeFileSync(path.join(folder, 'broken.json'), cut.slice(0, cut.length / 2));
    // 「共有」 in Shift_JIS, as an old tool might save it.
    writeFileSync(path.join(folder, 'sjis.json'), Buffer.from([0x7b, 0x8b, 0xa4, 0x97, 0x4c, 0x7d]));

    // The coordinator, in a fresh browser.
    const coordinator = await member('山本');
    const { page, problems } = coordinator;
    await page.goto(url('dashboard/'));
    await appReady(page);
    await page.getByTestId('dash-empty').waitFor();
    assert.deepEqual(await axe(page), [], 'the empty dashboard');
    await page.getByTestId('open-folder').setInputFiles(folder);
    const state = page.getByTestId('folder-state');
    await state.waitFor();
    assert.match(await state.textContent(), /ファイル 3 件から、取り組み 2 件/);
    const problemList = await page.getByTestId('folder-problems').locator('li').allTextContents();
    assert.equal(problemList.length, 2);
    assert.match(problemList.find((p) => p.startsWith('broken.json')), /^broken\.json: \d+ 行 \d+ 列：JSON として読めません/);
    assert.match(problemList.find((p) => p.startsWith('sjis.json')), /UTF-8 のテキストではないため読めません/);
    assert.match(await state.textContent(), /tebiki のファイル（\.json）でないもの 1 件は読み飛ばしました/);
    await page.getByTestId('dashboard').waitFor();

    const shown = await rows(page);
    assert.equal(shown.length, 2);
    const byRun = Object.fromEntries(
      await page.getByTestId('dash-row').evaluateAll((trs) => trs.map((tr) => [tr.dataset.run, tr.rowIndex])),
    );
    assert.ok(byRun[hr] && byRun[acc], 'a row per run');
    const hrRow = shown.find((r) => r['取り組み'].startsWith('人事部 パイロット'));
    assert.equal(hrRow['部門'], '人事');
    assert.equal(hrRow['出どころ'], 'フォルダ');
    assert.match(hrRow['最後の変更'], /鈴木$/, 'the last change is 鈴木\'s');
    assert.match(hrRow['そろっていない承認条件'], /パイロット開始：.*前提のプレイブックの完了/);
    const accRow = shown.find((r) => r['部門'] === '経理');
    assert.equal(accRow['取り組み'].startsWith(payload), true, 'a name is text');
    assert.match(accRow['最後の変更'], /高橋$/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('img[src=x]').count(), 0);
    assert.equal(await storedProgress(page), null, 'reading a folder stores nothing');
    assert.deepEqual(await axe(page), [], 'the dashboard with a folder');

    // Filter and order live in the address.
    await page.getByLabel('部門').selectOption('人事');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=dash-row]').length === 1);
    assert.match(page.url(), /dashboard\/\?dept=%E4%BA%BA%E4%BA%8B/);
    await page.getByLabel('並べ替え').selectOption({ label: '最近変更された順' });
    assert.match(page.url(), /sort=last/);
    await page.getByLabel('部門').selectOption('');

    // The CSV has the rows in the order shown, with a BOM for Excel.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dash-csv').click()]);
    assert.match(download.suggestedFilename(), /^tebiki-dashboard-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.equal(csv.charCodeAt(0), 0xfeff);
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    assert.equal(lines[0], '部門,プレイブック,取り組み,フェーズ,進捗（%）,終えたステップ,次のステップ,次のステップの担当,次のステップの期限,期限の状況,そろっていない承認条件,主な指標,最後の変更,変更した人,出どころ');
    assert.equal(lines.length, 3, 'headings and two rows (line breaks within a cell are LF inside quotes)');
    assert.match(lines[1], /^経理,/, 'most recently changed first: 高橋 shared last');
    assert.match(lines[2], /^人事,.*,鈴木,フォルダ$/s);

    // Taking the folder in goes through the merge preview.
    await page.getByTestId('take-in-folder').click();
    await page.getByTestId('import-merge').click();
    await page.getByTestId('merge-done').waitFor();
    const stored = await storedProgress(page);
    assert.deepEqual(stored.runs.map((r) => r.id).sort(), [hr, acc].sort());
    const hrStored = stored.runs.find((r) => r.id === hr);
    const notes = Object.values(hrStored.steps).map((s) => s.note?.value).filter(Boolean);
    assert.deepEqual(notes, ['鈴木のメモ'], 'every member\'s work came in');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=dash-row] td[data-label=出どころ]')].every((td) => td.textContent === 'このブラウザ＋フォルダ'),
    );
    // A run in this browser links to its screen.
    await page.getByRole('link', { name: '人事部 パイロット' }).click();
    await page.locator('.step-panel').waitFor();
    assert.match(page.url(), new RegExp(`p/hr-inquiry-desk/\\?run=${hr}`));
    for (const who of [sato, suzuki, takahashi]) assert.deepEqual(who.problems, []);
    assert.deepEqual(problems, []);
  });
});
