// The site's size, and the guard on it: raw, gzip -9 and brotli (quality
// 11) of every file a first visit needs, from a release build in dist/, for
// the two kinds of page: the pages people read (the catalog and each
// playbook's page: the page, the style and the site script) and the app
// (its page, JS, wasm and style).
//
//   node tests/e2e/size.mjs           report, and fail if the wasm grew by
//                                     more than 5 KB brotli over the baseline,
//                                     or the first load of a page people read
//                                     by more than 2 KB, or past 25 KB
//   node tests/e2e/size.mjs --update  write the current size as the baseline
//
// The baseline is tests/size-baseline.json; raise it deliberately, in the
// commit that explains the growth (docs/benchmarks.md, "Site size").

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { root } from './support.mjs';

const ALLOWED_GROWTH = 5 * 1024;
const ALLOWED_CONTENT_GROWTH = 2 * 1024;
const CONTENT_BUDGET = 25 * 1024;
const dist = path.join(root, 'dist');
const baselineFile = path.join(root, 'tests/size-baseline.json');

const first = (pattern) => {
  const name = readdirSync(dist).find((f) => pattern.test(f));
  if (!name) throw new Error(`no ${pattern} in dist/ — run trunk build --release --offline first`);
  return name;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const measure = (name) => {
  const bytes = readFileSync(path.join(dist, name));
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli };
};
const print = (s) =>
  console.log(`${s.name.padEnd(44)} raw ${kb(s.raw).padStart(10)}  gzip ${kb(s.gzip).padStart(9)}  brotli ${kb(s.brotli).padStart(9)}`);
const sum = (list) => list.reduce((total, s) => total + s.brotli, 0);

console.log('the app (the settings page, as every page where someone works):');
const app = [first(/_bg\.wasm$/), first(/^tebiki-app-.*\.js$/), first(/^style-.*\.css$/), 'settings/index.html'].map(measure);
app.forEach(print);
const wasm = app[0].brotli;
const total = sum(app);
console.log(`first load of the app (html, js, wasm, css), brotli: ${kb(total)}`);

console.log('\nthe pages people read (the page, the style, the site script):');
const shared = [first(/^style-.*\.css$/), first(/^site-.*\.js$/)].map(measure);
shared.forEach(print);
// In both languages: Japanese at the root, English under en/.
const pages = ['', 'en/']
  .flatMap((lang) => [`${lang}index.html`, ...readdirSync(path.join(dist, lang, 'p')).map((id) => `${lang}p/${id}/index.html`)])
  .map(measure);
pages.forEach(print);
const heaviest = pages.reduce((a, b) => (b.brotli > a.brotli ? b : a));
const content = heaviest.brotli + sum(shared);
console.log(`first load of the heaviest page people read (${heaviest.name}), brotli: ${kb(content)} (budget ${kb(CONTENT_BUDGET)})`);

if (process.argv.includes('--update')) {
  writeFileSync(
    baselineFile,
    `${JSON.stringify({ wasm_brotli: wasm, first_page_brotli: total, content_first_load_brotli: content }, null, 2)}\n`,
  );
  console.log(`baseline written: wasm ${kb(wasm)}, pages people read ${kb(content)} brotli`);
} else {
  const baseline = JSON.parse(readFileSync(baselineFile, 'utf8'));
  const growth = wasm - baseline.wasm_brotli;
  const contentGrowth = content - baseline.content_first_load_brotli;
  console.log(`wasm vs baseline: ${growth >= 0 ? '+' : ''}${kb(growth)} (allowed: +${kb(ALLOWED_GROWTH)})`);
  console.log(`pages people read vs baseline: ${contentGrowth >= 0 ? '+' : ''}${kb(contentGrowth)} (allowed: +${kb(ALLOWED_CONTENT_GROWTH)})`);
  const failures = [];
  if (growth > ALLOWED_GROWTH) {
    failures.push(
      `The wasm grew by ${kb(growth)} brotli over tests/size-baseline.json (${kb(baseline.wasm_brotli)}). ` +
        'Find the bytes (twiggy top) or, if the growth is deliberate, run node tests/e2e/size.mjs --update ' +
        'and record why in docs/benchmarks.md.',
    );
  }
  if (!(contentGrowth <= ALLOWED_CONTENT_GROWTH)) {
    failures.push(
      `The first load of ${heaviest.name} grew by ${kb(contentGrowth)} brotli over tests/size-baseline.json ` +
        `(${kb(baseline.content_first_load_brotli ?? 0)}): the pages people read must cost what a plain page costs. ` +
        'If the growth is deliberate, run node tests/e2e/size.mjs --update and record why in docs/benchmarks.md.',
    );
  }
  if (content > CONTENT_BUDGET) failures.push(`${heaviest.name} needs ${kb(content)} brotli on a first load: over the ${kb(CONTENT_BUDGET)} budget.`);
  for (const f of failures) console.error(f);
  if (failures.length) process.exit(1);
}
