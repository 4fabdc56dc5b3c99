// The WebKit web process after lock (issue 12): run by webmemscan.sh under
// devapp.sh (the dev binary under Xvfb). A browser attached to the dev server
// creates a vault and an employee with known, random name, CIN, RIB and
// salary; the passphrase is typed in the native window's page
// (Testing.WindowExecJS), which then shows the employees. The app's WebKit processes are scanned
// (/proc/<pid>/smaps, pagemap and mem, as root) before the lock — the
// positive control: every secret must be found, else the test proves
// nothing — and after it, when Go has ended the web process and loaded the
// start page in a new one (app/webview_linux.go): the old process must be
// gone (its PID no longer exists) and no secret may be left in any of them.
// The app's own process (Go, WebKit's UI side) is scanned too: after the lock
// it may hold no more than appLimit copies (internal/memwipe empties it as
// far as it can; the rest is explained at appLimit). WEBMEMSCAN_WHERE=1 also
// prints the mappings of its hits (Go's heap or C's, by address).
// Then the new process must work: the native page shows the unlock screen,
// unlocks with the passphrase typed in it and opens the employees (bound
// calls from the new process reach Go).
//
// WEBMEMSCAN_IDLE=1 makes the judged lock the idle timer's (auto-lock set
// to its minimum, 1 min: the run takes a minute longer) instead of the
// user's, and checks that the new page says why it was locked (the idle
// banner: the reason crossed into the new process).
//
// Prints the counts and the time; exits 1 when a check fails.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { launch } from '../../frontend/e2e/lib.mjs';

const t0 = Date.now();
const url = process.env.TASRIH_DEV_URL;
const appLog = path.join(process.env.TASRIH_TEST_TMP, 'app.log');
const appPid = Number(fs.readFileSync(process.env.DEVAPP_PIDFILE, 'latin1').trim());
const rnd = (alphabet, n) => Array.from(crypto.randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
const UP = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const PASS = `vwx ${rnd('abcdefghijkmnpqrstuvwxyz', 24)} Tq9!`;
const NAME = `ZQX${rnd(UP, 12)}`;
const FIRST = `WQY${rnd(UP, 10)}`;
const CIN = `ZQ${rnd('0123456789', 6)}`;
// A valid RIB: 22 random digits and the key that makes the 24 divisible by 97.
const ribBody = `1${rnd('0123456789', 21)}`;
const RIB = ribBody + String((97n - ((BigInt(ribBody) * 100n) % 97n)) % 97n).padStart(2, '0');
// A salary in centimes, sought as Go sends it to the page (JSON text).
const GROSS = Number(`7${rnd('123456789', 6)}`);
const secrets = { passphrase: PASS, 'last name': NAME, 'first name': FIRST, CIN, RIB, salary: `"monthly_gross":${GROSS}` };
// What the app's own process may still hold after the lock (without
// internal/memwipe: passphrase 12, last name 113, the others 48-53). The Go
// heap is emptied (internal/memwipe: the session dropped, garbage collected
// with clobberfree, freed spans returned; malloc_trim and M_PERTURB for the
// C heap), so the JSON text of the salary, which only Go handles, must be
// gone. The names, CIN, RIB and passphrase also cross WebKit's UI-process
// side (the page's calls and Go's answers): one or two copies stay in C
// memory (a glibc per-thread arena, a block freed into the tcache is not
// perturbed; WebKit's own allocator, which neither malloc_trim nor
// M_PERTURB reaches, or a buffer WebKit still holds). Measured 0-2 each over
// the runs; bounded here so that a regression shows.
const appLimit = { passphrase: 3, 'last name': 3, 'first name': 3, CIN: 3, RIB: 3, salary: 0 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const failures = [];
const fail = (msg) => {
  console.log(`webmemscan: FAIL ${msg}`);
  failures.push(msg);
};

async function until(what, cond, ms = 20000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) {
    if (await cond()) return true;
  }
  fail(`timed out (${ms / 1000} s) waiting for ${what}`);
  return false;
}

const parentOf = (pid) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};

