// tebiki's own script for the pages people read without the app: the catalog,
// each playbook's page and the 404 page (the generator writes it as
// site-HASH.js and names it in those pages; see src/cli/pages.rs).
//
// It is small on purpose: those pages must cost what a plain page costs. It
//  - shows this browser's runs and local playbooks from the summary the app
//    keeps (`tebiki::summary`, one JSON.parse; never the progress itself);
//  - filters the catalog with exactly the app's rules (`app/src/filter.rs`;
//    both run the cases of tests/filter-cases.json);
//  - loads the app where someone works (a run, a local playbook), fetches it
//    at idle on a playbook's page so that opening a run is instant, and hands
//    starting, renaming and deleting a run over to it.
// Everything read from storage is untrusted: it reaches the page as text
// (textContent, attributes), never as markup.

const SUMMARY = 'tebiki.summary.v1';
const PREFS = 'tebiki.prefs.v1';
const RUNS = 'tebiki.progress.v1';
const LOCAL = 'tebiki.local.v1';
// A text handed to the editor (the app's `pages::editor::INCOMING_KEY`).
const INCOMING = 'tebiki.draft.incoming.v1';
const TEXT = '\uE000';

/** Lowercase, with full-width ASCII and the ideographic space made half-width
 * (the app's `filter::fold`, one character at a time as Rust's is). */
export function fold(text) {
  let out = '';
  for (const c of String(text)) {
    const code = c.codePointAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0).toLowerCase();
    else if (code === 0x3000) out += ' ';
    else out += c.toLowerCase();
  }
  return out;
}

/** Whether a playbook `{title, summary, theme, department, tags}` is shown for
 * the filter `{q, dept, tag}`: the app's `CatalogFilter::matches`. */
export function matches(filter, entry) {
  if (filter.dept && entry.department !== filter.dept) return false;
  if (filter.tag && !entry.tags.includes(filter.tag)) return false;
  const haystack = fold([entry.title, entry.summary, entry.theme, entry.department].join('\n'));
  return fold(filter.q)
    .split(/[ \u3000]/)
    .filter((w) => w)
    .every((w) => haystack.includes(w));
}

