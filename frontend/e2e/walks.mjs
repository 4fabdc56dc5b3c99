// The walks of issue 15 that the main scenario does not take, on a fresh
// data folder (run by build/scripts/e2e.sh after scenario.mjs, through
// build/scripts/devapp.sh): what a person does off the happy path.
//
//   - a new hire without immatriculation: the import preview, the employee
//     list and form, the month grid and the préétabli reconciliation never
//     show the CIN as the immatriculation; import messages name the file and
//     line once (the row already shows the line);
//   - the month grid at 1024×700 in Arabic: the situation column reachable;
//   - the idle lock: the unlock screen names the data folder;
//   - the platform down during a submission (the embedded sandbox's
//     dev-only fault switch): queued, said so, accepted once it is back;
//   - a rejected deposit (built on the wrong préétabli) and its resubmission;
//   - the manual deposit with evidence (export, control-report PDF,
//     reference, receipt);
//   - the English UI: the main screens, no French and no missing key.
//
// Any console error, failed request or CSP violation fails the test (a
// missing message key is a console error, i18n/messages.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { check, launch, newPage, onFailShoot, readPreetabli, root, shot, step, tid, tmp, writeXLSX } from './lib.mjs';

const PASS = 'Verger-Anis-Marteau-42';
const AFF = '1234567';
const NEW_CIN = 'BK123456';
const problems = [];

