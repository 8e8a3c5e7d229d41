// Team work (issue 17): who made each change, and the run's history —
// against the release build in real headless Chromium over HTTP, with a
// second browser profile where the history travels in an export.

import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { appReady, axe, launch, nameThisBrowser, root, servedSite, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const site = sites[0];
const PLAYBOOK = 'hr-inquiry-desk';

describe('who made each change, and the history of a run', () => {
  const served = servedSite(site, { acceptDownloads: true });
  const url = served.url;

  async function startRun(page, name) {
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    return startRunHere(page, name);
  }

  test('the name is asked on the run screen, not before; changes carry it into the history, the timeline and the record', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.goto(url());
    await appReady(page);
    assert.equal(await page.getByTestId('who-prompt').count(), 0, 'not asked at the first visit');
    const run = await startRun(page, '人事部 問い合わせ窓口');
    const prompt = page.getByTestId('who-prompt');
    await prompt.waitFor();
    assert.match(await prompt.textContent(), /本人確認はしません/);
    assert.deepEqual(await axe(page), [], 'the question');
    // A change made before naming oneself is kept, as made by nobody named.
    await page.locator('.guided .step-panel .item input[type=checkbox]').first().check();
    // A payload as a name stays text.
    await prompt.getByLabel('名前', { exact: true }).fill('<img src=x onerror="window.__pwned=1">山田');
    await prompt.getByLabel('役割（任意）').fill('人事部 課長');
    await prompt.getByRole('button', { name: '保存' }).click();
    await prompt.getByText('以後の変更は「<img src=x onerror="window.__pwned=1">山田」として記録します。').waitFor();
    assert.equal(await prompt.getByRole('textbox').count(), 0, 'once saved, the form gives way to one line');
    await prompt.getByRole('link', { name: '名前は「設定」でいつでも変えられます。' }).waitFor();
    await page.getByLabel('メモ').fill('FAQ の回答案は課長が確かめてから送る');
    await page.locator('.guided .step-panel .item input[type=checkbox]').nth(1).check();

    const stored = await storedProgress(page);
    const history = stored.runs.find((r) => r.id === run).history;
    // What an entry did: `"deleted"`, or `{"note": {…}}`.
    const kind = (e) => (typeof e.did === 'string' ? e.did : Object.keys(e.did)[0]);
    assert.deepEqual(
      history.map((e) => [kind(e), e.by?.name ?? '']),
      [
        ['started', ''],
        ['item', ''],
        ['note', '<img src=x onerror="window.__pwned=1">山田'],
        ['item', '<img src=x onerror="window.__pwned=1">山田'],
      ],
    );
    assert.equal(history[2].by.role, '人事部 課長');
    assert.equal(history.filter((e) => kind(e) === 'note').length, 1, 'a note typed key by key is one entry');

    // The timeline, newest first, filtered by person and by step.
    await page.reload();
    await appReady(page);
    assert.equal(await page.getByTestId('who-prompt').count(), 0, 'asked once: the name is kept');
    await page.getByTestId('history-link').click();
    const timeline = page.getByTestId('history');
    await timeline.waitFor();
    const rows = () => timeline.locator('.timeline li').allTextContents();
    let shown = await rows();
    assert.equal(shown.length, 4);
    assert.match(shown[0], /山田（人事部 課長）.*にチェックを付けた/);
    assert.match(shown[1], /メモを書いた：FAQ の回答案は課長が確かめてから送る/);
    assert.match(shown[3], /名前未設定.*取り組み「人事部 問い合わせ窓口」を始めた/);
    await timeline.getByLabel('変更した人').selectOption({ label: '名前未設定' });
    shown = await rows();
    assert.equal(shown.length, 2);
    assert.ok(shown.every((r) => r.includes('名前未設定')));
    await timeline.getByLabel('変更した人').selectOption({ label: 'すべての人' });
    const firstStep = await timeline.getByLabel('ステップ', { exact: true }).locator('option').nth(1).textContent();
    await timeline.getByLabel('ステップ', { exact: true }).selectOption({ label: firstStep });
    assert.equal((await rows()).length, 3, 'the start of the run belongs to no step');
    assert.deepEqual(await axe(page), [], 'the timeline');

    // The success record lists the newest changes with the count.
    await page.getByTestId('record-link').click();
    const record = page.getByTestId('record-history');
    await record.waitFor();
    assert.match(await page.getByTestId('record').textContent(), /全 4 件のうち、新しい 4 件/);
    assert.equal(await record.locator('li').count(), 4);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a name is never markup');
    assert.equal(await page.locator('img[src=x]').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the name can be changed in 設定; the history travels in an export and merges without duplicates', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.goto(url('settings/'));
    await appReady(page);
    const form = page.getByTestId('who-settings');
    await form.getByLabel('名前', { exact: true }).fill('佐藤');
    await form.getByLabel('役割（任意）').fill('');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('以後の変更は「佐藤」として記録します。').waitFor();
    const run = await startRun(page, '総務 引き継ぎ');
    assert.equal(await page.getByTestId('who-prompt').count(), 0, 'named already: not asked');
    await page.getByLabel('メモ').fill('佐藤のメモ');
    const mine = await storedProgress(page);
    await page.goto(url('settings/'));
    await appReady(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const file = path.join(tmpdir(), `tebiki-team-${process.pid}.json`);
    await download.saveAs(file);

    const other = await launch();
    try {
      const b = await watchedPage(other.context);
      for (let round = 0; round < 2; round++) {
        await b.page.goto(url('settings/'));
        await appReady(b.page);
        await b.page.getByLabel('読み込むファイルを選ぶ').setInputFiles(file);
        await b.page.getByTestId('import-confirm').click();
        await b.page.getByText(/読み込みました/).waitFor();
      }
      const theirs = await storedProgress(b.page);
      const history = theirs.runs.find((r) => r.id === run).history;
      assert.deepEqual(history, mine.runs.find((r) => r.id === run).history, 'the same history, once');
      await b.page.goto(url(`p/${PLAYBOOK}/?run=${run}&view=history`));
      await b.page.getByTestId('history').waitFor();
      assert.match(await b.page.getByTestId('history').textContent(), /佐藤.*メモを書いた：佐藤のメモ/s);
      assert.deepEqual(b.problems, []);
    } finally {
      await other.close();
      rmSync(file, { force: true });
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a run shared as a file merges into a colleague\'s browser; a field both changed is picked, the other value stays in the history', async () => {
    const a = await launch({ acceptDownloads: true });
    const b = await launch({ acceptDownloads: true });
    const files = [];
    const name = (page, who) => nameThisBrowser(page, url('settings/'), who);
    const share = async (page) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-run').click()]);
      const file = path.join(tmpdir(), `tebiki-share-${process.pid}-${files.length}.json`);
      await download.saveAs(file);
      files.push(file);
      return { file, suggested: download.suggestedFilename() };
    };
    const choose = async (page, file) => {
      await page.goto(url('settings/'));
      await appReady(page);
      await page.getByLabel('読み込むファイルを選ぶ').setInputFiles(file);
      const preview = page.getByTestId('merge-preview');
      // Ready once the file's playbooks are loaded.
      const ready = ['import-merge', 'merge-nothing', 'merge-unknown'].map((id) => preview.getByTestId(id));
      await ready[0].or(ready[1]).or(ready[2]).waitFor();
      return preview;
    };
    try {
      const sato = await watchedPage(a.context);
      const suzuki = await watchedPage(b.context);
      await name(sato.page, '佐藤');
      await name(suzuki.page, '鈴木');
      const run = await startRun(sato.page, '人事部 パイロット');
      await sato.page.locator('.guided .step-panel .item input[type=checkbox]').first().check();
      await sato.page.getByLabel('メモ').fill('共有前のメモ');
      const first = await share(sato.page);
      assert.match(first.suggested, /^tebiki-hr-inquiry-desk-人事部 パイロット-佐藤-\d{4}-\d{2}-\d{2}\.json$/);
      const shared = JSON.parse(readFileSync(first.file, 'utf8'));
      assert.deepEqual(shared.progress.runs.map((r) => r.id), [run], 'only this run');

      // 鈴木 sees the new run before anything changes, then takes it in.
      let preview = await choose(suzuki.page, first.file);
      assert.match(await preview.textContent(), /新しい取り組み「人事部 パイロット」/);
      assert.match(await preview.textContent(), /佐藤.*メモを書いた：共有前のメモ/s);
      assert.equal((await storedProgress(suzuki.page))?.runs.length ?? 0, 0, 'nothing changes before the person confirms');
      assert.deepEqual(await axe(suzuki.page), [], 'the merge preview');
      await suzuki.page.getByTestId('import-merge').click();
      await suzuki.page.getByTestId('merge-done').waitFor();
      // The same file again brings nothing.
      preview = await choose(suzuki.page, first.file);
      await preview.getByTestId('merge-nothing').waitFor();

      // Both change the same note; 鈴木 also checks an item 佐藤 did not touch.
      await sato.page.goto(url(`p/${PLAYBOOK}/?run=${run}`));
      await sato.page.locator('.step-panel').waitFor();
      await sato.page.getByLabel('メモ').fill('佐藤の版');
      const second = await share(sato.page);
      await suzuki.page.goto(url(`p/${PLAYBOOK}/?run=${run}`));
      await suzuki.page.locator('.step-panel').waitFor();
      await suzuki.page.getByLabel('メモ').fill('鈴木の版');
      await suzuki.page.locator('.guided .step-panel .item input[type=checkbox]').nth(1).check();

      preview = await choose(suzuki.page, second.file);
      const conflict = preview.getByTestId('merge-conflict');
      assert.equal(await conflict.count(), 1, 'the note, not the item only 鈴木 checked');
      assert.match(await conflict.textContent(), /このブラウザ：.*鈴木.*鈴木の版.*ファイル：.*佐藤.*佐藤の版/s);
      assert.equal(await conflict.getByRole('radio').first().isChecked(), true, 'the newest is offered first');
      assert.deepEqual(await axe(suzuki.page), [], 'a conflict');
      await conflict.getByRole('radio').nth(1).check();
      await suzuki.page.getByTestId('import-merge').click();
      await suzuki.page.getByTestId('merge-done').waitFor();

      const merged = (await storedProgress(suzuki.page)).runs.find((r) => r.id === run);
      const [stepId] = Object.keys(merged.steps).filter((k) => merged.steps[k].note?.value);
      assert.equal(merged.steps[stepId].note.value, '佐藤の版', 'the picked value');
      assert.equal(Object.values(merged.steps[stepId].items).filter((i) => i.value.mark === 'done').length, 2);
      const notes = merged.history.filter((e) => e.did.note).map((e) => [e.by?.name, e.did.note.text]);
      assert.ok(notes.some(([who, text]) => who === '鈴木' && text === '鈴木の版'), 'the value not picked stays in the history');
      assert.ok(merged.history.some((e) => e.did.imported), 'taking a file in is in the history');
      await suzuki.page.goto(url(`p/${PLAYBOOK}/?run=${run}&view=history`));
      await suzuki.page.getByTestId('history').waitFor();
      assert.match(await suzuki.page.getByTestId('history').textContent(), /同僚のファイル「tebiki-share-.*」から変更を取り込んだ/);

      // A file whose run belongs to a playbook neither side has is refused.
      const unknown = path.join(tmpdir(), `tebiki-share-${process.pid}-unknown.json`);
      files.push(unknown);
      shared.progress.runs[0].id = 'someoneelse1';
      shared.progress.runs[0].playbook = 'no-such-playbook';
      writeFileSync(unknown, JSON.stringify(shared));
      const before = await storedProgress(suzuki.page);
      preview = await choose(suzuki.page, unknown);
      assert.match(await preview.getByTestId('merge-unknown').textContent(), /no-such-playbook/);
      assert.equal(await suzuki.page.getByTestId('import-merge').count(), 0);
      assert.deepEqual(await storedProgress(suzuki.page), before, 'nothing changes');
      assert.deepEqual(sato.problems, []);
      assert.deepEqual(suzuki.problems, []);
    } finally {
      await a.close();
      await b.close();
      for (const f of files) rmSync(f, { force: true });
    }
  });

  test('a run of a playbook kept only in one browser carries the playbook; the colleague gets both', async () => {
    const a = await launch({ acceptDownloads: true });
    const b = await launch({ acceptDownloads: true });
    const md = path.join(tmpdir(), `tebiki-local-${process.pid}.md`);
    const files = [md];
    try {
      // 佐藤's browser keeps a playbook the site does not have.
      const source = readFileSync(path.join(root, 'playbooks', `${PLAYBOOK}.md`), 'utf8')
        .replace(`id: ${PLAYBOOK}\n`, 'id: sales-inquiry-desk\n')
        .replace('department: 人事\n', 'department: 営業\n');
      writeFileSync(md, source);
      const sato = await watchedPage(a.context);
      await sato.page.goto(url('settings/'));
      await appReady(sato.page);
      await sato.page.getByLabel('読み込むファイルを選ぶ').setInputFiles(md);
      await sato.page.getByTestId('import-playbook').getByRole('button', { name: 'このブラウザのプレイブックに追加' }).click();
      await sato.page.getByText('このブラウザのプレイブックに追加しました。').waitFor();
      await sato.page.goto(url('?local=sales-inquiry-desk'));
      await appReady(sato.page);
      const run = await startRunHere(sato.page, '営業 パイロット');
      await sato.page.locator('.guided .step-panel .item input[type=checkbox]').first().check();
      const [download] = await Promise.all([sato.page.waitForEvent('download'), sato.page.getByTestId('share-run').click()]);
      const file = path.join(tmpdir(), `tebiki-local-${process.pid}.json`);
      files.push(file);
      await download.saveAs(file);
      const shared = JSON.parse(readFileSync(file, 'utf8'));
      assert.deepEqual(shared.playbooks.map((p) => p.id), ['sales-inquiry-desk']);

      // 鈴木 sees that the playbook comes with the file, and gets both.
      const suzuki = await watchedPage(b.context);
      await suzuki.page.goto(url('settings/'));
      await appReady(suzuki.page);
      await suzuki.page.getByLabel('読み込むファイルを選ぶ').setInputFiles(file);
      const preview = suzuki.page.getByTestId('merge-preview');
      await preview.getByTestId('import-merge').waitFor();
      assert.match(await preview.getByTestId('merge-carried').textContent(), /プレイブック「人事問い合わせの窓口一本化と AI による回答案」はこのファイルに含まれています/);
      assert.equal(await preview.getByTestId('merge-version').count(), 0, 'the same version');
      await preview.getByTestId('import-merge').click();
      await suzuki.page.getByTestId('merge-done').waitFor();
      await suzuki.page.goto(url(`?local=sales-inquiry-desk&run=${run}`));
      await suzuki.page.locator('.step-panel').waitFor();
      assert.equal(await suzuki.page.locator('.guided .step-panel .item input[type=checkbox]').first().isChecked(), true);

      // A file whose run follows another version of the playbook says so.
      const older = path.join(tmpdir(), `tebiki-local-${process.pid}-older.json`);
      files.push(older);
      shared.progress.runs[0].id = 'olderversion1';
      shared.progress.runs[0].version = 1;
      writeFileSync(older, JSON.stringify(shared));
      await suzuki.page.goto(url('settings/'));
      await appReady(suzuki.page);
      await suzuki.page.getByLabel('読み込むファイルを選ぶ').setInputFiles(older);
      await preview.getByTestId('import-merge').waitFor();
      assert.match(await preview.getByTestId('merge-version').textContent(), /第 1 版のプレイブックで進めています（今の版は第 5 版）/);

      // A whole backup carries the playbooks kept only in that browser, and
      // restoring it (replace) brings them back.
      await sato.page.goto(url('settings/'));
      await appReady(sato.page);
      const [backup] = await Promise.all([sato.page.waitForEvent('download'), sato.page.getByTestId('export').click()]);
      const whole = path.join(tmpdir(), `tebiki-local-${process.pid}-backup.json`);
      files.push(whole);
      await backup.saveAs(whole);
      const c = await launch();
      try {
        const fresh = await watchedPage(c.context);
        await fresh.page.goto(url('settings/'));
        await appReady(fresh.page);
        await fresh.page.getByLabel('読み込むファイルを選ぶ').setInputFiles(whole);
        await fresh.page.getByTestId('import-confirm').click();
        await fresh.page.getByText(/読み込みました/).waitFor();
        await fresh.page.goto(url(`?local=sales-inquiry-desk&run=${run}`));
        await fresh.page.locator('.step-panel').waitFor();
        assert.equal(await fresh.page.locator('.guided .step-panel .item input[type=checkbox]').first().isChecked(), true);
        assert.deepEqual(fresh.problems, []);
      } finally {
        await c.close();
      }
      assert.deepEqual(sato.problems, []);
      assert.deepEqual(suzuki.problems, []);
    } finally {
      await a.close();
      await b.close();
      for (const f of files) rmSync(f, { force: true });
    }
  });
});
