// Developer tool (not run by make test): sets up one employer with 2 000
// employees and January's préétabli through the bound services, opens the
// month grid and records a CPU profile of typing in it. Prints the functions
// with the most self time. Run through devapp.sh like the scenario.
import fs from 'node:fs';
import path from 'node:path';
import { launch, newPage, root, tid, tmp } from './lib.mjs';

const browser = await launch();
const problems = [];
try {
  const page = await newPage(browser, problems);
  const id = await page.evaluate(async () => {
    await window.go.app.Session.Create('Verger-Anis-Marteau-42', false);
    const e = await window.go.app.Employers.Create({ affiliation: '1234567', name: 'Société Exemple SARL', platform_profile: 'sandbox' });
    return e.id;
  });
  const csv = path.join(tmp, 'grands.csv');
  const lines = ['immatriculation;cin;nom;prenom;date_embauche;salaire'];
  for (let i = 0; i < 2000; i++) lines.push(`;ZZ${String(100000 + i)};NOM${String(i).padStart(4, '0')};Prénom;01/01/2020;${5000 + (i % 50) * 10},00`);
  fs.writeFileSync(csv, lines.join('\n'));
  await page.evaluate(async ([id, p, pre]) => {
    // Paths go through Go's dialogs (tokens, issue 12), answered from the queue.
    await window.go.app.Testing.QueueDialogPaths([p, pre]);
    const sheet = await window.go.app.Employees.ChooseImportFile();
    const pv = await window.go.app.Employees.ImportPreview(id, sheet.token);
    await window.go.app.Employees.ImportApply(pv.op_id, false);
    const preFile = await window.go.app.Month.ChoosePreetabli();
    await window.go.app.Month.ImportPreetabli(id, '202601', preFile.token);
  }, [id, csv, path.join(root, 'internal/cli/testdata/AFFEBDS_1234567_202601.txt')]);
  await page.reload();
  await page.waitForSelector(tid('employer-select'));
  await page.selectOption(tid('employer-select'), id);
  await page.selectOption(tid('period-select'), '202601');
  await page.click(tid('nav-month'));
  await page.waitForSelector('[data-cell="3:days"]');
  if (process.env.TRACE) {
    await browser.startTracing(page, { path: path.join(tmp, 'trace.json'), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    if (process.env.TRACE === 'scroll') {
      const fr = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const sc = document.querySelector('.grid-scroll');
            const frames = [];
            let last = performance.now();
            let n = 0;
            const tick = () => {
              const now = performance.now();
              frames.push(now - last);
              last = now;
              sc.scrollTop += 180;
              if (++n < 300) requestAnimationFrame(tick);
              else resolve(frames);
            };
            requestAnimationFrame(tick);
          }),
      );
      fr.sort((a, b) => a - b);
      console.log(`frames: p50 ${fr[150].toFixed(1)} p95 ${fr[285].toFixed(1)} max ${fr[299].toFixed(1)} ms`);
    } else {
      await page.click('[data-cell="3:days"]');
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Control+A');
        await page.keyboard.type(String(20 + (i % 6)));
        await page.keyboard.press('Enter');
      }
    }
    await page.waitForTimeout(500);
    await browser.stopTracing();
    const tr = JSON.parse(fs.readFileSync(path.join(tmp, 'trace.json'), 'utf8'));
    const evs = tr.traceEvents ?? tr;
    const sum = new Map();
    for (const e of evs) if (e.ph === 'X' && e.dur) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
    for (const [k, ms] of [...sum.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
    process.exit(0);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  if (process.env.PROFILE === 'scroll') {
    await page.evaluate(
      () =>
        new Promise((resolve) => {
          const sc = document.querySelector('.grid-scroll');
          let n = 0;
          const tick = () => {
            sc.scrollTop += 180;
            if (++n < 300) requestAnimationFrame(tick);
            else resolve(null);
          };
          requestAnimationFrame(tick);
        }),
    );
  } else {
    await page.click('[data-cell="3:days"]');
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Control+A');
      await page.keyboard.type(String(20 + (i % 6)));
      await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(1500);
  }
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map();
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((sid, i) => {
    const n = byId.get(sid);
    const f = n.callFrame;
    const k = `${f.functionName || '(anon)'} ${path.basename(f.url)}:${f.lineNumber}:${f.columnNumber}`;
    self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await browser.close();
}
