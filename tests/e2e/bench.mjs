// The site in a real browser: the pages people read beside the same pages as
// plain HTML (the lower bound), the run path on a slow link, the 500-step
// playbook, memory, Lighthouse, and sizes beside the Leptos counter (the
// framework's floor). Run by scripts/bench-site,
// which builds what this reads:
//
//   dist/                 the release site (trunk build --release)
//   target/bench/site/    the same app with a 500-step playbook added
//   target/bench/counter/ the Leptos counter, same profile and wasm-opt
//   target/bench/tools/   lighthouse (npm), installed on demand
//
// Every figure is measured here, in headless Chromium from Debian, over a
// local HTTP server that compresses like a static host (brotli when the
// browser asks for it). The results replace the "browser" section of
// docs/benchmarks.md; `--print` only prints them; `--large` measures only the
// 500-step playbook, unthrottled, and prints it (quick, while working on it);
// `--startup dir…` compares when the catalog's script has run in dist/ and
// other builds;
// `--lighthouse` runs only Lighthouse and prints its figures.

import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium as playwright } from 'playwright-core';
import { chromiumArgs, launch, root } from './support.mjs';

const LARGE = 'playbook-large';
const COLD_LOADS = Number(process.env.BENCH_COLD_LOADS ?? 10);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 60);

// ---------------------------------------------------------------- serving

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

function brotli(bytes) {
  return brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

/** A static server like a plain host with compression on: files, `dir/` → `dir/index.html`, 404.html, validators. */
function serveCompressed(dir) {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) file = path.join(dir, '404.html');
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!existsSync(file)) {
      status = 404;
      file = path.join(dir, '404.html');
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    let body = readFileSync(file);
    // Validators as every static host sends them (and no Cache-Control, as
    // by default): Chromium reuses a prefetched file only when it has one.
    const stat = statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers = { 'content-type': type, 'last-modified': stat.mtime.toUTCString(), etag };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    if (/\bbr\b/.test(req.headers['accept-encoding'] ?? '') && body.length > 512) {
      if (!cache.has(file)) cache.set(file, brotli(body));
      body = cache.get(file);
      headers['content-encoding'] = 'br';
    }
    res.writeHead(status, headers);
    res.end(body);
  });
  // Compress everything first, as a host serving precompressed files would:
  // compressing a 1.7 MB wasm at quality 11 on the first request would
  // otherwise be measured as the page's load time.
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (statSync(f).size > 512) cache.set(f, brotli(readFileSync(f)));
    }
  };
  walk(dir);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }));
  });
}

// ---------------------------------------------------------------- helpers

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const verdict = (ok) => (ok ? 'met' : '**not met**');

/**
 * In every page: when the site script had run (`read`: `data-site` set on the
 * pages people read), when the app had rendered in place of the pre-rendered
 * content (`ready`), on a run's page when its guided view was there (`run`),
 * long tasks, the wasm's memory.
 */
function instrument() {
  window.__bench = { longTasks: [] };
  // The largest paint as the browser itself reports it (not Lighthouse's
  // simulation); a later entry means something larger was painted since.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // The wasm's memory, however the app was started (trunk's loader on the
  // app's pages, the site script on the pages people read).
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async (...args) => {
      const result = await original.apply(WebAssembly, args);
      const instance = result instanceof WebAssembly.Instance ? result : result.instance;
      if (instance.exports.memory) window.__bench.memory = instance.exports.memory;
      return result;
    };
  }
  const app = (selector) => {
    const root = document.getElementById('tebiki');
    return root && !root.querySelector('.prerendered') && root.querySelector(`.app:not([data-static]) ${selector}`);
  };
  const runPage = new URLSearchParams(location.search).has('run');
  const watch = new MutationObserver(() => {
    const b = window.__bench;
    if (b.read === undefined && document.documentElement.dataset.site) b.read = performance.now();
    if (b.ready === undefined && app('main h1')) b.ready = performance.now();
    if (runPage && b.run === undefined && app('.step-panel')) b.run = performance.now();
    // Watching costs: stop once there is nothing left to see.
    if (b.ready !== undefined && (b.run !== undefined || !runPage)) watch.disconnect();
  });
  watch.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-site'] });
}

/** The browser the cold loads share (each in a new context). */
function launchBench() {
  return playwright.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: chromiumArgs });
}

async function newPage(context, throttle = 1) {
  const page = await context.newPage();
  await page.addInitScript(instrument);
  const cdp = await context.newCDPSession(page);
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { page, cdp };
}

/** The app has rendered the page (on a page people read: once something handed over to it). */
async function waitReady(page) {
  await page.waitForFunction(() => window.__bench?.ready !== undefined, null, { timeout: 60_000 });
}

/** The site's script has run on a page people read (or handed the page to the app). */
async function waitRead(page) {
  await page.waitForFunction(() => window.__bench?.read !== undefined, null, { timeout: 60_000 });
}

