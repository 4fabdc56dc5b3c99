// The WebKit web process after lock (issue 12): run by webmemscan.sh under
// devapp.sh (the dev binary under Xvfb). A browser attached to the dev server
// creates a vault and an employee with known, random name and CIN; the
// passphrase is typed in the native window's page (Testing.WindowExecJS),
// which then shows the employees; the WebKitWebProcess of the app is
// scanned (/proc/<pid>/maps + mem, as root) before the lock (positive
// control: the secrets are found) and after it (Go reloads the page: none
// may be left). Prints the counts; exits 1 when a secret is left.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { launch } from '../../frontend/e2e/lib.mjs';

const url = process.env.TASRIH_DEV_URL;
const rnd = (alphabet, n) => Array.from(crypto.randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
const UP = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const PASS = `vwx ${rnd('abcdefghijkmnpqrstuvwxyz', 24)} Tq9!`;
const NAME = `ZQX${rnd(UP, 12)}`;
const FIRST = `WQY${rnd(UP, 10)}`;
const CIN = `ZQ${rnd('0123456789', 6)}`;
const secrets = { passphrase: PASS, 'last name': NAME, 'first name': FIRST, CIN };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The web processes of this app: WebKitWebProcess children of the process
// whose environment has our TASRIH_DATA (other apps may run on the machine).
function webProcesses() {
  const mine = `TASRIH_DATA=${process.env.TASRIH_DATA}\0`;
  const out = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'latin1');
      if (!cmd.includes('WebKitWebProcess')) continue;
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'latin1');
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (fs.readFileSync(`/proc/${ppid}/environ`, 'latin1').includes(mine)) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

// count occurrences of each secret (UTF-8/Latin-1 and UTF-16LE: JSC keeps
// strings in either) in the readable private mappings of pid.
function scan(pid) {
  const needles = Object.entries(secrets).flatMap(([k, v]) => [
    [k, Buffer.from(v, 'latin1')],
    [k, Buffer.from(v, 'utf16le')],
  ]);
  const found = Object.fromEntries(Object.keys(secrets).map((k) => [k, 0]));
  const maps = fs.readFileSync(`/proc/${pid}/maps`, 'latin1').split('\n');
  const fd = fs.openSync(`/proc/${pid}/mem`, 'r');
  const chunk = 4 << 20;
  const buf = Buffer.alloc(chunk + 256);
  try {
    for (const line of maps) {
      const f = line.trim().split(/\s+/);
      if (f.length < 2 || f[1][0] !== 'r' || (f[5] ?? '').startsWith('[v')) continue;
      const [lo, hi] = f[0].split('-').map((h) => BigInt(`0x${h}`));
      for (let off = lo; off < hi; off += BigInt(chunk)) {
        const n = Number(hi - off < BigInt(buf.length) ? hi - off : BigInt(buf.length));
        let k = 0;
        try {
          k = fs.readSync(fd, buf, 0, n, off);
        } catch {
          continue;
        }
        const view = buf.subarray(0, k);
        for (const [name, nd] of needles) {
          for (let i = view.indexOf(nd); i !== -1; i = view.indexOf(nd, i + 1)) {
            // A match in the overlap is counted by the next chunk.
            if (i + nd.length > chunk && off + BigInt(chunk) < hi) break;
            found[name]++;
          }
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return found;
}

function scanAll() {
  const total = Object.fromEntries(Object.keys(secrets).map((k) => [k, 0]));
  for (const pid of webProcesses()) {
    for (const [k, v] of Object.entries(scan(pid))) total[k] += v;
  }
  return total;
}

// js run in the native window's page.
const typeInto = (testId, value) =>
  `(() => { const i = document.querySelector('[data-testid="${testId}"]'); if (!i) return;
     Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, ${JSON.stringify(value)});
     i.dispatchEvent(new Event('input', { bubbles: true })); })();`;
const click = (testId) => `document.querySelector('[data-testid="${testId}"]')?.click();`;

const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.go?.app?.Session !== undefined, null, { timeout: 30000 });
  const go = (expr, arg) => page.evaluate(expr, arg);
  await go((p) => window.go.app.Session.Create(p, false), PASS);
  const er = await go(() => window.go.app.Employers.Create({ affiliation: '1234567', name: 'Scan SARL', platform_profile: 'sandbox' }));
  await go(([id, n, f, c]) => window.go.app.Employees.Create({ employer_id: id, last_name: n, first_name: f, cin: c }), [er.id, NAME, FIRST, CIN]);
  if (webProcesses().length === 0) throw new Error('no WebKitWebProcess found');
  // Lock: both pages go to the unlock screen; the passphrase is typed in
  // the native window's page, which then shows the employees.
  await go(() => window.go.app.Session.Lock());
  await sleep(3000);
  await go((js) => window.go.app.Testing.WindowExecJS(js), typeInto('unlock-passphrase', PASS));
  await sleep(300);
  await go((js) => window.go.app.Testing.WindowExecJS(js), click('unlock-submit'));
  for (let i = 0; i < 100 && !(await go(() => window.go.app.Session.Status())).unlocked; i++) await sleep(100);
  if (!(await go(() => window.go.app.Session.Status())).unlocked) throw new Error('the native page did not unlock');
  await sleep(2000);
  await go((js) => window.go.app.Testing.WindowExecJS(js), click('nav-employees'));
  await sleep(3000);
  const before = scanAll();
  await go(() => window.go.app.Session.Lock());
  await sleep(5000);
  const after = scanAll();
  console.log(`webmemscan: before lock ${JSON.stringify(before)}`);
  console.log(`webmemscan: after lock  ${JSON.stringify(after)}`);
  if (before['last name'] === 0 || before.CIN === 0) {
    console.log('webmemscan: FAIL the positive control found no name or CIN in the web process before the lock');
    failed = true;
  }
  for (const [k, v] of Object.entries(after)) {
    if (v > 0) {
      console.log(`webmemscan: FAIL ${v} copies of the ${k} left in the web process after lock`);
      failed = true;
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