// The WebKit helper processes of this app (WebKitWebProcess,
// WebKitNetworkProcess, …): children of the app's process (other apps may
// run on the machine), by kind.
function webkitProcesses() {
  const out = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const m = /WebKit(\w+)Process/.exec(fs.readFileSync(`/proc/${d}/cmdline`, 'latin1'));
      if (m && parentOf(d) === appPid) out.push({ pid: Number(d), kind: m[1] });
    } catch {
      /* gone */
    }
  }
  return out;
}
const webProcesses = () => webkitProcesses().filter((p) => p.kind === 'Web').map((p) => p.pid);

// The readable mappings of pid that hold pages (smaps: Rss or Swap > 0).
function mappings(pid) {
  const out = [];
  let cur = null;
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'latin1').split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) {
      cur = { lo: parseInt(m[1], 16), hi: parseInt(m[2], 16), perm: m[3], path: m[4], kb: 0 };
      if (m[3][0] === 'r' && !m[4].startsWith('[v')) out.push(cur);
      continue;
    }
    const k = /^(Rss|Swap):\s+(\d+) kB/.exec(line);
    if (k && cur) cur.kb += Number(k[2]);
  }
  return out.filter((r) => r.kb > 0);
}

// The runs of pages of [lo, hi) that are present or swapped (pagemap bits
// 63 and 62): JavaScriptCore reserves tens of GB of which a few MB are
// used, and reading the rest through /proc/<pid>/mem takes minutes.
const PAGE = 4096;
function residentRuns(pmfd, lo, hi) {
  const runs = [];
  const per = 1 << 16;
  const b = Buffer.alloc(per * 8);
  let start = -1;
  const first = lo / PAGE;
  const last = hi / PAGE;
  for (let p = first; p < last; p += per) {
    const n = Math.min(per, last - p);
    const k = fs.readSync(pmfd, b, 0, n * 8, BigInt(p) * 8n) / 8;
    for (let i = 0; i < n; i++) {
      const present = i < k && (b.readUInt32LE(i * 8 + 4) & 0xc0000000) !== 0;
      if (present && start < 0) start = p + i;
      else if (!present && start >= 0) {
        runs.push([start * PAGE, (p + i) * PAGE]);
        start = -1;
      }
    }
  }
  if (start >= 0) runs.push([start * PAGE, last * PAGE]);
  return runs;
}

// count occurrences of each secret (Latin-1/UTF-8 and UTF-16LE: JSC keeps
// strings in either) in the resident readable mappings of pid.
// With where, also the mappings of the hits ("lo-hi path": name → count).
function scan(pid, where = null) {
  const needles = Object.entries(secrets).flatMap(([k, v]) => [
    [k, Buffer.from(v, 'latin1')],
    [k, Buffer.from(v, 'utf16le')],
  ]);
  const found = Object.fromEntries(Object.keys(secrets).map((k) => [k, 0]));
  const fd = fs.openSync(`/proc/${pid}/mem`, 'r');
  const pm = fs.openSync(`/proc/${pid}/pagemap`, 'r');
  const chunk = 4 << 20;
  const buf = Buffer.alloc(chunk + 256);
  let bytes = 0;
  try {
    for (const r of mappings(pid)) {
      const runs = r.hi - r.lo > 16 * PAGE ? residentRuns(pm, r.lo, r.hi) : [[r.lo, r.hi]];
      for (const [lo, hi] of runs) {
        for (let off = lo; off < hi; off += chunk) {
          const n = Math.min(hi - off, buf.length);
          let k = 0;
          try {
            k = fs.readSync(fd, buf, 0, n, BigInt(off));
          } catch {
            continue;
          }
          bytes += k;
          const view = buf.subarray(0, k);
          for (const [name, nd] of needles) {
            for (let i = view.indexOf(nd); i !== -1; i = view.indexOf(nd, i + 1)) {
              // A match in the overlap is counted by the next chunk.
              if (i + nd.length > chunk && off + chunk < hi) break;
              found[name]++;
              if (where) {
                const key = `${r.lo.toString(16)}-${r.hi.toString(16)} ${r.path || '[anon]'} ${name}`;
                where[key] = (where[key] ?? 0) + 1;
              }
            }
          }
        }
      }
    }
  } finally {
    fs.closeSync(fd);
    fs.closeSync(pm);
  }
  return { found, bytes };
}

