// Questions and conditional steps (issue 19): a playbook asks what differs
// between companies; the answers make the steps and items that do not apply
// 対象外 with the reason, and another answer brings them back with what was
// recorded — against the release build in real headless Chromium over HTTP.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appReady, axe, servedSite, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const site = sites[0];
const PLAYBOOK = 'accounting-invoice-intake';
const QUESTION = '紙の請求書（郵送や持参）を受け取っていますか';

describe('questions: steps that apply only in some companies', () => {
  const served = servedSite(site);
  const url = served.url;

  test('answered at the start, changed later: the ruled-out step and item say why, come back with their progress, and the record lists it', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);

    // The overview says when the conditional step applies.
    assert.match(await page.locator('.questions').first().textContent(), new RegExp(QUESTION));

    // Asked when the run starts; いいえ rules out the scanning step and item.
    const start = page.getByTestId('start-questions');
    await start.getByRole('group', { name: QUESTION }).getByRole('radio', { name: 'いいえ' }).check();
    const run = await startRunHere(page, '経理 紙の請求書なし');
    const stored = (await storedProgress(page)).runs.find((r) => r.id === run);
    assert.equal(stored.answers['paper-invoices'].value, 'no');

    const panel = page.getByTestId('questions');
    assert.equal(await panel.getAttribute('open'), null, 'closed once everything is answered');
    assert.match(await panel.locator('summary').textContent(), /回答済み（対象外 2 件）/);
    const listed = await panel.getByTestId('excluded-list').locator('li').allTextContents();
    assert.deepEqual(listed, [
      '保存のしかたを電子帳簿保存法に合わせて決める / 紙の請求書をスキャナ保存にするか、紙のまま保存するかを決めた',
      '紙の請求書を受け取った日にスキャンする',
    ]);

    // The step: 対象外 with the reason, its work hidden, no way to mark it done.
    await page.goto(url(`p/${PLAYBOOK}/?run=${run}&step=scan-paper`));
    const step = page.locator('.guided .step-panel[data-step=scan-paper]');
    await step.waitFor();
    assert.equal(await step.getAttribute('data-mark'), 'na');
    const notice = step.getByTestId('excluded-notice');
    assert.match(await notice.textContent(), new RegExp(`「${QUESTION}」の回答が「はい」ではないため対象外`));
    assert.equal(await step.locator('.step-work').isHidden(), true);
    assert.equal(await step.getByTestId('toggle-done').count(), 0);
    assert.equal(await step.locator('.gate-notice').count(), 0, 'no gate to wait for on a step that is not done at all');
    assert.deepEqual(await axe(page), []);

    // 回答を見直す opens the answers; はい brings the step back.
    await notice.getByRole('button', { name: '回答を見直す' }).click();
    assert.equal(await panel.getAttribute('open'), '');
    await panel.getByRole('radio', { name: 'はい' }).check();
    await panel.getByRole('status').getByText('対象外になるものはありません').waitFor();
    assert.equal(await step.getAttribute('data-mark'), 'open');
    const scan = step.getByLabel('紙の請求書をその日のうちにスキャンする担当と、休みの日の代わりを決めた');
    await scan.check();
    assert.deepEqual(await axe(page), []);

    // いいえ again, then はい: what was checked is still checked.
    await panel.getByRole('radio', { name: 'いいえ' }).check();
    await step.getByTestId('excluded-notice').waitFor();
    await panel.getByRole('radio', { name: 'はい' }).check();
    await step.getByTestId('excluded-notice').waitFor({ state: 'detached' });
    assert.equal(await scan.isChecked(), true, 'nothing recorded is lost');

    // Kept across a reload; いいえ once more for the record.
    await page.reload();
    await step.waitFor();
    // Closed once every question is answered; opened to change an answer.
    assert.equal(await panel.getAttribute('open'), null);
    await panel.locator('summary').click();
    assert.equal(await panel.getByRole('radio', { name: 'はい' }).isChecked(), true);
    assert.equal(await scan.isChecked(), true);
    await page.goto(url(`p/${PLAYBOOK}/?run=${run}&step=storage-rules`));
    await panel.locator('summary').click();
    await panel.getByRole('radio', { name: 'いいえ' }).check();
    const item = page.locator('.guided .step-panel .item.excluded');
    await item.waitFor();
    assert.equal(await item.locator('input[type=checkbox]').isDisabled(), true);
    assert.match(await item.locator('.excluded-reason').textContent(), /の回答が「はい」ではないため対象外/);

    await page.getByTestId('history-link').click();
    await page.getByTestId('history').waitFor();
    assert.match(await page.getByTestId('history').textContent(), /いいえ/);
    await page.getByTestId('record-link').click();
    const answers = page.getByTestId('record-answers');
    await answers.waitFor();
    assert.deepEqual(await answers.locator('li').allTextContents(), [`${QUESTION}：いいえ`]);
    const met = await page.getByTestId('record-exceptions-met').locator('li').allTextContents();
    assert.ok(met.some((m) => m.startsWith('紙の請求書を受け取った日にスキャンする：') && m.includes('対象外')), met.join('\n'));

    // The catalog, which has the run but not the playbook, counts the
    // excluded step as finished, as the run does (nothing else is done yet).
    await page.goto(url());
    const card = page.locator(`[data-id=${PLAYBOOK}]`);
    const steps = Number(await card.getAttribute('data-steps'));
    const runs = card.getByTestId('card-runs');
    await runs.waitFor();
    assert.match(await runs.textContent(), new RegExp(`経理 紙の請求書なし.*1 / ${steps}`));
    await page.goto(url(`p/${PLAYBOOK}/`));
    const row = page.getByTestId('run-row').filter({ hasText: '経理 紙の請求書なし' });
    assert.match(await row.textContent(), new RegExp(`1 / ${steps}`), 'and so does the playbook page');

    // The status link carries the answers.
    await page.goto(url(`p/${PLAYBOOK}/?run=${run}`));
    await page.getByTestId('status-link').click();
    const link = await page.getByTestId('status-link-field').inputValue();
    await page.goto('about:blank');
    await page.goto(link);
    await appReady(page);
    assert.deepEqual(await page.getByTestId('status-answer-list').locator('li').allTextContents(), [`${QUESTION}：いいえ`]);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
  });
});
