// The phase tools in the release build, in real headless Chromium over HTTP:
// a whole rollout of the accounting playbook — the inventory worksheet from
// pasted spreadsheet rows and CSV, the pilot theme, baselines and the pilot
// gate, approvals, measurements, ROI, the success record (markdown and A4
// PDF) and a clone for another department that passes `tebiki check`.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { appReady, axe, pdfText, root, servedSite, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const site = sites[0];
const PLAYBOOK = 'accounting-send-back-codes';

const TSV = [
  '業務名\t部門\t種類\t月間件数\t1件の所要時間（分）\t対応できる人数\t例外率(%)\t入力元',
  '経費精算の差し戻し連絡\t経理\t判断\t120\t12\t1\t10\tメール',
  '請求書の受付と入力\t経理\t転記\t300\t6\t3\t5\t紙',
  '締め日の問い合わせ対応\t経理\t案内\t80\t5\t2\t\tチャット',
].join('\n');

describe('phase tools', () => {
  const served = servedSite(site, { acceptDownloads: true });
  const url = served.url;

  async function download(page, click) {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
  }

  async function goToStep(page, run, step) {
    await page.goto(url(`p/${PLAYBOOK}/?run=${run}&step=${step}`));
    await page.locator(`.step-panel[data-step=${step}]`).waitFor();
  }

  /** Type into a field that saves on change (blur). */
  async function enter(locator, value) {
    await locator.fill(value);
    await locator.press('Tab');
  }

  test('a whole rollout: worksheet, theme, baselines, gate, sign, measure, record, clone', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    const run = await startRunHere(page, '経理 2026 パイロット');

    // Inventory: rows pasted from a spreadsheet.
    await goToStep(page, run, 'send-back-worksheet');
    const sheet = page.getByTestId('worksheet');
    await sheet.getByText('まだ業務がありません。').waitFor();
    await page.getByLabel('スプレッドシートから貼り付け').fill(TSV);
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await page.getByText('3 件の業務を追加しました。').waitFor();
    const rows = sheet.locator('table.tasks tbody tr');
    assert.equal(await rows.count(), 3);
    const first = sheet.locator('tr[data-task="経費精算の差し戻し連絡"]');
    assert.deepEqual(
      (await first.locator('td').allTextContents()).slice(0, 6),
      ['経理', '判断', '120', '12', '24', '1属人化'],
    );
    assert.equal(await sheet.locator('tr.single-owner').count(), 1);
    // Totals per kind and the suggested approach.
    const summary = sheet.locator('table.summary');
    assert.match(await summary.locator('tbody tr').nth(1).textContent(), /^転記130先に業務の流れと入力フォームを見直して/);
    assert.match(await summary.locator('tfoot').textContent(), /合計3\s*60.7属人化している業務: 1 件/);

    // A bad paste names row and column, and adds nothing.
    await page.getByLabel('スプレッドシートから貼り付け').fill('業務名\t種類\t月間件数\t1件の分数\n仕訳の確認\t判断\t10\t5\n支払の承認\t承認\t5\t3');
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await page.getByText('3 行目 2 列目（種類）: 「承認」は種類ではありません。').waitFor();
    assert.equal(await rows.count(), 3);

    // The ranking gives reasons; pick the transcription task as the theme.
    const ranking = sheet.locator('ol.ranking > li');
    assert.equal(await ranking.count(), 3);
    assert.match(await ranking.first().textContent(), /経費精算の差し戻し連絡（経理）.*月 24 時間かかっている.*一人しか対応できない/);
    assert.match(await ranking.nth(1).textContent(), /請求書の受付と入力.*－ 転記は先に業務の流れの見直しが要る.*入力元が紙のため、先に電子化が要る/);
    await page.getByRole('button', { name: '「経費精算の差し戻し連絡」をパイロットのテーマにする' }).click();
    await page.getByTestId('theme').getByText('経理 / 経費精算の差し戻し連絡').waitFor();

    // CSV out (BOM, Excel-safe) and back in, replacing the sheet.
    const csv = await download(page, () => page.getByTestId('csv-export').click());
    assert.match(csv.name, /^tebiki-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.ok(csv.text.startsWith('\uFEFF業務名,部門,種類,月間件数,1件の所要時間（分）,対応できる人数,例外率(%),入力元,備考,扱う情報,確認の所要時間（分）\r\n'));
    const dir = mkdtempSync(path.join(tmpdir(), 'tebiki-csv-'));
    try {
      const good = path.join(dir, 'inventory.csv');
      writeFileSync(good, csv.text.replace('締め日の問い合わせ対応', '"締め日の問い合わせ対応, 月末"'));
      await page.getByLabel('CSV から読み込む').setInputFiles(good);
      await page.getByText('3 件の業務を読み込めます。').waitFor();
      await page.getByText('3 件のうち 2 件は、表にある業務と同じ業務名・部門です（値はすべて同じです）。').waitFor();
      await page.getByRole('button', { name: '今の表と置き換える' }).click();
      await page.locator('.toast').getByText('棚卸し表を置き換えました：3 件を削除し、3 件を取り込みました。').waitFor();
      assert.equal(await rows.count(), 3);
      await sheet.locator('tr[data-task="締め日の問い合わせ対応, 月末"]').waitFor();
      // A file saved as Shift_JIS is refused with its place; nothing changes.
      const sjis = path.join(dir, 'sjis.csv');
      writeFileSync(sjis, Buffer.concat([Buffer.from('業務名,種類,月間件数,1件の分数\n'), Buffer.from([0x8c, 0x6f, 0x97, 0x9d]), Buffer.from(',案内,1,1\n')]));
      await page.getByLabel('CSV から読み込む').setInputFiles(sjis);
      await page.getByText(/^2 行目 1 列目: UTF-8 ではない文字があります。/).waitFor();
      assert.equal(await rows.count(), 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(await axe(page), []);

    // The pilot gate: closed, and says what it waits for.
    await goToStep(page, run, 'approve-pilot-start');
    const gate = page.getByTestId('gate').first();
    assert.match(await gate.textContent(), /「パイロット開始」の承認条件がまだそろっていません。不足：.*「差し戻し件数」の基準値.*経理課長の承認/);
    assert.doesNotMatch(await gate.textContent(), /標準コードで分類できた差し戻しの割合/, 'measured from the pilot: no baseline to wait for');
    await page.getByTestId('signer').fill('山田 太郎');
    await page.getByRole('button', { name: '承認を記録する' }).click();
    await page.getByText(/基準値が未記録の指標が 5 件あります/).waitFor();
    // Pilot steps cannot be finished yet.
    await goToStep(page, run, 'start-coding');
    await page.getByText('「パイロット開始」の承認条件がそろうまで、このステップは完了にできません。').waitFor();

    // Baselines.
    await goToStep(page, run, 'record-baselines');
    const baselines = { 'send-back-rate': '8', 'send-back-count': '120', 'repeat-send-back-rate': '18', 'notice-minutes': '9', 'closing-overtime-hours': '40' };
    for (const [metric, value] of Object.entries(baselines)) {
      await enter(page.locator(`[data-metric=${metric}]`).getByTestId('baseline'), value);
    }
    await page.locator('[data-metric=closing-overtime-hours]').getByText('基準値と測定値がそろうと、変化を表示します。').waitFor();
    for (const box of await page.locator('.step-panel .item input[type=checkbox]').all()) await box.check();
    await page.getByTestId('toggle-done').click();
    await page.locator('.step-panel[data-mark=done]').waitFor();

    // The company's tool review was done by another team: recorded, with its 稟議.
    await goToStep(page, run, 'approve-pilot-start');
    const prerequisite = page.getByTestId('prerequisite');
    await prerequisite.getByText('他の場所で実施済みとして記録する').click();
    await prerequisite.getByLabel('確認した人').fill('情報システム部 佐藤');
    await prerequisite.getByLabel('参照（稟議番号など。任意）').fill('稟議 2026-118');
    await prerequisite.getByRole('button', { name: '実施済みとして記録する' }).click();
    await prerequisite.getByTestId('prereq-met').waitFor();

    // Sign: the gate opens, the approval step can be done.
    await page.getByTestId('signer').fill('山田 太郎');
    await page.getByLabel('コメント（任意）').fill('対象外の扱いを確認済み');
    await page.getByRole('button', { name: '承認を記録する' }).click();
    await page.getByText('「パイロット開始」の承認条件がそろいました。').waitFor();
    assert.match(await page.locator('dl.signed').textContent(), /氏名山田 太郎役職経理課長.*第 4 版/);
    for (const box of await page.locator('.step-panel .item input[type=checkbox]').all()) await box.check();
    await page.getByTestId('toggle-done').click();
    await page.locator('.step-panel[data-mark=done]').waitFor();

    // Measurements during the pilot, with the chart and the change.
    await goToStep(page, run, 'record-pilot-metrics');
    const overtime = page.locator('[data-metric=closing-overtime-hours]');
    await overtime.getByLabel('日付').fill('2027-01-31');
    await overtime.getByTestId('measurement').fill('32');
    await overtime.getByRole('button', { name: '測定値を追加' }).click();
    await overtime.getByLabel('日付').fill('2027-02-28');
    await overtime.getByTestId('measurement').fill('25');
    await overtime.getByRole('button', { name: '測定値を追加' }).click();
    await overtime.getByText('40 → 25（-15 時間/月）目標達成').waitFor();
    assert.equal(await overtime.locator('svg.metric-chart circle').count(), 3);
    assert.match(await overtime.locator('svg.metric-chart').getAttribute('aria-label'), /基準値 40、目標値 30、最新 25/);
    const sendBacks = page.locator('[data-metric=send-back-count]');
    await sendBacks.getByTestId('measurement').fill('95');
    await sendBacks.getByRole('button', { name: '測定値を追加' }).click();
    await sendBacks.getByText(/120 → 95（-25 件\/月）改善/).waitFor();
    // The gate opened while this metric was unmeasured: it starts with the
    // pilot, asks for no baseline, and changes from its first measurement.
    const coded = page.locator('[data-metric=coded-share]');
    await coded.getByTestId('from-pilot').getByText('パイロットから計測').waitFor();
    assert.equal(await coded.getByTestId('baseline').count(), 0);
    await coded.getByLabel('日付').fill('2027-01-31');
    await coded.getByTestId('measurement').fill('62');
    await coded.getByRole('button', { name: '測定値を追加' }).click();
    await coded.getByLabel('日付').fill('2027-02-28');
    await coded.getByTestId('measurement').fill('81');
    await coded.getByRole('button', { name: '測定値を追加' }).click();
    await coded.getByText('62 → 81（+19 %）改善').waitFor();
    assert.equal(await coded.locator('svg.metric-chart circle').count(), 2, 'the chart starts at the first measurement');

    // The rollout gate waits for the 経理部長.
    await goToStep(page, run, 'approve-rollout');
    assert.match(await page.getByTestId('gate').first().textContent(), /「横展開の開始」の承認条件がまだそろっていません。不足：.*経理部長の承認/);
    await page.getByTestId('signer').fill('佐藤 花子');
    await page.getByRole('button', { name: '承認を記録する' }).click();
    await page.getByText('「横展開の開始」の承認条件がそろいました。').waitFor();
    assert.deepEqual(await axe(page), []);

    // Everything is stored in format 3.
    const saved = await storedProgress(page);
    assert.equal(saved.format, 9);
    const stored = saved.runs[0];
    assert.equal(Object.values(stored.tasks).filter((t) => t.value).length, 3);
    assert.deepEqual(stored.theme.value, { task: '経費精算の差し戻し連絡', department: '経理' });
    assert.equal(stored.metrics['send-back-count'].baseline.value, 120);
    assert.equal(stored.steps['approve-pilot-start'].approvals['accounting-manager'].value.name, '山田 太郎');

    // The success record, with ROI beside the metrics.
    await page.getByTestId('record-link').click();
    const record = page.getByTestId('record');
    await record.waitFor();
    await enter(page.getByLabel('1 時間あたりの人件費（円）'), '3000');
    await enter(page.getByLabel('ツールの月額（円）'), '20000');
    await page.getByTestId('roi-net').getByText('25,000 円').waitFor();
    assert.match(await page.getByTestId('roi').textContent(), /15 h（「月次締め期間の残業時間」の基準値と最新値から）/);
    assert.equal(await record.getByTestId('record-theme').textContent(), '経理 / 経費精算の差し戻し連絡');
    assert.equal(await record.locator('tr.signed-row').count(), 2);
    assert.deepEqual(await axe(page), []);

    const md = await download(page, () => page.getByTestId('download-record').click());
    assert.match(md.name, new RegExp(`^${PLAYBOOK}-${run}-record-\\d{4}-\\d{2}-\\d{2}\\.md$`));
    assert.ok(md.text.startsWith('# 成功記録: 経理 2026 パイロット\n'));
    assert.match(md.text, /- パイロットのテーマ: 経理 \/ 経費精算の差し戻し連絡/);
    assert.match(md.text, /\| パイロット開始 \| 経理課長 \| 山田 太郎 \| \d{4}-\d{2}-\d{2} \| 第 4 版 \| 対象外の扱いを確認済み \|/);
    assert.match(md.text, /\| 月次締め期間の残業時間 \| 40 時間\/月 \| 30 時間\/月 \| 25 時間\/月 \| 目標達成 \|/);
    assert.match(md.text, /\| 標準コードで分類できた差し戻しの割合 \| パイロットから計測 \| 90 % \| 81 % \| 改善 \|/);
    assert.match(md.text, /- 差し引き（月）: 25,000 円/);
    assert.match(md.text, /- 業務 3 件、月 60\.7 時間/);

    // Printed on A4: the record's text, no forms.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.clone').isVisible(), false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const text = pdfText(pdf);
    for (const expected of ['成功記録', '対象範囲', '山田 太郎', '佐藤 花子', '月次締め期間の残業時間', '目標達成', '棚卸しの要約', '経費精算の差し戻し連絡']) {
      assert.ok(text.includes(expected), `PDF has ${expected}`);
    }
    await page.emulateMedia({ media: 'screen' });

    // Clone for another department: the file passes `tebiki check`.
    await page.getByLabel('複製先の部門').fill('営業');
    await page.getByText('ファイル名を変える').click();
    await page.getByLabel('ファイル名（半角英数字）').fill('sales-send-back-codes');
    const clone = await download(page, () => page.getByTestId('clone').click());
    assert.equal(clone.name, 'sales-send-back-codes.md');
    assert.match(clone.text, /\ncloned_from: accounting-send-back-codes@4\n/);
    assert.match(clone.text, /\ndepartment: 営業\n/);
    assert.match(clone.text, /# 要確認 \(review\): metrics は accounting-send-back-codes@4 から引き継ぎました。/);
    assert.doesNotMatch(clone.text.split('\n---')[0], /\n\s+baseline:/);
    const library = mkdtempSync(path.join(tmpdir(), 'tebiki-clone-'));
    try {
      cpSync(path.join(root, 'playbooks'), path.join(library, 'playbooks'), { recursive: true });
      writeFileSync(path.join(library, 'playbooks', clone.name), clone.text);
      const out = execFileSync(path.join(root, 'target/cli/tebiki'), ['check'], { cwd: library, encoding: 'utf8' });
      // The library's files (template included) and the clone, all clean.
      const files = readdirSync(path.join(root, 'playbooks')).filter((f) => f.endsWith('.md') && f !== 'README.md');
      assert.equal(out.trim(), `checked ${files.length + 1} files: 0 errors, 0 warnings`);
    } finally {
      rmSync(library, { recursive: true, force: true });
    }

    // The clone can also be used in this browser at once, as a local playbook.
    await page.getByTestId('keep-local').click();
    await page.getByText('このブラウザのプレイブックに追加しました。').waitFor();
    const open = await page.getByRole('link', { name: '開く' }).getAttribute('href');
    await page.getByTestId('keep-local').click();
    await page.getByText('「sales-send-back-codes」というファイル名のプレイブックは、このブラウザにすでにあります。').waitFor();
    await page.goto(`${served.server.url}${open}`);
    await page.getByTestId('local-note').waitFor();
    assert.equal(new URL(page.url()).search, '?local=sales-send-back-codes');
    assert.match(await page.locator('header .dept').textContent(), /営業/);
    await page.getByTestId('start-run').click();
    await page.waitForSelector('.step-panel');
    const localRun = new URL(page.url());
    assert.equal(localRun.searchParams.get('local'), 'sales-send-back-codes');
    await page.locator('.step-panel .item input[type=checkbox]').first().check();
    await page.reload();
    await page.waitForSelector('.step-panel');
    assert.equal(await page.locator('.step-panel .item input:checked').count(), 1, 'a local run survives a reload');
    await page.goto(url());
    await appReady(page);
    const locals = page.getByTestId('local-playbooks');
    assert.match(await locals.textContent(), /ローカル.*営業.*複製元 accounting-send-back-codes@4/);
    await locals.getByRole('button', { name: /をこのブラウザから削除$/ }).click();
    await page.getByText('「sales-send-back-codes」をこのブラウザから削除しました。').waitFor();
    assert.equal(await locals.count(), 0);
    await page.locator('.toast').getByRole('button', { name: '元に戻す' }).click();
    await page.getByTestId('local-playbooks').waitFor();
    assert.deepEqual(await axe(page), []);

    await page.goto(url(`p/${PLAYBOOK}/?run=${run}&view=record`));
    await page.getByTestId('record').waitFor();
    await page.getByText('ファイル名を変える').click();
    await page.getByLabel('ファイル名（半角英数字）').fill('Sales!');
    await page.getByTestId('clone').click();
    await page.getByText('ファイル名には半角の小文字英数字とハイフンだけを使い、英数字で始めてください。').waitFor();

    assert.deepEqual(problems, []);
    await page.close();
  });

  test('untrusted text in every field runs nothing and is shown as typed', async () => {
    const payloads = [
      '<img src=x onerror="window.__pwned=1">',
      '<script>window.__pwned=1</script>',
      '"><svg onload=window.__pwned=1>',
      '<a href="javascript:window.__pwned=1">x</a>',
      'JaVaScRiPt:window.__pwned=1',
      '<iframe srcdoc="<script>parent.__pwned=1</script>">',
      '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
      '\u0001\u202e制御文字',
    ];
    const P = payloads.join(' ');
    const { page, problems } = await watchedPage(served.browser.context);
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    const foreign = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(served.server.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    const run = await startRunHere(page, P.slice(0, 120));
    assert.equal(await page.locator('h1').textContent(), P.slice(0, 120).trim());
    await page.getByLabel('メモ').fill(P);

    await goToStep(page, run, 'send-back-worksheet');
    const row = payloads.slice(0, 6).map((x) => `"${x.replaceAll('"', '""')}",経理,判断,10,5,1,,"${x.replaceAll('"', '""')}",x`).join('\n');
    await page.getByLabel('スプレッドシートから貼り付け').fill(row);
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await page.getByText('6 件の業務を追加しました。').waitFor();
    assert.equal(await page.locator('table.tasks tbody tr').first().getAttribute('data-task'), payloads[0]);
    await page.getByRole('button', { name: /をパイロットのテーマにする$/ }).first().click();

    await goToStep(page, run, 'approve-pilot-start');
    for (const [m, v] of [['send-back-rate', '1'], ['send-back-count', '1'], ['repeat-send-back-rate', '1'], ['notice-minutes', '1'], ['closing-overtime-hours', '1']]) {
      await page.goto(url(`p/${PLAYBOOK}/?run=${run}&step=record-baselines`));
      await enter(page.locator(`[data-metric=${m}]`).getByTestId('baseline'), v);
    }
    await goToStep(page, run, 'approve-pilot-start');
    await page.getByTestId('signer').fill(payloads[1]);
    await page.getByLabel('コメント（任意）').fill(P);
    await page.getByRole('button', { name: '承認を記録する' }).click();
    await page.locator('dl.signed').getByText(payloads[1], { exact: true }).waitFor();

    await page.getByTestId('record-link').click();
    await page.getByTestId('record').waitFor();
    const md = await download(page, () => page.getByTestId('download-record').click());
    assert.ok(!md.text.includes('<script>'), 'markdown escapes what teams typed');
    await page.getByLabel('複製先の部門').fill(payloads[0]);
    await page.getByText('ファイル名を変える').click();
    await page.getByLabel('ファイル名（半角英数字）').fill('payload-clone');
    const clone = await download(page, () => page.getByTestId('clone').click());
    assert.match(clone.text, /department: "?<img src=x onerror=/);
    await page.getByTestId('keep-local').click();
    await page.getByText('このブラウザのプレイブックに追加しました。').waitFor();
    await page.goto(url('?local=payload-clone'));
    await page.getByTestId('local-note').waitFor();
    assert.equal(await page.locator('header .dept').textContent(), payloads[0]);
    await page.goto(url());
    await appReady(page);
    await page.getByTestId('local-playbooks').getByText(payloads[0], { exact: false }).waitFor();

    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no payload ran');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(foreign, [], 'no request left the site');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('removing a task can be undone, and an edit keeps its place', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    const run = await startRunHere(page);
    await goToStep(page, run, 'send-back-worksheet');
    const form = page.locator('form.task-form');
    await form.getByLabel('業務名').fill('支払依頼の確認');
    await form.getByLabel('種類').selectOption('判断');
    await form.getByLabel('月間件数').fill('４０');
    await form.getByRole('button', { name: '追加する' }).click();
    await page.getByText('「1件の所要時間（分）」を入力してください。').waitFor();
    await form.getByLabel('1件の所要時間（分）').fill('15');
    await form.getByRole('button', { name: '追加する' }).click();
    const row = page.locator('tr[data-task="支払依頼の確認"]');
    await row.waitFor();
    assert.equal(await row.locator('td').nth(4).textContent(), '10');
    await page.getByRole('button', { name: '「支払依頼の確認」を編集' }).click();
    await form.getByLabel('対応できる人数').fill('1');
    await form.getByRole('button', { name: '保存' }).click();
    await page.locator('tr.single-owner[data-task="支払依頼の確認"]').waitFor();
    await page.getByRole('button', { name: '「支払依頼の確認」を削除' }).click();
    await page.getByText('「支払依頼の確認」を棚卸し表から削除しました。').waitFor();
    assert.equal(await row.count(), 0);
    await page.locator('.toast').getByRole('button', { name: '元に戻す' }).click();
    await page.locator('tr.single-owner[data-task="支払依頼の確認"]').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the pilot ranking weighs the data a task handles and what checking the drafts leaves', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    const run = await startRunHere(page);
    await goToStep(page, run, 'send-back-worksheet');
    const sheet = page.getByTestId('worksheet');
    await page.getByLabel('スプレッドシートから貼り付け').fill([
      '業務名\t種類\t月間件数\t1件の所要時間（分）\t扱う情報\t確認の所要時間（分）',
      '給与明細の問い合わせ\t案内\t400\t10\t要配慮個人情報・マイナンバー\t',
      '住所変更の案内\t案内\t100\t12\t個人情報\t',
      '支払条件の確認\t案内\t200\t10\t業務情報\t8',
      '契約書の読み合わせ\t判断\t300\t5\t業務情報\t6',
      '入社手続の案内\t案内\t30\t10\t\t',
    ].join('\n'));
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await page.getByText('5 件の業務を追加しました。').waitFor();
    const pay = sheet.locator('tr[data-task="給与明細の問い合わせ"]');
    assert.deepEqual((await pay.locator('td').allTextContents()).slice(8, 10), ['要配慮個人情報・マイナンバー', '']);
    const ranking = sheet.locator('ol.ranking > li');
    assert.deepEqual(
      await ranking.locator('p.candidate').allTextContents(),
      ['住所変更の案内', '支払条件の確認', '入社手続の案内', '給与明細の問い合わせ', '契約書の読み合わせ'],
      'the biggest task by hours comes last: its data never goes into an AI tool',
    );
    assert.match(await ranking.nth(0).textContent(), /個人情報を含む。マスキングするか、審査済みのツールだけで扱う/);
    assert.match(await ranking.nth(1).textContent(), /AI の出力を人が確認しても、月 6.7 時間の削減が見込める/);
    assert.match(await ranking.nth(2).textContent(), /扱う情報が未記入。給与・健康・マイナンバーなどを含まないか確かめる/);
    assert.match(await ranking.nth(3).textContent(), /要配慮個人情報またはマイナンバーを含み/);
    assert.match(await ranking.nth(4).textContent(), /確認に元の作業と同じかそれ以上の時間がかかり、削減にならない/);
    assert.equal(await sheet.locator('ol.ranking > li.ruled-out').count(), 2);
    // Classifying the unclassified task through the form moves it.
    await page.getByRole('button', { name: '「入社手続の案内」を編集' }).click();
    const form = page.locator('form.task-form');
    await form.getByLabel('扱う情報').selectOption('要配慮個人情報・マイナンバー');
    await form.getByLabel('確認の所要時間（分）').fill('３');
    await form.getByRole('button', { name: '保存' }).click();
    await sheet.locator('tr[data-task="入社手続の案内"] td', { hasText: '要配慮個人情報・マイナンバー' }).waitFor();
    assert.equal(await sheet.locator('ol.ranking > li.ruled-out').count(), 3);
    assert.equal(await ranking.nth(3).locator('p.candidate').textContent(), '入社手続の案内');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
