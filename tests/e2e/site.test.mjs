// The release build, served by a plain static server, at the root and under
// a sub-path: every playbook is in the catalog, every URL opens directly
// (cold, reloaded, bookmarked), content reads without JavaScript, links and
// back/forward work, no console error, no serious accessibility finding.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { appReady, appRequests, axe, launch, manifest, serve, sites, takeOver, watchedPage } from './support.mjs';

for (const site of sites) {
  describe(`site at ${site.name} (${site.base})`, () => {
    let server;
    let browser;
    let playbooks;
    const url = (relative = '') => `${server.url}${site.base}${relative}`;

    before(async () => {
      server = await serve(site.serveDir);
      browser = await launch();
      playbooks = manifest(site).playbooks;
      assert.ok(playbooks.length >= 4, 'the library is in the manifest');
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    test('the catalog lists every playbook of the manifest', async () => {
      const { page, problems } = await watchedPage(browser.context);
      await page.goto(url());
      await appReady(page);
      const ids = await page.locator('[data-testid=playbook-card]').evaluateAll((cards) => cards.map((c) => c.dataset.id));
      assert.deepEqual(ids, playbooks.map((p) => p.id));
      for (const p of playbooks) {
        await page.getByRole('link', { name: p.title }).waitFor();
      }
      assert.equal(await page.title(), 'プレイブック一覧 | tebiki（手引き）');
      assert.deepEqual(problems, []);
      await page.close();
    });

    test('search, department and tag narrow the catalog, survive a reload, and clear', async () => {
      const { page, problems } = await watchedPage(browser.context);
      await page.goto(url());
      await appReady(page);
      const cards = page.locator('[data-testid=playbook-card]');
      const status = page.locator('p.count');
      // Every word must match: 差し戻し alone finds both accounting playbooks.
      await page.getByLabel('キーワード').fill('差し戻し');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=playbook-card]').length === 2);
      await page.getByLabel('キーワード').fill('差し戻し コード');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=playbook-card]').length === 1);
      assert.equal(await cards.first().getAttribute('data-id'), 'accounting-send-back-codes');
      assert.equal(await status.textContent(), `${playbooks.length} 件中 1 件を表示`);
      assert.ok(page.url().includes('?q='), 'the filter is in the URL');
      await page.reload();
      await appReady(page);
      assert.equal(await cards.count(), 1, 'a reload keeps the filter');
      await page.getByLabel('キーワード').fill('');
      await page.getByLabel('部門').selectOption('人事');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=playbook-card]').length === 2);
      await page.getByLabel('タグ').selectOption('窓口一本化');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=playbook-card]').length === 1);
      assert.equal(await cards.first().getAttribute('data-id'), 'hr-inquiry-desk');
      await page.getByLabel('キーワード').fill('存在しない語');
      await page.getByText('条件に合うプレイブックがありません').waitFor();
      assert.equal(await cards.count(), 0);
      await page.getByRole('button', { name: '絞り込みを解除' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=playbook-card]').length === n, playbooks.length);
      assert.equal(page.url(), url());
      assert.deepEqual(problems, []);
      await page.close();
    });

    test('every playbook URL opens directly and reloads', async () => {
      for (const p of playbooks) {
        const { page, problems } = await watchedPage(browser.context);
        const response = await page.goto(url(p.page));
        assert.equal(response.status(), 200, p.page);
        await appReady(page);
        assert.equal(await page.locator('h1').textContent(), p.title);
        assert.equal(await page.title(), `${p.title} | tebiki（手引き）`);
        assert.equal(await page.locator('.step').count(), p.steps, `${p.id}: every step is shown`);
        await page.reload();
        await appReady(page);
        assert.equal(await page.locator('h1').textContent(), p.title);
        assert.deepEqual(problems, [], p.id);
        await page.close();
      }
    });

    test('a deep link opened cold in a fresh browser works, query included', async () => {
      const cold = await launch();
      try {
        const p = playbooks[1];
        const { page, problems } = await watchedPage(cold.context);
        await page.goto(url(`${p.page}?utm_source=mail`));
        await appReady(page);
        assert.equal(await page.locator('h1').textContent(), p.title);
        // A run bookmarked in another browser is not here: say so, lead back.
        await page.goto(url(`${p.page}?run=bookmarked&step=x`));
        await page.getByRole('heading', { name: 'この取り組みは見つかりません' }).waitFor();
        await page.getByRole('link', { name: 'プレイブックへ戻る' }).click();
        await page.getByRole('heading', { level: 1, name: p.title }).waitFor();
        assert.deepEqual(problems, []);
      } finally {
        await cold.close();
      }
    });

    test('every page carries a Content-Security-Policy that refuses injected script', async () => {
      const { page, problems } = await watchedPage(browser.context);
      // Script from the site's own files, and each inline script by its
      // hash, no other: trunk's loader on the pages the app shows; on
      // Japanese pages, the step to the English page.
      for (const [relative, count] of [['', 1], [playbooks[0].page, 1], ['settings/', 2], [`${playbooks[0].page}?run=none`, 1], ['en/', 0], [`en/${playbooks[0].page}`, 0], ['en/settings/', 1]]) {
        await page.goto(url(relative));
        await appReady(page);
        const policy = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
        const inline = await page.locator('script:not([src]):not([type="application/json"])').evaluateAll((s) => s.map((e) => e.textContent));
        assert.equal(inline.length, count, `${relative}: inline scripts`);
        const hashes = inline.map((text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`);
        const scriptSrc = /script-src ([^;]*);/.exec(policy)[1].split(' ');
        assert.deepEqual(scriptSrc.slice(0, 2), ["'self'", "'wasm-unsafe-eval'"], relative);
        assert.deepEqual(scriptSrc.slice(2).sort(), hashes.sort(), `${relative}: exactly its inline scripts`);
        assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'|https?:/);
      }
      assert.deepEqual(problems, [], 'the app boots with zero violations');
      // Markdown tables' alignment (the only inline style content can produce) is allowed, by hash.
      const aligned = await page.evaluate(async () => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend', '<table><tr><td style="text-align: center">x</td></tr></table>');
        await new Promise((r) => setTimeout(r, 50));
        return getComputedStyle(main.querySelector('td[style]')).textAlign;
      });
      assert.equal(aligned, 'center');
      assert.deepEqual(problems, [], 'table alignment is not a violation');
      // The policy is live: a script that content managed to insert would not run.
      const ran = await page.evaluate(async () => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.append(s);
        await new Promise((r) => setTimeout(r, 50));
        return window.__injected === true;
      });
      assert.equal(ran, false);
      assert.ok(problems.some((p) => p.startsWith('CSP violation: script-src')), problems.join('\n'));
      await page.close();
    });

    test('pages are readable before and without JavaScript', async () => {
      const noScript = await launch({ javaScriptEnabled: false });
      try {
        const page = await noScript.context.newPage();
        await page.goto(url(playbooks[0].page));
        assert.equal(await page.locator('h1').textContent(), playbooks[0].title);
        assert.equal(await page.locator('.step').count(), playbooks[0].steps);
        assert.ok((await page.locator('meta[name=description]').getAttribute('content')).length > 10);
        // Controls that need the script are not offered without it.
        for (const control of ['section.runs', 'form.start-run', 'details.clone-details']) {
          assert.equal(await page.locator(control).isVisible(), false, control);
        }
        await page.goto(url());
        assert.equal(await page.locator('.card').count(), playbooks.length);
        assert.equal(await page.locator('form.filters').isVisible(), false, 'the filter needs the script');
        assert.equal(await page.getByRole('link', { name: playbooks[0].title }).count(), 1);
        await page.goto(url('404.html'));
        assert.ok((await page.locator('h1').textContent()).length > 0);
        // What to prepare, before the phases; a metric measured from the pilot says so.
        await page.goto(url('p/hr-inquiry-desk/'));
        await checkPreparedPage(page);
      } finally {
        await noScript.close();
      }
    });

    /** The hr playbook's page: what to prepare comes before the phases, and
     * the metric that only exists once drafts are made says it starts then. */
    async function checkPreparedPage(page) {
      const prepare = page.locator('section.prepare');
      assert.equal(await prepare.locator('h2').textContent(), '始める前に用意するもの');
      assert.equal(await prepare.locator('li').count(), 5);
      assert.match(await prepare.locator('.effort').textContent(), /^見込みの工数：棚卸しと FAQ の見直しに/);
      assert.ok(
        await page.evaluate(() => {
          const prep = document.querySelector('section.prepare');
          const phase = document.querySelector('.phases');
          return Boolean(prep.compareDocumentPosition(phase) & Node.DOCUMENT_POSITION_FOLLOWING);
        }),
        'before the phases',
      );
      const row = page.locator('table.metrics tr', { hasText: '下書きをほぼそのまま使えた割合' });
      assert.match(await row.locator('td').nth(1).textContent(), /^パイロットから計測AI の下書きはパイロットで初めて作るため/);
    }

    test('the app shows what to prepare and metrics measured from the pilot as the plain page does', async () => {
      const { page, problems } = await watchedPage(browser.context);
      await page.goto(url('p/hr-inquiry-desk/'));
      await appReady(page);
      await takeOver(page);
      await checkPreparedPage(page);
      assert.equal(await page.locator('section.prepare').count(), 1);
      assert.deepEqual(problems, []);
      await page.close();
    });

    test('links inside the app and back/forward work without reloading; the pages people read are plain pages', async () => {
      const { page, problems } = await watchedPage(browser.context);
      // Once the app runs (here: settings), its links stay in the page.
      await page.goto(url('settings/'));
      await appReady(page);
      await page.evaluate(() => (window.__sameDocument = true));
      await page.getByRole('link', { name: 'プレイブック一覧' }).first().click();
      await page.waitForURL(url());
      const p = playbooks[0];
      await page.getByRole('link', { name: p.title }).click();
      await page.waitForURL(url(p.page));
      await appReady(page);
      assert.equal(await page.locator('h1').textContent(), p.title);
      await page.goBack();
      await page.waitForURL(url());
      await page.locator('[data-testid=playbook-card]').first().waitFor();
      await page.goForward();
      await page.waitForURL(url(p.page));
      await page.locator('.conditions').waitFor();
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full reload inside the app');
      // From a page people read, a link is an ordinary page load, still without the app.
      const app = await appRequests(page);
      await page.goto(url());
      await appReady(page);
      await page.getByRole('link', { name: p.title }).click();
      await page.waitForURL(url(p.page));
      await appReady(page);
      await page.goBack();
      await page.waitForURL(url());
      await appReady(page);
      await page.goForward();
      await page.waitForURL(url(p.page));
      await page.locator('.conditions').waitFor();
      await page.getByRole('link', { name: '設定' }).click();
      await page.waitForURL(url('settings/'));
      await appReady(page);
      assert.equal(await page.locator('h1').textContent(), '設定');
      assert.equal(app.loads.filter((u) => u.endsWith('.wasm')).length, 1, `the app loads on the settings page only: ${app.loads}`);
      assert.ok(app.prefetches.length > 0, 'the playbook page fetched the app at idle');
      assert.deepEqual(problems, []);
      await page.close();
    });

    test('the language setting switches the interface and is remembered', async () => {
      const { page, problems } = await watchedPage(browser.context);
      await page.goto(url('settings/'));
      await appReady(page);
      await page.getByLabel('表示言語').selectOption('en');
      await page.waitForURL(url('en/settings/'));
      await page.locator('h1', { hasText: 'Settings' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.goto(url());
      await appReady(page);
      assert.equal(await page.locator('h1').textContent(), 'Playbooks');
      await page.goto(url('settings/'));
      await appReady(page);
      await page.getByLabel('Language').selectOption('ja');
      await page.waitForURL(url('settings/'));
      await page.locator('h1', { hasText: '設定' }).waitFor();
      assert.deepEqual(problems, []);
      await page.close();
    });

    test('no serious or critical accessibility finding on any page', async () => {
      const pages = ['', 'settings/', ...playbooks.map((p) => p.page)];
      for (const relative of pages) {
        const { page } = await watchedPage(browser.context);
        await page.goto(url(relative));
        await appReady(page);
        assert.deepEqual(await axe(page), [], relative || 'catalog');
        await page.close();
      }
    });

    test('the sitemap names the catalog and every playbook page', async () => {
      const response = await fetch(url('sitemap.xml'));
      assert.equal(response.status, 200);
      const xml = await response.text();
      for (const p of playbooks) assert.ok(xml.includes(`${site.base}${p.page}</loc>`), p.page);
    });
  });
}
