// Checks, in Debian's Chromium driven by playwright-core, that the bound Go
// services answer over the dev server of a dev-tagged binary: a call,
// an error crossing as {code, message, fields}, and an event.
// Run through devapp.sh (it sets TASRIH_DEV_URL):
//   build/scripts/devapp.sh -- node build/scripts/devbridge.mjs
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'frontend/package.json'));
const { chromium } = require('playwright-core');

const url = process.env.TASRIH_DEV_URL || 'http://127.0.0.1:34115';
const fail = (msg) => { console.error(`devbridge: FAIL: ${msg}`); process.exit(1); };

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.go?.app?.System && window.runtime?.EventsOn, null, { timeout: 20000 });
  const v = await page.evaluate(() => window.go.app.System.Version());
  if (typeof v.version !== 'string' || !v.platform) fail(`System.Version() = ${JSON.stringify(v)}`);

  // An error crosses as the JSON text of {code, message, fields} in the
  // Error's message (Wails v2.15 wraps the formatter's value in new Error()).
  const e = await page.evaluate(() => window.go.app.Month.Load('x', '2026').then(() => null, (err) => String(err?.message)));
  let payload;
  try { payload = JSON.parse(e); } catch { fail(`error message is not JSON: ${e}`); }
  if (payload.code !== 'period.invalid' || !payload.message || !Array.isArray(payload.fields)) fail(`error payload ${e}`);

  // An event: creating the vault unlocks the session (session:unlocked).
  const t0 = Date.now();
  const method = await page.evaluate(() => new Promise((resolve, reject) => {
    window.runtime.EventsOnce('session:unlocked', (d) => resolve(d.method));
    window.go.app.Session.Create('Verger-Anis-Marteau-42', false).catch(reject);
  }));
  if (method !== 'created') fail(`session:unlocked method ${method}`);
  const created = Date.now() - t0;
  const st = await page.evaluate(() => window.go.app.Session.Status());
  if (!st.unlocked || !st.has_vault) fail(`status after create ${JSON.stringify(st)}`);
  const d = await page.evaluate(() => window.go.app.Employers.Dashboard(''));
  if (!Array.isArray(d.rows)) fail(`dashboard ${JSON.stringify(d)}`);
  console.log(`devbridge: OK (${url}: System.Version ${v.version}, error payload, session:unlocked after ${created} ms, dashboard)`);
} finally {
  await browser.close();
}
