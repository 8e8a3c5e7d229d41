// The 稟議 one-pager of an approval step: at the gate each go and stop
// criterion stands against the latest measurement; printed on one A4 page
// (read back with pdftotext) with what is decided, the criteria and their
// status, cost, risks and an empty 承認欄 per approver; the same block in the
// success record. Release build, real headless Chromium over HTTP.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appReady, axe, pdfText, servedSite, sites, startRunHere, watchedPage } from './support.mjs';

const site = sites[0];
const PLAYBOOK = 'hr-inquiry-desk';

describe('the decision summary of a gate', () => {
  const served = servedSite(site);
  const url = served.url;

  test('criteria against the latest measurement, one printed A4 page with 承認欄, and the record', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    const run = await startRunHere(page, '人事 2026 パイロット');
    const goTo = async (step) => {
      await page.goto(url(`p/${PLAYBOOK}/?run=${run}&step=${step}`));
      await page.locator(`.step-panel[data-step=${step}]`).waitFor();
    };

    // At the pilot gate: words only, for the approvers to judge.
    await goTo('approve-pilot-start');
    const pilot = page.getByTestId('decision');
    assert.match(await pilot.textContent(), /目的人事への問い合わせの入口を一つにし/);
    assert.match(await pilot.locator('table.criteria').first().textContent(), /窓口担当の全員が全社共通の AI 利用研修を受けている承認者が判断/);
    assert.match(await pilot.locator('table.risks').textContent(), /要配慮個人情報/);

    // At the rollout gate: numeric criteria wait for measurements.
    await goTo('approve-rollout');
    const rollout = page.getByTestId('decision');
    const row = (text) => rollout.locator('tr', { hasText: text }).locator('td.state');
    assert.equal(await row('再問い合わせ率が 8 % 以下').textContent(), '未測定');
    assert.deepEqual(await axe(page), []);

    // A measurement: the go criterion is met, the stop criterion not reached.
    await goTo('record-pilot-metrics');
    const repeat = page.locator('[data-metric=repeat-inquiry-rate]');
    await repeat.getByLabel('日付').fill('2027-02-28');
    await repeat.getByTestId('measurement').fill('7');
    await repeat.getByRole('button', { name: '測定値を追加' }).click();
    await repeat.getByText(/^7$/).waitFor();
    await goTo('approve-rollout');
    assert.equal(await row('再問い合わせ率が 8 % 以下').textContent(), '満たしている（最新 7 %）');
    assert.equal(await row('再問い合わせ率が 15 % 以上').textContent(), '該当しない（最新 7 %）');
    assert.equal(await row('初回回答までの時間の中央値が 4 時間以内').textContent(), '未測定');

    // The one-pager, printed on A4.
    await page.getByTestId('decision-link').click();
    const sheet = page.getByTestId('decision-sheet');
    await sheet.waitFor();
    assert.equal(new URL(page.url()).searchParams.get('view'), 'decision');
    assert.match(await sheet.locator('.decision-facts').first().textContent(), /決めること「横展開の開始」の承認/);
    assert.equal(await sheet.locator('table.stamp-table tbody tr').count(), 1);
    assert.deepEqual(await axe(page), []);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.run-head').isVisible(), false, 'only the sheet prints');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const text = pdfText(pdf);
    // Table cells wrap on paper: compare without the line breaks.
    const flat = text.replace(/\s+/g, '');
    assert.equal((text.match(/\f/g) ?? []).length <= 1, true, 'one page');
    for (const expected of [
      '稟議用サマリー',
      '「横展開の開始」の承認',
      '人事問い合わせの窓口一本化',
      '移行基準',
      '満たしている（最新 7 %）',
      '撤退基準',
      '該当しない',
      '未測定',
      '展開先の一部門あたり',
      '各部門の規程・手順書',
      '承認欄',
      '人事部長',
    ]) {
      assert.ok(flat.includes(expected.replace(/\s+/g, '')), `the printed page has ${expected}:\n${text}`);
    }

    // The same block in the success record.
    await page.goto(url(`p/${PLAYBOOK}/?run=${run}&view=record`));
    const record = page.getByTestId('record');
    await record.waitFor();
    await record.getByRole('heading', { name: '稟議用サマリー：横展開の開始' }).waitFor();
    assert.match(await record.textContent(), /満たしている（最新 7 %）/);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
