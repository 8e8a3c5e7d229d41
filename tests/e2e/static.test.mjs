// The pages people read (the catalog, each playbook's page) are plain pages
// with the site's own small script: no app is loaded until someone works (a
// run, a local playbook). What they show of this browser comes from the
// summary the app keeps, and must be what the app itself would show.

import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appReady, appRequests, axe, launch, manifest, serve, sites, startRunHere, takeOver, watchedPage } from './support.mjs';

const [rootSite] = sites;

/** What the catalog shows of this browser: each card's runs, and the local playbooks. */
function catalogState(page) {
  return page.evaluate(() => ({
    cards: [...document.querySelectorAll('[data-testid=playbook-card]')].map((card) => {
      const runs = card.querySelector('[data-testid=card-runs]');
      const bar = runs?.querySelector('progress');
      return {
        id: card.dataset.id,
        runs: runs ? runs.querySelector('p').textContent : null,
        bar: bar ? [bar.value, bar.max, bar.getAttribute('aria-label')] : null,
      };
    }),
    count: document.querySelector('p.count')?.textContent,
  }));
}

for (const site of sites) {
  describe(`pages people read, at ${site.name}`, () => {
    let server;
    let browser;
    let playbooks;
    const url = (relative = '') => `${server.url}${site.base}${relative}`;

    before(async () => {
      server = await serve(site.serveDir);
      browser = await launch();
      playbooks = manifest(site).playbooks;
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    test('the catalog and every playbook page load none of the app; a playbook page fetches it at idle, at the lowest priority', async () => {
      for (const relative of ['', ...playbooks.map((p) => p.page)]) {
        const { page, problems } = await watchedPage(browser.context);
        const app = await appRequests(page);
        await page.goto(url(relative));
        await appReady(page);
        if (relative) await page.waitForFunction(() => document.querySelectorAll('link[rel=prefetch]').length === 2);
        await page.waitForTimeout(300);
        assert.deepEqual(app.loads, [], `${relative || 'catalog'}: the app is not loaded`);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.site), 'read');
        assert.equal(await page.locator('.app[data-static]').count(), 1);
        if (relative) assert.equal(app.prefetches.filter((u) => u.endsWith('_bg.wasm')).length, 1, relative);
        else assert.deepEqual(app.prefetches, [], 'the catalog does not fetch the app');
        assert.deepEqual(problems, [], relative);
        await page.close();
      }
    });
  });
}