/** A value in the address as the app writes it (`filter::encode`). */
export function encode(text) {
  let out = '';
  for (const b of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** The filter's query string (empty when nothing is filtered): the app's `to_query`. */
export function toQuery(filter) {
  const parts = [
    ['q', filter.q],
    ['dept', filter.dept],
    ['tag', filter.tag],
  ]
    .filter(([, v]) => v.trim() !== '')
    .map(([k, v]) => `${k}=${encode(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The filter an address's query describes. */
export function fromQuery(search) {
  const params = new URLSearchParams(search);
  return { q: params.get('q') ?? '', dept: params.get('dept') ?? '', tag: params.get('tag') ?? '' };
}

/** The summary in `text`, or null when there is none or it cannot be read;
 * entries that are not what the app writes are left out. */
export function readSummary(text) {
  let s;
  try {
    s = JSON.parse(text);
  } catch {
    return null;
  }
  if (!s || typeof s !== 'object' || s.v !== 1) return null;
  const str = (v) => typeof v === 'string';
  const num = (v) => Number.isSafeInteger(v) && v >= 0;
  const runs = Array.isArray(s.runs)
    ? s.runs.filter((r) => r && str(r.id) && str(r.playbook) && str(r.name) && num(r.created) && num(r.version) && num(r.done))
    : [];
  const local = Array.isArray(s.local)
    ? s.local.filter((p) => p && str(p.id) && str(p.title) && str(p.department) && (p.cloned_from == null || str(p.cloned_from)))
    : [];
  return { runs, local };
}

/** `template` with its numbers (900001, 900002, …) and its text (U+E000) filled in. */
export function fill(template, numbers = [], text = '') {
  let out = template;
  numbers.forEach((n, i) => {
    out = out.split(String(900001 + i)).join(String(n));
  });
  return out.split(TEXT).join(text);
}

/** The stored value of `key` (null when absent), or undefined when the
 * browser blocks storage. */
function stored(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return undefined;
  }
}

function el(name, attributes = {}, ...children) {
  const node = document.createElement(name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** The app's `ProgressBar`. */
function progressBar(words, label, done, total) {
  const percent = total ? Math.floor((done * 100) / total) : 0;
  const text = fill(words.done_of, [done, total, percent]);
  const bar = el('div', { class: total > 0 && done === total ? 'progress complete' : 'progress' });
  bar.append(
    el('span', { class: 'progress-label' }, label),
    el('progress', { max: String(Math.max(total, 1)), value: String(done), 'aria-label': `${label} ${text}` }),
    el('span', { class: 'progress-words' }, text),
  );
  return bar;
}

function date(words, millis) {
  const d = new Date(millis);
  return fill(words.dates[d.getMonth()] ?? '', [d.getFullYear(), 0, d.getDate()]);
}

// ---------------------------------------------------------------- the app

let app = null;

/** Load and start the app (once); it takes the page over. */
export function loadApp() {
  if (!app) {
    const meta = document.querySelector('meta[name="tebiki-app"]');
    app = meta
      ? import(meta.content).then((m) => m.default({ module_or_path: meta.dataset.wasm }))
      : Promise.reject(new Error('this site was built without the app'));
  }
  return app;
}

/**
 * The app is needed now: fetch what it asks for first (its wasm, and the
 * playbook or the list of playbooks) while its script loads, instead of one
 * after the other. The app's own `fetch` of the same address takes the
 * response (same mode, same credentials).
 */
function preload(hrefs) {
  for (const href of hrefs) {
    document.head.append(el('link', { rel: 'preload', as: 'fetch', href, crossorigin: 'anonymous' }));
  }
}

/** Fetch the app at low priority, so that opening a run does not wait for it. */
function prefetch() {
  const meta = document.querySelector('meta[name="tebiki-app"]');
  // Not on a connection the person asked to spare.
  if (!meta || navigator.connection?.saveData) return;
  for (const href of [meta.content, meta.dataset.wasm]) {
    document.head.append(el('link', { rel: 'prefetch', href, crossorigin: 'anonymous' }));
  }
}

/** The element `selector` once the app has rendered its page. */
function rendered(selector) {
  const root = document.getElementById('tebiki');
  const find = () =>
    root.querySelector('.prerendered') ? null : root.querySelector(`.app:not([data-static]) ${selector}`);
  return new Promise((resolve, reject) => {
    const now = find();
    if (now) return resolve(now);
    const watch = new MutationObserver(() => {
      const found = find();
      if (found) {
        watch.disconnect();
        clearTimeout(timer);
        resolve(found);
      }
    });
    const timer = setTimeout(() => {
      watch.disconnect();
      reject(new Error(`${selector} not shown`));
    }, 30000);
    watch.observe(root, { childList: true, subtree: true });
  });
}

/** Do on the app's page what the person started on this one: load the app,
 * then `act` on its element `selector`. */
async function handOver(trigger, words, selector, act) {
  trigger.setAttribute('aria-busy', 'true');
  try {
    await loadApp();
    act(await rendered(selector));
  } catch {
    trigger.removeAttribute('aria-busy');
    const alert = el('p', { class: 'error', role: 'alert', 'data-dynamic': '' }, words.load_failed);
    trigger.after(alert);
  }
}

// ---------------------------------------------------------------- the pages

function clear(root) {
  for (const node of root.querySelectorAll('[data-dynamic]')) node.remove();
}

function catalogRuns(main, words, summary, pages) {
  clear(main);
  for (const card of main.querySelectorAll('li.card')) {
    const runs = summary.runs.filter((r) => r.playbook === card.dataset.id);
    if (!runs.length) continue;
    const steps = Number(card.dataset.steps) || 0;
    card.append(
      el(
        'div',
        { class: 'card-runs', 'data-testid': 'card-runs', 'data-dynamic': '' },
        el('p', {}, fill(words.runs_here, [runs.length], runs[0].name)),
        progressBar(words, words.latest_run, Math.min(runs[0].done, steps), steps),
      ),
    );
  }
  const section = main.querySelector('section.local-playbooks');
  if (!section) return;
  const list = section.querySelector('ul');
  list.replaceChildren();
  for (const p of summary.local) {
    const meta = `${p.department} ・ ${p.id}` + (p.cloned_from ? ` ・ ${words.cloned_from} ${p.cloned_from}` : '');
    list.append(
      el(
        'li',
        {},
        el('p', {}, el('span', { class: 'chip' }, words.local_badge), ' ', el('a', { href: `${pages}?local=${p.id}` }, p.title)),
        el('p', { class: 'meta' }, meta),
        el(
          'button',
          {
            type: 'button',
            class: 'secondary small',
            'aria-label': fill(words.remove_local, [], p.title),
            'data-action': 'remove-local',
            'data-local': p.id,
          },
          words.remove,
        ),
      ),
    );
  }
  section.hidden = summary.local.length === 0;
}

function catalogFilter(main, words) {
  const form = main.querySelector('form.filters');
  if (!form) return;
  const cards = [...main.querySelectorAll('li.card')].map((card) => ({
    card,
    title: card.querySelector('h2').textContent,
    summary: card.querySelector('h2 + p').textContent,
    theme: card.dataset.theme ?? '',
    department: card.querySelector('.dept').textContent,
    tags: (() => {
      try {
        return JSON.parse(card.dataset.tags ?? '[]');
      } catch {
        return [];
      }
    })(),
  }));
  const [q, dept, tag] = ['catalog-q', 'catalog-dept', 'catalog-tag'].map((id) => form.querySelector(`#${id}`));
  const list = main.querySelector('ul.cards');
  const count = main.querySelector('p.count');
  const empty = main.querySelector('div.empty');
  let filter = fromQuery(location.search);
  const show = () => {
    q.value = filter.q;
    dept.value = filter.dept;
    if (tag) tag.value = filter.tag;
    // Cards that do not match leave the list, as in the app.
    const shown = cards.filter((c) => matches(filter, c));
    list.replaceChildren(...shown.map((c) => c.card));
    const total = cards.length;
    count.textContent =
      shown.length === total ? fill(words.showing_all, [total]) : fill(words.showing_some, [shown.length, total]);
    empty.hidden = shown.length !== 0;
  };
  const update = (change) => {
    filter = { ...filter, ...change };
    history.replaceState(history.state, '', location.pathname + toQuery(filter) + location.hash);
    show();
  };
  form.addEventListener('submit', (ev) => ev.preventDefault());
  q.addEventListener('input', () => update({ q: q.value }));
  dept.addEventListener('change', () => update({ dept: dept.value }));
  tag?.addEventListener('change', () => update({ tag: tag.value }));
  empty.querySelector('button').addEventListener('click', () => update({ q: '', dept: '', tag: '' }));
  window.addEventListener('popstate', () => {
    filter = fromQuery(location.search);
    show();
  });
  // Typed or chosen before this script ran (the form is there from the start): kept.
  const early = { q: filter.q || q.value, dept: filter.dept || dept.value, tag: filter.tag || (tag?.value ?? '') };
  if (['q', 'dept', 'tag'].some((k) => early[k] !== filter[k])) update(early);
  else show();
}

/** A playbook file dropped on the catalog opens in the editor, which checks
 * it (the app): its text is handed over as the editor takes it. A file that
 * is not UTF-8 or too large is refused here with `tebiki check`'s words. */
function catalogDrop(main, words, pages) {
  const status = main.querySelector('.drop-status');
  const files = (ev) => [...(ev.dataTransfer?.types ?? [])].includes('Files');
  // Only while this page's catalog is the one shown: once the app has taken
  // the page over (its own catalog listens), or moved on to another page
  // (settings' file field takes a dropped file), the drop is not ours.
  const ours = (ev) => files(ev) && main.isConnected;
  document.addEventListener('dragover', (ev) => {
    if (!ours(ev)) return;
    ev.preventDefault();
    main.classList.add('dropping');
  });
  document.addEventListener('dragleave', (ev) => {
    if (ev.relatedTarget === null) main.classList.remove('dropping');
  });
  document.addEventListener('drop', async (ev) => {
    const file = ev.dataTransfer?.files?.[0];
    if (!file || !main.isConnected) return;
    ev.preventDefault();
    main.classList.remove('dropping');
    const refuse = (message) => {
      status.textContent = message;
      status.classList.add('error');
    };
    if (file.size > Number(words.drop_limit)) return refuse(fill(words.drop_too_large, [file.size]));
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return refuse(words.drop_not_utf8);
    }
    try {
      localStorage.setItem(INCOMING, text);
    } catch {
      return refuse(words.load_failed);
    }
    location.href = `${pages}edit/`;
  });
}

function playbookRuns(main, words, summary) {
  const section = main.querySelector('section.runs');
  const list = section.querySelector('ul.run-list');
  const steps = Number(main.dataset.steps) || 0;
  const runs = summary.runs.filter((r) => r.playbook === main.dataset.id);
  list.replaceChildren();
  for (const run of runs) {
    const actions = ['rename', 'delete'].map((action) =>
      el(
        'button',
        { type: 'button', class: 'secondary', 'data-action': action, 'data-run': run.id },
        words[action],
        el('span', { class: 'visually-hidden' }, `：${run.name}`),
      ),
    );
    list.append(
      el(
        'li',
        { class: 'run-row', 'data-testid': 'run-row' },
        el('p', { class: 'run-name' }, el('a', { href: `${location.pathname}?run=${encode(run.id)}` }, run.name)),
        el('p', { class: 'run-meta' }, fill(words.run_meta, [run.version], date(words, run.created))),
        progressBar(words, words.overall, Math.min(run.done, steps), steps),
        el('p', { class: 'row-actions' }, ...actions),
      ),
    );
  }
  list.hidden = runs.length === 0;
  section.querySelector('p.empty').hidden = runs.length !== 0;
}

function playbookActions(main, words) {
  const name = main.querySelector('#new-run-name');
  name.value = fill(words.default_run_name, [new Date().getFullYear()], main.dataset.department ?? '');
  main.querySelector('form.start-run').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const typed = name.value;
    // The answers picked to the playbook's questions, given to the app's
    // radio buttons of the same name and value.
    const answers = [...ev.target.querySelectorAll('input[type=radio]:checked')].map((r) => [r.name, r.value]);
    handOver(ev.submitter ?? ev.target, words, 'form.start-run', (form) => {
      const input = form.querySelector('#new-run-name');
      input.value = typed;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (const [group, value] of answers) {
        const radio = form.querySelector(`input[type=radio][name="${CSS.escape(group)}"][value="${CSS.escape(value)}"]`);
        if (!radio || radio.checked) continue;
        radio.checked = true;
        radio.dispatchEvent(new Event('change', { bubbles: true }));
      }
      form.querySelector('[data-testid="start-run"]').click();
    });
  });
  const clone = main.querySelector('details.clone-details');
  if (clone) {
    clone.querySelector('summary').addEventListener('click', (ev) => {
      ev.preventDefault();
      handOver(clone.querySelector('summary'), words, 'details.clone-details', (details) => {
        details.open = true;
        details.querySelector('input, select, textarea, button')?.focus();
      });
    });
  }
}

