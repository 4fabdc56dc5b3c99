// Helpers of the end-to-end tests: Chromium from Debian driven by
// playwright-core (never `npx playwright install`), steps with timings,
// screenshots into build/bin/screens/, and fixture files.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const require = createRequire(path.join(root, 'frontend/package.json'));
const { chromium } = require('playwright-core');

export const url = process.env.TASRIH_DEV_URL || 'http://127.0.0.1:34115';
export const tmp = process.env.TASRIH_TEST_TMP || fs.mkdtempSync('/tmp/tasrih-e2e-');
export const shots = path.join(root, 'build/bin/screens');
fs.mkdirSync(shots, { recursive: true });

export function fail(msg) {
  throw new Error(msg);
}

export function check(cond, msg) {
  if (!cond) fail(msg);
}

/** target reports a speed target missed, without failing: speed targets are
 * Go benchmarks; the browser figures are printed for the notes. */
export function target(cond, msg) {
  if (!cond) console.log(`e2e: target missed (reported, not failed): ${msg}`);
}

let stepNo = 0;
let failPage = null;
/** onFailShoot: the page to capture (build/bin/screens/FAILED-<step>.png) when a step fails. */
export function onFailShoot(page) {
  failPage = page;
}
/** step runs fn, printing its name and duration; a failure names the step. */
export async function step(name, fn) {
  stepNo++;
  const t0 = performance.now();
  try {
    const r = await fn();
    console.log(`e2e: ${String(stepNo).padStart(2)} ✓ ${name} (${Math.round(performance.now() - t0)} ms)`);
    return r;
  } catch (e) {
    console.error(`e2e: ${String(stepNo).padStart(2)} ✗ ${name}: ${e?.message ?? e}`);
    if (failPage !== null) {
      await failPage.screenshot({ path: path.join(shots, `FAILED-${String(stepNo).padStart(2, '0')}.png`) }).catch(() => undefined);
    }
    throw e;
  }
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * newPage opens the app; console errors and CSP violations are collected:
 * the test fails on any of them at the end.
 */
export async function newPage(browser, problems) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' || /Content.Security.Policy|Refused to/i.test(text)) problems.push(`console ${m.type()}: ${text}`);
  });
  page.on('pageerror', (e) => {
    // Wails' own dev-server overlay (wails/ipc.js, Svelte) throws when the
    // websocket reconnects; it is not part of the app under test.
    if (/\/wails\/ipc\.js/.test(e.stack ?? '') && !/\/assets\//.test(e.stack ?? '')) {
      console.log(`e2e: (ignored, Wails dev overlay) ${e.message}`);
      return;
    }
    problems.push(`page error: ${e.message}\n${e.stack ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => window.go?.app?.Session && window.runtime?.EventsOn, null, { timeout: 20000 });
  return page;
}

/** shot saves a screenshot of the window as build/bin/screens/<name>.png. */
export async function shot(page, name) {
  // Let fonts and the last frame settle.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

/** tid is the selector of a data-testid. */
export const tid = (id) => `[data-testid="${id}"]`;

/** readPreetabli returns the employees (immatriculation, name) of an AFFEBDS file. */
export function readPreetabli(file) {
  const out = [];
  for (const line of fs.readFileSync(file, 'latin1').split(/\r?\n/)) {
    if (!line.startsWith('A02')) continue;
    out.push({ immat: line.slice(16, 25), name: line.slice(25, 85).trim() });
  }
  return out;
}

/** writeXLSX writes a one-sheet workbook with exceljs. */
export async function writeXLSX(file, header, rows) {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Salariés');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

/** stats of a list of durations (ms). */
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, mean: +mean.toFixed(1), p50: +q(0.5).toFixed(1), p95: +q(0.95).toFixed(1), max: +s[s.length - 1].toFixed(1) };
}