/** Time (ms) in the page from `action` until the app shows `selector` (across a hand-over to the app). */
async function until(page, action, selector) {
  return page.evaluate(
    ([source, sel]) =>
      new Promise((resolve) => {
        // eslint-disable-next-line no-new-func
        const act = new Function(`return (${source})()`);
        const shown = () => !document.querySelector('#tebiki .prerendered') && document.querySelector(`#tebiki .app:not([data-static]) ${sel}`);
        const t0 = performance.now();
        const watch = new MutationObserver(() => {
          if (shown()) {
            watch.disconnect();
            resolve(performance.now() - t0);
          }
        });
        watch.observe(document.body, { childList: true, subtree: true });
        act();
      }),
    [action.toString(), selector],
  );
}

/** Time (ms) from now until the DOM has settled after `action` (its microtasks and one macrotask). */
async function timed(page, action, arg) {
  return page.evaluate(
    async ([source, a]) => {
      // eslint-disable-next-line no-new-func
      const act = new Function('arg', `return (${source})(arg)`);
      const settle = () =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(0);
        });
      const t0 = performance.now();
      act(a);
      await settle();
      return performance.now() - t0;
    },
    [action.toString(), arg],
  );
}

// ---------------------------------------------------------------- measurements

/**
 * A cold load: a new browser context (empty cache, empty storage) in an
 * already running browser, so the browser's own start-up is not counted.
 */
async function coldPage(browser, throttle = 1, options = {}) {
  const context = await browser.newContext(options);
  const { page, cdp } = await newPage(context, throttle);
  return { context, page, cdp };
}

/** Everything a page transfers, from DevTools' network log; the app's prefetch (the lowest priority) apart. */
async function netLog(cdp) {
  await cdp.send('Network.enable');
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) =>
    requests.set(e.requestId, { url: e.request.url, prefetch: e.request.initialPriority === 'VeryLow', bytes: 0, done: false }),
  );
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
  });
  return () => {
    const all = [...requests.values()];
    const own = all.filter((r) => !r.prefetch);
    const prefetches = all.filter((r) => r.prefetch);
    const sum = (rs) => rs.reduce((n, r) => n + r.bytes, 0);
    return {
      bytes: sum(own),
      requests: own.length,
      wasm: own.filter((r) => new URL(r.url).pathname.endsWith('.wasm')).length,
      prefetch: sum(prefetches),
      prefetches: prefetches.length,
      prefetched: prefetches.length > 0 && prefetches.every((r) => r.done),
    };
  };
}

/** Wait until the app's prefetch (started at idle by a playbook's page) has arrived. */
async function prefetchArrived(page, traffic, what) {
  for (let tries = 0; !traffic().prefetched; tries++) {
    if (tries > 600) throw new Error(`${what}: the app was not prefetched`);
    await page.waitForTimeout(50);
  }
}

/** A slow intranet: 5 Mbit/s, 40 ms. */
async function slowLink(cdp) {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 40,
    downloadThroughput: (5 * 1024 * 1024) / 8,
    uploadThroughput: (5 * 1024 * 1024) / 8,
  });
}

/**
 * This browser with a run: start one from `page` (a playbook's page) in a
 * throwaway context and keep its storage (the run, the summary the site
 * script shows) for the cold loads.
 */
async function seedRun(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.site === 'read');
  await page.getByTestId('start-run').click();
  await page.waitForSelector('#tebiki .app:not([data-static]) .step-panel');
  await page.waitForFunction(() => localStorage.getItem('tebiki.progress.v1') && localStorage.getItem('tebiki.summary.v1'));
  const runUrl = page.url();
  const storageState = await context.storageState();
  await context.close();
  return { runUrl, storageState };
}

/**
 * Cold loads of a page people read: when its script had run (the cards show
 * this browser's runs and the filter answers), its load event, and everything
 * transferred until load + 2 s (the app's prefetch on its own).
 */
async function readLoads(browser, url, loads, { storageState, throttle = 1, badges = false } = {}) {
  const runs = [];
  for (let i = 0; i < loads; i++) {
    const { context, page, cdp } = await coldPage(browser, throttle, storageState ? { storageState } : {});
    const traffic = await netLog(cdp);
    const asked = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    await waitRead(page);
    await page.waitForTimeout(2000);
    const bytes = traffic();
    const t = await page.evaluate((asked) => ({
      read: window.__bench.read,
      // From asking for the address, across a page that sent the browser on to another.
      wall: performance.timeOrigin + window.__bench.read - asked,
      at: location.pathname,
      site: document.documentElement.dataset.site,
      load: performance.getEntriesByType('navigation')[0].loadEventEnd,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      badges: document.querySelectorAll('[data-testid=card-runs]').length,
    }), asked);
    if (t.site !== 'read') throw new Error(`${url}: the app took the page over; a page people read was expected`);
    if (badges && !t.badges) throw new Error(`${url}: no run on the cards — the storage did not reach the page`);
    // The prefetch, once it has arrived (it may still be on its way at load + 2 s).
    if (bytes.prefetches) await prefetchArrived(page, traffic, url);
    runs.push({ ...t, ...bytes, prefetch: traffic().prefetch });
    await context.close();
  }
  const m = (k) => median(runs.map((r) => r[k]));
  return {
    read: m('read'),
    wall: m('wall'),
    at: runs[0].at,
    load: m('load'),
    fcp: m('fcp'),
    bytes: m('bytes'),
    requests: m('requests'),
    prefetch: m('prefetch'),
    wasm: Math.max(...runs.map((r) => r.wasm)),
    all: runs.map((r) => r.read),
  };
}