// Scans every WebKit process of the app: per kind, the counts of each secret.
function scanAll(label) {
  const byKind = {};
  for (const { pid, kind } of webkitProcesses()) {
    let r;
    try {
      r = scan(pid);
    } catch (e) {
      fail(`${label}: cannot scan ${kind} process ${pid}: ${e.message}`);
      continue;
    }
    const t = (byKind[kind] ??= { pids: [], MB: 0, ...Object.fromEntries(Object.keys(secrets).map((k) => [k, 0])) });
    t.pids.push(pid);
    t.MB += Math.round(r.bytes / 1048576);
    for (const [k, v] of Object.entries(r.found)) t[k] += v;
  }
  console.log(`webmemscan: ${label}: ${JSON.stringify(byKind)}`);
  return byKind;
}

const logHas = (s) => fs.readFileSync(appLog, 'latin1').includes(s);

// js run in the native window's page. A secret rides in these scripts (Go
// passes them to WebKit's UI side) in two halves joined in the page, so
// that the scripts themselves leave no whole copy in the app's process,
// which is judged: a user's typing never goes through Go.
const halves = (v) => `(${JSON.stringify(v.slice(0, v.length >> 1))} + ${JSON.stringify(v.slice(v.length >> 1))})`;
const typeInto = (testId, value) =>
  `(() => { const i = document.querySelector('[data-testid="${testId}"]'); if (!i) return;
     Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, ${halves(value)});
     i.dispatchEvent(new Event('input', { bubbles: true })); })();`;
const click = (testId) => `document.querySelector('[data-testid="${testId}"]')?.click();`;
// The native page reports, through a bound call, that it shows testId: the
// answer is a screen= line in the app's output (the browser page never
// sends this name).
const probe = (testId, name) =>
  `if (document.querySelector('[data-testid="${testId}"]')) window.go.app.System.ScreenShown('${name}');`;

