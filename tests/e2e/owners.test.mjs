// Responsibility (issue 19): a run names the people of each role its
// playbook mentions; each step shows its owner, 「自分の担当」 lists the steps
// of this browser's person, the dashboard says who does the next step —
// against the release build in real headless Chromium over HTTP.

import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { appReady, axe, launch, nameThisBrowser, root, servedSite, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const site = sites[0];
const PLAYBOOK = 'hr-inquiry-desk';
const source = readFileSync(path.join(root, 'playbooks', `${PLAYBOOK}.md`), 'utf8');
/** The ids of the steps whose role is `role`, in the playbook's order. */
function stepsOf(role) {
  const ids = [];
  let current = null;
  for (const line of source.split('\n')) {
    const id = /^<!-- step: (\S+)$/.exec(line);
    if (id) current = id[1];
    if (line === `role: ${role}` && current) ids.push(current);
  }
  return ids;
}

describe('owners of a run: who does each step', () => {
  const served = servedSite(site);
  const url = served.url;

  test('roles mapped to people: each step shows its owner, unassigned ones say so, 自分の担当 lists exactly mine, and it survives a reload', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    const run = await startRunHere(page, '人事 担当の割り当て');
    const runUrl = url(`p/${PLAYBOOK}/?run=${run}`);

    // Nobody is named yet: the panel is open and lists every role, steps' and approvers'.
    const panel = page.getByTestId('owners');
    assert.equal(await panel.getAttribute('open'), '', 'open the first time');
    const roles = await panel.locator('label').allTextContents();
    for (const role of ['人事企画担当', '人事企画課長', '問い合わせ窓口担当', '人事部長', '情報システム部 情報セキュリティ責任者']) {
      assert.ok(roles.includes(role), `${role} in ${roles}`);
    }
    assert.match(await panel.locator('summary').textContent(), new RegExp(`未割り当て ${roles.length} / ${roles.length} 役割`));
    const owner = page.locator('.guided .step-panel [data-testid=step-owner]');
    assert.equal(await owner.textContent(), '担当：人事企画担当（未割り当て）');
    assert.match(await owner.getAttribute('class'), /unassigned/);

    // 自分の担当 before this browser has a name: it says how to get there.
    await page.getByTestId('mine-link').click();
    await page.getByTestId('mine-empty').waitFor();
    assert.match(await page.getByTestId('mine-empty').textContent(), /記録に残す名前」がまだありません/);

    await nameThisBrowser(page, url('settings/'), '山田 花子');
    // 自分の担当 with a name but no role naming it: it says what to do, and
    // follows as soon as the owners are saved above it.
    await page.goto(`${runUrl}&view=mine`);
    await page.getByTestId('mine-empty').waitFor();
    assert.match(await page.getByTestId('mine-empty').textContent(), /担当者に「山田 花子」が入っている役割はまだありません/);
    // Still open: nobody is named for any role yet.
    assert.equal(await panel.getAttribute('open'), '');
    await panel.getByLabel('人事企画担当').fill('山田花子、佐藤 一郎');
    // A payload typed as a name stays text.
    await panel.getByLabel('人事部長').fill('<img src=x onerror="window.__owned=1">');
    await page.getByTestId('owners-save').click();
    await panel.getByText('担当者を保存しました。').waitFor();
    assert.match(await panel.locator('summary').textContent(), new RegExp(`未割り当て ${roles.length - 2} / ${roles.length} 役割`));

    // 自分の担当: exactly the steps of the roles that name 山田 花子 (spaces aside).
    await page.getByTestId('mine').locator('.run-list-view:not([aria-busy])').waitFor();
    const mine = await page.locator('[data-testid=mine] .step-panel').evaluateAll((ps) => ps.map((p) => p.dataset.step));
    assert.deepEqual(mine, stepsOf('人事企画担当'));
    assert.ok(mine.length > 3, `${mine.length} steps`);
    assert.equal(await page.getByTestId('mine-link').getAttribute('aria-current'), 'page');
    assert.deepEqual(await axe(page), [], 'my steps');

    // Each step says who does it.
    await page.goto(runUrl);
    await owner.waitFor();
    assert.equal(await owner.textContent(), '担当：人事企画担当（山田花子、佐藤 一郎）');
    assert.doesNotMatch(await owner.getAttribute('class'), /unassigned/);
    assert.deepEqual(await axe(page), [], 'the run with its owners');
    await page.getByTestId('mine-link').click();
    await page.getByTestId('mine').locator('.step-panel').first().waitFor();

    // Kept: a reload shows the same, and the history says who named whom.
    await page.reload();
    await page.getByTestId('mine').locator('.step-panel').first().waitFor();
    assert.equal(await page.locator('[data-testid=mine] .step-panel').count(), mine.length);
    await page.getByTestId('history-link').click();
    await page.getByTestId('history').waitFor();
    const history = await page.getByTestId('history').textContent();
    assert.match(history, /「人事企画担当」の担当者を「山田花子、佐藤 一郎」にした/);
    assert.match(history, /「人事部長」の担当者を「<img src=x onerror="window.__owned=1">」にした/);
    assert.equal(await page.evaluate(() => window.__owned), undefined, 'nothing typed runs');
    assert.equal(await page.locator('img[src=x]').count(), 0);

    // The success record hands over who took on what, and what nobody did.
    await page.getByTestId('record-link').click();
    const table = page.getByTestId('record-owners');
    await table.waitFor();
    assert.equal(await table.locator('tr', { hasText: '人事企画担当' }).locator('td').nth(1).textContent(), '山田花子、佐藤 一郎');
    assert.equal(await table.locator('tr', { hasText: '人事企画課長' }).locator('td').nth(1).textContent(), '未割り当て');

    // The dashboard: who does the next step.
    await page.goto(url('dashboard/'));
    await appReady(page);
    const next = page.locator('tr', { hasText: '人事 担当の割り当て' }).getByTestId('next-owner');
    assert.equal(await next.textContent(), '担当：人事企画担当（山田花子、佐藤 一郎）');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('two browsers name different people for the same role: the one taking the file in picks, the other value stays in the history', async () => {
    const a = await launch({ acceptDownloads: true });
    const b = await launch({ acceptDownloads: true });
    const files = [];
    const share = async (page) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-run').click()]);
      const file = path.join(tmpdir(), `tebiki-owners-${process.pid}-${files.length}.json`);
      await download.saveAs(file);
      files.push(file);
      return file;
    };
    const takeIn = async (page, file) => {
      await page.goto(url('settings/'));
      await appReady(page);
      await page.getByLabel('読み込むファイルを選ぶ').setInputFiles(file);
      return page.getByTestId('merge-preview');
    };
    const name = async (page, role, people) => {
      const panel = page.getByTestId('owners');
      if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
      await panel.getByLabel(role).fill(people);
      await page.getByTestId('owners-save').click();
      await panel.getByText('担当者を保存しました。').waitFor();
    };
    try {
      const sato = await watchedPage(a.context);
      const suzuki = await watchedPage(b.context);
      await nameThisBrowser(sato.page, url('settings/'), '佐藤');
      await nameThisBrowser(suzuki.page, url('settings/'), '鈴木');
      await sato.page.goto(url(`p/${PLAYBOOK}/`));
      await appReady(sato.page);
      const run = await startRunHere(sato.page, '人事 共有の担当');
      const first = await share(sato.page);
      let preview = await takeIn(suzuki.page, first);
      await preview.getByTestId('import-merge').click();
      await suzuki.page.getByTestId('merge-done').waitFor();

      // Both name someone for 人事企画課長, differently.
      await name(sato.page, '人事企画課長', '高橋');
      const second = await share(sato.page);
      await suzuki.page.goto(url(`p/${PLAYBOOK}/?run=${run}`));
      await suzuki.page.locator('.step-panel').waitFor();
      await name(suzuki.page, '人事企画課長', '伊藤');
      preview = await takeIn(suzuki.page, second);
      const conflict = preview.getByTestId('merge-conflict');
      await conflict.waitFor();
      assert.match(await conflict.textContent(), /このブラウザ：.*鈴木.*「人事企画課長」の担当者を「伊藤」にした.*ファイル：.*佐藤.*「人事企画課長」の担当者を「高橋」にした/s);
      await conflict.getByRole('radio').nth(1).check();
      await suzuki.page.getByTestId('import-merge').click();
      await suzuki.page.getByTestId('merge-done').waitFor();
      const merged = (await storedProgress(suzuki.page)).runs.find((r) => r.id === run);
      assert.equal(merged.owners['人事企画課長'].value, '高橋', 'the picked value');
      const named = merged.history.filter((e) => e.did.owner).map((e) => [e.by?.name, e.did.owner.people]);
      assert.ok(named.some(([who, people]) => who === '鈴木' && people === '伊藤'), 'the value not picked stays in the history');
      await suzuki.page.goto(url(`p/${PLAYBOOK}/?run=${run}&view=record`));
      await suzuki.page.getByTestId('record-owners').waitFor();
      assert.equal(await suzuki.page.getByTestId('record-owners').locator('tr', { hasText: '人事企画課長' }).locator('td').nth(1).textContent(), '高橋');
      assert.deepEqual(sato.problems, []);
      assert.deepEqual(suzuki.problems, []);
    } finally {
      await a.close();
      await b.close();
      for (const f of files) rmSync(f, { force: true });
    }
  });
});