/** Rename, delete, remove a local playbook: buttons the app has too. */
function rowActions(main, words) {
  main.addEventListener('click', (ev) => {
    const button = ev.target.closest('button[data-action]');
    if (!button || !main.contains(button)) return;
    const { action, run, local } = button.dataset;
    let selector;
    if (run !== undefined) selector = `button[data-action="${action}"][data-run="${CSS.escape(run)}"]`;
    else if (local !== undefined) selector = `button[data-action="${action}"][data-local="${CSS.escape(local)}"]`;
    else return;
    handOver(button, words, selector, (target) => {
      target.click();
      target.isConnected && target.focus();
    });
  });
}

/** This page's address in `lang`, from its `hreflang` links (their path: the
 * page may be served from another host than the one it was built for), with
 * this address's query and fragment. */
function hereIn(lang) {
  const link = document.querySelector(`link[rel="alternate"][hreflang="${lang}"]`);
  return link ? new URL(link.href, location.href).pathname + location.search + location.hash : null;
}

/** The menu's language link makes its language this browser's. (A browser
 * set to English that opened a Japanese page is on its way to the English one
 * already: the page's first, inline script, `pages::language_script`.) */
function languageLink() {
  const link = document.querySelector('.site-header a[data-lang]');
  link?.addEventListener('click', (ev) => {
    if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    const lang = link.dataset.lang;
    try {
      const prefs = JSON.parse(stored(PREFS) ?? '{}');
      if (prefs && typeof prefs === 'object' && !Array.isArray(prefs)) {
        window.localStorage.setItem(PREFS, JSON.stringify({ ...prefs, lang }));
      }
    } catch {
      // unreadable or blocked: the link still opens the page in that language
    }
    const to = hereIn(lang);
    if (to) {
      ev.preventDefault();
      location.assign(to);
    }
  });
}

