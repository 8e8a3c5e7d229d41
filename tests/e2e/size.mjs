// The site's size, and the guard on it: raw, gzip -9 and brotli (quality
// 11) of every file the first page needs, from a release build in dist/.
//
//   node tests/e2e/size.mjs           report, and fail if the wasm grew by
//                                     more than 5 KB brotli over the baseline
//   node tests/e2e/size.mjs --update  write the current size as the baseline
//
// The baseline is tests/size-baseline.json; raise it deliberately, in the
// commit that explains the growth (docs/benchmarks.md, "Site size").

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { root } from './support.mjs';

const ALLOWED_GROWTH = 5 * 1024;
const dist = path.join(root, 'dist');
const baselineFile = path.join(root, 'tests/size-baseline.json');

const first = (pattern) => {
  const name = readdirSync(dist).find((f) => pattern.test(f));
  if (!name) throw new Error(`no ${pattern} in dist/ — run trunk build --release --offline first`);
  return name;
};
const files = [first(/_bg\.wasm$/), first(/^tebiki-app-.*\.js$/), first(/^style-.*\.css$/), 'index.html'];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sizes = files.map((name) => {
  const bytes = readFileSync(path.join(dist, name));
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli };
});
for (const s of sizes) console.log(`${s.name.padEnd(44)} raw ${kb(s.raw).padStart(10)}  gzip ${kb(s.gzip).padStart(9)}  brotli ${kb(s.brotli).padStart(9)}`);
const wasm = sizes[0].brotli;
const total = sizes.reduce((sum, s) => sum + s.brotli, 0);
console.log(`first page (html, js, wasm, css), brotli: ${kb(total)}`);

if (process.argv.includes('--update')) {
  writeFileSync(baselineFile, `${JSON.stringify({ wasm_brotli: wasm, first_page_brotli: total }, null, 2)}\n`);
  console.log(`baseline written: wasm ${kb(wasm)} brotli`);
} else {
  const baseline = JSON.parse(readFileSync(baselineFile, 'utf8'));
  const growth = wasm - baseline.wasm_brotli;
  console.log(`wasm vs baseline: ${growth >= 0 ? '+' : ''}${kb(growth)} (allowed: +${kb(ALLOWED_GROWTH)})`);
  if (growth > ALLOWED_GROWTH) {
    console.error(
      `The wasm grew by ${kb(growth)} brotli over tests/size-baseline.json (${kb(baseline.wasm_brotli)}). ` +
        'Find the bytes (twiggy top) or, if the growth is deliberate, run node tests/e2e/size.mjs --update ' +
        'and record why in docs/benchmarks.md.',
    );
    process.exit(1);
  }
}