/** The same page with JavaScript off: what plain pre-rendered HTML costs (its load event, its bytes). */
async function plainHtml(browser, url, loads) {
  const fcp = [];
  const load = [];
  const bytes = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const traffic = await netLog(await context.newCDPSession(page));
    await page.goto(url);
    // The paint entry is recorded a frame after the load event.
    let t;
    for (let tries = 0; tries < 100; tries++) {
      t = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        load: performance.getEntriesByType('navigation')[0].loadEventEnd,
      }));
      if (t.fcp !== undefined) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    fcp.push(t.fcp);
    load.push(t.load);
    bytes.push(traffic().bytes);
    await context.close();
  }
  return { fcp: median(fcp), load: median(load), bytes: median(bytes) };
}

/** A run's page opened cold on a slow link: navigation to its guided view, and the bytes until then. */
async function runOpen(browser, runUrl, storageState, loads) {
  const runs = [];
  for (let i = 0; i < loads; i++) {
    const { context, page, cdp } = await coldPage(browser, 1, { storageState });
    const traffic = await netLog(cdp);
    await slowLink(cdp);
    await page.goto(runUrl);
    await page.waitForFunction(() => window.__bench?.run !== undefined, null, { timeout: 60_000 });
    runs.push({ ...(await page.evaluate(() => ({ run: window.__bench.run, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime }))), bytes: traffic().bytes });
    await context.close();
  }
  return { run: median(runs.map((r) => r.run)), fcp: median(runs.map((r) => r.fcp)), bytes: median(runs.map((r) => r.bytes)), all: runs.map((r) => r.run) };
}

/** On a slow link: a playbook's page read, the app prefetched at idle, then 「開始」 → the guided view of step 1. */
async function prefetchedStart(browser, url, loads) {
  const times = [];
  const bytes = [];
  for (let i = 0; i < loads; i++) {
    const { context, page, cdp } = await coldPage(browser);
    const traffic = await netLog(cdp);
    await slowLink(cdp);
    await page.goto(url);
    await waitRead(page);
    await prefetchArrived(page, traffic, url);
    const before = traffic().bytes;
    times.push(await until(page, () => document.querySelector('[data-testid=start-run]').click(), '.step-panel'));
    // The app's JS and wasm come from the prefetch cache: only headers cross the link.
    bytes.push(traffic().bytes - before);
    await context.close();
  }
  return { start: median(times), bytes: median(bytes), all: times };
}

async function heap(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__bench.memory?.buffer.byteLength ?? 0);
  return { js: usedSize, wasm, total: usedSize + wasm };
}

/** The 500-step playbook: open it cold, start a run, the guided view, checking steps, the list view, memory. */
async function large(site, throttle) {
  const browser = await launch();
  try {
    const { page, cdp } = await newPage(browser.context, throttle);
    const traffic = await netLog(cdp);
    await page.goto(`${site}/p/${LARGE}/`);
    await waitRead(page);
    const coldOverview = await page.evaluate(() => window.__bench.read);
    // Start a run once the page has prefetched the app: the app starts, takes
    // the page over and starts the run; the guided view of step 1 appears.
    await prefetchArrived(page, traffic, 'the 500-step page');
    const start = await until(page, () => document.querySelector('[data-testid=start-run]').click(), '.step-panel');
    const runUrl = page.url();
    // Open the guided view of a run from the playbook page (the app moves without reloading).
    const runLink = new URL(runUrl).search;
    const opens = [];
    const overviews = [];
    for (let i = 0; i < 5; i++) {
      await page.evaluate(() => document.querySelector('a.brand').click());
      await page.waitForSelector('#tebiki main.catalog');
      overviews.push(await timed(page, (id) => document.querySelector(`[data-id="${id}"] h2 a`).click(), LARGE));
      await page.waitForSelector(`a[href*="${runLink}"]`);
      opens.push(
        await timed(page, (q) => document.querySelector(`a[href*="${q}"]`).click(), runLink),
      );
      await page.waitForSelector('.step-panel');
    }
    // Move to the next step with the pager, ten times.
    const nexts = [];
    for (let i = 0; i < 10; i++) {
      nexts.push(await timed(page, () => document.querySelector('.pager a[rel=next]').click()));
      await page.waitForSelector('.step-panel');
    }
    // Check and uncheck the first item: the handler and the page update, then the write
    // (changes are written together a moment later or when the page is hidden; here the
    // write is forced at once with the page-hide event, and timed on its own).
    const checks = [];
    const saves = [];
    for (let i = 0; i < CHECKS; i++) {
      checks.push(await timed(page, () => document.querySelector('.step-panel .item input[type=checkbox]').click()));
      saves.push(await timed(page, () => dispatchEvent(new Event('pagehide'))));
    }
    const totals = checks.map((c, i) => c + saves[i]);
    const stored = await page.evaluate(() => localStorage.getItem('tebiki.progress.v1').length);
    // Every step of every phase at once.
    const listHref = await page.evaluate(() => {
      const u = new URL(location.href);
      u.searchParams.set('view', 'list');
      u.searchParams.set('phase', 'all');
      return u.pathname + u.search;
    });
    // The first steps come with the page, the rest a slice per frame: the
    // time to the first ones, and to the last (the list no longer busy).
    const { listFirst, list } = await page.evaluate(async (href) => {
      const t0 = performance.now();
      const a = document.createElement('a');
      a.href = href;
      document.querySelector('#tebiki main').append(a);
      a.click();
      await new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(0);
      });
      const first = performance.now() - t0;
      await new Promise((resolve) => {
        const check = () => (document.querySelector('.run-list-view:not([aria-busy])') ? resolve() : requestAnimationFrame(check));
        check();
      });
      return { listFirst: first, list: performance.now() - t0 };
    }, listHref);
    const listSteps = await page.locator('.run-list-view .step-panel').count();
    // Long tasks while the team works (everything above after the first load),
    // and those of loading a run's page cold (wasm compile, parse, first render).
    const useTasks = await page.evaluate(() => window.__bench.longTasks.filter((t) => t.start > window.__bench.ready));
    await page.goto(runUrl);
    await page.waitForSelector('.step-panel');
    const memory = await heap(page, cdp);
    const coldTasks = await page.evaluate(() => window.__bench.longTasks);
    return { coldOverview, start, overview: median(overviews), open: median(opens), opens, next: median(nexts), checks, saves, totals, stored, listFirst, list, listSteps, memory, useTasks, coldTasks };
  } finally {
    await browser.close();
  }
}