const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.go?.app?.Session !== undefined, null, { timeout: 30000 });
  const go = (expr, arg) => page.evaluate(expr, arg);
  const win = (js) => go((s) => window.go.app.Testing.WindowExecJS(s), js);
  const unlocked = async () => (await go(() => window.go.app.Session.Status())).unlocked;

  // The native page shows the unlock screen, unlocks with the passphrase
  // typed in it, then opens the employees. n tells the probes apart.
  async function nativeUnlock(n) {
    if (!(await until(`the native page's unlock screen (${n})`, async () => (await win(probe('unlock-passphrase', `probe-unlock-${n}`)), logHas(`screen=probe-unlock-${n} `))))) return false;
    await win(typeInto('unlock-passphrase', PASS));
    await until(`the unlock button enabled (${n})`, async () => (await win(`if (!document.querySelector('[data-testid="unlock-submit"]')?.disabled) window.go.app.System.ScreenShown('probe-typed-${n}');`), logHas(`screen=probe-typed-${n} `)));
    await win(click('unlock-submit'));
    if (!(await until(`the native page to unlock (${n})`, unlocked))) return false;
    // The employees screen lists the employee: navigation and bound calls
    // (Employees.List) work in this process.
    return until(`the employee listed in the native page (${n})`, async () => {
      await win(click('nav-employees'));
      await win(`if (document.body.innerText.includes(${halves(NAME)})) window.go.app.System.ScreenShown('probe-listed-${n}');`);
      return logHas(`screen=probe-listed-${n} `);
    });
  }

  await go((p) => window.go.app.Session.Create(p, false), PASS);
  const idle = process.env.WEBMEMSCAN_IDLE === '1';
  if (idle) await go(async () => window.go.app.Settings.Save({ ...(await window.go.app.Settings.Get()), auto_lock_minutes: 1 }));
  const er = await go(() => window.go.app.Employers.Create({ affiliation: '1234567', name: 'Scan SARL', platform_profile: 'sandbox' }));
  await go(([id, n, f, c, r, g]) => window.go.app.Employees.Create({ employer_id: id, last_name: n, first_name: f, cin: c, rib: r, monthly_gross: g }), [er.id, NAME, FIRST, CIN, RIB, GROSS]);
  if (webProcesses().length === 0) throw new Error('no WebKitWebProcess found');
  // Lock: both pages go to the unlock screen (the native one in a new web
  // process); the passphrase is typed in the native page, which then shows
  // the employees (names and CINs).
  await go(() => window.go.app.Session.Lock());
  if (!(await nativeUnlock(1))) throw new Error('the native page did not unlock and list the employee');

  const oldWeb = webProcesses();
  const before = scanAll('before lock');
  // The app's own process (Go, and WebKit's UI side in C): before the lock
  // reported; after it judged against appLimit (below).
  const appScan = () => {
    const where = process.env.WEBMEMSCAN_WHERE === '1' ? {} : null;
    const r = scan(appPid, where).found;
    if (where) for (const [k, v] of Object.entries(where)) console.log(`webmemscan:   ${v} × ${k}`);
    return r;
  };
  console.log(`webmemscan: app process before lock: ${JSON.stringify(appScan())}`);
  for (const k of Object.keys(secrets)) {
    if ((before.Web?.[k] ?? 0) > 0) continue;
    // The salary's JSON text has only 1 or 2 copies (the page keeps
    // numbers, not text): the garbage collector may take them first. Then
    // this run proves nothing for it, and says so, without failing.
    if (k === 'salary') console.log('webmemscan: note: no salary text in the web process before the lock: not proven for the salary this run');
    else fail(`the positive control found no ${k} in the web process before the lock: the scan proves nothing`);
  }

  if (idle) await until('the idle lock', async () => !(await unlocked()), 90000);
  const tLock = Date.now();
  if (!idle) await go(() => window.go.app.Session.Lock());
  // The old web process goes; a new one shows the unlock screen.
  const gone = (pid) => !fs.existsSync(`/proc/${pid}`);
  await until(`the old web process(es) ${oldWeb.join(',')} to end`, () => oldWeb.every(gone), 10000);
  await until('a new web process', () => webProcesses().some((p) => !oldWeb.includes(p)), 10000);
  await until("the new page's unlock screen", async () => (await win(probe('unlock-passphrase', 'probe-unlock-2')), logHas('screen=probe-unlock-2 ')));
  const replacedMs = Date.now() - tLock;
  // The new page's URL fragment carries where the user was (Go keeps it):
  // the unlock comes back to the employees.
  await until('the place (screen=employees) in the new page\'s URL fragment', async () => (await win("if (/(^#|&)screen=employees(&|$)/.test(location.hash)) window.go.app.System.ScreenShown('probe-place');"), logHas('screen=probe-place ')), 5000);
  if (idle) await until('the idle banner in the new page', async () => (await win(`if (document.querySelector('[data-testid="unlock-screen"] .banner-info')) window.go.app.System.ScreenShown('probe-idle');`), logHas('screen=probe-idle ')), 5000);
  const after = scanAll('after lock');
  const appAfter = appScan();
  console.log(`webmemscan: app process after lock: ${JSON.stringify(appAfter)} (limits ${JSON.stringify(appLimit)})`);
  for (const [k, n] of Object.entries(appAfter)) {
    if (n > appLimit[k]) fail(`${n} copies of the ${k} left in the app's own process after lock (at most ${appLimit[k]})`);
  }
  for (const pid of oldWeb.filter((p) => !gone(p))) fail(`the web process ${pid} that showed the data is still there after the lock`);
  for (const [kind, t] of Object.entries(after)) {
    for (const k of Object.keys(secrets)) {
      if (t[k] > 0) fail(`${t[k]} copies of the ${k} left in the ${kind} process after lock`);
    }
  }
  // Wails' bridge in the new process: unlock, navigate, bound calls.
  if (!(await nativeUnlock(3))) fail('the new web process did not unlock again and list the employee');
  console.log(`webmemscan: lock → unlock screen of the new page ${replacedMs} ms; total ${Math.round((Date.now() - t0) / 1000)} s`);
  // Nor in the app's output (its log): no secret is ever logged.
  const log = fs.readFileSync(appLog, 'latin1');
  for (const [k, v] of Object.entries(secrets)) if (log.includes(v)) fail(`the ${k} is in the app's log`);
} finally {
  await browser.close();
}
if (failures.length === 0) console.log('webmemscan: OK');
process.exit(failures.length === 0 ? 0 : 1);
