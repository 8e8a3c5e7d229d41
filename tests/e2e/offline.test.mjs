// Offline after the first visit, in the release build: on 127.0.0.1 (a
// secure context, as an HTTPS host is) the service worker the generator
// wrote keeps the site, so that the catalog, a playbook never opened and a
// run work without a network and a change made offline is kept; a new
// deployment (the site rebuilt by trunk with a changed playbook) is offered
// as 「新しい版があります（再読み込み）」, never switched under the page,
// and reloading shows the new version and what changed in the run. On a
// plain http:// host (an intranet name, not a secure context) nothing
// registers and nothing complains.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { allWritten, appReady, axe, chromiumArgs, launch, root, serve, servedSite, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const PLAYBOOK = 'company-work-inventory';
const CHANGED_STEP = 'kickoff';
const ADDED = '改訂：説明会の前に、各部門の業務分掌表が最新かを確かめてください。';

/** Build the site with trunk (the release build, as `scripts/test` does) from
 * `playbooks` into `dist`; resolves when it is done. */
function trunkBuild(playbooks, dist) {
  return new Promise((resolve, reject) => {
    const child = spawn('trunk', ['build', '--release', '--offline', '--public-url', '/', '--dist', dist], {
      cwd: root,
      env: { ...process.env, TEBIKI_PLAYBOOKS: playbooks },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (c) => (log += c));
    child.stderr.on('data', (c) => (log += c));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`trunk build failed (${code}):\n${log}`))));
  });
}