/** Switch between the 500-step playbook and the others 20 times in one page; heap before and after. */
async function switching(site) {
  const browser = await launch();
  try {
    const { page, cdp } = await newPage(browser.context);
    // The playbook pages are read without the app: start it on settings and
    // move to the 500-step playbook inside it.
    await page.goto(`${site}/settings/`);
    await waitReady(page);
    await page.evaluate(() => document.querySelector('a.brand').click());
    await page.waitForSelector('#tebiki main.catalog');
    await page.evaluate((x) => document.querySelector(`[data-id="${x}"] h2 a`).click(), LARGE);
    await page.waitForSelector('#tebiki main.playbook h1');
    await page.waitForTimeout(200);
    const first = await heap(page, cdp);
    const ids = ['hr-inquiry-desk', 'accounting-send-back-codes', 'general-affairs-request-tagging'];
    for (let i = 0; i < 20; i++) {
      const id = i % 2 === 0 ? ids[(i / 2) % ids.length] : LARGE;
      await page.evaluate(() => document.querySelector('a.brand').click());
      await page.waitForSelector('#tebiki main.catalog');
      const title = await page.evaluate((x) => {
        const a = document.querySelector(`[data-id="${x}"] h2 a`);
        a.click();
        return a.textContent;
      }, id);
      await page.waitForFunction((t) => document.querySelector('#tebiki main.playbook h1')?.textContent === t, title);
    }
    await page.waitForTimeout(200);
    const last = await heap(page, cdp);
    return { first, last, growth: last.total / first.total - 1 };
  } finally {
    await browser.close();
  }
}

/** The pages Lighthouse measures. */
const lighthousePages = (site) => [
  ['catalog', `${site.url}/`],
  ['playbook page', `${site.url}/p/${heaviest}/`],
];

