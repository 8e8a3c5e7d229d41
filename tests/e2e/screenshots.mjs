// Screenshots of every page of the release build, desktop and 360 px wide,
// for looking at what we build (not a test): node tests/e2e/screenshots.mjs
// Writes target/screenshots/*.png. Needs a built dist/ (trunk build --release).

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { appReady, launch, root, serve } from './support.mjs';

const out = path.join(root, 'target/screenshots');
mkdirSync(out, { recursive: true });
const server = await serve(path.join(root, 'dist'));
const browser = await launch();
const only = process.argv[2];
try {
  for (const width of [1200, 360]) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const shot = async (name, selector) => {
      if (only && !name.includes(only)) return;
      const file = path.join(out, `${name}-${width}.png`);
      if (selector) await page.locator(selector).first().screenshot({ path: file });
      else await page.screenshot({ path: file, fullPage: true });
    };
    await page.goto(`${server.url}/`);
    await appReady(page);
    await shot('catalog');
    await page.goto(`${server.url}/p/hr-inquiry-desk/`);
    await appReady(page);
    await shot('playbook');
    await shot('playbook-metrics', '.table-scroll');
    await page.getByTestId('start-run').click();
    await page.waitForSelector('.step-panel');
    await page.locator('.item input[type=checkbox]').first().check();
    await shot('run-guided');
    await shot('run-head', '.run-head');
    await page.getByRole('link', { name: '一覧表示' }).click();
    await page.waitForSelector('.run-list-view');
    await shot('run-list');
    await page.goto(`${server.url}/p/hr-inquiry-desk/`);
    await appReady(page);
    await shot('playbook-with-run');
    await shot('playbook-runs', '.runs');
    await page.getByRole('button', { name: /^削除/ }).first().click();
    await shot('playbook-delete-confirm', '.runs');
    await page.getByRole('button', { name: '削除する' }).click();
    await page.waitForSelector('.toast');
    await shot('playbook-deleted');
    await page.getByRole('button', { name: '元に戻す' }).click();
    await page.goto(`${server.url}/settings/`);
    await appReady(page);
    await shot('settings');
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
