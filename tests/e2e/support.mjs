// Shared pieces of the browser tests: a real static server (Python's, no
// rewrite rules) over a built site, and headless Chromium from Debian.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The sites under test: the root build and the sub-path build. */
export const sites = [
  { name: 'root', dir: path.join(root, 'dist'), serveDir: path.join(root, 'dist'), base: '/' },
  {
    name: 'sub-path',
    dir: path.join(root, 'target/e2e-site/tebiki/sub'),
    serveDir: path.join(root, 'target/e2e-site'),
    base: '/tebiki/sub/',
  },
];

/** The manifest a site was built with. */
export function manifest(site) {
  return JSON.parse(readFileSync(path.join(site.dir, 'playbooks/manifest.json'), 'utf8'));
}

/** Serve `dir` on a free loopback port; resolves to { url, close }. */
export function serve(dir) {
  return new Promise((resolve, reject) => {
    const server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => reject(new Error('static server did not start')), 15000);
    server.stdout.on('data', (chunk) => {
      const match = /port (\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${match[1]}`, close: () => server.kill() });
      }
    });
    server.stderr.resume();
    server.on('error', reject);
  });
}

/**
 * For a `describe` of tests on one site: its static server and a browser,
 * started before the first test and closed after the last. Resolves nothing:
 * read `server` and `browser` inside the tests; `url(relative)` is an address
 * on the site.
 */
export function servedSite(site, options = {}) {
  const served = {
    server: undefined,
    browser: undefined,
    url: (relative = '') => `${served.server.url}${site.base}${relative}`,
  };
  before(async () => {
    served.server = await serve(site.serveDir);
    served.browser = await launch(options);
  });
  after(async () => {
    await served.browser?.close();
    served.server?.close();
  });
  return served;
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh, empty browser profile folder (for a browser restarted on the same profile). */
export function newProfile() {
  return mkdtempSync(path.join(tmpdir(), 'tebiki-chromium-'));
}

/**
 * Launch headless Chromium; resolves to { context, close }. With `profile`,
 * that profile is used and kept (close it like a browser, start it again);
 * without, a fresh one is made and removed on close.
 */
export async function launch(options = {}, profile = undefined) {
  const keep = profile !== undefined;
  profile ??= newProfile();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    ...options,
  });
  await context.pages()[0]?.close();
  return {
    context,
    close: async () => {
      await context.close();
      if (!keep) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page that records console errors, page errors and failed requests. */
export async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  // Every Content-Security-Policy violation is a problem (Chromium also logs
  // them as console errors; this names the directive and what was blocked).
  await page.exposeFunction('__tebikiCspViolation', (v) => problems.push(`CSP violation: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__tebikiCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A request the browser cancels because the page navigated away (the
    // previous page's favicon, say) is the test moving on, not a failure.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems };
}

/**
 * The app's files (its JS and wasm) this page asks for, from the browser's
 * own network log: `loads` start the app; `prefetches` only warm the cache at
 * the lowest priority (a playbook's page fetches the app at idle).
 */
export async function appRequests(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const log = { loads: [], prefetches: [] };
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!/\/tebiki-app-[^/]*(\.js|_bg\.wasm)$/.test(e.request.url)) return;
    (e.request.initialPriority === 'VeryLow' ? log.prefetches : log.loads).push(e.request.url);
  });
  return log;
}

/** Start the app on a page that is being read (as the site script does when someone works). */
export async function takeOver(page) {
  await page.evaluate(async () => {
    const script = document.querySelector('script[type=module][src*="/site-"]');
    await (await import(script.src)).loadApp();
  });
  await page.waitForFunction(() => document.querySelector('#tebiki .app:not([data-static]) main h1') && !document.querySelector('.prerendered'));
}

/** Wait until the page is ready: its own script has run, or the app has taken it over and loaded its data. */
export async function appReady(page) {
  // A page people read (the catalog, a playbook) is ready once its own script
  // has run; one the app takes over (a run, settings…), once the app has
  // rendered it in place of the pre-rendered content.
  await page.waitForFunction(() => {
    const root = document.getElementById('tebiki');
    if (!root || !root.querySelector('main h1') || root.querySelector('.prerendered')) return false;
    const site = document.documentElement.dataset.site;
    return root.querySelector('.app[data-static]') ? site === 'read' : true;
  });
}

/** Run axe-core on the page; resolves to the serious and critical violations. */
/**
 * On a playbook's page (already loaded): start a run, named `name` when given,
 * and wait for its first step. Resolves to the run's id.
 */
export async function startRunHere(page, name = undefined) {
  if (name !== undefined) await page.getByLabel('新しい取り組みの名前').fill(name);
  await page.getByTestId('start-run').click();
  await page.waitForSelector('.step-panel');
  return new URL(page.url()).searchParams.get('run');
}

/** Name this browser in 設定 (`settingsUrl`) as `who`, the name its changes carry. */
export async function nameThisBrowser(page, settingsUrl, who) {
  await page.goto(settingsUrl);
  await appReady(page);
  const form = page.getByTestId('who-settings');
  await form.getByLabel('名前', { exact: true }).fill(who);
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByText(`以後の変更は「${who}」として記録します。`).waitFor();
}

export async function axe(page) {
  // Evaluated through DevTools, not added as a <script>: the site's
  // Content-Security-Policy (rightly) refuses inline scripts.
  await page.evaluate(readFileSync(path.join(root, 'tests/e2e/node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Wait until the app has written every change to local storage (it writes
 * changes together a moment after the last one; `<html data-save="pending">`
 * meanwhile).
 */
export async function allWritten(page) {
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-save'));
}

/** The app's stored runs (local storage key `tebiki.progress.v1`), parsed, once every change is written. */
export async function storedProgress(page) {
  await allWritten(page);
  return page.evaluate(() => JSON.parse(localStorage.getItem('tebiki.progress.v1') ?? 'null'));
}

/** The text of a PDF, read by poppler's `pdftotext` (Debian `poppler-utils`). */
export function pdfText(bytes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tebiki-pdf-'));
  try {
    const file = path.join(dir, 'page.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What `tebiki check --format json --lang ja` (the binary the build used)
 * reports for `file` checked in the library of `libraryDir` (a site's
 * playbooks folder) with the file in it — the others must be clean — in the
 * shape `listedProblems` reads the page's list. */
export function checkedByCli(file, libraryDir) {
  const args = ['check', '--format', 'json', '--lang', 'ja', libraryDir, file];
  let out;
  try {
    out = execFileSync(path.join(root, 'target/cli/tebiki'), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    // A file with errors makes it exit with a failure; the report is on stdout.
    out = e.stdout;
  }
  const report = JSON.parse(out);
  const entry = report.files.find((f) => f.path === file);
  if (!entry) throw new Error(`the report has no ${file}`);
  for (const other of report.files.filter((f) => f !== entry)) {
    if (other.diagnostics.length) throw new Error(`${other.path} is not clean`);
  }
  return entry.diagnostics.map((d) => ({
    severity: d.severity === 'error' ? 'エラー' : '警告',
    code: d.code,
    line: d.line,
    column: d.column,
    message: d.message,
  }));
}

/** The problems a page lists (`components/problems.rs`), in order. */
export function listedProblems(page) {
  return page.getByTestId('problem').evaluateAll((items) =>
    items.map((li) => ({
      severity: li.querySelector('.problem-severity').textContent,
      code: li.dataset.code,
      line: Number(li.dataset.line),
      column: Number(li.dataset.col),
      message: li.querySelector('.problem-message').textContent,
    })),
  );
}
