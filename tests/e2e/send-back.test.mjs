// Sending back (差し戻し) at an approval (issue 19): an approver returns the
// work with a reason and the earlier steps to redo; exactly those reopen and
// say why, the gate lists the return, the success record keeps it — against
// the release build in real headless Chromium over HTTP.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appReady, axe, nameThisBrowser, servedSite, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const site = sites[0];
const PLAYBOOK = 'hr-inquiry-desk';

describe('sending back at an approval', () => {
  const served = servedSite(site);
  const url = served.url;

  test('an approver returns the work: the chosen steps reopen with the reason, the gate and the record list it, and it survives a reload', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await nameThisBrowser(page, url('settings/'), '高橋 部長');
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    const run = await startRunHere(page, '人事 差し戻し');
    const stepUrl = (step) => url(`p/${PLAYBOOK}/?run=${run}&step=${step}`);
    const panel = page.locator('.guided .step-panel');

    // Two steps finished before the approval.
    for (const step of ['collect-inquiries', 'review-faq-sources']) {
      await page.goto(stepUrl(step));
      await panel.waitFor();
      for (const box of await panel.locator('.item input[type=checkbox]').all()) await box.check();
      await panel.getByTestId('toggle-done').click();
      await page.locator(`.guided .step-panel[data-step="${step}"][data-mark=done]`).waitFor();
    }

    await page.goto(stepUrl('approve-pilot-start'));
    await panel.waitFor();
    const form = panel.getByTestId('send-back');
    await form.locator('summary').click();
    // The playbook's usual reasons are offered; any reason may be written.
    assert.equal(await form.locator('datalist option').count(), 4);
    // Only earlier steps can be chosen.
    const choices = await form.locator('fieldset.redo label').allTextContents();
    assert.equal(choices.length, 4, choices.join(' / '));
    assert.ok(choices.every((c) => c.startsWith('1. 棚卸し ・ ')));
    // Refused whole without a reason.
    await form.getByLabel(/FAQ と規程の現状を確かめる/).check();
    await form.getByTestId('send-back-submit').click();
    await form.getByText('差し戻しの理由を入力してください。').waitFor();
    const reason = 'FAQ が最新の規程と合っていない <img src=x onerror="window.__owned=1">';
    await form.getByLabel('差し戻しの理由').fill(reason);
    await form.getByTestId('send-back-submit').click();
    await form.getByText('差し戻しました。').waitFor();
    assert.equal(
      await form.getByTestId('send-back-counted').textContent(),
      '差し戻すと、指標「承認で差し戻された回数」に 1 回として数えられます。',
    );
    const returns = panel.getByTestId('gate-returns');
    assert.match(await returns.textContent(), /この承認での差し戻し（1 回）/);
    assert.match(await returns.textContent(), /高橋 部長：FAQ が最新の規程と合っていない <img src=x onerror="window.__owned=1"> — やり直すステップ：FAQ と規程の現状を確かめる/);

    // Exactly the chosen step reopened, and it says why; the other stays done.
    await page.goto(stepUrl('review-faq-sources'));
    await page.locator('.guided .step-panel[data-step="review-faq-sources"][data-mark=open]').waitFor();
    assert.match(await panel.getByTestId('sent-back').textContent(), /^差し戻されました：FAQ が最新の規程と合っていない <img[^（]*（高橋 部長、/);
    await page.goto(stepUrl('collect-inquiries'));
    await page.locator('.guided .step-panel[data-step="collect-inquiries"][data-mark=done]').waitFor();
    assert.equal(await panel.getByTestId('sent-back').count(), 0);

    // Kept: after a reload, in storage, in the history and in the record.
    await page.reload();
    await panel.waitFor();
    const stored = (await storedProgress(page)).runs.find((r) => r.id === run);
    const kept = Object.values(stored.returns);
    assert.equal(kept.length, 1);
    assert.deepEqual(kept[0].value.reopened, ['review-faq-sources']);
    await page.getByTestId('history-link').click();
    await page.getByTestId('history').waitFor();
    assert.match(await page.getByTestId('history').textContent(), /差し戻した（理由：FAQ が最新の規程と合っていない/);
    await page.getByTestId('record-link').click();
    const table = page.getByTestId('record-returns');
    await table.waitFor();
    const cells = await table.locator('tbody tr').first().locator('td').allTextContents();
    assert.deepEqual(cells.slice(1), ['パイロットの開始を承認する', reason, 'FAQ と規程の現状を確かめる', '高橋 部長']);
    // The playbook counts returns toward a metric: the record has it, from 0.
    const counted = page.locator('.record-metric', { hasText: '承認で差し戻された回数' }).locator('figcaption');
    assert.match(await counted.textContent(), /基準値：0 回\s+目標値：1 回\s+最新：1 回\s+目標達成/);
    assert.equal(await page.evaluate(() => window.__owned), undefined, 'nothing typed runs');
    assert.equal(await page.locator('img[src=x]').count(), 0);

    // Done again: the notice goes, the return stays on record.
    await page.goto(stepUrl('review-faq-sources'));
    await panel.waitFor();
    await panel.getByTestId('toggle-done').click();
    await page.locator('.guided .step-panel[data-step="review-faq-sources"][data-mark=done]').waitFor();
    assert.equal(await panel.getByTestId('sent-back').count(), 0);
    await page.goto(stepUrl('approve-pilot-start'));
    await panel.getByTestId('gate-returns').waitFor();
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