function start() {
  // On its way to the same page in English: nothing more to do here.
  if ('leaving' in document.documentElement.dataset) return;
  languageLink();
  const main = document.querySelector('#tebiki main');
  const wordsBlock = document.getElementById('tebiki-words');
  if (!main || !wordsBlock) {
    document.documentElement.dataset.site = 'read';
    return;
  }
  const words = JSON.parse(wordsBlock.textContent);
  const base = document.querySelector('meta[name="tebiki-base"]')?.content ?? '/';
  // The pages in this page's language: English ones are under en/.
  const pages = base + (document.documentElement.lang === 'en' ? 'en/' : '');
  const params = new URLSearchParams(location.search);
  const page = main.dataset.page;
  const text = stored(SUMMARY);
  const summary = readSummary(text ?? '');
  // The app writes no summary while it cannot read or save the runs; storage
  // the summary does not explain (blocked, or data without a summary: damaged,
  // from a newer or an older build) is the app's to report.
  const unexplained = text === undefined || (!summary && [RUNS, LOCAL].some((key) => stored(key) != null));
  // Where someone works, the app takes over at once: a run, a local playbook,
  // the page of a playbook this browser has runs of.
  const needed =
    (page === 'playbook' && (params.has('run') || Boolean(summary?.runs.some((r) => r.playbook === main.dataset.id)))) ||
    (page === 'catalog' && params.has('local')) ||
    unexplained;
  if (needed) {
    const meta = document.querySelector('meta[name="tebiki-app"]');
    const data = page === 'playbook' ? `playbooks/${main.dataset.id}.md` : 'playbooks/manifest.json';
    // A local playbook's page reads it from this browser, not from the site.
    if (meta) preload([meta.dataset.wasm, ...(params.has('local') ? [] : [base + data])]);
    loadApp();
  }
  const show = (now = readSummary(stored(SUMMARY) ?? '')) => {
    now ??= { runs: [], local: [] };
    if (page === 'catalog') catalogRuns(main, words, now, pages);
    if (page === 'playbook') playbookRuns(main, words, now);
  };
  show(summary);
  if (page === 'catalog') {
    catalogFilter(main, words);
    catalogDrop(main, words, pages);
  }
  if (page === 'playbook') {
    playbookActions(main, words);
    if (!needed) (window.requestIdleCallback ?? ((f) => setTimeout(f, 200)))(prefetch, { timeout: 3000 });
  }
  rowActions(main, words);
  // Another tab changed the runs, or the page came back from the back/forward cache.
  window.addEventListener('storage', (ev) => ev.key === SUMMARY && show());
  window.addEventListener('pageshow', (ev) => ev.persisted && show());
  // For tests and tools: whether this page is read as it is or taken over by the app.
  document.documentElement.dataset.site = needed ? 'app' : 'read';
}

if (typeof document !== 'undefined') start();
