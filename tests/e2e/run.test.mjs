// Runs in the release build, in real headless Chromium over HTTP: a whole
// playbook walked through and still there after a reload and a browser
// restart; keyboard; two tabs; damaged, newer, full and blocked storage;
// delete and undo; export and import into a clean profile.

import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { allWritten, appReady, axe, launch, newProfile, pdfText, servedSite, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const KEY = 'tebiki.progress.v1';
const site = sites[0];
const PLAYBOOK = 'company-work-inventory';

describe('runs', () => {
  const served = servedSite(site);
  const url = served.url;

  /** Start a run of `id` from its page; resolves to the run's id. */
  async function startRun(page, id = PLAYBOOK, name = undefined) {
    await page.goto(url(`p/${id}/`));
    await appReady(page);
    return startRunHere(page, name);
  }

  test('a whole playbook, step by step, survives a reload and a browser restart', async () => {
    const profile = newProfile();
    let first;
    let restarted;
    try {
      first = await launch({}, profile);
      const { page, problems } = await watchedPage(first.context);
      const run = await startRun(page, PLAYBOOK, '全社 2026年度 棚卸し');
      assert.match(run, /^r[0-9a-z]+$/);
      assert.equal(await page.locator('h1').textContent(), '全社 2026年度 棚卸し');
      assert.match(await page.title(), /^全社 2026年度 棚卸し \| /);

      const total = await page.locator('.step-list li').count();
      assert.equal(total, 11);
      let phaseCompleted = 0;
      for (let i = 0; i < total; i++) {
        const panel = page.locator('.step-panel');
        const stepId = await panel.getAttribute('data-step');
        assert.ok(page.url().includes('run=') && (i === 0 || page.url().includes(`step=${stepId}`)), page.url());
        if (i === 0) {
          // Done is refused while items are open, with the reason given.
          await page.getByTestId('toggle-done').click();
          await page.getByText(/未完了のチェック項目が \d+ 件あります/).waitFor();
          await page.getByLabel('メモ').fill('各部門の窓口担当に依頼済み。\n締切は月末。');
        }
        if (stepId === 'literacy-training') {
          await page.getByRole('button', { name: /^対象外にする…/ }).click();
          await page.getByRole('button', { name: '対象外にする', exact: true }).click();
          await page.getByText('対象外にする理由を入力してください。').waitFor();
          await page.getByLabel(/対象外にする理由/).fill('全社研修を 9 月に実施済み');
          await page.getByRole('button', { name: '対象外にする', exact: true }).click();
          await page.locator('.step-panel[data-mark=na]').waitFor();
        } else {
          // Metric steps: baselines (the pilot gate waits for them); approval
          // steps: every approver signs (the gate waits for them).
          for (const input of await panel.getByTestId('baseline').all()) {
            if (!(await input.inputValue()) && !(await input.getAttribute('placeholder'))) {
              await input.fill('10');
              await input.press('Tab');
            }
          }
          while ((await panel.getByTestId('signer').count()) > 0) {
            const left = await panel.getByTestId('signer').count();
            await panel.getByTestId('signer').first().fill('承認 太郎');
            await panel.locator('form.sign-form').first().getByRole('button', { name: '承認を記録する' }).click();
            await page.waitForFunction((n) => document.querySelectorAll('[data-testid=signer]').length < n, left);
          }
          for (const box of await panel.locator('.item input[type=checkbox]').all()) await box.check();
          await page.getByTestId('toggle-done').click();
          await page.locator('.step-panel[data-mark=done]').waitFor();
        }
        const celebrate = page.getByTestId('phase-complete');
        if (await celebrate.count()) {
          phaseCompleted++;
          await page.getByTestId('phase-complete').getByRole('button', { name: '閉じる' }).click();
        }
        if (i < total - 1) {
          await page.getByRole('link', { name: '次のステップ →' }).click();
          await page.waitForFunction((prev) => document.querySelector('.step-panel')?.dataset.step !== prev, stepId);
        }
      }
      assert.ok(phaseCompleted >= 2, `phase-complete moments seen: ${phaseCompleted}`);
      assert.equal(await page.locator('.run-head > .progress .progress-words').textContent(), '11 / 11 ステップ（100%）');

      const saved = await storedProgress(page);
      assert.equal(saved.format, 9);
      assert.equal(saved.runs.length, 1);
      assert.equal(saved.runs[0].playbook, PLAYBOOK);
      assert.equal(saved.runs[0].steps['literacy-training'].mark.value.reason, '全社研修を 9 月に実施済み');
      assert.ok(saved.runs[0].version >= 1 && /^[0-9a-f]{16}$/.test(saved.runs[0].content_hash));

      // Reload: exactly the same, and the step URL opens directly.
      const stepUrl = page.url();
      await page.reload();
      await page.waitForSelector('.step-panel');
      assert.equal(page.url(), stepUrl);
      assert.deepEqual(await storedProgress(page), saved);
      assert.equal(await page.locator('.run-head > .progress .progress-words').textContent(), '11 / 11 ステップ（100%）');
      assert.deepEqual(problems, []);
      await first.close();
      first = undefined;

      // A browser restart on the same profile: still all there.
      restarted = await launch({}, profile);
      const again = await watchedPage(restarted.context);
      await again.page.goto(url(`p/${PLAYBOOK}/?run=${run}&view=list&phase=inventory`));
      await again.page.waitForSelector('.run-list-view:not([aria-busy])');
      assert.deepEqual(await storedProgress(again.page), saved);
      assert.equal(
        await again.page.locator('.step-panel').first().getByLabel('メモ').inputValue(),
        '各部門の窓口担当に依頼済み。\n締切は月末。',
      );
      await again.page.goto(url());
      await appReady(again.page);
      const card = again.page.locator(`[data-id=${PLAYBOOK}] [data-testid=card-runs]`);
      assert.match(await card.textContent(), /取り組み 1 件.*全社 2026年度 棚卸し.*11 \/ 11/);
      assert.deepEqual(again.problems, []);
    } finally {
      // A failure must not leave a browser open: the file would never end.
      await first?.close();
      await restarted?.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('a playbook that changed under a run: changes listed until checked, removed steps keep their records', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page, 'hr-inquiry-desk', '変更テスト');
    await page.getByLabel('メモ').fill('最初のステップのメモ');
    await allWritten(page);
    // What a run looks like when the playbook changed after it started: one
    // step's text changed, one step is new, one step the run knew is gone.
    await page.evaluate(([key, id]) => {
      const progress = JSON.parse(localStorage.getItem(key));
      const r = progress.runs.find((x) => x.id === id);
      r.step_hashes['inquiry-worksheet'] = '0000000000000000';
      delete r.step_hashes['review-faq-sources'];
      r.step_hashes['old-step'] = '1111111111111111';
      r.steps['old-step'] = {
        mark: { value: { mark: 'done' }, at: 5 },
        note: { value: '削除されたステップのメモ', at: 5 },
        items: { a: { value: { mark: 'done' }, at: 5 } },
      };
      localStorage.setItem(key, JSON.stringify(progress));
    }, [KEY, run]);
    await page.reload();
    const drift = page.getByTestId('drift');
    await drift.waitFor();
    assert.equal(await drift.locator('li').count(), 3);
    assert.match(await drift.locator('[data-drift=inquiry-worksheet]').textContent(), /内容が変わりました/);
    assert.match(await drift.locator('[data-drift=review-faq-sources]').textContent(), /新しいステップです/);
    assert.match(await drift.locator('[data-drift=old-step]').textContent(), /プレイブックから削除されました/);
    const orphaned = page.getByTestId('orphaned');
    assert.match(await orphaned.textContent(), /old-step.*完了.*完了したチェック項目 1 件.*削除されたステップのメモ/);
    assert.equal(await page.getByLabel('メモ').inputValue(), '最初のステップのメモ');
    assert.deepEqual(await axe(page), []);

    await drift.getByRole('button', { name: '「問い合わせ対応の業務を棚卸しする」の変更を確認済みにする' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=drift] li').length === 2);
    await page.getByTestId('accept-all').click();
    await drift.waitFor({ state: 'detached' });
    // Accepting changes nothing recorded: the old step's record is still listed.
    await orphaned.waitFor();
    await page.reload();
    await page.waitForSelector('.step-panel');
    assert.equal(await page.getByTestId('drift').count(), 0);
    assert.equal(await page.getByTestId('orphaned').count(), 1);
    const saved = (await storedProgress(page)).runs.find((x) => x.id === run);
    assert.equal(saved.steps['old-step'].note.value, '削除されたステップのメモ');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a week of work only in this browser brings a reminder to export; export or "later" quiets it', async () => {
    const fresh = await launch({ acceptDownloads: true });
    try {
      const { page, problems } = await watchedPage(fresh.context);
      await startRun(page, PLAYBOOK, '古い実行');
      assert.equal(await page.getByTestId('backup-reminder').count(), 0, 'new work: no reminder');
      const tenDaysAgo = Date.now() - 10 * 24 * 3600 * 1000;
      await allWritten(page);
      const age = async (at) =>
        page.evaluate(([key, t]) => {
          const progress = JSON.parse(localStorage.getItem(key));
          for (const r of progress.runs) {
            r.created = t;
            r.name.at = t;
          }
          localStorage.setItem(key, JSON.stringify(progress));
        }, [KEY, at]);
      await age(tenDaysAgo);
      await page.reload();
      const reminder = page.getByTestId('backup-reminder');
      await reminder.waitFor();
      assert.match(await reminder.textContent(), /1 週間以上、このブラウザにしかない作業があります/);
      const [download] = await Promise.all([page.waitForEvent('download'), reminder.getByRole('button', { name: '今すぐ書き出す' }).click()]);
      assert.match(download.suggestedFilename(), /^tebiki-古い実行-\d{4}-\d{2}-\d{2}\.json$/);
      await reminder.waitFor({ state: 'detached' });
      const prefs = await page.evaluate(() => JSON.parse(localStorage.getItem('tebiki.prefs.v1')));
      assert.ok(Date.now() - prefs.last_export < 60_000, 'the export time is remembered');
      await page.reload();
      await page.waitForSelector('.step-panel');
      assert.equal(await page.getByTestId('backup-reminder').count(), 0);

      // An export ten days ago and work nine days ago: reminded; "later" sleeps for a day.
      await page.evaluate(([t]) => {
        const prefs = JSON.parse(localStorage.getItem('tebiki.prefs.v1'));
        prefs.last_export = t;
        localStorage.setItem('tebiki.prefs.v1', JSON.stringify(prefs));
      }, [tenDaysAgo]);
      await age(tenDaysAgo + 24 * 3600 * 1000);
      await page.reload();
      await reminder.waitFor();
      await reminder.getByRole('button', { name: 'あとで（明日また表示）' }).click();
      await reminder.waitFor({ state: 'detached' });
      await page.reload();
      await page.waitForSelector('.step-panel');
      assert.equal(await page.getByTestId('backup-reminder').count(), 0, 'snoozed across reloads');
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await fresh.close();
    }
  });

  test('closing the tab right after a change loses nothing', async () => {
    const first = await watchedPage(served.browser.context);
    const run = await startRun(first.page, 'hr-inquiry-desk', '閉じるテスト');
    await first.page.locator('.step-panel .item input[type=checkbox]').first().check();
    await first.page.getByLabel('メモ').fill('閉じる直前のメモ');
    await first.page.close({ runBeforeUnload: true });
    const { page, problems } = await watchedPage(served.browser.context);
    await page.goto(url(`p/hr-inquiry-desk/?run=${run}`));
    await page.waitForSelector('.step-panel');
    assert.equal(await page.locator('.step-panel .item input:checked').count(), 1);
    assert.equal(await page.getByLabel('メモ').inputValue(), '閉じる直前のメモ');
    assert.deepEqual([...first.problems, ...problems], []);
    await page.close();
  });

  test('a stale background tab writing later never overwrites newer work from another tab', async () => {
    const stale = await watchedPage(served.browser.context);
    const run = await startRun(stale.page, 'hr-inquiry-desk', '古いタブのテスト');
    await allWritten(stale.page);
    const runUrl = stale.page.url();
    await stale.page.getByLabel('メモ').fill('古いタブのメモ');
    await stale.page.locator('.step-panel .item input[type=checkbox]').first().check();
    // Freeze it, as Chromium freezes background tabs: no timer, no storage event.
    const cdp = await served.browser.context.newCDPSession(stale.page);
    await cdp.send('Page.enable');
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    const fresh = await watchedPage(served.browser.context);
    await fresh.page.goto(runUrl);
    await fresh.page.waitForSelector('.step-panel');
    await fresh.page.getByLabel('メモ').fill('新しいタブのメモ');
    await allWritten(fresh.page);
    // The stale tab wakes up and is closed: whatever it still had to write
    // is merged with what is stored, newest change winning.
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await stale.page.close({ runBeforeUnload: true });
    await fresh.page.reload();
    await fresh.page.waitForSelector('.step-panel');
    assert.equal(await fresh.page.getByLabel('メモ').inputValue(), '新しいタブのメモ');
    const steps = (await storedProgress(fresh.page)).runs.find((r) => r.id === run).steps;
    assert.equal(steps['collect-inquiries'].note.value, '新しいタブのメモ');
    assert.equal(Object.keys(steps['collect-inquiries'].items).length, 1, "the stale tab's own check is kept");
    assert.deepEqual([...stale.problems, ...fresh.problems], []);
    await fresh.page.close();
  });

  test('keyboard: next, previous, done, list view, help', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await startRun(page, 'accounting-send-back-codes');
    const step = () => page.locator('.step-panel').getAttribute('data-step');
    const firstStep = await step();
    await page.locator('body').press('j');
    await page.waitForFunction((s) => document.querySelector('.step-panel')?.dataset.step !== s, firstStep);
    const second = await step();
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((s) => document.querySelector('.step-panel')?.dataset.step === s, firstStep);
    await page.goBack();
    await page.waitForFunction((s) => document.querySelector('.step-panel')?.dataset.step === s, second);
    // Typing in the note never triggers a shortcut.
    await page.getByLabel('メモ').fill('jkx?');
    assert.equal(await step(), second);
    await page.locator('h1').click();
    for (const box of await page.locator('.step-panel .item input[type=checkbox]').all()) await box.check();
    await page.keyboard.press('x');
    await page.locator('.step-panel[data-mark=done]').waitFor();
    await page.keyboard.press('?');
    assert.equal(await page.locator('details.shortcuts').getAttribute('open'), '');
    await page.keyboard.press('l');
    await page.waitForSelector('.run-list-view:not([aria-busy])');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a run prints on A4 with every step, its state and its notes, without controls', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page, 'hr-inquiry-desk', '人事 印刷テスト');
    await page.locator('.step-panel .item input[type=checkbox]').first().check();
    await page.getByLabel('メモ').fill('印刷に出るメモ');
    // 印刷する → すべてのフェーズ lists every step of every phase and prints once the
    // last of them is in the page (a long list comes in slices). Headless
    // Chromium has no print dialog: how many steps are in the page when
    // print() is called is recorded instead.
    const printedSteps = async () => {
      await page.evaluate(() => {
        window.__printed = undefined;
        window.print = () => {
          window.__printed = document.querySelectorAll('.run-list-view .step-panel').length;
        };
      });
      await page.getByRole('button', { name: '印刷する', exact: true }).click();
      await page.getByRole('button', { name: 'すべてのフェーズ' }).click();
      await page.waitForFunction(() => window.__printed !== undefined);
      return page.evaluate(() => window.__printed);
    };
    assert.equal(await printedSteps(), 14, 'every step is in the page when it prints');
    const printUrl = new URL(page.url());
    assert.equal(printUrl.searchParams.get('view'), 'list');
    assert.equal(printUrl.searchParams.get('phase'), 'all');
    // From the (complete) list of one phase, too: it waits for all phases.
    await page.goto(url(`p/hr-inquiry-desk/?run=${run}&view=list&phase=inventory`));
    await page.waitForSelector('.run-list-view:not([aria-busy])');
    assert.equal(await printedSteps(), 14, 'every phase is in the page when it prints');
    // And again from the list of all phases.
    assert.equal(await printedSteps(), 14);
    await page.goto(url(`p/hr-inquiry-desk/?run=${run}&view=list&phase=all`));
    await page.waitForSelector('.run-list-view:not([aria-busy])');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.step-panel').count(), 14, 'every step of every phase');
    for (const hidden of ['.site-header', '.view-switch', '.shortcuts', '.step-actions button', '.note textarea']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
    }
    const note = page.locator('.note-print').first();
    assert.equal(await note.isVisible(), true);
    assert.equal(await note.textContent(), '印刷に出るメモ');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const text = pdf.toString('latin1');
    assert.match(text, /\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/, 'A4 pages (595 × 842 pt)');
    assert.ok((text.match(/\/Type \/Page\b/g) ?? []).length >= 2, 'several pages');
    // Every step is on paper, also those a long page only lays out near the screen.
    const printed = pdfText(pdf).replace(/\s+/g, '');
    const titles = await page.evaluate(() =>
      [...document.querySelectorAll('.run-list-view .step-panel[data-step]')].map(
        (panel) => document.getElementById(`step-${panel.dataset.step}-title`).textContent,
      ),
    );
    assert.equal(titles.length, 14);
    for (const title of titles) assert.ok(printed.includes(title.replace(/\s+/g, '')), `${title} is printed`);
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('two tabs: changes in one appear in the other, and neither loses the other', async () => {
    const a = await watchedPage(served.browser.context);
    const run = await startRun(a.page, 'hr-inquiry-desk');
    const b = await watchedPage(served.browser.context);
    await b.page.goto(a.page.url());
    await b.page.waitForSelector('.step-panel');
    const boxes = (p) => p.locator('.step-panel .item input[type=checkbox]');
    await boxes(a.page).nth(0).check();
    await boxes(b.page).nth(1).check();
    await b.page.waitForFunction(() => document.querySelectorAll('.step-panel .item input:checked').length === 2);
    await a.page.waitForFunction(() => document.querySelectorAll('.step-panel .item input:checked').length === 2);
    const stored = await storedProgress(a.page);
    const items = stored.runs.find((r) => r.id === run).steps['collect-inquiries'].items;
    assert.deepEqual(Object.keys(items).sort(), ['gather-mail-chat', 'gather-verbal']);
    assert.deepEqual([...a.problems, ...b.problems], []);
    await a.page.close();
    await b.page.close();
  });

  test('rename, delete with confirmation, and undo', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page, 'general-affairs-request-tagging', '総務 試行 A');
    await page.goto(url('p/general-affairs-request-tagging/'));
    await appReady(page);
    const row = page.locator('[data-testid=run-row]', { hasText: '総務 試行 A' });
    await row.getByRole('button', { name: /^名前を変更/ }).click();
    await page.getByLabel('取り組みの名前', { exact: true }).fill('総務 試行 B');
    await page.getByRole('button', { name: '保存' }).click();
    const renamed = page.locator('[data-testid=run-row]', { hasText: '総務 試行 B' });
    await renamed.waitFor();
    await renamed.getByRole('button', { name: /^削除/ }).click();
    await renamed.getByText('「総務 試行 B」を削除しますか？', { exact: false }).waitFor();
    await renamed.getByRole('button', { name: '削除する' }).click();
    await page.getByText('「総務 試行 B」を削除しました。').waitFor();
    assert.equal(await page.locator('[data-testid=run-row]', { hasText: '総務 試行 B' }).count(), 0);
    await page.getByRole('button', { name: '元に戻す' }).click();
    await renamed.waitFor();
    const stored = await storedProgress(page);
    const saved = stored.runs.find((r) => r.id === run);
    assert.equal(saved.name.value, '総務 試行 B');
    assert.equal(saved.deleted.value, null);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('every run page has no serious accessibility finding', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page, 'accounting-send-back-codes');
    assert.deepEqual(await axe(page), [], 'guided view');
    await page.getByRole('button', { name: /^対象外にする…/ }).count();
    await page.goto(url(`p/accounting-send-back-codes/?run=${run}&step=publish-guide`));
    await page.waitForSelector('.step-panel[data-step=publish-guide]');
    await page.getByRole('button', { name: /^対象外にする…/ }).click();
    assert.deepEqual(await axe(page), [], 'not-applicable form');
    await page.getByRole('link', { name: '一覧表示' }).click();
    await page.waitForSelector('.run-list-view:not([aria-busy])');
    assert.deepEqual(await axe(page), [], 'list view');
    await page.goto(url('p/accounting-send-back-codes/'));
    await appReady(page);
    await page.getByRole('button', { name: /^削除/ }).first().click();
    assert.deepEqual(await axe(page), [], 'playbook with runs and a confirmation');
    await page.goto(url('p/accounting-send-back-codes/?run=nothing-here'));
    await page.getByRole('heading', { name: 'この取り組みは見つかりません' }).waitFor();
    assert.deepEqual(await axe(page), [], 'missing run');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the run page follows the language setting', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    const run = await startRun(page, 'hr-inquiry-desk');
    await page.goto(url('settings/'));
    await appReady(page);
    // Choosing a language loads this page in it: wait for that before going on.
    await page.getByLabel('表示言語').selectOption('en');
    await page.waitForURL(url('en/settings/'));
    await appReady(page);
    await page.goto(url(`p/hr-inquiry-desk/?run=${run}`));
    await page.waitForURL(url(`en/p/hr-inquiry-desk/?run=${run}`));
    await page.waitForSelector('.step-panel');
    await page.getByRole('button', { name: 'Mark this step done' }).waitFor();
    await page.getByRole('link', { name: 'Next step →' }).waitFor();
    assert.match(await page.locator('.run-head > .progress .progress-words').textContent(), /^0 of 14 steps/);
    await page.goto(url('settings/'));
    await appReady(page);
    await page.getByLabel('Language').selectOption('ja');
    await page.waitForURL(url('settings/'));
    await appReady(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('export, then import into a clean profile, gives the same state', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await startRun(page, 'accounting-send-back-codes', '経理 2026 パイロット');
    await page.locator('.step-panel .item input[type=checkbox]').first().check();
    await page.getByLabel('メモ').fill('移行テスト <b>太字ではない</b>');
    const original = await storedProgress(page);
    await page.goto(url('settings/'));
    await appReady(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    assert.match(download.suggestedFilename(), /^tebiki-.+ ほか \d+ 件-\d{4}-\d{2}-\d{2}\.json$/);
    const file = path.join(tmpdir(), `tebiki-export-${process.pid}.json`);
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(exported.kind, 'tebiki-export');
    assert.deepEqual(exported.progress, original);
    assert.deepEqual(problems, []);
    await page.close();

    const clean = await launch();
    try {
      const other = await watchedPage(clean.context);
      await other.page.goto(url('settings/'));
      await appReady(other.page);
      // A broken file first: a clear message with its place, nothing changed.
      const broken = path.join(tmpdir(), `tebiki-broken-${process.pid}.json`);
      writeFileSync(broken, '{\n  "kind": "tebiki-export",\n  "progress": {"format": 1, "runs": [}\n}');
      await other.page.getByLabel('読み込むファイルを選ぶ').setInputFiles(broken);
      await other.page.getByText(/読み込めませんでした。今のデータは変わっていません。 3 行 38 列/).waitFor();
      assert.equal(await storedProgress(other.page), null);
      rmSync(broken);

      await other.page.getByLabel('読み込むファイルを選ぶ').setInputFiles(file);
      const preview = other.page.getByTestId('import-preview');
      await preview.waitFor();
      assert.match(await preview.textContent(), new RegExp(`取り組み ${original.runs.length} 件`));
      assert.match(await preview.textContent(), /経理 2026 パイロット/);
      assert.equal(await storedProgress(other.page), null, 'nothing is replaced before confirming');
      assert.deepEqual(await axe(other.page), [], 'import preview');
      await other.page.getByTestId('import-confirm').click();
      await other.page.getByText(`読み込みました（取り組み ${original.runs.length} 件）。`).waitFor();
      assert.deepEqual(await storedProgress(other.page), original);
      await other.page.goto(url('p/accounting-send-back-codes/'));
      await appReady(other.page);
      await other.page.getByRole('link', { name: '経理 2026 パイロット', exact: true }).click();
      await other.page.waitForSelector('.step-panel');
      assert.equal(await other.page.getByLabel('メモ').inputValue(), '移行テスト <b>太字ではない</b>');
      assert.deepEqual(other.problems, []);
    } finally {
      await clean.close();
      rmSync(file, { force: true });
    }
  });

  test('damaged storage: the app opens, keeps the original aside, says so, overwrites nothing', async () => {
    const fresh = await launch();
    try {
      const { page, problems } = await watchedPage(fresh.context);
      await page.goto(url());
      await appReady(page);
      await page.evaluate((key) => localStorage.setItem(key, '{"format":1,"runs":[{"id":'), KEY);
      await page.goto(url(`p/${PLAYBOOK}/`));
      await appReady(page);
      await page.getByRole('alert').filter({ hasText: '保存されていたデータを読み取れませんでした' }).waitFor();
      const backups = await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith('tebiki.progress.v1.unreadable.'))
          .map((k) => localStorage.getItem(k)),
      );
      assert.deepEqual(backups, ['{"format":1,"runs":[{"id":']);
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), '{"format":1,"runs":[{"id":');
      assert.deepEqual(await axe(page), [], 'with the banner');
      // Work goes on and is saved; the original stays in its backup.
      await page.getByTestId('start-run').click();
      await page.waitForSelector('.step-panel');
      assert.equal((await storedProgress(page)).runs.length, 1);
      assert.equal(problems.length, 0, problems.join('\n'));
    } finally {
      await fresh.close();
    }
  });

  test('data from a newer build is never overwritten', async () => {
    const fresh = await launch();
    try {
      const { page, problems } = await watchedPage(fresh.context);
      await page.goto(url());
      await appReady(page);
      const newer = '{"format":999,"runs":[],"something":"new"}';
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, newer]);
      await page.goto(url(`p/${PLAYBOOK}/`));
      await appReady(page);
      await page.getByRole('alert').filter({ hasText: '新しい版の tebiki' }).waitFor();
      await page.getByTestId('start-run').click();
      await page.waitForSelector('.step-panel');
      await page.locator('.step-panel .item input[type=checkbox]').first().check();
      // Leaving the page is when pending changes are written at the latest.
      await page.goto(url());
      await appReady(page);
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), newer);
      assert.deepEqual(problems, []);
    } finally {
      await fresh.close();
    }
  });

  test('full storage: a banner, work continues in memory, nothing else is touched', async () => {
    const fresh = await launch();
    try {
      const { page, problems } = await watchedPage(fresh.context);
      await page.goto(url());
      await appReady(page);
      // Fill the origin's real quota with another key until the browser refuses.
      const filler = await page.evaluate(() => {
        let i = 0;
        for (const size of [256 * 1024, 16 * 1024, 1024, 64, 1]) {
          const chunk = 'x'.repeat(size);
          try {
            for (;;) localStorage.setItem(`filler.${i++}`, chunk);
          } catch {
            /* full at this size; go on with smaller pieces */
          }
        }
        return Object.keys(localStorage).filter((k) => k.startsWith('filler.')).length;
      });
      assert.ok(filler > 0);
      await page.goto(url(`p/${PLAYBOOK}/`));
      await appReady(page);
      await page.getByTestId('start-run').click();
      await page.getByRole('alert').filter({ hasText: '保存できませんでした' }).waitFor();
      await page.waitForSelector('.step-panel');
      await page.locator('.step-panel .item input[type=checkbox]').first().check();
      assert.equal(await page.locator('.step-panel .item input:checked').count(), 1, 'memory keeps working');
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), null);
      const after = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).length);
      assert.equal(after, filler, 'no other key is touched');
      // Export still works from memory (moving inside the app, no reload).
      await page.getByRole('link', { name: 'データを書き出す（設定）' }).click();
      await page.getByTestId('export').waitFor();
      await page.getByRole('alert').filter({ hasText: '保存できませんでした' }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
      const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
      assert.equal(exported.progress.runs.length, 1);
      assert.deepEqual(problems, []);
    } finally {
      await fresh.close();
    }
  });

  test('storage blocked by the browser: the app works for the visit and says so', async () => {
    const fresh = await launch();
    try {
      const { page, problems } = await watchedPage(fresh.context);
      // What Chromium does when site data is blocked: reading localStorage throws.
      await page.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError');
          },
        });
      });
      await page.goto(url(`p/${PLAYBOOK}/`));
      await appReady(page);
      await page.getByRole('alert').filter({ hasText: 'このブラウザの設定で保存が禁止されている' }).waitFor();
      await page.getByTestId('start-run').click();
      await page.waitForSelector('.step-panel');
      await page.locator('.step-panel .item input[type=checkbox]').first().check();
      assert.equal(await page.locator('.step-panel .item input:checked').count(), 1);
      assert.deepEqual(problems, []);
    } finally {
      await fresh.close();
    }
  });
});
