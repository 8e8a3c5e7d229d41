// What a team recorded stays in view when a newer version of a playbook
// drops a metric: the values appear in the success record. Release build,
// real headless Chromium over HTTP, a run brought in through the settings'
// import (a file as a colleague's browser would have written it).

import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appReady, axe, launch, serve, sites, watchedPage } from './support.mjs';

const site = sites[0];
const PLAYBOOK = 'general-affairs-request-tagging';

describe('content that changed under a run', () => {
  let server;
  const url = (relative = '') => `${server.url}${site.base}${relative}`;

  before(async () => {
    server = await serve(site.serveDir);
  });
  after(() => server?.close());

  test('values of a metric the playbook no longer has stay in the success record', async () => {
    const browser = await launch();
    const file = path.join(tmpdir(), `tebiki-old-metric-${process.pid}.json`);
    try {
      const at = Date.parse('2026-10-01T09:00:00+09:00');
      const run = {
        id: 'ga1',
        playbook: PLAYBOOK,
        name: { value: '総務 2026 試行', at },
        created: at,
        deleted: { value: null, at: 0 },
        version: 1,
        content_hash: '',
        step_hashes: {},
        steps: {},
        metrics: {
          // Version 1 measured hours; version 2 measures business days.
          'response-hours': {
            baseline: { value: 20, at },
            target: { value: null, at: 0 },
            measurements: { m1: { value: { date: '2026-11-30', value: 18 }, at: at + 1 } },
          },
        },
      };
      writeFileSync(file, JSON.stringify({ kind: 'tebiki-export', exported: at, lang: null, progress: { format: 3, runs: [run] } }));
      const { page, problems } = await watchedPage(browser.context);
      await page.goto(url('settings/'));
      await appReady(page);
      await page.getByLabel('読み込むファイルを選ぶ').setInputFiles(file);
      await page.getByTestId('import-confirm').click();
      await page.getByText(/読み込みました/).waitFor();
      await page.goto(url(`p/${PLAYBOOK}/?run=ga1&view=record`));
      const list = page.getByTestId('orphaned-metrics');
      await list.waitFor();
      assert.equal(await list.textContent(), 'response-hours：基準値：20、2026年11月30日：18');
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(problems, []);
    } finally {
      rmSync(file, { force: true });
      await browser.close();
    }
  });
});