describe('offline after the first visit', () => {
  let work;
  let server;
  let browser;
  const url = (relative = '') => `${server.url}/${relative}`;

  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'tebiki-offline-'));
    // The site as deployed: a copy, so that a later deployment can take its place.
    cpSync(sites[0].dir, path.join(work, 'site'), { recursive: true });
    server = await serve(path.join(work, 'site'));
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the site works offline once opened, and a new deployment is offered, not imposed', async () => {
    // The next deployment: the same app, one playbook changed (a new version,
    // one step's text). Built while the first part runs.
    const library = path.join(work, 'playbooks');
    cpSync(path.join(root, 'playbooks'), library, { recursive: true });
    const source = path.join(library, `${PLAYBOOK}.md`);
    const text = readFileSync(source, 'utf8');
    const changed = text
      .replace(/^version: (\d+)$/m, (_, v) => `version: ${Number(v) + 1}`)
      .replace(/(<!-- step: kickoff[\s\S]*?-->\n\n)/, `$1${ADDED}\n\n`);
    assert.notEqual(changed, text);
    assert.ok(changed.includes(ADDED));
    writeFileSync(source, changed);
    const next = path.join(work, 'next');
    const built = trunkBuild(library, next);
    built.catch(() => {});

    const { page, problems } = await watchedPage(browser.context);
    // First visit, online: a run is started; the worker installs every file.
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    const run = await startRunHere(page, 'オフラインの確認');
    await page.evaluate(() => navigator.serviceWorker.ready);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    assert.equal(scope, url());
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      return names.length === 1 ? (await (await caches.open(names[0])).keys()).length : names;
    });
    const listed = JSON.parse(/const FILES = (.*);\n/.exec(readFileSync(path.join(work, 'site/sw.js'), 'utf8'))[1]);
    assert.equal(cached, listed.length, 'one cache, every file of the build in it');

    // Offline: a run, the catalog and a playbook never opened, after a reload.
    await browser.context.setOffline(true);
    await page.reload();
    await page.waitForSelector('.step-panel');
    assert.equal(new URL(page.url()).searchParams.get('run'), run);
    // A change made offline is kept.
    const first = page.locator('.step-panel input[type=checkbox]').first();
    await first.check();
    await allWritten(page);
    await page.reload();
    await page.waitForSelector('.step-panel');
    assert.equal(await page.locator('.step-panel input[type=checkbox]').first().isChecked(), true);
    await page.goto(url());
    await appReady(page);
    assert.ok((await page.locator('[data-testid=playbook-card]').count()) > 5, 'the catalog, from the cache');
    await page.goto(url('p/hr-inquiry-desk/'));
    await appReady(page);
    assert.equal(await page.locator('h1').textContent(), '人事問い合わせの窓口一本化と AI による回答案');
    await page.goto(url(`en/p/${PLAYBOOK}/?run=${run}`));
    await page.waitForSelector('.step-panel');
    assert.equal(await page.locator('.step-panel input[type=checkbox]').first().isChecked(), true, 'the English page too');
    await page.goto(url(`p/${PLAYBOOK}/?run=${run}`));
    await page.waitForSelector('.step-panel');

    // The new deployment takes the old one's place on the server.
    await built;
    renameSync(path.join(work, 'site'), path.join(work, 'old'));
    renameSync(next, path.join(work, 'site'));
    await browser.context.setOffline(false);
    const prompt = page.locator('#tebiki-update');
    await prompt.getByRole('button', { name: '再読み込み' }).waitFor();
    assert.equal(await prompt.textContent(), '新しい版があります再読み込み×');
    assert.equal(await prompt.getAttribute('role'), 'status');
    // Nothing switched under the page: the new build waits, this one runs.
    const waiting = () => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting));
    assert.equal(await waiting(), true);
    assert.equal(await page.locator('.step-panel').count(), 1);
    assert.deepEqual(await axe(page), []);
    // Closed, it is gone from this page; reloading by hand does not switch
    // either while the page is open (the new build waits): it is offered again.
    await prompt.getByRole('button', { name: '閉じる' }).click();
    assert.equal(await prompt.textContent(), '');
    assert.equal(await prompt.isVisible(), false);
    await page.reload();
    await prompt.getByRole('button', { name: '再読み込み' }).waitFor();
    assert.equal(await waiting(), true);
    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: '再読み込み' }).click()]);
    await page.waitForSelector('.step-panel');
    await page.getByTestId('drift').waitFor();
    assert.match(await page.getByTestId('drift').locator(`[data-drift=${CHANGED_STEP}]`).textContent(), /内容が変わりました/);
    assert.equal(await prompt.textContent(), '', 'the new build is the one running');
    const stored = (await storedProgress(page)).runs.find((r) => r.id === run);
    assert.ok(stored, 'the run is still there');
    const names = await page.evaluate(() => caches.keys());
    assert.equal(names.length, 1, `the old build's cache is gone: ${names}`);
    assert.equal(await waiting(), false);
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    assert.ok((await page.locator('main').textContent()).includes(ADDED), 'the playbook page is the new one');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('offline under a sub-path', () => {
  const site = sites[1];
  const served = servedSite(site);
  const url = served.url;

  test('the worker is scoped to the base path, and its pages work offline', async () => {
    const { browser } = served;
    const { page, problems } = await watchedPage(browser.context);
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope), url());
    const names = await page.evaluate(() => caches.keys());
    assert.equal(names.length, 1);
    assert.ok(names[0].startsWith(`tebiki ${site.base} `), names[0]);
    await browser.context.setOffline(true);
    await page.goto(url());
    await appReady(page);
    assert.ok((await page.locator('[data-testid=playbook-card]').count()) > 5);
    await page.goto(url('en/p/hr-inquiry-desk/'));
    await appReady(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    await startRunHere(page, 'サブパスでオフライン');
    await browser.context.setOffline(false);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('on a plain http:// host', () => {
  let server;
  let browser;
  const HOST = 'tebiki.intranet';

  before(async () => {
    server = await serve(sites[0].serveDir);
    // An intranet name for the loopback server: http:// on a name is not a
    // secure context, as on a company's internal host.
    browser = await launch({ args: [...chromiumArgs, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  test('nothing registers, nothing is asked for, nothing complains', async () => {
    const { page, problems } = await watchedPage(browser.context);
    const asked = [];
    page.on('request', (r) => /\/sw\.js$/.test(new URL(r.url()).pathname) && asked.push(r.url()));
    const port = new URL(server.url).port;
    for (const relative of ['', `p/${PLAYBOOK}/`, 'settings/', 'edit/', 'en/']) {
      await page.goto(`http://${HOST}:${port}/${relative}`);
      await appReady(page);
      assert.equal(await page.evaluate(() => window.isSecureContext), false);
      assert.equal(await page.evaluate(() => 'serviceWorker' in navigator), false);
      assert.equal(await page.locator('#tebiki-update').textContent(), '');
      assert.equal(await page.locator('#tebiki-update').isVisible(), false);
    }
    // Work goes on as everywhere: a run is started and kept.
    await page.goto(`http://${HOST}:${port}/p/${PLAYBOOK}/`);
    await appReady(page);
    const run = await startRunHere(page, 'イントラネットで');
    assert.ok((await storedProgress(page)).runs.some((r) => r.id === run));
    assert.deepEqual(asked, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
