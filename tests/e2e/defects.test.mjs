// Regression tests for the defects found walking the product as its users
// would (issue 21), each named after what broke, against the release build
// in real headless Chromium over HTTP.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { allWritten, appReady, axe, launch, pdfText, servedSite, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const site = sites[0];
const PLAYBOOK = 'accounting-send-back-codes';

// The accountant's sheet: three tasks with the app's own headings.
const SHEET = [
  '業務名\t部署\t種類\t月間件数\t1件の分数\t対応できる人数\t例外率(%)\t入力元',
  '経費精算の差し戻し連絡\t経理\t判断\t120\t12\t1\t10\tメール',
  '請求書の受付と入力\t経理\t転記\t300\t6\t3\t5\t紙',
  '締め日の問い合わせ対応\t経理\t案内\t80\t5\t2\t\tチャット',
].join('\n');

describe('defects found walking the product (issue 21)', () => {
  const served = servedSite(site, { acceptDownloads: true });
  const url = served.url;

  async function startRun(page, name = undefined, id = PLAYBOOK) {
    await page.goto(url(`p/${id}/`));
    await appReady(page);
    return startRunHere(page, name);
  }

  async function goToStep(page, run, step) {
    await page.goto(url(`p/${PLAYBOOK}/?run=${run}&step=${step}`));
    await page.locator(`.step-panel[data-step=${step}]`).waitFor();
  }

  async function shownStep(page, step) {
    await page.locator(`.guided .step-panel[data-step=${step}]`).waitFor();
  }

  async function download(page, click) {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
  }

  /** Headless Chromium prints nothing: record each print and what the page showed. */
  async function spyOnPrint(page) {
    await page.evaluate(() => {
      window.__prints = [];
      window.print = () => {
        window.__prints.push({
          url: location.href,
          steps: document.querySelectorAll('.step-panel').length,
          record: !!document.querySelector('[data-testid=record]'),
        });
        window.dispatchEvent(new Event('afterprint'));
      };
    });
  }

  const note = (page) => page.locator('.guided .step-panel textarea[id$=-note]');

  test("a step's note stays with its step when moving by the pager, the side list and the keyboard", async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page, '経理 メモの確認');
    await shownStep(page, 'collect-send-backs');
    await note(page).fill('一つ目のメモ');
    await page.getByRole('link', { name: '次のステップ →' }).click();
    await shownStep(page, 'send-back-worksheet');
    assert.equal(await note(page).inputValue(), '', 'the next step has no note of its own yet');
    await note(page).fill('二つ目のメモ');
    // The keyboard (not while typing in the field).
    await page.locator('.guided .step-panel h2').click();
    await page.keyboard.press('j');
    await shownStep(page, 'define-codes');
    assert.equal(await note(page).inputValue(), '');
    await note(page).fill('三つ目のメモ');
    await page.locator('.guided .step-panel h2').click();
    await page.keyboard.press('k');
    await shownStep(page, 'send-back-worksheet');
    assert.equal(await note(page).inputValue(), '二つ目のメモ');
    // The side list.
    await page.locator('.step-list a[href*="step=collect-send-backs"]').click();
    await shownStep(page, 'collect-send-backs');
    assert.equal(await note(page).inputValue(), '一つ目のメモ');
    await page.getByRole('link', { name: '次のステップ →' }).click();
    await shownStep(page, 'send-back-worksheet');
    assert.equal(await note(page).inputValue(), '二つ目のメモ');
    // The browser's back button.
    await page.goBack();
    await shownStep(page, 'collect-send-backs');
    assert.equal(await note(page).inputValue(), '一つ目のメモ');

    const saved = await storedProgress(page);
    const steps = saved.runs.find((r) => r.id === run).steps;
    assert.equal(steps['collect-send-backs'].note.value, '一つ目のメモ');
    assert.equal(steps['send-back-worksheet'].note.value, '二つ目のメモ');
    assert.equal(steps['define-codes'].note.value, '三つ目のメモ');
    await page.reload();
    await shownStep(page, 'collect-send-backs');
    assert.equal(await note(page).inputValue(), '一つ目のメモ');
    await page.getByRole('link', { name: '次のステップ →' }).click();
    await shownStep(page, 'send-back-worksheet');
    assert.equal(await note(page).inputValue(), '二つ目のメモ');

    // The list view of a phase, then another phase: each box its step's.
    await page.goto(url(`p/${PLAYBOOK}/?run=${run}&view=list&phase=inventory`));
    await page.waitForSelector('.run-list-view:not([aria-busy])');
    await page.locator('.step-panel[data-step=approve-pilot-start] textarea[id$=-note]').fill('承認のメモ');
    await page.locator('.phase-map a[href*="phase=pilot"], .view-switch a').first().waitFor();
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = location.href.replace('phase=inventory', 'phase=pilot');
      a.textContent = 'pilot';
      document.querySelector('.run-tools').append(a);
      a.click();
    });
    await page.locator('.run-list-view .phase-list[data-phase=pilot]').waitFor();
    await page.waitForSelector('.run-list-view:not([aria-busy])');
    for (const box of await page.locator('.run-list-view .step-panel textarea').all()) {
      assert.equal(await box.inputValue(), '', 'no note of the inventory phase shows in the pilot phase');
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a baseline typed with its unit or in full-width forms is kept; one that is not a number stays in its field, marked, with the message beside it', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page);
    await goToStep(page, run, 'record-baselines');
    const field = (metric) => page.locator(`[data-metric=${metric}]`).getByTestId('baseline');
    await field('repeat-send-back-rate').fill('12.5%');
    await field('repeat-send-back-rate').press('Tab');
    await field('send-back-count').fill('１２０件');
    await field('send-back-count').press('Tab');
    await field('closing-overtime-hours').fill('１２．５％');
    await field('closing-overtime-hours').press('Tab');
    const wrongUnit = page.locator('#metric-closing-overtime-hours-baseline-error');
    await wrongUnit.getByText(/「１２．５％」は数値として読めません/).waitFor();
    assert.equal(await field('closing-overtime-hours').inputValue(), '１２．５％', 'the typed text stays');
    assert.equal(await field('closing-overtime-hours').getAttribute('aria-invalid'), 'true');
    assert.match(await field('closing-overtime-hours').getAttribute('aria-describedby'), /metric-closing-overtime-hours-baseline-error/);
    // Nothing under the measurement row.
    assert.equal(await page.locator('[data-metric=closing-overtime-hours] .measure-form ~ .error').textContent().catch(() => ''), '');

    let saved = await storedProgress(page);
    let metrics = saved.runs.find((r) => r.id === run).metrics;
    assert.equal(metrics['repeat-send-back-rate'].baseline.value, 12.5);
    assert.equal(metrics['send-back-count'].baseline.value, 120);
    assert.equal(metrics['closing-overtime-hours'], undefined, 'nothing saved from a value that is not a number');
    // Fixed: the mark and the message go.
    await field('closing-overtime-hours').fill('４０時間');
    await field('closing-overtime-hours').press('Tab');
    await page.waitForFunction(() => !document.querySelector('#metric-closing-overtime-hours-baseline')?.hasAttribute('aria-invalid'));
    assert.equal(await wrongUnit.textContent(), '');
    await page.reload();
    await page.locator('.step-panel[data-step=record-baselines]').waitFor();
    assert.equal(await field('repeat-send-back-rate').inputValue(), '12.5');
    assert.equal(await field('closing-overtime-hours').inputValue(), '40');
    saved = await storedProgress(page);
    metrics = saved.runs.find((r) => r.id === run).metrics;
    assert.equal(metrics['closing-overtime-hours'].baseline.value, 40);

    // A measurement the same way: its own message, beside its own field.
    const card = page.locator('[data-metric=send-back-count]');
    await card.getByTestId('measurement').fill('九十五');
    await card.getByRole('button', { name: '測定値を追加' }).click();
    await page.locator('#metric-send-back-count-value-error').getByText(/「九十五」は数値として読めません/).waitFor();
    assert.equal(await card.getByTestId('measurement').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#metric-send-back-count-baseline-error').textContent(), '');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a step with open items says which, offers 対象外 only where the playbook allows it, and x answers the same', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page);
    await shownStep(page, 'collect-send-backs');
    await page.getByTestId('toggle-done').click();
    const alert = page.locator('.guided .step-panel > .error[role=alert]');
    await alert.getByText('未完了のチェック項目が 2 件あります：「経費精算の差し戻しを三か月分集めた」「請求書の差し戻しを三か月分集めた」。').waitFor();
    assert.doesNotMatch(await alert.textContent(), /対象外/, 'no way out that the step does not offer');
    // The keyboard says the same instead of nothing.
    await page.reload();
    await shownStep(page, 'collect-send-backs');
    await page.locator('.guided .step-panel h2').click();
    await page.keyboard.press('x');
    await alert.getByText(/未完了のチェック項目が 2 件あります/).waitFor();
    // A step the playbook lets the team skip says so.
    await goToStep(page, run, 'send-back-worksheet');
    await page.locator('.guided .step-panel h2').click();
    await page.keyboard.press('x');
    await alert.getByText(/未完了のチェック項目が 3 件あります/).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("each missing item of a gate leads to the step and field where it is entered", async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page);
    await goToStep(page, run, 'approve-pilot-start');
    const gate = page.getByTestId('gate').first();
    await gate.getByRole('link', { name: /「差し戻し件数」の基準値/ }).click();
    await shownStep(page, 'record-baselines');
    await page.waitForFunction(() => document.activeElement?.id === 'metric-send-back-count-baseline');
    await goToStep(page, run, 'start-coding');
    // The gate notice on a pilot step leads to the approval form.
    await page.locator('.gate-notice').getByRole('link', { name: /経理課長の承認/ }).click();
    await shownStep(page, 'approve-pilot-start');
    await page.waitForFunction(() => document.activeElement?.id === 'sign-approve-pilot-start-accounting-manager-name');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a playbook can be cloned from its own page, is marked for review, never takes an existing id, and its file is taken where it belongs', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    await page.getByText('このプレイブックを複製', { exact: true }).click();
    await page.getByLabel('複製先の部門').fill('総務');
    assert.equal(await page.getByLabel('新しいプレイブックの題名').inputValue(), '差し戻し理由のコード化と差し戻し連絡の下書き');
    await page.getByLabel('新しいプレイブックの題名').fill('総務の申請差し戻しのコード化');
    // A name the site already has is refused, with a free one offered.
    await page.getByText('ファイル名を変える').click();
    await page.getByLabel('ファイル名（半角英数字）').fill('hr-inquiry-desk');
    await page.getByTestId('clone').click();
    await page.getByText(/「hr-inquiry-desk」はこのサイトのプレイブックがすでに使っています。/).waitFor();
    await page.getByRole('button', { name: /「hr-inquiry-desk-2」にする/ }).click();
    assert.equal(await page.getByLabel('ファイル名（半角英数字）').inputValue(), 'hr-inquiry-desk-2');
    const clone = await download(page, () => page.getByTestId('clone').click());
    assert.equal(clone.name, 'hr-inquiry-desk-2.md');
    for (const key of ['summary', 'owner', 'scope', 'metrics']) {
      assert.match(clone.text, new RegExp(`# 要確認 \\(review\\): ${key} は accounting-send-back-codes@4 から引き継ぎました。`));
    }
    assert.match(clone.text, /\ntitle: 総務の申請差し戻しのコード化\n/);
    await page.getByTestId('keep-local').click();
    await page.getByText('このブラウザのプレイブックに追加しました。').waitFor();

    // The downloaded file chosen in 設定's data import: said what it is, and taken where it goes.
    const dir = mkdtempSync(path.join(tmpdir(), 'tebiki-md-'));
    try {
      const file = path.join(dir, clone.name);
      writeFileSync(file, clone.text.replace(/^id: .*$/m, 'id: general-affairs-send-back-codes'));
      await page.goto(url('settings/'));
      await appReady(page);
      await page.getByLabel('ファイルを選ぶ').setInputFiles(file);
      await page.getByText(/このファイルはプレイブック「総務の申請差し戻しのコード化」です。/).waitFor();
      assert.equal(await page.getByText(/JSON として読めません/).count(), 0);
      await page.getByRole('button', { name: 'このブラウザのプレイブックに追加' }).click();
      await page.getByText('このブラウザのプレイブックに追加しました。').waitFor();
      // A CSV is named too.
      const csv = path.join(dir, 'inventory.csv');
      writeFileSync(csv, '\uFEFF業務名,種類,月間件数,1件の分数\r\n請求書,転記,1,1\r\n');
      await page.getByLabel('ファイルを選ぶ').setInputFiles(csv);
      await page.getByText(/棚卸し表の CSV です。/).waitFor();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.goto(url());
    await appReady(page);
    assert.match(await page.getByTestId('local-playbooks').textContent(), /総務の申請差し戻しのコード化/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('export files are named after what they hold, and the import preview names the runs it would remove', async () => {
    const other = await launch({ acceptDownloads: true });
    try {
      const { page, problems } = await watchedPage(other.context);
      await startRun(page, '人事部 2026 パイロット', 'hr-inquiry-desk');
      await page.goto(url('settings/'));
      await appReady(page);
      const hr = await download(page, () => page.getByTestId('export').click());
      assert.match(hr.name, /^tebiki-人事部 2026 パイロット-\d{4}-\d{2}-\d{2}\.json$/);

      await startRun(page, '経理部 2026 パイロット');
      await page.goto(url('settings/'));
      await appReady(page);
      const both = await download(page, () => page.getByTestId('export').click());
      assert.match(both.name, /^tebiki-人事部 2026 パイロット ほか 1 件-\d{4}-\d{2}-\d{2}\.json$/);

      // A second department's file would replace the first: the preview says which runs go.
      const dir = mkdtempSync(path.join(tmpdir(), 'tebiki-export-'));
      try {
        const file = path.join(dir, hr.name);
        writeFileSync(file, hr.text);
        await page.getByLabel('ファイルを選ぶ').setInputFiles(file);
        const preview = page.getByTestId('import-preview');
        await preview.waitFor();
        assert.match(await preview.textContent(), /このブラウザから消える取り組み（1 件）.*経理部 2026 パイロット/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      assert.deepEqual(problems, []);
    } finally {
      await other.close();
    }
  });

  test('pasting the corrected sheet again asks, updates the tasks it names instead of doubling them, and says what happened', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page);
    await goToStep(page, run, 'send-back-worksheet');
    const paste = page.getByLabel('スプレッドシートから貼り付け');
    await paste.fill(SHEET);
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await page.getByText('3 件の業務を追加しました。').waitFor();
    const summary = page.locator('table.summary tfoot');
    assert.match(await summary.textContent(), /合計3\s*60.7属人化している業務: 1 件/);

    await paste.fill(SHEET.replace('\t12\t1\t10', '\t15\t1\t10'));
    await page.getByRole('button', { name: '行を取り込む' }).click();
    const choice = page.getByTestId('paste-preview');
    await choice.getByText('3 件のうち 3 件は、表にある業務と同じ業務名・部門です（うち 1 件は値が違います）。').waitFor();
    assert.match(await summary.textContent(), /合計3/, 'nothing changes before the choice');
    await choice.getByRole('button', { name: '同じ業務は更新し、ほかを追加する' }).click();
    await page.getByText('1 件を更新しました。追加した業務はありません。').waitFor();
    assert.equal(await page.locator('table.tasks tbody tr').count(), 3);
    assert.match(await summary.textContent(), /合計3\s*66.7属人化している業務: 1 件/);

    // Replacing says what it removed, and can be undone.
    await paste.fill(SHEET.split('\n').slice(0, 2).join('\n'));
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await choice.getByRole('button', { name: '今の表と置き換える' }).click();
    await page.locator('.toast').getByText('棚卸し表を置き換えました：3 件を削除し、1 件を取り込みました。').waitFor();
    assert.equal(await page.locator('table.tasks tbody tr').count(), 1);
    await page.locator('.toast').getByRole('button', { name: '元に戻す' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.tasks tbody tr').length === 3);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("every problem of a paste is reported at once, the accountant's own headings are read, and an empty cell is called empty", async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page);
    await goToStep(page, run, 'send-back-worksheet');
    const own = [
      '業務名\t担当部署\t区分\t件数（月）\t所要時間（分/件）\t担当できる人数',
      '経費精算の差し戻し連絡\t経理\t\t120\t12\t1',
      '請求書の受付と入力\t経理\t転記\t三百\t6\t3',
      '支払の承認\t経理\t承認\t40\t\t1',
    ].join('\n');
    await page.getByLabel('スプレッドシートから貼り付け').fill(own);
    await page.getByRole('button', { name: '行を取り込む' }).click();
    const found = page.getByTestId('paste-problems');
    await found.getByText('問題が 4 件あるため、何も取り込んでいません。').waitFor();
    assert.deepEqual(await found.locator('li').allTextContents(), [
      '2 行目 3 列目: 種類が空欄です。判断・転記・案内のどれかを書いてください。',
      '3 行目 4 列目（月間件数）: 「三百」は数ではありません。0 以上の数を書いてください。',
      '4 行目 3 列目（種類）: 「承認」は種類ではありません。判断・転記・案内のどれかを書いてください。',
      '4 行目 5 列目: 1件の所要時間（分）が空欄です。0 以上の数を書いてください。',
    ]);
    assert.equal(await page.locator('table.tasks tbody tr').count(), 0, 'nothing half-imported');
    const fixed = own.replace('経理\t\t120', '経理\t判断\t120').replace('三百', '300').replace('承認\t40\t\t1', '判断\t40\t5\t1');
    await page.getByLabel('スプレッドシートから貼り付け').fill(fixed);
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await page.getByText('3 件の業務を追加しました。').waitFor();
    assert.equal(await page.locator('tr[data-task="支払の承認"] td').first().textContent(), '経理');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the printed success record keeps every table on A4 and every approval comment whole', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page, '経理 2026 印刷の確認');
    await goToStep(page, run, 'record-baselines');
    for (const [metric, value] of [['send-back-rate', '8'], ['send-back-count', '120'], ['repeat-send-back-rate', '18'], ['notice-minutes', '9'], ['closing-overtime-hours', '40']]) {
      await page.locator(`[data-metric=${metric}]`).getByTestId('baseline').fill(value);
      await page.locator(`[data-metric=${metric}]`).getByTestId('baseline').press('Tab');
    }
    await goToStep(page, run, 'approve-pilot-start');
    const comment = '対象外の3分類を厳守すること。不正の疑い・支払条件の変更・税務判断は下書きを使わず、経理課長に回すこと。';
    await page.getByTestId('signer').fill('山田 太郎');
    await page.getByLabel('コメント（任意）').fill(comment);
    await page.getByRole('button', { name: /承認を記録する/ }).click();
    await page.locator('dl.signed').waitFor();
    await page.getByTestId('record-link').click();
    await page.getByTestId('record').waitFor();
    await page.emulateMedia({ media: 'print' });
    // Every table fits the A4 page's width: nothing clipped.
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('.record table')].map((t) => t.scrollWidth - t.parentElement.clientWidth).filter((d) => d > 1),
    );
    assert.deepEqual(overflow, []);
    const keepWithNext = await page.evaluate(() => getComputedStyle(document.querySelector('.record h3')).breakAfter);
    assert.equal(keepWithNext, 'avoid');
    const text = pdfText(await page.pdf({ format: 'A4', printBackground: true })).replace(/\s+/g, '');
    assert.ok(text.includes(comment.replace(/\s+/g, '')), 'the whole comment is on paper');
    assert.ok(text.includes('2026年') || text.includes('年'), 'dates on paper as 年月日');
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'no ISO dates on paper');
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('printing from the guided view offers what to print, clips nothing and returns to where the person was', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page);
    await goToStep(page, run, 'send-back-worksheet');
    await page.getByLabel('スプレッドシートから貼り付け').fill(SHEET);
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await page.getByText('3 件の業務を追加しました。').waitFor();
    const here = page.url();
    await spyOnPrint(page);
    await page.getByRole('button', { name: '印刷する' }).click();
    await page.getByRole('button', { name: 'このフェーズ（棚卸し）' }).click();
    await page.waitForFunction(() => window.__prints.length === 1);
    const [printed] = await page.evaluate(() => window.__prints);
    assert.match(printed.url, /view=list&phase=inventory/);
    assert.equal(printed.steps, 5, 'the inventory phase, not all 15 steps');
    await page.waitForFunction((u) => location.href === u, here);
    await page.locator('.guided .step-panel[data-step=send-back-worksheet]').waitFor();
    // The worksheet on paper: every column of a row, no buttons.
    await page.emulateMedia({ media: 'print' });
    const clipped = await page.evaluate(() => {
      const t = document.querySelector('table.tasks');
      return t.scrollWidth - t.parentElement.clientWidth;
    });
    assert.ok(clipped <= 1, `the worksheet fits the page (${clipped}px over)`);
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: '印刷する' }).click();
    await page.getByRole('button', { name: '成功記録' }).click();
    await page.waitForFunction(() => window.__prints.length === 2);
    assert.equal((await page.evaluate(() => window.__prints))[1].record, true);
    await page.waitForFunction((u) => location.href === u, here);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('wide tables keep their actions in sight and nothing is wider than a 360 px screen', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.setViewportSize({ width: 1280, height: 900 });
    const run = await startRun(page);
    await goToStep(page, run, 'send-back-worksheet');
    await page.getByLabel('スプレッドシートから貼り付け').fill(SHEET);
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await page.getByText('3 件の業務を追加しました。').waitFor();
    const inSight = async (name) => {
      const button = page.getByRole('button', { name });
      const box = await button.boundingBox();
      const region = await button.evaluate((b) => b.closest('.table-scroll').getBoundingClientRect().toJSON());
      return box.x >= region.x - 1 && box.x + box.width <= region.x + region.width + 1;
    };
    assert.ok(await inSight('「経費精算の差し戻し連絡」を編集'), 'edit in sight at 1280 px');
    assert.ok(await inSight('「経費精算の差し戻し連絡」を削除'), 'remove in sight at 1280 px');

    await page.setViewportSize({ width: 360, height: 740 });
    const wider = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok((await wider()) <= 0, `run page ${await wider()} px wider than the screen`);
    assert.ok(await inSight('「経費精算の差し戻し連絡」を編集'), 'edit in sight at 360 px');
    await goToStep(page, run, 'approve-pilot-start');
    await page.getByTestId('signer').fill('山田 太郎');
    await page.getByLabel('コメント（任意）').fill('対象外の3分類を厳守すること');
    await page.getByRole('button', { name: /承認を記録する/ }).click();
    await page.getByText(/基準値が未記録/).waitFor();
    await page.getByTestId('record-link').click();
    await page.getByTestId('record').waitFor();
    assert.ok((await wider()) <= 0, `record ${await wider()} px wider than the screen`);
    // Every column of the approvals is on screen, without scrolling sideways.
    const hidden = await page.evaluate(() =>
      [...document.querySelectorAll('.record-approvals tr td, .record-approvals tr th')]
        .filter((c) => c.offsetParent !== null)
        .map((c) => c.getBoundingClientRect())
        .filter((r) => r.right > window.innerWidth + 1).length,
    );
    assert.equal(hidden, 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("the playbook page shows the playbook's baselines and, apart, this browser's run's", async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page, '経理 基準値の確認');
    await goToStep(page, run, 'record-baselines');
    await page.locator('[data-metric=send-back-count]').getByTestId('baseline').fill('120');
    await page.locator('[data-metric=send-back-count]').getByTestId('baseline').press('Tab');
    await allWritten(page);
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    const row = page.locator('table.metrics tbody tr', { hasText: '差し戻し件数' }).first();
    const headers = await page.locator('table.metrics thead th').allTextContents();
    assert.ok(headers.some((h) => h.includes('経理 基準値の確認')), headers.join(' | '));
    assert.match(await row.textContent(), /120 件\/月/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('smaller: 対象外 behind a closed gate says so first; the form header says 編集; approval says who presses it; no developer words', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page);
    await goToStep(page, run, 'publish-guide');
    await page.getByRole('button', { name: /^対象外にする…/ }).click();
    await page.getByText(/「パイロット開始」の承認条件がそろうまで/).first().waitFor();
    assert.equal(await page.getByLabel(/対象外にする理由/).count(), 0, 'no reason asked for before the gate opens');

    await goToStep(page, run, 'send-back-worksheet');
    await page.getByLabel('スプレッドシートから貼り付け').fill(SHEET);
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await page.getByText('3 件の業務を追加しました。').waitFor();
    await page.getByRole('button', { name: '「経費精算の差し戻し連絡」を編集' }).click();
    assert.equal(await page.locator('details.sheet-section').first().locator('summary').textContent(), '業務を編集');

    await goToStep(page, run, 'approve-pilot-start');
    const sign = page.locator('.sign-box').first();
    assert.match(await sign.textContent(), /経理課長ご本人が記録してください/);
    assert.match(await sign.textContent(), /入力された名前は本人確認をしていません/);
    await page.getByTestId('record-link').click();
    await page.getByTestId('record').waitFor();
    for (const where of [url(`p/${PLAYBOOK}/?run=${run}&view=record`), url(`p/${PLAYBOOK}/`), url('settings/')]) {
      await page.goto(where);
      await appReady(page);
      const text = await page.locator('main').innerText();
      assert.doesNotMatch(text, /tebiki check|リポジトリ|\bid\b/, `${where}: ${text.match(/.{0,30}(tebiki check|リポジトリ|\bid\b).{0,30}/)?.[0]}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});
