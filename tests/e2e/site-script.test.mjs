// The site script of the pages people read (src/cli/site.js), outside the
// browser: its filter runs the same table of cases as the app's
// (tests/filter-cases.json, app/src/filter.rs), and it reads the summary the
// app keeps defensively.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { root } from './support.mjs';
import { fill, fold, fromQuery, matches, readSummary, toQuery } from '../../src/cli/site.js';

const table = JSON.parse(readFileSync(path.join(root, 'tests/filter-cases.json'), 'utf8'));

test('the catalog filter agrees with the app on every shared case', () => {
  assert.ok(table.cases.length >= 10);
  for (const c of table.cases) {
    const shown = table.entries.filter((e) => matches(c.filter, e)).map((e) => e.id);
    assert.deepEqual(shown, c.shown, c.name);
    assert.equal(toQuery(c.filter), c.query, c.name);
    // What the script writes into the address, it reads back.
    assert.deepEqual(fromQuery(toQuery(c.filter)), {
      q: c.filter.q.trim() ? c.filter.q : '',
      dept: c.filter.dept,
      tag: c.filter.tag,
    }, c.name);
  }
});

test('folding makes full-width letters, digits and spaces half-width and lowercase', () => {
  assert.equal(fold('ＦＡＱ　１２３ Ａb'), 'faq 123 ab');
  assert.equal(fold('経理'), '経理');
});

test('a summary that is not what the app writes is refused or trimmed, never trusted', () => {
  const run = { id: 'r1', playbook: 'faq', name: '人事 2026', created: 1, version: 1, done: 2 };
  for (const text of ['', 'null', '{', '[]', '{"v":2,"runs":[],"local":[]}', '"text"']) {
    assert.equal(readSummary(text), null, text);
  }
  const mixed = readSummary(
    JSON.stringify({
      v: 1,
      runs: [run, { ...run, done: -1 }, { ...run, name: 5 }, null, 'x', { ...run, created: 1.5 }],
      local: [{ id: 'l', title: 't', department: 'd' }, { id: 'l2', title: 't', department: 'd', cloned_from: 3 }],
    }),
  );
  assert.deepEqual(mixed.runs, [run]);
  assert.deepEqual(mixed.local.map((p) => p.id), ['l']);
  assert.deepEqual(readSummary('{"v":1}'), { runs: [], local: [] });
});

test('templates get their numbers and text, and markup stays text', () => {
  assert.equal(fill('全 900001 件中 900002 件', [12, 3]), '全 12 件中 3 件');
  assert.equal(fill('「\uE000」を削除', [], '<b>x</b>'), '「<b>x</b>」を削除');
});