const browser = await launch();
let ok = false;
try {
  const page = await newPage(browser, problems);
  page.setDefaultTimeout(20000);
  onFailShoot(page);

  await step('walks: create the vault and an employer', async () => {
    await page.waitForSelector(tid('create-vault'));
    await page.fill(tid('passphrase'), PASS);
    await page.fill(tid('passphrase-confirm'), PASS);
    await page.click(tid('create-vault-submit'));
    await page.waitForSelector(tid('recovery-code'), { timeout: 30000 });
    await page.check('#recovery-ack');
    await page.click(tid('recovery-continue'));
    await page.waitForSelector(tid('portfolio'));
    await page.click(tid('add-employer'));
    await page.waitForSelector(tid('employer-screen'));
    await page.fill(tid('f-affiliation'), AFF);
    await page.fill(tid('f-name'), 'ATLAS SERVICES SARL');
    await page.click(tid('employer-save'));
    await page.waitForSelector(tid('toast-success'));
    await page.waitForFunction(() => document.querySelector('[data-testid="employer-select"]')?.value !== '');
  });

  const period = await page.inputValue(tid('period-select'));
  const employerId = await page.inputValue(tid('employer-select'));
  const prePath = await page.evaluate(([a, p, d]) => window.go.app.Testing.SandboxPreetabli(a, p, d), [AFF, period, tmp]);
  const insured = readPreetabli(prePath);
  check(insured.length >= 2, `préétabli has ${insured.length} employees`);

  // Issue 15.8: a new hire's CIN in the immatriculation column; import
  // messages repeating the file and line the row already shows.
  await step('import a payroll with a new hire without immatriculation: the CIN stays in its column, messages say the line once', async () => {
    const xlsx = path.join(tmp, 'paie.xlsx');
    const rows = insured.map((e, i) => {
      const [last, ...first] = e.name.split(' ');
      return [last, first.join(' '), e.immat, '', new Date(Date.UTC(2020, 0, 6)), 6000 + i * 250];
    });
    const y = Number(period.slice(0, 4));
    const m = Number(period.slice(4, 6));
    rows.push(['IDRISSI', 'Omar', '', NEW_CIN, new Date(Date.UTC(y, m - 1, 1)), 4500]);
    // A row with a bad date: its message must not repeat "paie.xlsx ligne N".
    rows.push(['ALAOUI', 'Sara', '', 'CD654321', 'pas une date', 5000]);
    await writeXLSX(xlsx, ['Nom', 'Prénom', "N° d'immatriculation", 'CIN', "Date d'entrée", 'Salaire brut mensuel'], rows);
    await page.click(tid('nav-employees'));
    await page.click(tid('import-employees'));
    await page.evaluate((p) => window.go.app.Testing.QueueDialogPaths([p]), xlsx);
    await page.click(tid('import-path'));
    await page.waitForFunction(() => document.querySelector('[data-testid="import-path-name"]')?.value === 'paie.xlsx');
    await page.click(tid('import-preview'));
    await page.waitForSelector(tid('import-counts'), { timeout: 30000 });
    const preview = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="import-dialog"] [role="row"]')].map((r) => [...r.querySelectorAll('[role="cell"], [role="gridcell"]')].map((c) => c.textContent ?? '')),
    );
    const hire = preview.find((cells) => cells.some((c) => c.includes('IDRISSI Omar')));
    check(hire !== undefined, `the new hire's row in the preview: ${JSON.stringify(preview)}`);
    const immatCol = await page.evaluate(() => {
      const heads = [...document.querySelectorAll('[data-testid="import-dialog"] [role="columnheader"]')].map((h) => h.textContent ?? '');
      return heads.findIndex((h) => /immatriculation/i.test(h));
    });
    check(immatCol >= 0, 'the preview has an immatriculation column');
    check(!hire[immatCol].includes(NEW_CIN), `the CIN is shown as the immatriculation in the preview: ${JSON.stringify(hire)}`);
    const bad = preview.find((cells) => cells.some((c) => c.includes('ALAOUI')));
    check(bad !== undefined, 'the row in error is listed');
    const problemsText = bad[bad.length - 1];
    check(problemsText.length > 0, `the row in error says why: ${JSON.stringify(bad)}`);
    check(!/paie\.xlsx/.test(problemsText) && !/ligne \d/.test(problemsText), `the message repeats the file or the line of its row: ${problemsText}`);
    await shot(page, 'walk-01-import-preview');
    await page.click('[data-testid="import-dialog"] input[type="checkbox"]'); // import the rows without errors
    await page.click(tid('import-apply'));
    await page.waitForSelector(tid('import-dialog'), { state: 'detached', timeout: 30000 });
    await page.waitForFunction((n) => document.querySelector('[data-testid="employee-count"]')?.textContent?.includes(String(n)), insured.length + 1);
    // The employee list: the CIN in the CIN column only.
    const listed = await page.evaluate((cin) => {
      const heads = [...document.querySelectorAll('[data-testid="employees-table"] [role="columnheader"]')].map((h) => h.textContent ?? '');
      const row = [...document.querySelectorAll('[data-testid="employees-table"] [role="row"]')].find((r) => r.textContent.includes('IDRISSI Omar'));
      const cells = row ? [...row.querySelectorAll('[role="cell"], [role="gridcell"]')].map((c) => c.textContent ?? '') : [];
      return { heads, cells, at: cells.findIndex((c) => c.includes(cin)) };
    }, NEW_CIN);
    check(listed.cells.length > 0, `the new hire is listed: ${JSON.stringify(listed)}`);
    check(!/immat/i.test(listed.heads[listed.at] ?? ''), `employee list shows the CIN under ${listed.heads[listed.at]}`);
    // The employee form: the immatriculation field is empty, the CIN in its own.
    await page.fill(tid('employee-search'), NEW_CIN);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="employees-table"] [role="row"]:not([aria-rowindex="1"])')];
      return rows.length === 1 && rows[0].textContent.includes('IDRISSI Omar');
    });
    await page.click('[data-testid="employees-table"] [role="row"]:not([aria-rowindex="1"])');
    await page.waitForSelector(tid('employee-dialog'));
    check((await page.inputValue(tid('f-last-name'))) === 'IDRISSI', `the form opened for ${await page.inputValue(tid('f-last-name'))}`);
    check((await page.inputValue(tid('f-immat'))) === '', `form immatriculation: ${await page.inputValue(tid('f-immat'))}`);
    check((await page.inputValue(tid('f-cin'))) === NEW_CIN, 'form CIN');
    await page.keyboard.press('Escape');
    await page.waitForSelector(tid('employee-dialog'), { state: 'detached' });
    await page.fill(tid('employee-search'), '');
  });

  await step('the month grid and the préétabli reconciliation: no CIN as an immatriculation', async () => {
    await page.click(tid('nav-month'));
    await page.waitForSelector(tid('month-screen'));
    await page.evaluate((p) => window.go.app.Testing.QueueDialogPaths([p]), prePath);
    await page.click(tid('preetabli-path'));
    await page.waitForFunction((n) => (document.querySelector('[data-testid="preetabli-path-name"]')?.value ?? '') === n, path.basename(prePath));
    await page.click(tid('preetabli-import'));
    await page.waitForSelector(tid('preetabli-info'));
    await page.waitForSelector('[data-cell="0:gross"]');
    const grid = await page.evaluate((cin) => {
      const rows = [...document.querySelectorAll('.g-row')];
      const hire = rows.find((r) => r.textContent.includes('IDRISSI Omar'));
      return { immat: hire ? hire.querySelectorAll('[role="gridcell"]')[2].textContent : null, anywhere: document.querySelector('[data-testid="month-screen"]').textContent.includes(cin) };
    }, NEW_CIN);
    check(grid.immat !== null, 'the new hire is in the grid');
    check(!grid.immat.includes(NEW_CIN), `the month grid shows the CIN as the immatriculation: ${grid.immat}`);
    await shot(page, 'walk-02-month');
  });

  // Issue 15.8: at 1024×700 in Arabic the month grid cut off the situation
  // column. The grid fits (or scrolls) and the situation cell is on screen.
  await step('the month grid at 1024×700 in Arabic: the situation column is visible and reachable', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await setLang(page, 'ar');
    await page.click(tid('nav-month'));
    await page.waitForSelector('[data-cell="0:situation"]');
    const seen = () =>
      page.evaluate(() => {
        const cell = document.querySelector('[data-cell="0:situation"]').getBoundingClientRect();
        const sc = document.querySelector('.grid-scroll');
        const box = sc.getBoundingClientRect();
        const head = [...document.querySelectorAll('.grid-head [role="columnheader"]')].pop().getBoundingClientRect();
        const inside = (r) => r.left >= Math.max(box.left, 0) - 1 && r.right <= Math.min(box.right, window.innerWidth) + 1 && r.width > 0;
        return { cell: inside(cell), head: inside(head), scrollW: sc.scrollWidth, clientW: sc.clientWidth, cellL: cell.left, cellR: cell.right, boxL: box.left, boxR: box.right };
      });
    const r = await seen();
    await shot(page, 'walk-03-month-ar-1024');
    check(r.cell && r.head, `the situation column is cut off at 1024×700 in Arabic: ${JSON.stringify(r)}`);
    // And by the keyboard: Tab from the salary cell to the situation.
    await page.focus('[data-cell="0:gross"]');
    await page.keyboard.press('Tab');
    check((await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))) === '0:situation', 'Tab reaches the situation cell');
    check((await seen()).cell, 'the focused situation cell is on screen');
    await setLang(page, 'fr');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  // Issue 15.8: the idle-lock screen showed an empty "Dossier de données".
  await step('an idle lock: the unlock screen names the data folder; the unlock comes back to the month', async () => {
    await page.click(tid('nav-month'));
    await page.waitForSelector(tid('month-screen'));
    // A settings save still in flight (the language switch) sets the
    // delay back to its minutes: set it again until the lock comes.
    for (let i = 0; i < 5 && (await page.$(tid('unlock-screen'))) === null; i++) {
      await page.evaluate(() => window.go.app.Testing.IdleDelay(1500));
      await page.waitForSelector(tid('unlock-screen'), { timeout: 15000 }).catch(() => undefined);
    }
    await page.waitForSelector(tid('unlock-screen'), { timeout: 1000 });
    const foot = await page.textContent(`${tid('unlock-screen')} .lock-foot`);
    const dir = process.env.TASRIH_DATA ?? '';
    check(dir !== '' && foot.includes(dir), `the idle-lock screen's data folder: ${JSON.stringify(foot)} (want ${dir})`);
    await shot(page, 'walk-04-idle-lock');
    // The native window's page is reloaded after an idle lock (ResetView,
    // issue 12); this browser is not: reload it the same way and look again.
    await page.reload();
    await page.waitForSelector(tid('unlock-screen'));
    const after = await page.textContent(`${tid('unlock-screen')} .lock-foot`);
    check(after.includes(dir), `the data folder after the reload: ${JSON.stringify(after)}`);
    check((await page.$(`${tid('unlock-screen')} .banner-info`)) !== null, 'the unlock screen says it was an idle lock, after the reload too');
    await page.fill(tid('unlock-passphrase'), PASS);
    await page.click(tid('unlock-submit'));
    await page.waitForSelector(tid('month-screen'));
    await page.evaluate(() => window.go.app.Testing.IdleDelay(30 * 60 * 1000));
  });

  await step('generate the month', async () => {
    await page.waitForSelector('[data-cell="0:gross"]');
    await page.waitForSelector('.findings-ok', { timeout: 15000 });
    await page.click(tid('generate'));
    await page.waitForSelector(`${tid('generate-result')}.banner-success`, { timeout: 30000 });
  });

  // The platform down during a submission: the outbox keeps it queued, the
  // screen says the platform does not answer and when it tries again, and
  // the deposit goes through once the platform is back.
  await step('the platform down during a submission: queued, said so, accepted once it is back', async () => {
    await page.click(tid('go-submit'));
    await page.waitForSelector(tid('submit-screen'));
    // Logged in first (a login on the Submit screen deposits at once, while
    // the platform is still up): through the bound services, not the subject.
    await page.evaluate(async () => {
      const sb = (await window.go.app.Submissions.Profiles()).find((p) => p.kind === 'sandbox');
      await window.go.app.Submissions.Login(sb.id, sb.demo_login, sb.demo_password, false);
      for (let i = 0; i < 100; i++) {
        const inbox = await window.go.app.Submissions.SandboxInbox(sb.demo_login);
        if (inbox.length > 0) return window.go.app.Submissions.VerifyOTP(sb.id, inbox[inbox.length - 1].code);
        await new Promise((r) => requestAnimationFrame(r));
      }
      throw new Error('no code in the sandbox inbox');
    });
    await page.evaluate(() => window.go.app.Testing.SandboxFaults(true, 0, false));
    await page.click(tid('submit-now'));
    await page.waitForSelector('[data-testid="submission"] [data-testid="sub-retry"]', { timeout: 60000 });
    const sub = await page.$eval('[data-testid="submission"]', (e) => ({ state: e.getAttribute('data-state'), text: e.textContent, badge: e.querySelector('[data-testid="submission-state"]').textContent }));
    check(sub.badge.includes("En file d'attente"), `the badge says queued while the platform is down: ${sub.badge}`);
    await shot(page, 'walk-05-platform-down');
    check(sub.state === 'queued' || sub.state === 'sending', `the submission stays queued: ${sub.state}`);
    check(/répond par une erreur/.test(sub.text) && /renvoie tout seul vers \d\d\/\d\d\/\d{4} \d\d:\d\d \(heure de Casablanca\)/.test(sub.text), `the screen says the platform is down and when it tries again: ${sub.text}`);
    check(!/erreur inattendue/.test(sub.text), `no "unexpected error" for a platform down: ${sub.text}`);
    await page.evaluate(() => window.go.app.Testing.SandboxFaults(false, 0, false));
    await page.waitForSelector('[data-testid="submission"][data-state="accepted"]', { timeout: 120000 });
    check((await page.$('[data-testid="sub-retry"]')) === null, 'no retry notice once accepted');
    await shot(page, 'walk-06-platform-back');
  });

  // The complementary declaration: an entrant forgotten in the accepted
  // principal one (hired this month, entered after the deposit) is declared
  // in DSC1, deposited to the sandbox and accepted.
  await step('the complementary declaration: a forgotten entrant, DSC1 generated, deposited, accepted', async () => {
    const y = Number(period.slice(0, 4));
    const m = Number(period.slice(4, 6));
    await page.click(tid('nav-employees'));
    await page.click(tid('add-employee'));
    await page.waitForSelector(tid('employee-dialog'));
    await page.fill(tid('f-last-name'), 'OUBLIE');
    await page.fill(tid('f-first-name'), 'Karim');
    await page.fill(tid('f-cin'), 'EE112233');
    await page.fill(tid('f-hire'), `15/${String(m).padStart(2, '0')}/${y}`);
    await page.fill(tid('f-gross'), '4 000,00');
    await page.click(tid('employee-save'));
    await page.waitForSelector(tid('employee-dialog'), { state: 'detached' });
    await page.click(tid('nav-month'));
    await page.waitForSelector(tid('month-screen'));
    const line = '[data-testid="comp-line"]:has-text("OUBLIE")';
    await page.waitForSelector(line);
    await page.click(`${line} input[type="checkbox"]`);
    await page.fill(`${line} ${tid('comp-days')}`, '12');
    await page.fill(`${line} ${tid('comp-gross')}`, '1 850,00');
    await page.click('section[aria-labelledby="comp-title"] button:has-text("complémentaire")');
    await page.waitForFunction(() => (document.querySelector('[data-testid="declarations"]')?.textContent ?? '').includes('DSC1_'), null, { timeout: 30000 });
    await shot(page, 'walk-12-complementary');
    await page.click(tid('nav-submit'));
    await page.waitForSelector(tid('submit-screen'));
    const dsc = await page.evaluate(() => [...document.querySelectorAll('[data-testid="submit-decl"] option')].find((o) => o.textContent.includes('DSC1_'))?.value ?? '');
    check(dsc !== '', 'Dépôt offers DSC1');
    await page.selectOption(tid('submit-decl'), dsc);
    await page.click(tid('submit-now'));
    await page.waitForSelector('[data-testid="submission"][data-state="accepted"]', { timeout: 90000 });
    await shot(page, 'walk-13-complementary-accepted');
  });

  // A rejected deposit and its resubmission, two months back: the embedded
  // sandbox rejects every deposit while its dev-only reject switch is on
  // (platform-api.md: it answers rejected with a control report).
  const prev2 = prevPeriod(prevPeriod(period));
  await step('a rejected deposit: the control report says why; "Renvoyer" once fixed → accepted', async () => {
    const pre2 = await page.evaluate(([a, p, d]) => window.go.app.Testing.SandboxPreetabli(a, p, d), [AFF, prev2, tmp]);
    await page.selectOption(tid('period-select'), prev2);
    await page.click(tid('nav-month'));
    await page.waitForSelector(tid('month-screen'));
    await page.evaluate((p) => window.go.app.Testing.QueueDialogPaths([p]), pre2);
    await page.click(tid('preetabli-path'));
    await page.waitForFunction((n) => (document.querySelector('[data-testid="preetabli-path-name"]')?.value ?? '') === n, path.basename(pre2));
    await page.click(tid('preetabli-import'));
    await page.waitForSelector(tid('preetabli-info'));
    await page.waitForSelector('.findings-ok', { timeout: 15000 });
    await page.click(tid('generate'));
    await page.waitForSelector(`${tid('generate-result')}.banner-success`, { timeout: 30000 });
    await page.evaluate(() => window.go.app.Testing.SandboxFaults(false, 0, true));
    await page.click(tid('go-submit'));
    await page.waitForSelector(tid('submit-screen'));
    await page.click(tid('submit-now'));
    await page.waitForSelector('[data-testid="submission"][data-state="rejected"]', { timeout: 90000 });
    await shot(page, 'walk-10-rejected');
    const said = await page.textContent('[data-testid="submission"][data-state="rejected"]');
    check(/rejeté par le bac à sable/.test(said), `the rejected submission says why (the control report): ${said}`);
    check((await page.textContent(tid('submit-decl-status'))).includes('Rejet'), 'the declaration is rejected');
    await page.evaluate(() => window.go.app.Testing.SandboxFaults(false, 0, false));
    await page.click(tid('resubmit'));
    await page.waitForSelector('[data-testid="submission"][data-state="accepted"]', { timeout: 90000 });
    await shot(page, 'walk-11-resubmitted');
    check((await page.$$('[data-testid="submission"]')).length === 2, 'the rejected submission stays listed beside the accepted one');
    check((await page.$(tid('resubmit'))) === null, 'no "Redéposer" left on the old rejection once accepted');
  });

  // The manual deposit on damancom.ma, for the previous month: export the
  // file, record the evidence (reference, date, payment reference, the
  // portal's control-report PDF), then the receipt made from it.
  const prev = prevPeriod(period);
  await step('the manual deposit with evidence: export, control-report PDF and reference, receipt', async () => {
    const prePrev = await page.evaluate(([a, p, d]) => window.go.app.Testing.SandboxPreetabli(a, p, d), [AFF, prev, tmp]);
    await page.selectOption(tid('period-select'), prev);
    await page.click(tid('nav-month'));
    await page.waitForSelector(tid('month-screen'));
    await page.evaluate((p) => window.go.app.Testing.QueueDialogPaths([p]), prePrev);
    await page.click(tid('preetabli-path'));
    await page.waitForFunction((n) => (document.querySelector('[data-testid="preetabli-path-name"]')?.value ?? '') === n, path.basename(prePrev));
    await page.click(tid('preetabli-import'));
    await page.waitForSelector(tid('preetabli-info'));
    await page.waitForSelector('.findings-ok', { timeout: 15000 });
    await page.click(tid('generate'));
    await page.waitForSelector(`${tid('generate-result')}.banner-success`, { timeout: 30000 });
    await page.click(tid('go-submit'));
    await page.waitForSelector(tid('submit-screen'));
    const manualId = await page.evaluate(async () => (await window.go.app.Submissions.Profiles()).find((p) => p.kind === 'manual')?.id ?? 'manual');
    await page.selectOption(tid('submit-profile'), manualId);
    // Export the file to a folder chosen in Go's dialog.
    const out = path.join(tmp, 'depot-manuel');
    fs.mkdirSync(out, { recursive: true });
    await page.evaluate((p) => window.go.app.Testing.QueueDialogPaths([p]), out);
    await page.click(tid('export-folder'));
    await page.waitForFunction(() => (document.querySelector('[data-testid="export-folder-name"]')?.value ?? '') !== '');
    await page.click(tid('manual-export'));
    const dsName = `DS_${AFF}_${prev}.txt`;
    await waitForFile(page, path.join(out, dsName));
    check(fs.existsSync(path.join(out, dsName)), `the file is exported as ${dsName}: ${fs.readdirSync(out)}`);
    check(fs.readFileSync(path.join(out, dsName), 'latin1').startsWith('B00'), 'the exported file is a DS file');
    await shot(page, 'walk-07-manual-export');
    // The evidence the user brings back from the portal.
    const pdf = path.join(tmp, 'rapport-controle.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n% rapport de contrôle DAMANCOM (e2e)\n%%EOF\n');
    await page.fill(tid('ev-ref'), 'DAM-2026-000123');
    await page.fill(tid('ev-payref'), 'PAY-778899');
    await page.evaluate((p) => window.go.app.Testing.QueueDialogPaths([p]), pdf);
    await page.click(tid('control-report'));
    await page.waitForFunction(() => (document.querySelector('[data-testid="control-report-name"]')?.value ?? '') === 'rapport-controle.pdf');
    await page.click(tid('ev-record'));
    await page.waitForFunction(() => document.querySelector('[data-testid="submit-decl-status"]')?.textContent?.match(/manuel|Déposée/i));
    await shot(page, 'walk-08-manual-recorded');
    // The receipt made from the evidence.
    await page.click(tid('nav-receipts'));
    await page.waitForSelector(tid('receipts-screen'));
    const row = `[data-testid="receipts-table"] [role="row"]:has-text("${dsName}")`;
    await page.waitForSelector(row, { timeout: 15000 });
    await page.click(`${row} ${tid('receipt-open')}`);
    await page.waitForSelector('[data-testid="pdf-page"][data-rendered="true"]', { timeout: 30000 });
    await shot(page, 'walk-09-manual-receipt');
    await page.keyboard.press('Escape');
    await page.waitForSelector(tid('pdf-viewer'), { state: 'detached' });
    // Its text, from the exported PDF (pdftotext, poppler).
    const recPdf = path.join(tmp, 'recu-manuel.pdf');
    await page.evaluate((p) => window.go.app.Testing.QueueDialogPaths([p]), recPdf);
    await page.click(`${row} button:not([data-testid])`);
    await waitForFile(page, recPdf);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', recPdf, '-'], { encoding: 'utf8' });
    check(/Référence du dépôt \(DAMANCOM\) +DAM-2026-000123/.test(text), `the receipt names the deposit reference:\n${text}`);
    check(/Rapport de contrôle joint +Oui/.test(text), 'the receipt says the control report is attached');
    // Recorded just now, not at 01:00 (the deposit date at midnight UTC).
    const rec = /Enregistré dans Tasrih le +(\d\d\/\d\d\/\d{4} \d\d:\d\d)/.exec(text)?.[1] ?? '';
    const nowCasa = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Africa/Casablanca', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    check(rec.startsWith(nowCasa) && Math.abs(casaMinutes(rec.slice(11)) - casaMinutes()) <= 5, `recorded in Tasrih at ${rec}, now ${nowCasa} ${casaMinutes()} min`);
  });

  // Issue 15, the restore walk: a snapshot cancelled leaves nothing; a
  // snapshot taken now, an employee renamed after it, the snapshot restored
  // from Settings (the passphrase; the restore locks), unlocked: the name is
  // the snapshot's again and the replaced data is listed as a previous copy
  // with a readable date.
  await step('a snapshot cancelled from Settings leaves nothing listed', async () => {
    await page.click(tid('nav-settings'));
    await page.waitForSelector(tid('settings-screen'));
    // The automatic snapshots of the walks above (before each deposit) are listed.
    const before = (await page.evaluate(() => window.go.app.Settings.ListSnapshots())).map((sn) => sn.name);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="snapshot-row"]').length === n, before.length);
    // Held after its first record (dev-only): the small vault would be
    // written before the click otherwise.
    await page.evaluate(() => {
      window.__snapProgress = false;
      window.runtime.EventsOn('snapshot:progress', () => {
        window.__snapProgress = true;
      });
      return window.go.app.Testing.HoldSnapshots(true);
    });
    await page.click(tid('snapshot-now'));
    await page.waitForFunction(() => window.__snapProgress === true);
    await page.click(`${tid('progress')} button`);
    await page.waitForSelector(tid('toast-info'));
    await page.waitForSelector(tid('progress'), { state: 'detached' });
    await page.evaluate(() => window.go.app.Testing.HoldSnapshots(false));
    const listed = (await page.evaluate(() => window.go.app.Settings.ListSnapshots())).map((sn) => sn.name);
    check(JSON.stringify(listed) === JSON.stringify(before), `a cancelled snapshot is listed: ${JSON.stringify(listed)}, was ${JSON.stringify(before)}`);
    check((await page.$$(tid('snapshot-row'))).length === before.length, 'a cancelled snapshot shows a row');
    check(fs.readdirSync(path.join(process.env.TASRIH_DATA ?? '', 'snapshots')).every((f) => before.includes(f)), 'a cancelled snapshot left a file');
  });

  const renamed = { immat: insured[0].immat, before: '' };
  await step('the restore walk: snapshot, rename an employee, restore the snapshot, unlock: the name is back, the replaced data kept', async () => {
    const manual = `${tid('snapshot-row')}:has-text("-manual.")`;
    check((await page.$$(manual)).length === 0, 'no manual snapshot before the walk');
    await page.click(tid('snapshot-now'));
    await page.waitForSelector(manual);
    check((await page.$$(manual)).length === 1, 'one manual snapshot listed');
    const openEmployee = async () => {
      await page.click(tid('nav-employees'));
      await page.waitForSelector(tid('employees-screen'));
      await page.fill(tid('employee-search'), renamed.immat);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="employees-table"] [role="row"]:not([aria-rowindex="1"])').length === 1);
      await page.click('[data-testid="employees-table"] [role="row"]:not([aria-rowindex="1"])');
      await page.waitForSelector(tid('employee-dialog'));
      return page.inputValue(tid('f-last-name'));
    };
    renamed.before = await openEmployee();
    check(renamed.before !== '' && renamed.before !== 'RENOMME', `the employee's name: ${renamed.before}`);
    await page.fill(tid('f-last-name'), 'RENOMME');
    await page.click(tid('employee-save'));
    await page.waitForSelector(tid('employee-dialog'), { state: 'detached' });
    await page.waitForSelector('[data-testid="employees-table"] [role="row"]:has-text("RENOMME")');

    await page.click(tid('nav-settings'));
    await page.waitForSelector(manual);
    check((await page.$$(tid('previous-row'))).length === 0, 'no previous copy before the restore');
    await page.click(`${manual} ${tid('snapshot-restore')}`);
    await page.waitForFunction(() => (document.querySelector('[data-testid="restore-file-name"]')?.value ?? '') !== '');
    await page.fill(tid('restore-secret'), PASS);
    await page.click(tid('restore-run'));
    await page.click(tid('restore-confirm'));
    await page.waitForSelector(tid('unlock-screen'), { timeout: 60000 });
    await shot(page, 'walk-09-restored-locked');
    await page.fill(tid('unlock-passphrase'), PASS);
    await page.click(tid('unlock-submit'));
    await page.waitForSelector(tid('unlock-screen'), { state: 'detached' });
    const after = await openEmployee();
    check(after === renamed.before, `after the restore the employee is named ${JSON.stringify(after)}, the snapshot had ${JSON.stringify(renamed.before)}`);
    await page.keyboard.press('Escape');
    await page.waitForSelector(tid('employee-dialog'), { state: 'detached' });

    await page.click(tid('nav-settings'));
    await page.waitForSelector(tid('previous-row'));
    const prev = await page.$$eval(tid('previous-row'), (rows) => rows.map((r) => r.querySelector('.num')?.textContent ?? ''));
    check(prev.length === 1, `one previous copy listed: ${JSON.stringify(prev)}`);
    check(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/.test(prev[0].trim()), `the previous copy's date is readable: ${JSON.stringify(prev[0])}`);
    check((await page.$$(manual)).length === 1, 'the restored snapshot is still listed');
    await shot(page, 'walk-10-previous-copy');
  });

  // The English UI: every main screen, with the data of the walks above
  // (a month generated and accepted, a manual deposit, receipts): no French
  // left on them and no missing message key (a console error, messages.ts).
  await step('the English UI: the main screens, no French and no untranslated key', async () => {
    await setLang(page, 'en');
    await page.selectOption(tid('period-select'), period);
    const leftovers = [];
    for (const [nav, sel] of [
      ['portfolio', 'portfolio'],
      ['employer', 'employer-screen'],
      ['employees', 'employees-screen'],
      ['month', 'month-screen'],
      ['submit', 'submit-screen'],
      ['receipts', 'receipts-screen'],
      ['audit', 'audit-screen'],
      ['batch', 'batch-screen'],
      ['settings', 'settings-screen'],
    ]) {
      await page.click(tid(`nav-${nav}`));
      await page.waitForSelector(tid(sel));
      await page.waitForFunction(() => !document.querySelector('.spinner-page, [aria-busy="true"]'), null, { polling: 100 });
      if (nav === 'month') await page.waitForSelector('[data-cell="0:days"]');
      if (nav === 'submit') await page.waitForSelector('[data-testid="submission"]');
      await shot(page, `walk-en-${nav}`);
      if (nav === 'audit') {
        // The journal names each action and object by Go's English label
        // (issue 15), the raw code only as a hint beside it.
        await page.waitForSelector(tid('audit-action'));
        const raw = await page.$$eval('[data-testid="audit-action"], [data-testid="audit-entity"]', (els) =>
          els.filter((el) => !/\S/.test(el.querySelector('bdi')?.textContent ?? '') || /^[a-z_]+(\.[a-z_]+)?$/.test(el.querySelector('bdi').textContent.trim())).map((el) => el.textContent),
        );
        const shown = (await page.$$(tid('audit-action'))).length;
        check(shown > 0 && raw.length === 0, `the journal shows raw codes without an English label (${shown} rows): ${JSON.stringify(raw)}`);
      }
      const found = await page.evaluate(() => {
        // The page's own words: not the data (names, files), not the toasts
        // said before the switch, not the language names, not the
        // identifiers set in monospace (numbers, file names, the audit log's
        // action and object codes, the same in every language).
        const skip = (el) => el.closest('[data-testid^="toast"], .lang-switch, [data-testid^="doc-lang"], .toasts, option, .mono');
        const words = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.parentElement || skip(n.parentElement) || n.parentElement.closest('[hidden], .sr-only') || !n.parentElement.getClientRects().length) continue;
          const text = n.textContent.trim();
          if (text !== '') words.push(text);
        }
        for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
          if (skip(el)) continue;
          for (const a of ['title', 'aria-label', 'placeholder']) if (el.getAttribute(a)) words.push(el.getAttribute(a));
        }
        return words;
      });
      for (const w of found) {
        const text = w.replace(/préétablis?|communiqués?/gi, ''); // the CNSS term and an English word
        const french = /[éèêàçùâîôœ«»]|\b(le|la|les|des|du|une|aucun|salariés?|déclarations?|employeurs?|période|enregistr\w*|mois|dépôt)\b/i.test(text);
        const key = /^[a-z]+(?:[A-Z][a-z]+)+$|^[a-z]+_[a-z_]+$/.test(text); // a message key shown as such
        if (french || key) leftovers.push(`${nav}: ${JSON.stringify(w)}`);
      }
    }
    check(leftovers.length === 0, `French or untranslated text on the English screens:\n  ${[...new Set(leftovers)].join('\n  ')}`);
    await setLang(page, 'fr');
  });

  check(problems.length === 0, `console errors or CSP violations:\n  ${problems.join('\n  ')}`);
  ok = true;
} finally {
  await browser.close();
  if (problems.length > 0) console.error(`e2e: browser problems:\n  ${problems.join('\n  ')}`);
}
console.log(ok ? 'e2e walks: OK' : 'e2e walks: FAIL');
process.exit(ok ? 0 : 1);