/** Lighthouse in its own process (asynchronously: the server answering it runs in this one). */
async function lighthouse(url, preset) {
  const bin = path.join(root, 'target/bench/tools/node_modules/.bin/lighthouse');
  if (!existsSync(bin)) return null;
  const out = path.join(os.tmpdir(), `tebiki-lh-${process.pid}.json`);
  const args = [
    url,
    '--quiet',
    '--output=json',
    `--output-path=${out}`,
    '--only-categories=performance,accessibility,best-practices',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
  ];
  if (preset === 'desktop') args.push('--preset=desktop');
  await promisify(execFile)(bin, args, {
    env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const score = (id) => Math.round(report.categories[id].score * 100);
  const failing = Object.values(report.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
    .map((a) => a.id);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    fcp: report.audits['first-contentful-paint'].numericValue,
    lcp: report.audits['largest-contentful-paint'].numericValue,
    tbt: report.audits['total-blocking-time'].numericValue,
    failing,
  };
}

function sizes(dir, files) {
  return files.map((name) => {
    const bytes = readFileSync(path.join(dir, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotli(bytes).length };
  });
}
const find = (dir, pattern) => readdirSync(dir).find((f) => pattern.test(f));

// ---------------------------------------------------------------- run

const dist = path.join(root, 'dist');
const benchSite = path.join(root, 'target/bench/site');
const counterDir = path.join(root, 'target/bench/counter');
if (process.argv.includes('--dashboard')) {
  // A team's shared folder of 50 files (target/bench/folder, written by
  // `cargo run --release --example team-folder`) opened on the dashboard of
  // dist/: from the `change` event of the folder input to its 10 rows on screen
  // (the next frame). Printed.
  const folder = path.join(root, 'target/bench/folder');
  if (!existsSync(folder)) throw new Error(`${folder} is missing — run cargo run --release --example team-folder first`);
  const server = await serveCompressed(dist);
  const browser = await launchBench();
  const times = [];
  try {
    for (let i = 0; i < 6; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/dashboard/`);
      await page.getByTestId('dash-empty').waitFor();
      // From the moment the browser hands the chosen folder to the page.
      await page.evaluate(() => {
        document.addEventListener('change', () => { window.__chosen = performance.now(); }, { capture: true, once: true });
      });
      await page.getByTestId('open-folder').setInputFiles(folder);
      const took = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const done = () => document.querySelectorAll('[data-testid=dash-row]').length === 10;
            const check = () => (done() ? requestAnimationFrame(() => resolve(performance.now() - window.__chosen)) : setTimeout(check, 5));
            check();
          }),
      );
      if (i > 0) times.push(Math.round(took));
      await context.close();
    }
    console.log(`folder of ${readdirSync(folder).length} files to the dashboard: ${ms(median(times))} median (${times.join(', ')} ms; the first load not counted)`);
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(0);
}
if (process.argv.includes('--editor')) {
  // The editor's check in the browser (the release build of dist/): a 50-step
  // draft (target/bench/editor/playbook-0000.md, written by `cargo run
  // --release --example corpus -- target/bench/editor 1 50 0`), clean and
  // with a problem in every step, checked after each of 30 one-character
  // edits; the app's own user-timing measure `tebiki:check` (the library
  // check and the excerpts, the work of one settle). Printed.
  const file = path.join(root, 'target/bench/editor/playbook-0000.md');
  if (!existsSync(file)) throw new Error(`${file} is missing — run cargo run --release --example corpus -- target/bench/editor 1 50 0 first`);
  const clean = readFileSync(file, 'utf8');
  const broken = clean.replaceAll('<!-- step: ', '<!-- nonsense: 1\nstep: ');
  const server = await serveCompressed(dist);
  const browser = await launchBench();
  try {
    for (const [name, text] of [['clean', clean], ['a problem per step', broken]]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/edit/`);
      const field = page.getByTestId('editor-source');
      await field.waitFor();
      // The first check (the app's first use of the code) is not counted.
      let last = -1;
      const durations = [];
      for (let i = 0; i <= 30; i++) {
        await field.fill(`${text}${'x'.repeat(i)}`);
        const took = await page.waitForFunction((before) => {
          const m = performance.getEntriesByName('tebiki:check')[0];
          return m && m.startTime !== before && !document.querySelector('[data-testid=editor-summary][aria-busy]') ? [m.startTime, m.duration] : null;
        }, last);
        const [start, duration] = await took.jsonValue();
        last = start;
        if (i > 0) durations.push(duration);
      }
      const problems = await page.getByTestId('problem').count();
      console.log(`editor check, 50 steps, ${name} (${problems} problems listed): ${median(durations).toFixed(2)} ms median, ${p95(durations).toFixed(2)} ms p95 of ${durations.length}`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(0);
}
for (const [dir, what] of [
  [dist, 'trunk build --release --offline'],
  [benchSite, 'scripts/bench-site'],
  [counterDir, 'scripts/bench-site'],
]) {
  if (!existsSync(dir)) throw new Error(`${dir} is missing — run ${what} first`);
}

// The playbook page with the most to read (largest compressed page).
const heaviest = readdirSync(path.join(dist, 'p'))
  .map((id) => ({ id, size: brotli(readFileSync(path.join(dist, 'p', id, 'index.html'))).length }))
  .sort((a, b) => b.size - a.size)[0].id;
const site = await serveCompressed(dist);
const big = await serveCompressed(benchSite);
const log = (...a) => console.error(...a);
if (process.argv.includes('--startup')) {
  // A/B of the catalog's startup: dist/ and the site folders named after the
  // flag, loaded in turn (so that the machine's drift hits each alike).
  const dirs = [dist, ...process.argv.slice(process.argv.indexOf('--startup') + 1).map((d) => path.resolve(d))];
  const servers = await Promise.all(dirs.map((d) => serveCompressed(d)));
  const browser = await launchBench();
  try {
    for (const s of servers) await readLoads(browser, `${s.url}/`, 1);
    const ready = dirs.map(() => []);
    for (let i = 0; i < COLD_LOADS; i++) {
      for (const [k, s] of servers.entries()) ready[k].push((await readLoads(browser, `${s.url}/`, 1)).read);
    }
    for (const [k, d] of dirs.entries()) console.log(`${ms(median(ready[k]))} median (${ready[k].map(Math.round).join(', ')})  ${path.relative(root, d)}`);
  } finally {
    await browser.close();
    for (const s of [site, big, ...servers]) s.close();
  }
  process.exit(0);
}
/**
 * The English pages: the catalog and the heaviest playbook page opened at
 * their en/ address, and the catalog's Japanese address in a browser set to
 * English (the site script sends it on to en/), beside the English catalog
 * opened directly, both timed from asking for the address.
 */
async function english(browser, loads) {
  const prefs = {
    cookies: [],
    origins: [{ origin: site.url, localStorage: [{ name: 'tebiki.prefs.v1', value: JSON.stringify({ lang: 'en' }) }] }],
  };
  const catalog = await readLoads(browser, `${site.url}/en/`, loads, { storageState: prefs });
  const playbook = await readLoads(browser, `${site.url}/en/p/${heaviest}/`, loads, { storageState: prefs });
  const sent = await readLoads(browser, `${site.url}/`, loads, { storageState: prefs });
  if (sent.at !== '/en/') throw new Error(`a browser set to English stayed at ${sent.at}`);
  return { catalog, playbook, sent };
}

if (process.argv.includes('--english')) {
  const browser = await launchBench();
  try {
    await readLoads(browser, `${site.url}/`, 1);
    const e = await english(browser, COLD_LOADS);
    for (const [name, r] of Object.entries(e)) console.log(name, { bytes: kb(r.bytes), requests: r.requests, wasm: r.wasm, read: ms(r.read), wall: ms(r.wall), load: ms(r.load) });
  } finally {
    await browser.close();
    site.close();
    big.close();
  }
  process.exit(0);
}
if (process.argv.includes('--large')) {
  // While working on the large playbook's speed: its figures only, unthrottled, printed.
  try {
    const l = await large(big.url, 1);
    const round = (tasks) => tasks.map((t) => `${Math.round(t.start)}+${Math.round(t.duration)}`);
    console.log({ ...l, checks: p95(l.checks), saves: p95(l.saves), totals: p95(l.totals), useTasks: round(l.useTasks), coldTasks: round(l.coldTasks) });
  } finally {
    site.close();
    big.close();
  }
  process.exit(0);
}
if (process.argv.includes('--lighthouse')) {
  // Lighthouse only, printed (its mobile figures vary from run to run).
  try {
    for (const [name, url] of lighthousePages(site)) {
      for (const preset of ['mobile', 'desktop']) console.log(name, preset, await lighthouse(url, preset));
    }
  } finally {
    site.close();
    big.close();
  }
  process.exit(0);
}
try {
  log('sizes');
  const siteSizes = sizes(dist, [find(dist, /_bg\.wasm$/), find(dist, /^tebiki-app-.*\.js$/), find(dist, /^style-.*\.css$/), find(dist, /^site-.*\.js$/), 'index.html', `p/${heaviest}/index.html`]);
  const [wasm, appJs, cssSize, siteJs, catalogHtml, playbookHtml] = siteSizes;
  const counterSizes = sizes(counterDir, [find(counterDir, /_bg\.wasm$/), find(counterDir, /\.js$/), 'index.html']);
  const catalogUrl = `${site.url}/`;
  const playbookUrl = `${site.url}/p/${heaviest}/`;

  const browser = await launchBench();
  // One throwaway load first: the browser's own first-use costs are not the site's.
  await readLoads(browser, catalogUrl, 1);
  log(`this browser with a run of ${heaviest}`);
  const seeded = await seedRun(browser, playbookUrl);
  log(`pages people read: ${COLD_LOADS} cold loads each`);
  const catalog = await readLoads(browser, catalogUrl, COLD_LOADS, { storageState: seeded.storageState, badges: true });
  const catalog4 = await readLoads(browser, catalogUrl, Math.max(3, Math.ceil(COLD_LOADS / 2)), { storageState: seeded.storageState, badges: true, throttle: 4 });
  const playbook = await readLoads(browser, playbookUrl, COLD_LOADS);
  log('English pages');
  const en = await english(browser, COLD_LOADS);
  log('plain HTML (JavaScript off)');
  const plainCatalog = await plainHtml(browser, catalogUrl, COLD_LOADS);
  const plain = await plainHtml(browser, playbookUrl, COLD_LOADS);
  const plainLarge = await plainHtml(browser, `${big.url}/p/${LARGE}/`, Math.min(COLD_LOADS, 5));
  log('the run path on a slow link');
  const open = await runOpen(browser, seeded.runUrl, seeded.storageState, COLD_LOADS);
  const warm = await prefetchedStart(browser, playbookUrl, Math.max(3, Math.ceil(COLD_LOADS / 2)));
  await browser.close();
  log('500-step playbook');
  const l1 = await large(big.url, 1);
  log('500-step playbook at 4x CPU throttling');
  const l4 = await large(big.url, 4);
  log('switching playbooks 20 times');
  const sw = await switching(big.url);
  log('lighthouse');
  const lh = {};
  for (const [name, url] of lighthousePages(site)) {
    for (const preset of ['mobile', 'desktop']) lh[`${name}, ${preset}`] = await lighthouse(url, preset);
  }

  const chromium = execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version']).toString().trim();
  const firstLoad = (html) => html.brotli + cssSize.brotli + siteJs.brotli;
  const counterTotal = counterSizes.reduce((s, f) => s + f.brotli, 0);
  const longest = (tasks) => Math.max(0, ...tasks.map((t) => t.duration));
  const over = (tasks, limit) => tasks.filter((t) => t.duration > limit).length;
  const tasksCell = (tasks, limit) => `${over(tasks, limit)}, ${ms(longest(tasks))}`;
  const date = new Date().toISOString().slice(0, 10);
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push(
    `Command: \`scripts/bench-site\` (\`node tests/e2e/bench.mjs\`), ${date}, ${os.cpus().length} cores (${os.cpus()[0].model.trim()}), ${chromium}, headless, served from 127.0.0.1 with brotli. Medians of ${COLD_LOADS} cold loads (a new browser context each: empty cache; the catalog's with this browser's run of \`${heaviest}\` in its storage); ${CHECKS} checks per run. "Playbook page" is the heaviest one, \`p/${heaviest}/\`.`,
    '',
    '**Size** (files; brotli quality 11, raw and gzip -9 beside it)',
    '',
    '| file | raw | gzip | brotli | budget |',
    '|---|---|---|---|---|',
  );
  row('catalog (`index.html`)', kb(catalogHtml.raw), kb(catalogHtml.gzip), kb(catalogHtml.brotli), '');
  row('playbook page', kb(playbookHtml.raw), kb(playbookHtml.gzip), kb(playbookHtml.brotli), '');
  row('style', kb(cssSize.raw), kb(cssSize.gzip), kb(cssSize.brotli), '');
  row('site script (`src/cli/site.js`)', kb(siteJs.raw), kb(siteJs.gzip), kb(siteJs.brotli), '');
  row('first load of the catalog (page, style, script)', '', '', `**${kb(firstLoad(catalogHtml))}**`, `≤ 25 KB: ${verdict(firstLoad(catalogHtml) <= 25 * 1024)}`);
  row('first load of the playbook page', '', '', `**${kb(firstLoad(playbookHtml))}**`, `≤ 25 KB: ${verdict(firstLoad(playbookHtml) <= 25 * 1024)}`);
  row('the app: wasm (where someone works; prefetched on playbook pages)', kb(wasm.raw), kb(wasm.gzip), kb(wasm.brotli), '');
  row('the app: JS (wasm-bindgen glue)', kb(appJs.raw), kb(appJs.gzip), kb(appJs.brotli), '');
  row('Leptos counter wasm (floor: same profile, same wasm-opt)', kb(counterSizes[0].raw), kb(counterSizes[0].gzip), kb(counterSizes[0].brotli), '');
  row('Leptos counter, whole page', '', '', kb(counterTotal), '');
  lines.push(
    '',
    '**Pages people read** (cold loads over brotli, unthrottled; "plain" = the same page with JavaScript off, measured in the same run)',
    '',
    '| measure | catalog | plain catalog | playbook page | plain playbook page | budget |',
    '|---|---|---|---|---|---|',
  );
  row('transferred until load + 2 s (requests)', `**${kb(catalog.bytes)}** (${catalog.requests})`, kb(plainCatalog.bytes), `**${kb(playbook.bytes)}** (${playbook.requests})`, kb(plain.bytes), `≤ 25 KB: ${verdict(Math.max(catalog.bytes, playbook.bytes) <= 25 * 1024)}`);
  row('`.wasm` requests (the prefetch apart)', String(catalog.wasm), '', String(playbook.wasm), '', `none: ${verdict(catalog.wasm + playbook.wasm === 0)}`);
  row('the app prefetched at idle, lowest priority (on its own)', kb(catalog.prefetch), '', kb(playbook.prefetch), '', '');
  row('usable: the script has run (this browser\'s runs on the cards, the filter answers) / plain: load event', `**${ms(catalog.read)}**`, ms(plainCatalog.load), ms(playbook.read), ms(plain.load), `≤ 1.2 × plain (${ms(1.2 * plainCatalog.load)}): ${verdict(catalog.read <= 1.2 * plainCatalog.load)}`);
  row('load event', ms(catalog.load), ms(plainCatalog.load), ms(playbook.load), ms(plain.load), '');
  row('first contentful paint', ms(catalog.fcp), ms(plainCatalog.fcp), ms(playbook.fcp), ms(plain.fcp), '');
  row('usable at 4x CPU throttling', ms(catalog4.read), '', '', '', '');
  lines.push(
    '',
    '**English pages** (`en/`, cold loads as above, in a browser set to English; "sent on": the Japanese address of the catalog in that browser, which the page\'s first, inline script replaces with `en/`; times from asking for the address)',
    '',
    '| measure | English catalog | English playbook page | Japanese catalog address, sent on to `en/` | budget |',
    '|---|---|---|---|---|',
  );
  row('transferred until load + 2 s (requests)', `**${kb(en.catalog.bytes)}** (${en.catalog.requests})`, `**${kb(en.playbook.bytes)}** (${en.playbook.requests})`, `${kb(en.sent.bytes)} (${en.sent.requests})`, `≤ 25 KB: ${verdict(Math.max(en.catalog.bytes, en.playbook.bytes) <= 25 * 1024)}`);
  row('`.wasm` requests (the prefetch apart)', String(en.catalog.wasm), String(en.playbook.wasm), String(en.sent.wasm), `none: ${verdict(en.catalog.wasm + en.playbook.wasm + en.sent.wasm === 0)}`);
  row('usable, from asking for the address', ms(en.catalog.wall), ms(en.playbook.wall), `**${ms(en.sent.wall)}**`, '');
  lines.push(
    '',
    '**The run path** (5 Mbit/s, 40 ms link; this browser has a run of the playbook)',
    '',
    '| measure | time | transferred | budget |',
    '|---|---|---|---|',
  );
  row('open a run\'s page cold (`?run=`, empty cache) → its guided view', `**${ms(open.run)}** (loads: ${open.all.map((x) => x.toFixed(0)).join(', ')}; first paint ${ms(open.fcp)})`, kb(open.bytes), `≤ 1500 ms: ${verdict(open.run <= 1500)}`);
  row('start a run on the playbook page once it has prefetched the app → guided view of step 1', `**${ms(warm.start)}** (${warm.all.map((x) => x.toFixed(0)).join(', ')})`, kb(warm.bytes), `≤ 300 ms: ${verdict(warm.start <= 300)}`);
  lines.push(
    '',
    `**500-step playbook** (synthetic, \`tebiki::synthetic\`; the run's stored value is ${kb(l1.stored)})`,
    '',
    '| measure | unthrottled | 4x CPU throttling | budget (4x: four times) |',
    '|---|---|---|---|',
  );
  row('cold load of its page, read (the site script has run)', ms(l1.coldOverview), ms(l4.coldOverview), `plain HTML of the same page: paint ${ms(plainLarge.fcp)}, load ${ms(plainLarge.load)}`);
  row('start a run there (the app prefetched: it starts, takes the page over and starts the run) → guided view of step 1', ms(l1.start), ms(l4.start), '');
  row('open the playbook page from the catalog (median of 5)', ms(l1.overview), ms(l4.overview), '');
  row('open a run\'s guided view from the playbook page (median of 5)', `**${ms(l1.open)}**`, ms(l4.open), `≤ 50 ms: ${verdict(l1.open <= 50)} / ≤ 200 ms: ${verdict(l4.open <= 200)}`);
  row('next step with the pager (median of 10)', ms(l1.next), ms(l4.next), '');
  row('check a step item: handler and page update, p95', ms(p95(l1.checks)), ms(p95(l4.checks)), '');
  row('the write to local storage (merge, encode, setItem), p95', ms(p95(l1.saves)), ms(p95(l4.saves)), '');
  row('check including the write, p95', `**${ms(p95(l1.totals))}**`, ms(p95(l4.totals)), `≤ 16 ms: ${verdict(p95(l1.totals) <= 16)} / ≤ 64 ms: ${verdict(p95(l4.totals) <= 64)}`);
  row(`list view of all ${l1.listSteps} steps: first steps shown / all built`, `${ms(l1.listFirst)} / ${ms(l1.list)}`, `${ms(l4.listFirst)} / ${ms(l4.list)}`, '');
  row('long tasks while working (start, open, next, check, list; count over 50 ms / over 200 ms at 4x, longest)', `**${tasksCell(l1.useTasks, 50)}**`, tasksCell(l4.useTasks, 200), `none: ${verdict(over(l1.useTasks, 50) === 0)} / ${verdict(over(l4.useTasks, 200) === 0)}`);
  row('long tasks of a cold load of a run\'s page (wasm compile, parse, first render)', tasksCell(l1.coldTasks, 50), tasksCell(l4.coldTasks, 200), '');
  lines.push(
    '',
    '**Memory** (after a forced garbage collection; JS heap from CDP `Runtime.getHeapUsage`, wasm = the linear memory\'s size, which never shrinks)',
    '',
    '| measure | JS heap | wasm memory | total | budget |',
    '|---|---|---|---|---|',
  );
  row('500-step playbook, guided view open', mb(l1.memory.js), mb(l1.memory.wasm), `**${mb(l1.memory.total)}**`, `≤ 10 MB: ${verdict(l1.memory.total <= 10 * 1024 * 1024)}`);
  row('its page, before switching', mb(sw.first.js), mb(sw.first.wasm), mb(sw.first.total), '');
  row('after switching playbooks 20 times', mb(sw.last.js), mb(sw.last.wasm), mb(sw.last.total), `growth ${(sw.growth * 100).toFixed(0)} % (< 20 %): ${verdict(sw.growth < 0.2)}`);
  lines.push('', '**Lighthouse** (npm `lighthouse`, Debian chromium; mobile = its default emulation with simulated slow 4G and 4x CPU)', '');
  if (Object.values(lh).every((x) => x === null)) {
    lines.push('Not run: lighthouse is not installed in target/bench/tools (scripts/bench-site installs it).');
  } else {
    lines.push('| page | performance | accessibility | best practices | FCP | LCP | TBT | audits below 0.9 |', '|---|---|---|---|---|---|---|---|');
    for (const [name, r] of Object.entries(lh)) {
      row(name, `${r.performance} (≥ 95: ${verdict(r.performance >= 95)})`, `${r.accessibility} (100: ${verdict(r.accessibility === 100)})`, `${r.bestPractices} (≥ 95: ${verdict(r.bestPractices >= 95)})`, ms(r.fcp), ms(r.lcp), ms(r.tbt), r.failing.join(', ') || '—');
    }
  }
  const section = lines.join('\n');
  console.log(section);
  if (!process.argv.includes('--print')) {
    const file = path.join(root, 'docs/benchmarks.md');
    const doc = readFileSync(file, 'utf8');
    const [startMark, endMark] = ['<!-- browser:start -->', '<!-- browser:end -->'];
    const a = doc.indexOf(startMark);
    const b = doc.indexOf(endMark);
    if (a < 0 || b < a) throw new Error(`docs/benchmarks.md has no ${startMark} … ${endMark} section`);
    writeFileSync(file, `${doc.slice(0, a + startMark.length)}\n${section}\n${doc.slice(b)}`);
    log('docs/benchmarks.md updated');
  }
} finally {
  site.close();
  big.close();
}