for (const site of sites) {
  describe(`English pages, at ${site.name}`, () => {
    let server;
    let browser;
    let playbooks;
    const url = (relative = '') => `${server.url}${site.base}${relative}`;

    before(async () => {
      server = await serve(site.serveDir);
      browser = await launch();
      playbooks = manifest(site).playbooks;
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    /** What a page says of its language: `<html lang>`, its alternates and its menu's links. */
    const languageOf = (page) =>
      page.evaluate(() => ({
        lang: document.documentElement.lang,
        alternates: Object.fromEntries(
          [...document.querySelectorAll('link[rel=alternate][hreflang]')].map((l) => [l.hreflang, new URL(l.href).pathname]),
        ),
        brand: document.querySelector('.site-header a.brand').getAttribute('href'),
        switch: [...document.querySelectorAll('.site-header a[data-lang]')].map((a) => [a.textContent, a.getAttribute('href')]),
      }));

    test('opened directly, an English page is pre-rendered in English, loads no app, and links to itself in Japanese', async () => {
      const p = playbooks[0];
      for (const [relative, heading] of [
        ['', 'Playbooks'],
        [p.page, p.title],
      ]) {
        const { page, problems } = await watchedPage(browser.context);
        const app = await appRequests(page);
        await page.goto(url(`en/${relative}`));
        await appReady(page);
        assert.equal(await page.locator('h1').textContent(), heading);
        assert.deepEqual(await languageOf(page), {
          lang: 'en',
          alternates: { ja: `${site.base}${relative}`, en: `${site.base}en/${relative}`, 'x-default': `${site.base}${relative}` },
          brand: `${site.base}en/`,
          switch: [['日本語', `${site.base}${relative}`]],
        });
        assert.equal(await page.evaluate(() => document.documentElement.dataset.site), 'read');
        assert.deepEqual(app.loads, [], `${relative || 'catalog'}: no app`);
        if (!relative) {
          assert.equal(await page.locator('p.count').textContent(), `${playbooks.length} playbooks`);
          const hrefs = await page.locator('[data-testid=playbook-card] h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
          assert.deepEqual(hrefs, playbooks.map((q) => `${site.base}en/${q.page}`), 'cards open English pages');
          // The filter works in English as in Japanese, and keeps the page's address.
          await page.getByLabel('Search').fill(p.title);
          await page.waitForURL((u) => u.pathname === `${site.base}en/` && u.searchParams.get('q') === p.title);
        } else {
          assert.equal(await page.getByTestId('start-run').textContent(), 'Start a run');
          assert.equal(await page.locator('nav.crumbs a').getAttribute('href'), `${site.base}en/`);
        }
        assert.deepEqual(await axe(page), [], relative || 'catalog');
        assert.deepEqual(problems, [], relative);
        await page.close();
      }
      // A page only the app shows: in English from its address, its links in English.
      const { page, problems } = await watchedPage(browser.context);
      await page.goto(url('en/settings/'));
      await appReady(page);
      assert.equal(await page.locator('h1').textContent(), 'Settings');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.getByRole('link', { name: 'Dashboard' }).getAttribute('href'), `${site.base}en/dashboard/`);
      assert.equal(await page.locator('.site-header a[data-lang]').getAttribute('href'), `${site.base}settings/`);
      assert.deepEqual(problems, []);
      await page.close();
    });

    test("this browser's language picks the page: a Japanese address opens in English, an English run stays English, 日本語 goes back", async () => {
      const { page, problems } = await watchedPage(browser.context);
      const p = playbooks[0];
      await page.goto(url(p.page));
      await appReady(page);
      // The menu's language link: that page in English, remembered.
      await page.locator('.site-header a[data-lang=en]').click();
      await page.waitForURL(url(`en/${p.page}`));
      await appReady(page);
      assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('tebiki.prefs.v1')).lang), 'en');
      // Addresses without en/ (a colleague's link) now open in English, query and fragment kept.
      await page.goto(url('?q=zzz'));
      await page.waitForURL(url('en/?q=zzz'));
      await appReady(page);
      assert.equal(await page.locator('h1').textContent(), 'Playbooks');
      assert.equal(await page.getByLabel('Search').inputValue(), 'zzz');
      await page.goto(url('dashboard/'));
      await page.waitForURL(url('en/dashboard/'));
      await appReady(page);
      assert.equal(await page.locator('h1').textContent(), 'Dashboard');
      // A run started in English is English throughout, and its address stays under en/.
      await page.goto(url(p.page));
      await page.waitForURL(url(`en/${p.page}`));
      await appReady(page);
      await page.getByLabel('Name of the new run').fill('English pilot');
      await page.getByTestId('start-run').click();
      await page.waitForSelector('.step-panel');
      assert.ok(new URL(page.url()).pathname === `${site.base}en/${p.page}`, page.url());
      const run = new URL(page.url()).searchParams.get('run');
      await page.getByRole('button', { name: 'Mark this step done' }).waitFor();
      await page.goto(url(`${p.page}?run=${run}`));
      await page.waitForURL(url(`en/${p.page}?run=${run}`));
      await page.getByRole('button', { name: 'Mark this step done' }).waitFor();
      // 日本語 from the run: the same run in Japanese, and Japanese from now on.
      await page.locator('.site-header a[data-lang=ja]').click();
      await page.waitForURL(url(`${p.page}?run=${run}`));
      await page.getByRole('button', { name: 'このステップを完了にする' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
      await page.goto(url());
      await appReady(page);
      assert.equal(new URL(page.url()).pathname, site.base, 'no longer sent to English');
      assert.deepEqual(problems, []);
      await page.close();
    });

    test("a file saved in English, imported on a Japanese page: English is this browser's language, and the page offers itself in English", async () => {
      const fresh = await launch();
      const file = path.join(tmpdir(), `tebiki-english-${process.pid}.json`);
      try {
        const at = Date.UTC(2026, 11, 1);
        const run = {
          id: 'en1',
          playbook: playbooks[0].id,
          name: { value: 'English pilot', at },
          created: at,
          deleted: { value: null, at: 0 },
          version: 1,
          content_hash: '',
          step_hashes: {},
          steps: {},
        };
        writeFileSync(file, JSON.stringify({ kind: 'tebiki-export', exported: at, lang: 'en', progress: { format: 3, runs: [run] } }));
        const { page, problems } = await watchedPage(fresh.context);
        await page.goto(url('settings/'));
        await appReady(page);
        await page.getByLabel('読み込むファイルを選ぶ').setInputFiles(file);
        await page.getByTestId('import-confirm').click();
        await page.getByText(/読み込みました/).waitFor();
        const offer = page.getByTestId('import-lang');
        assert.match(await offer.textContent(), /表示言語もファイルのとおり English にしました/);
        assert.equal(await offer.getByRole('link', { name: 'English' }).getAttribute('href'), `${site.base}en/settings/`);
        await offer.getByRole('link', { name: 'English' }).click();
        await page.waitForURL(url('en/settings/'));
        await page.locator('h1', { hasText: 'Settings' }).waitFor();
        await page.goto(url(playbooks[0].page));
        await page.waitForURL(url(`en/${playbooks[0].page}`));
        await page.getByTestId('run-row').first().waitFor();
        assert.deepEqual(problems, []);
      } finally {
        rmSync(file, { force: true });
        await fresh.close();
      }
    });

    test('reading English pages with JavaScript off', async () => {
      const noScript = await launch({ javaScriptEnabled: false });
      try {
        const page = await noScript.context.newPage();
        await page.goto(url('en/'));
        assert.equal(await page.locator('h1').textContent(), 'Playbooks');
        assert.equal(await page.locator('.card').count(), playbooks.length);
        await page.goto(url(`en/${playbooks[0].page}`));
        assert.equal(await page.locator('h1').textContent(), playbooks[0].title);
        assert.equal(await page.locator('.step').count(), playbooks[0].steps);
        assert.equal(await page.locator('section.runs').isVisible(), false);
        await page.locator('.site-header a[data-lang=ja]').click();
        await page.waitForURL(url(playbooks[0].page));
        assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
      } finally {
        await noScript.close();
      }
    });
  });
}

describe('pages people read and the app agree', () => {
  let server;
  let playbooks;
  const url = (relative = '') => `${server.url}${rootSite.base}${relative}`;

  before(async () => {
    server = await serve(rootSite.serveDir);
    playbooks = manifest(rootSite).playbooks;
  });
  after(() => server?.close());

  test('a run started from a playbook page opens at once with the prefetched app, and back and forward work', async () => {
    const browser = await launch();
    try {
      const { page, problems } = await watchedPage(browser.context);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      const wasm = [];
      cdp.on('Network.responseReceived', (e) => e.response.url.endsWith('_bg.wasm') && wasm.push(e.response));
      const p = playbooks[0];
      await page.goto(url(p.page));
      await appReady(page);
      await page.waitForFunction(() => document.querySelectorAll('link[rel=prefetch]').length === 2);
      await page.waitForFunction(
        () => performance.getEntriesByType('resource').some((r) => r.name.endsWith('_bg.wasm') && r.responseEnd > 0),
      );
      // The static page's form: the typed name reaches the app's run.
      await page.getByLabel('新しい取り組みの名前').fill('静的ページから 2027');
      const run = await startRunHere(page);
      assert.ok(run, 'the address names the run');
      assert.equal(await page.locator('h1').first().textContent(), '静的ページから 2027');
      const used = wasm.at(-1);
      // From the prefetch, or from the service worker's copy of this build
      // (on 127.0.0.1 it installs on the first visit and takes the page).
      assert.ok(used.fromPrefetchCache || used.fromDiskCache || used.fromServiceWorker, 'the run used the prefetched app');
      await page.goBack();
      await page.waitForURL(url(p.page));
      await page.getByTestId('run-row').first().waitFor();
      await page.goForward();
      await page.waitForURL(new RegExp(`\\?run=${run}`));
      await page.waitForSelector('.step-panel');
      // Opened again cold, the page of a playbook this browser has runs of is the app's at once.
      await page.goto(url(p.page));
      await appReady(page);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.site), 'app');
      await page.getByTestId('run-row').first().waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test("a run's address opened with an empty cache: the app's wasm and the playbook are fetched once, beside the app's script", async () => {
    const browser = await launch();
    try {
      const { page, problems } = await watchedPage(browser.context);
      const warnings = [];
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      const p = playbooks[0];
      await page.goto(url(p.page));
      await appReady(page);
      const run = await startRunHere(page);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.clearBrowserCache');
      const sent = [];
      const finished = new Map();
      cdp.on('Network.requestWillBeSent', (e) => sent.push({ id: e.requestId, path: new URL(e.request.url).pathname, at: e.timestamp }));
      cdp.on('Network.loadingFinished', (e) => finished.set(e.requestId, e.timestamp));
      await page.goto(url(`${p.page}?run=${run}`));
      await page.waitForSelector('.step-panel');
      const [wasm, md, js] = [/_bg\.wasm$/, new RegExp(`/playbooks/${p.id}\\.md$`), /\/tebiki-app-[^/]*\.js$/].map((re) =>
        sent.filter((r) => re.test(r.path)),
      );
      assert.equal(wasm.length, 1, 'the wasm once: the preload is what the app uses');
      assert.equal(md.length, 1, 'the playbook once');
      assert.equal(js.length, 1);
      // Both asked for before the app's script had even arrived (it would ask for them only once it runs).
      assert.ok(wasm[0].at < finished.get(js[0].id), 'the wasm is preloaded');
      assert.ok(md[0].at < finished.get(js[0].id), 'the playbook is preloaded');
      assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), [], 'every preload is used');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test("the cards' runs and the filter's results are the same with and without the app, for the same storage", async () => {
    const browser = await launch();
    try {
      const { page, problems } = await watchedPage(browser.context);
      // This browser's runs, made by the app: two on one playbook (one with a
      // step done), one on another, one named with markup.
      const [a, b] = playbooks;
      for (const [p, name, done] of [
        [a, '人事 2026 上期', 0],
        [a, '人事 2026 下期', 1],
        [b, '<img src=x onerror="window.__pwned=1">', 0],
      ]) {
        await page.goto(url(p.page));
        await appReady(page);
        await page.getByLabel('新しい取り組みの名前').fill(name);
        await startRunHere(page);
        if (done) {
          const panel = page.locator('.step-panel');
          while ((await panel.getByTestId('signer').count()) > 0) {
            await panel.getByTestId('signer').first().fill('承認 太郎');
            await panel.locator('form.sign-form').first().getByRole('button', { name: '承認を記録する' }).click();
          }
          for (const box of await panel.locator('.item input[type=checkbox]').all()) await box.check();
          await page.getByTestId('toggle-done').click();
          await page.locator('.step-panel[data-mark=done]').waitFor();
        }
      }
      const queries = ['', '?q=差し戻し', '?q=ＦＡＱ', '?q=差し戻し　コード', `?dept=${encodeURIComponent(b.department)}`, '?q=存在しない言葉'];
      for (const query of queries) {
        await page.goto(url(query));
        await appReady(page);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.site), 'read', query);
        const read = await catalogState(page);
        await takeOver(page);
        const app = await catalogState(page);
        assert.deepEqual(read, app, `catalog${query}`);
        if (!query) {
          assert.equal(read.cards.filter((c) => c.runs).length, 2, 'two cards have runs');
          assert.match(read.cards.find((c) => c.id === a.id).runs, /2/);
          assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a name is text');
        }
      }
      // Typing in the filter gives what the address gives.
      await page.goto(url());
      await appReady(page);
      await page.getByLabel('キーワード').fill('差し戻し コード');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=playbook-card]').length === 1);
      const typed = await catalogState(page);
      assert.match(page.url(), /\?q=/);
      await page.reload();
      await takeOver(page);
      assert.deepEqual(await catalogState(page), typed);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('storage the summary cannot describe: the content is always shown, no error; the app takes over where it has something to say', async () => {
    const cases = [
      { name: 'nothing stored', storage: {}, site: 'read', runs: 0 },
      { name: 'a damaged summary, no runs', storage: { 'tebiki.summary.v1': '{"v":1,"runs":[' }, site: 'read', runs: 0 },
      { name: 'a summary from a newer build', storage: { 'tebiki.summary.v1': '{"v":9,"runs":"?"}' }, site: 'read', runs: 0 },
      {
        name: 'a summary with entries that are not runs',
        storage: { 'tebiki.summary.v1': JSON.stringify({ v: 1, runs: [null, 7, { id: 'x', playbook: playbooks[0].id }], local: 'no' }) },
        site: 'read',
        runs: 0,
      },
      { name: 'damaged runs', storage: { 'tebiki.progress.v1': '{"format":1,"runs":[' }, site: 'app', runs: 0 },
    ];
    for (const c of cases) {
      const browser = await launch();
      try {
        const { page, problems } = await watchedPage(browser.context);
        await page.goto(url('404.html'));
        await page.evaluate((s) => {
          for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v);
        }, c.storage);
        await page.goto(url());
        await appReady(page);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.site), c.site, c.name);
        assert.equal(await page.locator('[data-testid=playbook-card]').count(), playbooks.length, c.name);
        assert.equal(await page.locator('[data-testid=card-runs]').count(), c.runs, c.name);
        await page.goto(url(playbooks[0].page));
        await appReady(page);
        assert.equal(await page.locator('h1').first().textContent(), playbooks[0].title, c.name);
        if (c.site === 'read') assert.deepEqual(problems, [], c.name);
        else assert.ok(await page.locator('[role=alert], .banner, .storage-problem').count(), `${c.name}: the app says what is wrong`);
      } finally {
        await browser.close();
      }
    }
  });

  test('the pages people read: no serious accessibility finding, at 1200 and 360 px', async () => {
    const browser = await launch();
    try {
      const { page, problems } = await watchedPage(browser.context);
      for (const width of [1200, 360]) {
        await page.setViewportSize({ width, height: 900 });
        for (const relative of ['', '?q=存在しない言葉', playbooks[0].page]) {
          await page.goto(url(relative));
          await appReady(page);
          assert.deepEqual(await axe(page), [], `${relative} at ${width}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `${relative} fits ${width} px`);
        }
      }
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