// setLang switches the UI language in Settings (where the switch is).
async function setLang(page, l) {
  await page.click(tid('nav-settings'));
  await page.waitForSelector(tid('settings-screen'));
  await page.click(tid(`lang-${l}`));
  await page.waitForFunction((x) => document.documentElement.lang === x, l);
  await page.waitForFunction(async (x) => (await window.go.app.Settings.Get()).lang === x, l, { polling: 100 });
}

// loginSandbox logs in to the embedded sandbox from the button sel, with
// its demo account and the code from its inbox.
async function loginSandbox(page, sel) {
  const profiles = await page.evaluate(() => window.go.app.Submissions.Profiles());
  const sb = profiles.find((p) => p.kind === 'sandbox');
  check(sb?.demo_login, `sandbox demo account: ${JSON.stringify(profiles)}`);
  await page.click(sel);
  await page.waitForSelector(tid('login-dialog'));
  await page.fill(tid('login-user'), sb.demo_login);
  await page.fill(tid('login-password'), sb.demo_password);
  await page.click(tid('login-submit'));
  await page.waitForSelector(tid('otp-dialog'));
  await page.waitForSelector(tid('inbox-code'), { timeout: 15000 });
  await page.click(tid('use-code'));
  await page.click(tid('otp-verify'));
  await page.waitForSelector(tid('otp-dialog'), { state: 'detached' });
}

/** prevPeriod: the month before "AAAAMM". */
function prevPeriod(p) {
  const y = Number(p.slice(0, 4));
  const m = Number(p.slice(4, 6));
  return m === 1 ? `${y - 1}12` : `${y}${String(m - 1).padStart(2, '0')}`;
}

/** casaMinutes: minutes since midnight of "HH:MM", or of now in Casablanca. */
function casaMinutes(hhmm) {
  const t = hhmm ?? new Intl.DateTimeFormat('fr-FR', { timeZone: 'Africa/Casablanca', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
  const [h, m] = t.split(':').map(Number);
  return h * 60 + m;
}

/** waitForFile polls (every 100 ms, 30 s at most) until Go has written p. */
async function waitForFile(page, p) {
  for (let i = 0; i < 300 && !fs.existsSync(p); i++) await page.waitForTimeout(100);
}
