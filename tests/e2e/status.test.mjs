// The read-only status link (issue 17, section 5): made on a run, opened in a
// fresh browser profile that never saw the run, where it shows the snapshot
// and writes nothing; damaged, cut, newer and oversized links explain
// themselves; the text in a link stays text; the printed success record
// carries the link as a QR code. Release build, headless Chromium, HTTP.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appReady, axe, launch, nameThisBrowser, serve, sites, startRunHere, watchedPage } from './support.mjs';

const PAYLOAD = '人事部 上期 <img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

for (const site of sites) {
  describe(`the status link (${site.name})`, () => {
    let server;
    const browsers = [];
    let link;
    const url = (relative = '') => `${server.url}${site.base}${relative}`;

    before(async () => {
      server = await serve(site.serveDir);
    });
    after(async () => {
      for (const b of browsers) await b.close();
      server?.close();
    });

    async function fresh() {
      const browser = await launch();
      browsers.push(browser);
      return watchedPage(browser.context);
    }

    test('a lead makes the link of a run: at most 2,000 characters, to the status page, copied on http://', async () => {
      const { page, problems } = await fresh();
      await nameThisBrowser(page, url('settings/'), '佐藤 花子');
      await page.goto(url('p/hr-inquiry-desk/'));
      await appReady(page);
      await startRunHere(page, PAYLOAD);
      const panel = page.locator('.step-panel');
      for (const box of await panel.locator('.item input[type=checkbox]').all()) await box.check();
      await page.getByTestId('toggle-done').click();
      await page.locator('.step-panel[data-mark=done]').waitFor();

      await page.getByTestId('status-link').click();
      const field = page.getByTestId('status-link-field');
      link = await field.inputValue();
      assert.ok(link.startsWith(`${server.url}${site.base}status/#s=2.`), link);
      assert.ok(link.length <= 2000, `${link.length} characters`);
      assert.match(await page.getByTestId('status-link-length').textContent(), new RegExp(`^${link.length} 文字`));
      assert.ok(!link.includes('?'), 'the snapshot is in the fragment, never in the query the server sees');
      await page.getByTestId('status-link-copy').click();
      await page.getByText('状況リンクをコピーしました。').waitFor();
      // The copy command copied the field's text (read back with the
      // clipboard permission, which only the test has).
      await browsers.at(-1).context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(problems, []);
    });

    test('a fresh profile opens it read-only: the snapshot as taken, nothing stored, the names only text', async () => {
      assert.ok(link, 'the link of the previous test');
      const { page, problems } = await fresh();
      await page.goto(link);
      await appReady(page);
      const banner = await page.getByTestId('status-banner').textContent();
      assert.match(banner, /^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2} 佐藤 花子 さん時点のスナップショット$/);
      assert.equal(await page.getByTestId('status-run').textContent(), PAYLOAD);
      assert.match(await page.getByTestId('status-playbook').textContent(), /^人事問い合わせ.*（第 \d+ 版）・人事$/);
      assert.equal(await page.locator('[data-testid=status-phases] li').count(), 3);
      assert.match(await page.getByTestId('status-overall').textContent(), /1 \/ \d+/);
      assert.match(await page.getByTestId('status-gate-list').textContent(), /パイロット開始/);
      // The next step's date as it stood when the link was made; nothing late.
      assert.match(await page.getByTestId('status-next-due').textContent(), /^期限：\d{4}年\d{1,2}月\d{1,2}日\(.\) 期限内$/);
      assert.equal(await page.getByTestId('status-alerts').count(), 0);
      assert.equal(await page.getByTestId('status-answer-list').count(), 0, 'the playbook asks nothing');
      assert.ok((await page.locator('[data-testid=status-metrics] tbody tr').count()) >= 1);
      assert.equal(await page.getByTestId('status-summarised').count(), 0);
      await page.getByRole('link', { name: 'プレイブックを開く' }).waitFor();
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.locator('main img, main script').count(), 0);
      assert.deepEqual(await axe(page), []);
      // Whatever the app might save is written within a moment: wait past it.
      await page.waitForTimeout(500);
      assert.equal(await page.evaluate(() => localStorage.length), 0, 'opening a status link stores nothing');
      assert.deepEqual(problems, []);
    });

    test('damaged, cut, newer, oversized and empty links each say what is wrong', async () => {
      assert.ok(link, 'the link of the previous test');
      const { page, problems } = await fresh();
      const [address, value] = link.split('#s=');
      const cases = [
        [`${address}#s=${value.slice(0, Math.floor(value.length / 2))}`, 'このリンクは途中で切れています'],
        [`${address}#s=${value.slice(0, 40)}${value[40] === 'A' ? 'B' : 'A'}${value.slice(41)}`, 'このリンクは壊れています'],
        [`${address}#s=3.${value.slice(2)}`, '新しい版の tebiki で作られています（形式 3）'],
        [`${address}#s=1.${'A'.repeat(9000)}`, 'このリンクは長すぎます（9002 文字）'],
        [address, 'このアドレスには状況が入っていません'],
      ];
      for (const [where, message] of cases) {
        // A new page each time: only the fragment differs between them.
        await page.goto('about:blank');
        await page.goto(where);
        await appReady(page);
        assert.match(await page.getByTestId('status-error').textContent(), new RegExp(message.replace(/[()（）]/g, '.')), where.slice(-30));
      }
      assert.deepEqual(await axe(page), []);
      // Following a status link from the page: the new fragment is read.
      await page.evaluate((l) => { window.location.hash = new URL(l).hash; }, link);
      await page.getByTestId('status-banner').waitFor();
      assert.equal(await page.evaluate(() => localStorage.length), 0);
      assert.deepEqual(problems, []);
    });
  });
}

describe('the success record', () => {
  const site = sites[0];
  let server;
  let browser;
  before(async () => {
    server = await serve(site.serveDir);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  test('carries the status link as a QR code, on screen and on paper', async () => {
    const { page, problems } = await watchedPage(browser.context);
    await page.goto(`${server.url}/p/hr-inquiry-desk/`);
    await appReady(page);
    await startRunHere(page, '人事部 上期');
    await page.getByTestId('record-link').click();
    const qr = page.getByTestId('status-qr');
    await qr.waitFor();
    const svg = qr.locator('svg[role=img]');
    assert.equal(await svg.getAttribute('aria-label'), '状況リンクの QR コード');
    assert.ok((await svg.locator('path').getAttribute('d')).length > 1000);
    await page.emulateMedia({ media: 'print' });
    assert.ok(await qr.isVisible(), 'printed with the record');
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
  });
});
