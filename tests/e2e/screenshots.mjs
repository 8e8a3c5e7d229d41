// Screenshots of every page of the release build, desktop and 360 px wide,
// for looking at what we build (not a test): node tests/e2e/screenshots.mjs
// Writes target/screenshots/*.png. Needs a built dist/ (trunk build --release).

import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appReady, launch, root, serve } from './support.mjs';

const out = path.join(root, 'target/screenshots');
mkdirSync(out, { recursive: true });
const server = await serve(path.join(root, 'dist'));
const browser = await launch();
const only = process.argv[2];
try {
  for (const width of [1200, 360]) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    // Long pages lay out only the steps near the screen (content-visibility);
    // a full-page shot does not scroll, so show everything as a reader would see it
    // (the site's Content-Security-Policy allows no inline style: bypassed here only).
    await (await browser.context.newCDPSession(page)).send('Page.setBypassCSP', { enabled: true });
    await page.addInitScript(() => {
      addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style');
        style.textContent = '* { content-visibility: visible !important; }';
        document.head.append(style);
      });
    });
    const shot = async (name, selector) => {
      if (only && !name.includes(only)) return;
      const file = path.join(out, `${name}-${width}.png`);
      if (selector) await page.locator(selector).first().screenshot({ path: file });
      else await page.screenshot({ path: file, fullPage: true });
    };
    await page.goto(`${server.url}/`);
    await appReady(page);
    await shot('catalog');
    // The English pages, as a browser that chose English sees them.
    for (const [name, relative] of [
      ['en-catalog', 'en/'],
      ['en-playbook', 'en/p/hr-inquiry-desk/'],
      ['en-settings', 'en/settings/'],
    ]) {
      if (only && !name.includes(only)) continue;
      await page.goto(`${server.url}/${relative}`);
      await appReady(page);
      await shot(name);
    }
    // Each width starts as a browser nobody has named yet.
    await page.evaluate(() => localStorage.removeItem('tebiki.prefs.v1'));
    await page.goto(`${server.url}/p/hr-inquiry-desk/`);
    await appReady(page);
    await shot('playbook');
    await shot('playbook-metrics', '.table-scroll');
    await shot('playbook-prepare', 'section.prepare');
    await page.getByTestId('start-run').click();
    await page.waitForSelector('.step-panel');
    await page.locator('.item input[type=checkbox]').first().check();
    await shot('run-guided');
    await shot('who-prompt', '[data-testid=who-prompt]');
    const prompt = page.getByTestId('who-prompt');
    await prompt.getByLabel('名前', { exact: true }).fill('山田 花子');
    await prompt.getByLabel('役割（任意）').fill('人事部 課長');
    await prompt.getByRole('button', { name: '保存' }).click();
    await shot('who-saved', '[data-testid=who-prompt]');
    // Owners: the panel open the first time, then named, and 自分の担当.
    await shot('owners-panel', '[data-testid=owners]');
    const owners = page.getByTestId('owners');
    await owners.getByLabel('人事企画担当').fill('山田 花子、佐藤 一郎');
    await owners.getByLabel('人事部長').fill('田中 部長');
    await page.getByTestId('owners-save').click();
    await owners.getByText('担当者を保存しました。').waitFor();
    await shot('owners-saved', '[data-testid=owners]');
    await shot('run-owned');
    await page.getByTestId('mine-link').click();
    await page.getByTestId('mine').locator('.step-panel').first().waitFor();
    await shot('run-mine');
    await page.goBack();
    await page.waitForSelector('.guided .step-panel');
    // The schedule, with the first step moved to two days ago (overdue).
    await page.getByTestId('schedule-link').click();
    await page.getByTestId('schedule').waitFor();
    const twoDaysAgo = new Date(Date.now() - 2 * 86400000).toISOString().slice(0, 10);
    await page.locator('[data-testid=schedule] li[data-step="collect-inquiries"] input[type=date]').fill(twoDaysAgo);
    await page.locator('[data-testid=schedule] li[data-step="collect-inquiries"][data-state=overdue]').waitFor();
    await shot('run-schedule');
    await page.goBack();
    await page.waitForSelector('.guided .step-panel');
    await shot('step-due', '.guided .step-panel');
    // A meeting time on the monthly review.
    if (!only || 'step-meeting'.includes(only) || only.includes('meeting')) {
      const runUrl = page.url().split('&')[0];
      await page.goto(`${runUrl}&step=record-pilot-metrics`);
      const due = page.locator('.guided .step-panel [data-testid=step-due]');
      await due.locator('summary').click();
      await due.getByLabel('開始時刻（日本時間）').fill('10:00');
      await due.getByText('会議の時刻を保存しました。').waitFor();
      await shot('step-meeting', '.guided .step-panel [data-testid=step-due]');
      await page.goto(`${runUrl}&step=collect-inquiries`);
      await page.waitForSelector('.guided .step-panel');
    }
    // Evidence and comments on the step.
    if (!only || 'step-discussion'.includes(only)) {
      const evidence = page.locator('.guided .step-panel [data-testid=evidence]');
      await evidence.locator('summary').click();
      await evidence.getByLabel('リンクまたはパス').fill('https://intranet.example/jinji/faq');
      await evidence.getByLabel('何の資料か（任意）').fill('人事 FAQ（社内ポータル）');
      await evidence.getByTestId('evidence-add').click();
      await evidence.getByLabel('リンクまたはパス').fill(String.raw`\\fs01\人事\2027\問い合わせ記録.xlsx`);
      await evidence.getByTestId('evidence-add').click();
      await evidence.getByTestId('evidence-copy').waitFor();
      const comments = page.locator('.guided .step-panel [data-testid=comments]');
      await comments.getByLabel('コメントを書く').fill('電話の問い合わせは窓口担当 3 名のメモから拾いました。四月分が少ないので確認します。');
      await comments.getByTestId('comment-post').click();
      await comments.locator('ol.comments li').waitFor();
      await shot('step-discussion', '.guided .step-panel');
    }
    // Sending back at the pilot's approval, and the reopened step.
    if (!only || 'send-back'.includes(only) || only.includes('send-back')) {
      const runUrl = page.url().split('&')[0];
      await page.goto(`${runUrl}&step=approve-pilot-start`);
      const sendBack = page.locator('.guided .step-panel [data-testid=send-back]');
      await sendBack.locator('summary').click();
      await sendBack.getByLabel('差し戻しの理由').fill('FAQ が最新の規程と合っていない');
      await sendBack.getByLabel(/FAQ と規程の現状を確かめる/).check();
      await sendBack.getByTestId('send-back-submit').click();
      await sendBack.getByText('差し戻しました。').waitFor();
      await shot('send-back', '.guided .step-panel .send-back-box');
      await page.goto(`${runUrl}&step=review-faq-sources`);
      await page.locator('.guided .step-panel [data-testid=sent-back]').waitFor();
      await shot('sent-back-step', '.guided .step-panel');
      await page.goto(`${runUrl}&step=collect-inquiries`);
      await page.waitForSelector('.guided .step-panel');
    }
    await page.getByLabel('メモ').fill('FAQ の回答案は課長が確かめてから送る');
    await page.locator('.item input[type=checkbox]').nth(1).check();
    await page.getByTestId('history-link').click();
    await page.getByTestId('history').waitFor();
    await shot('run-history');
    await page.goBack();
    await page.waitForSelector('.step-panel');
    await shot('run-head', '.run-head');
    await page.getByRole('link', { name: '一覧表示' }).click();
    await page.waitForSelector('.run-list-view:not([aria-busy])');
    await shot('run-list');
    await page.goto(`${server.url}/p/hr-inquiry-desk/`);
    await appReady(page);
    await shot('playbook-with-run');
    await shot('playbook-runs', '.runs');
    // The catalog read without the app: this browser's run on its card, a filter.
    await page.goto(`${server.url}/`);
    await appReady(page);
    await shot('catalog-with-runs');
    await page.getByLabel('キーワード').fill('問い合わせ');
    await shot('catalog-filtered');
    await page.goto(`${server.url}/p/hr-inquiry-desk/`);
    await appReady(page);
    await page.getByRole('button', { name: /^削除/ }).first().click();
    await shot('playbook-delete-confirm', '.runs');
    await page.getByRole('button', { name: '削除する' }).click();
    await page.waitForSelector('.toast');
    await shot('playbook-deleted');
    await page.getByRole('button', { name: '元に戻す' }).click();
    // The phase tools on the accounting playbook.
    await page.goto(`${server.url}/p/accounting-send-back-codes/`);
    await appReady(page);
    await page.getByTestId('start-run').click();
    await page.waitForSelector('.step-panel');
    const run = new URL(page.url()).searchParams.get('run');
    const step = async (id) => {
      await page.goto(`${server.url}/p/accounting-send-back-codes/?run=${run}&step=${id}`);
      await page.locator(`.step-panel[data-step=${id}]`).waitFor();
    };
    await step('send-back-worksheet');
    await page.getByLabel('スプレッドシートから貼り付け').fill([
      '業務名\t部門\t種類\t月間件数\t1件の所要時間（分）\t対応できる人数\t例外率(%)\t入力元',
      '経費精算の差し戻し連絡\t経理\t判断\t120\t12\t1\t10\tメール',
      '請求書の受付と入力\t経理\t転記\t300\t6\t3\t5\t紙',
      '締め日の問い合わせ対応\t経理\t案内\t80\t5\t2\t\tチャット',
    ].join('\n'));
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await page.getByRole('button', { name: '「経費精算の差し戻し連絡」をパイロットのテーマにする' }).click();
    await shot('tool-worksheet', '[data-testid=worksheet]');
    // Pasting again: the choice, then a paste with problems.
    await page.getByLabel('スプレッドシートから貼り付け').fill('業務名\t部門\t種類\t月間件数\t1件の所要時間（分）\n経費精算の差し戻し連絡\t経理\t判断\t120\t15');
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await shot('tool-paste-preview', '.sheet-io');
    await page.getByTestId('paste-preview').getByRole('button', { name: 'キャンセル' }).click();
    await page.getByLabel('スプレッドシートから貼り付け').fill('業務名\t担当部署\t区分\t件数（月）\t所要時間（分/件）\n支払の承認\t経理\t承認\t三十\t');
    await page.getByRole('button', { name: '行を取り込む' }).click();
    await shot('tool-paste-problems', '.sheet-io');
    await page.getByRole('button', { name: '印刷する' }).click();
    await shot('run-print-menu', '.run-head');
    await page.getByRole('button', { name: '印刷する' }).click();
    await step('approve-pilot-start');
    await shot('tool-gate-closed', '.step-panel');
    await step('record-baselines');
    await page.locator('[data-metric=closing-overtime-hours]').getByTestId('baseline').fill('１２．５％');
    await page.locator('[data-metric=closing-overtime-hours]').getByTestId('baseline').press('Tab');
    await shot('tool-baseline-error', '[data-metric=closing-overtime-hours]');
    for (const [m, v] of [['send-back-rate', '8'], ['send-back-count', '120'], ['repeat-send-back-rate', '18'], ['notice-minutes', '9'], ['closing-overtime-hours', '40']]) {
      await page.locator(`[data-metric=${m}]`).getByTestId('baseline').fill(v);
      await page.locator(`[data-metric=${m}]`).getByTestId('baseline').press('Tab');
    }
    await step('approve-pilot-start');
    await shot('tool-prerequisite', '[data-testid=prerequisite]');
    await page.getByText('他の場所で実施済みとして記録する').click();
    await page.getByLabel('確認した人').fill('情報システム部 佐藤');
    await page.getByLabel('参照（稟議番号など。任意）').fill('稟議 2026-118');
    await page.getByRole('button', { name: '実施済みとして記録する' }).click();
    await page.getByTestId('prereq-met').waitFor();
    await shot('tool-prerequisite-met', '[data-testid=prerequisite]');
    await page.getByTestId('signer').fill('山田 太郎');
    await page.getByRole('button', { name: '承認を記録する' }).click();
    await page.getByText('「パイロット開始」の承認条件がそろいました。').waitFor();
    await shot('tool-signed', '.step-panel');
    await step('record-pilot-metrics');
    const overtime = page.locator('[data-metric=closing-overtime-hours]');
    for (const [d, v] of [['2027-01-31', '32'], ['2027-02-28', '25']]) {
      await overtime.getByLabel('日付').fill(d);
      await overtime.getByTestId('measurement').fill(v);
      await overtime.getByRole('button', { name: '測定値を追加' }).click();
    }
    await shot('tool-metric', '[data-metric=closing-overtime-hours]');
    const coded = page.locator('[data-metric=coded-share]');
    for (const [d, v] of [['2027-01-31', '62'], ['2027-02-28', '81']]) {
      await coded.getByLabel('日付').fill(d);
      await coded.getByTestId('measurement').fill(v);
      await coded.getByRole('button', { name: '測定値を追加' }).click();
    }
    await shot('tool-from-pilot', '[data-metric=coded-share]');
    await page.goto(`${server.url}/p/accounting-send-back-codes/?run=${run}&view=record`);
    await page.getByTestId('record').waitFor();
    await shot('tool-record');
    await page.emulateMedia({ media: 'print' });
    await shot('tool-record-print');
    await page.emulateMedia({ media: 'screen' });
    await page.getByLabel('複製先の部門').fill('営業');
    await page.getByText('ファイル名を変える').click();
    await page.getByLabel('ファイル名（半角英数字）').fill(`sales-send-back-codes-${width}`);
    await page.getByTestId('clone').click();
    await page.getByTestId('keep-local').click();
    await page.getByText('このブラウザのプレイブックに追加しました。').waitFor();
    await shot('tool-clone', '.clone');
    await page.goto(`${server.url}/`);
    await appReady(page);
    await shot('catalog-local', '[data-testid=local-playbooks]');
    await page.goto(`${server.url}/?local=sales-send-back-codes-${width}`);
    await appReady(page);
    await shot('local-playbook');
    await page.goto(`${server.url}/p/hr-inquiry-desk/`);
    await appReady(page);
    await page.getByText('このプレイブックを複製', { exact: true }).click();
    await page.getByText('ファイル名を変える').click();
    await page.getByLabel('ファイル名（半角英数字）').fill('accounting-send-back-codes');
    await page.getByTestId('clone').click();
    await shot('playbook-clone', '.clone-details');
    await page.goto(`${server.url}/settings/`);
    await appReady(page);
    await shot('settings');
    await shot('settings-who', '[data-testid=who-settings]');
    // A broken playbook file chosen in 設定: its problems, as tebiki check lists them.
    if (!only || 'import-problems'.includes(only)) {
      const broken = path.join(out, 'broken-playbook.md');
      writeFileSync(
        broken,
        readFileSync(path.join(root, 'playbooks/hr-inquiry-desk.md'), 'utf8')
          .replace('id: hr-inquiry-desk', 'id: hr-inquiry-desk-osaka')
          .replace('direction: down', 'direction: 下がる方が良い')
          .replace('\nowner:', '\nfoo: 大阪支社\nowner:'),
      );
      await page.getByLabel('読み込むファイルを選ぶ').setInputFiles(broken);
      await page.getByTestId('import-problems').waitFor();
      await shot('import-problems', '[data-testid=import-problems]');
    }
    // The editor with a broken draft: its problems beside the text.
    if (!only || 'editor'.includes(only)) {
      await page.goto(`${server.url}/edit/`);
      await appReady(page);
      await page.getByTestId('editor-source').fill(
        readFileSync(path.join(root, 'playbooks/hr-inquiry-desk.md'), 'utf8')
          .replace('id: hr-inquiry-desk', 'id: hr-inquiry-desk-osaka')
          .replace('direction: down', 'direction: 下がる方が良い'),
      );
      await page.locator('[data-testid=editor-summary]:not([aria-busy])').waitFor();
      await shot('editor');
      // A clean draft: the copy form and the preview of the page the site will show.
      await page.getByTestId('editor-source').fill(
        readFileSync(path.join(root, 'playbooks/hr-inquiry-desk.md'), 'utf8').replace('id: hr-inquiry-desk', 'id: hr-inquiry-desk-osaka'),
      );
      await page.locator('[data-testid=editor-summary]:not([aria-busy])').waitFor();
      await page.getByText('サイトやこのブラウザのプレイブックを複製して始める').click();
      await page.getByText('プレビュー（サイトでの表示）').click();
      await page.getByTestId('editor-preview').waitFor();
      await shot('editor-preview');
      await page.evaluate(() => localStorage.removeItem('tebiki.draft.v1'));
      await page.goto(`${server.url}/format/`);
      await appReady(page);
      await shot('editor-format');
    }
    // The decision summary at the rollout gate, on screen and as printed.
    await page.goto(`${server.url}/p/hr-inquiry-desk/`);
    await appReady(page);
    await page.getByTestId('start-run').click();
    await page.waitForSelector('.step-panel');
    const hrRun = new URL(page.url()).searchParams.get('run');
    await page.goto(`${server.url}/p/hr-inquiry-desk/?run=${hrRun}&step=approve-rollout`);
    await page.locator('.step-panel[data-step=approve-rollout]').waitFor();
    await shot('tool-decision', 'details.decision');
    await page.getByTestId('decision-link').click();
    await page.getByTestId('decision-sheet').waitFor();
    await shot('decision-sheet');
    await page.emulateMedia({ media: 'print' });
    await shot('decision-sheet-print');
    await page.emulateMedia({ media: 'screen' });
    // The dashboard of this browser's runs, on screen and on paper.
    await page.goto(`${server.url}/dashboard/`);
    await appReady(page);
    await page.getByTestId('dashboard').waitFor();
    await shot('dashboard');
    await shot('dashboard-row', '[data-testid=dash-row]');
    await page.emulateMedia({ media: 'print' });
    await shot('dashboard-print');
    await page.emulateMedia({ media: 'screen' });
    // The status link of a run, the page it opens, and its QR code on the record.
    await page.goto(`${server.url}/p/hr-inquiry-desk/?run=${hrRun}`);
    await page.waitForSelector('.step-panel');
    await page.getByTestId('status-link').click();
    await shot('status-link', '.run-head');
    const link = await page.getByTestId('status-link-field').inputValue();
    await page.getByTestId('record-link').click();
    await page.getByTestId('status-qr').waitFor();
    await shot('record-qr', '[data-testid=status-qr]');
    await page.emulateMedia({ media: 'print' });
    await shot('record-print');
    await page.emulateMedia({ media: 'screen' });
    await page.goto('about:blank');
    await page.goto(link);
    await appReady(page);
    await shot('status');
    await page.goto('about:blank');
    await page.goto(link.slice(0, -40));
    await appReady(page);
    await shot('status-error');
    // The same work in English: the dashboard, a run, its record, and the one 404 page (both languages).
    for (const [name, relative, ready] of [
      ['en-dashboard', 'en/dashboard/', '[data-testid=dashboard]'],
      ['en-run-guided', `en/p/hr-inquiry-desk/?run=${hrRun}`, '.step-panel'],
      ['en-record', `en/p/hr-inquiry-desk/?run=${hrRun}&view=record`, '[data-testid=status-qr]'],
      ['not-found', '404.html', 'main h1'],
    ]) {
      if (only && !name.includes(only)) continue;
      await page.goto(`${server.url}/${relative}`);
      await page.locator(ready).first().waitFor();
      await shot(name);
    }
    // Questions: asked in the start form, then the run's answers and a ruled-out step.
    if (!only || 'questions'.includes(only) || only.includes('question')) {
      await page.goto(`${server.url}/p/accounting-invoice-intake/`);
      await appReady(page);
      const start = page.getByTestId('start-questions');
      await shot('questions-start', '[data-testid=start-questions]');
      await start.getByRole('radio', { name: 'いいえ' }).first().check();
      await page.getByLabel('新しい取り組みの名前').fill('経理部 紙の請求書なし');
      await page.getByTestId('start-run').click();
      await page.getByTestId('questions').waitFor();
      const runUrl = page.url().split('&')[0];
      await page.goto(`${runUrl}&step=scan-paper`);
      await page.locator('.guided .step-panel [data-testid=excluded-notice]').waitFor();
      await shot('questions-excluded-step', '.guided .step-panel');
      await page.getByTestId('questions').locator('summary').click();
      await shot('questions-panel', '[data-testid=questions]');
    }
    await page.close();
  }
  // The prompt of a new deployment (where a service worker runs: 127.0.0.1
  // is a secure context): a copy of the site, its worker changed once opened.
  if (!only || 'update-prompt'.includes(only)) {
    const copy = mkdtempSync(path.join(tmpdir(), 'tebiki-shots-'));
    cpSync(path.join(root, 'dist'), copy, { recursive: true });
    const deployed = await serve(copy);
    const fresh = await launch();
    const context = fresh.context;
    try {
      const page = await context.newPage();
      await page.goto(`${deployed.url}/p/hr-inquiry-desk/`);
      await appReady(page);
      await page.evaluate(() => navigator.serviceWorker.ready);
      appendFileSync(path.join(copy, 'sw.js'), '\n// the next deployment\n');
      for (const width of [1200, 360]) {
        await page.setViewportSize({ width, height: 800 });
        await page.reload();
        await page.locator('#tebiki-update button').first().waitFor();
        await page.screenshot({ path: path.join(out, `update-prompt-${width}.png`) });
      }
    } finally {
      await fresh.close();
      deployed.close();
      rmSync(copy, { recursive: true, force: true });
    }
  }
} finally {
  await browser.close();
  server.close();
}
