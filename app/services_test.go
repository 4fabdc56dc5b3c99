package app

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/importer"
	"github.com/tasrih/tasrih/internal/keyring/keyringtest"
	"github.com/tasrih/tasrih/internal/lifecycle"
	"github.com/tasrih/tasrih/internal/monthly"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/settings"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

const passphrase = "Verger-Anis-Marteau-42"

// fakeShell records events and answers dialogs from a queue.
type fakeShell struct {
	mu      sync.Mutex
	events  []shellEvent
	dialogs []string
	urls    []string
	focused int
	resets  int
	// resetReasons are the reasons ResetView was called with.
	resetReasons []string
	notify       chan struct{}
}

type shellEvent struct {
	name string
	data any
}

var _ Shell = (*fakeShell)(nil)

// newFakeShell returns a shell that, at the end of t, fails t for every
// event emitted outside the contract: a name that is not a field of
// EventPayloads, or a payload of another type than that field's (the
// TypeScript the page compiles against is generated from those fields).
func newFakeShell(t *testing.T) *fakeShell {
	f := &fakeShell{notify: make(chan struct{}, 1)}
	t.Cleanup(func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, e := range f.events {
			if err := checkEvent(e.name, e.data); err != nil {
				t.Error(err)
			}
		}
	})
	return f
}

func (f *fakeShell) Emit(name string, data any) {
	f.mu.Lock()
	f.events = append(f.events, shellEvent{name, data})
	f.mu.Unlock()
	select {
	case f.notify <- struct{}{}:
	default:
	}
}

func (f *fakeShell) answer(paths ...string) {
	f.mu.Lock()
	f.dialogs = append(f.dialogs, paths...)
	f.mu.Unlock()
}

func (f *fakeShell) next() (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.dialogs) == 0 {
		return "", errors.New("unexpected dialog")
	}
	p := f.dialogs[0]
	f.dialogs = f.dialogs[1:]
	return p, nil
}

func (f *fakeShell) OpenFile(FileDialog) (string, error)      { return f.next() }
func (f *fakeShell) OpenDirectory(FileDialog) (string, error) { return f.next() }
func (f *fakeShell) SaveFile(FileDialog) (string, error)      { return f.next() }
func (f *fakeShell) OpenURL(u string)                         { f.mu.Lock(); f.urls = append(f.urls, u); f.mu.Unlock() }
func (f *fakeShell) Focus()                                   { f.mu.Lock(); f.focused++; f.mu.Unlock() }
func (f *fakeShell) ResetView(reason string) {
	f.mu.Lock()
	f.resets++
	f.resetReasons = append(f.resetReasons, reason)
	f.mu.Unlock()
}

func (f *fakeShell) named(name EventName) []any {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []any
	for _, e := range f.events {
		if e.name == string(name) {
			out = append(out, e.data)
		}
	}
	return out
}

func (f *fakeShell) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		select {
		case <-f.notify:
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// testServices returns the services of a fresh data folder with cheap
// Argon2id, an in-memory keyring, a fast embedded sandbox and outbox.
func testServices(t *testing.T) (*Services, *fakeShell, *bytes.Buffer) {
	t.Helper()
	vault.UseCheapKDFForTests(t)
	sh := newFakeShell(t)
	kr := keyringtest.New()
	seed := sandbox.DemoSeed()
	seed.ProcessingDelay = 100 * time.Millisecond
	var stderr bytes.Buffer
	svc, err := newServices(Config{Assets: fstest.MapFS{}, DataDir: t.TempDir(), Stderr: &lockedWriter{w: &stderr},
		Getenv: func(string) string { return "" }, Vault: vault.Options{Keyring: kr}, Keyring: kr, SandboxSeed: seed,
		Outbox: outbox.Options{PollInterval: 50 * time.Millisecond, Backoff: outbox.Backoff{Base: 20 * time.Millisecond, Max: 200 * time.Millisecond}}}, sh)
	if err != nil {
		t.Fatal(err)
	}
	// The sandbox seed is not the demo one here, but it has the demo accounts.
	svc.demo = true
	t.Cleanup(func() { svc.shutdown(t.Context()) })
	return svc, sh, &stderr
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func code(err error) string {
	if err == nil {
		return ""
	}
	return i18n.Code(err)
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// TestServicesWorkflow drives the bound services as the frontend does, from
// an empty vault to an accepted declaration and its receipt.
func TestServicesWorkflow(t *testing.T) {
	svc, sh, stderr := testServices(t)
	if st := svc.Session.Status(); st.HasVault || st.Unlocked || st.Blocked != nil || st.Lang != i18n.FR {
		t.Fatalf("status: %+v", st)
	}
	// Locked: every service that needs the store says session.locked.
	lockedCalls := map[string]error{
		"Employers.Dashboard":  func() error { _, err := svc.Employers.Dashboard(""); return err }(),
		"Employees.List":       func() error { _, err := svc.Employees.List("x"); return err }(),
		"Month.Load":           func() error { _, err := svc.Month.Load("x", "202601"); return err }(),
		"Batch.Start":          func() error { _, err := svc.Batch.Start([]string{"x"}, "202601"); return err }(),
		"Submissions.Pending":  func() error { _, err := svc.Submissions.Pending(); return err }(),
		"Receipts.List":        func() error { _, err := svc.Receipts.List("202601", nil); return err }(),
		"Settings.SnapshotNow": func() error { _, err := svc.Settings.SnapshotNow(); return err }(),
	}
	for name, err := range lockedCalls {
		if code(err) != desktop.CodeLocked {
			t.Errorf("%s while locked: %v", name, err)
		}
	}
	if err := svc.Session.CheckPassphrase("azerty"); code(err) == "" || !strings.HasPrefix(code(err), "vault.passphrase.") {
		t.Errorf("weak passphrase: %v", err)
	}
	created := must[Created](t)(svc.Session.Create(passphrase, false))
	if created.RecoveryCode == "" {
		t.Fatal("no recovery code")
	}
	svc.System.ScreenShown("dashboard")
	svc.System.ScreenShown("Amina BENANI 8000,00") // refused: not a screen name
	if got := stderr.String(); !strings.Contains(got, "screen=dashboard t=") || strings.Contains(got, "Amina") {
		t.Errorf("stderr: %q", got)
	}

	// Employer, with live validation first.
	if f := svc.Employers.Validate(domain.Employer{Affiliation: "12", Name: ""}); len(f) < 2 {
		t.Errorf("validation fields: %+v", f)
	}
	if f := svc.Employers.Validate(domain.Employer{Affiliation: "1234567", Name: "Atlas Démo"}); len(f) != 0 {
		t.Errorf("valid employer refused: %+v", f)
	}
	er := must[domain.Employer](t)(svc.Employers.Create(domain.Employer{Affiliation: "1234567", Name: "Atlas Démo SARL", PlatformProfile: domain.ProfileSandbox}))
	if _, err := svc.Employers.Create(domain.Employer{Affiliation: "1234567", Name: "Doublon"}); code(err) != store.CodeAffiliationUsed {
		t.Errorf("duplicate affiliation: %v", err)
	}
	p := domain.DateOf(time.Now()).Period().Prev()

	// The préétabli the sandbox publishes, then the employees from a sheet.
	dir := t.TempDir()
	var raw []byte
	if err := svc.Core.Use(func(s *desktop.Session) (err error) {
		ctx, cancel := s.CallContext()
		defer cancel()
		raw, err = s.SandboxPreetabli(ctx, er.Affiliation, p)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	pre, rep := declaration.ReadPreetabli(raw)
	if !rep.Valid() {
		t.Fatal("sandbox préétabli invalid")
	}
	var csv strings.Builder
	csv.WriteString("immatriculation;nom;prenom\n")
	for _, in := range pre.File.Insured {
		last, first, _ := strings.Cut(in.Name, " ")
		csv.WriteString(in.Immat + ";" + last + ";" + first + "\n")
	}
	csv.WriteString("12;SANS;NUMERO\n") // a row in error
	sheet := filepath.Join(dir, "salaries.csv")
	os.WriteFile(sheet, []byte(csv.String()), 0o600)
	sh.answer(sheet)
	sheetChoice := must[Chosen](t)(svc.Employees.ChooseImportFile())
	if sheetChoice.Name != "salaries.csv" || sheetChoice.Token == "" || strings.Contains(sheetChoice.Token, dir) {
		t.Fatalf("dialog answered %+v", sheetChoice)
	}
	pv := must[ImportPreview](t)(svc.Employees.ImportPreview(er.ID, sheetChoice.Token))
	if pv.OpID == "" || pv.Preview == nil || pv.Preview.Counts.Errors != 1 || pv.Preview.Counts.Create != len(pre.File.Insured) {
		t.Fatalf("preview: %+v", pv.Preview.Counts)
	}
	if _, err := svc.Employees.ImportApply(pv.OpID, false); code(err) != "import.has_errors" {
		t.Fatalf("apply with errors: %v", err)
	}
	res := must[importer.Result](t)(svc.Employees.ImportApply(pv.OpID, true))
	if res.Created != len(pre.File.Insured) || res.Skipped != 1 {
		t.Errorf("apply: %+v", res)
	}
	if _, err := svc.Employees.ImportApply(pv.OpID, true); code(err) != desktop.CodeUnknownOp {
		t.Errorf("apply twice: %v", err)
	}
	var last desktop.Progress
	for _, e := range sh.named(EventImportProgress) {
		if p := e.(desktop.Progress); p.OpID == pv.OpID && p.Phase == "apply" {
			last = p
		}
	}
	if last.Total <= 0 || last.Done != last.Total {
		t.Errorf("last apply progress %+v", last)
	}
	emps := must[[]domain.Employee](t)(svc.Employees.List(er.ID))
	if len(emps) != len(pre.File.Insured) {
		t.Fatalf("%d employees", len(emps))
	}

	// The month: préétabli, lines, a blocking finding fixed, generate.
	pfile := filepath.Join(dir, "AFFEBDS_"+er.Affiliation+"_"+p.String()+".txt")
	os.WriteFile(pfile, raw, 0o600)
	imp := must[PreetabliImport](t)(svc.Month.ImportPreetabli(er.ID, p.String(), chosen(t, sh, pfile, svc.Month.ChoosePreetabli)))
	if !imp.Imported || imp.Preetabli == nil || imp.Preetabli.Raw != nil {
		t.Fatalf("préétabli import: %+v", imp)
	}
	bad := filepath.Join(dir, "garbage.txt")
	os.WriteFile(bad, []byte("pas un préétabli\n"), 0o600)
	// Not a préétabli at all: one sentence, no findings (issue 15.6).
	if _, err := svc.Month.ImportPreetabli(er.ID, p.String(), chosen(t, sh, bad, svc.Month.ChoosePreetabli)); code(err) != monthly.CodeNotPreetabli {
		t.Errorf("garbage préétabli: %v", err)
	}
	// A préétabli with a defect: its findings, in every language.
	broken := filepath.Join(dir, "broken.txt")
	os.WriteFile(broken, bytes.Replace(raw, []byte("\nA03"), []byte("\nA09"), 1), 0o600)
	if imp := must[PreetabliImport](t)(svc.Month.ImportPreetabli(er.ID, p.String(), chosen(t, sh, broken, svc.Month.ChoosePreetabli))); imp.Imported || len(imp.Findings) == 0 || imp.Findings[0].Message.AR == "" {
		t.Errorf("defective préétabli: %+v", imp)
	}
	ws := must[*monthly.Workspace](t)(svc.Month.Load(er.ID, p.String()))
	lines := make([]monthly.LineInput, len(ws.Rows))
	for i, r := range ws.Rows {
		lines[i] = monthly.LineInput{EmployeeID: r.EmployeeID, Days: 26, Gross: domain.MAD(4200)}
	}
	lines[0].Days = 0 // no pay and no situation: blocking
	lines[0].Gross = 0
	ws = must[*monthly.Workspace](t)(svc.Month.SaveLines(er.ID, p.String(), lines))
	if ws.Errors == 0 {
		t.Fatal("no blocking finding for an unpaid employee without situation")
	}
	lines[0].Situation = domain.SitLeft
	if ws = must[*monthly.Workspace](t)(svc.Month.SaveLines(er.ID, p.String(), lines)); ws.Errors != 0 {
		t.Fatalf("findings after the fix: %+v", ws.Findings)
	}
	g := must[*monthly.Generated](t)(svc.Month.Generate(er.ID, p.String()))
	if !g.Valid || g.Declaration.Status != store.StatusReady {
		t.Fatalf("generate: %+v", g.Declaration)
	}
	exportPath := filepath.Join(dir, "DS.txt")
	sh.answer(exportPath)
	if got := must[string](t)(svc.Month.ExportDeclaration(g.Declaration.ID)); got != exportPath {
		t.Errorf("export path %q", got)
	}
	if b, _ := os.ReadFile(exportPath); !bytes.HasPrefix(b, []byte("B00")) {
		t.Errorf("exported file starts %q", b[:min(len(b), 10)])
	}

	// Issue 15.2: a salary changed after "Générer" outdates the declaration;
	// its old file is neither exported nor deposited until it is regenerated.
	lines[1].Gross = domain.MAD(4300)
	ws = must[*monthly.Workspace](t)(svc.Month.SaveLines(er.ID, p.String(), lines))
	if ws.Declarations[0].Status != store.StatusOutdated || !ws.Lifecycle.NeedsRegenerate || ws.Declarations[0].Flags.CanSubmit {
		t.Fatalf("after an edit: %s %+v %+v", ws.Declarations[0].Status, ws.Declarations[0].Flags, ws.Lifecycle)
	}
	if _, err := svc.Month.ExportDeclaration(g.Declaration.ID); code(err) != lifecycle.CodeOutdated {
		t.Fatalf("export of the outdated file: %v", err)
	}
	if _, err := svc.Submissions.ManualExport(g.Declaration.ID, chosen(t, sh, dir, svc.Submissions.ChooseExportFolder)); code(err) != lifecycle.CodeOutdated {
		t.Fatalf("manual export of the outdated file: %v", err)
	}
	if o, err := svc.Submissions.Submit(g.Declaration.ID, ""); err != nil || len(o.Results) != 1 || o.Results[0].Error == nil || o.Results[0].Error.Code != lifecycle.CodeOutdated {
		t.Fatalf("deposit of the outdated file: %v %+v", err, o)
	}
	g = must[*monthly.Generated](t)(svc.Month.Generate(er.ID, p.String()))
	if !g.Valid || g.Declaration.Status != store.StatusReady {
		t.Fatalf("regenerate: %+v", g.Declaration)
	}
	// An employee's name changed after "Générer": outdated as well.
	em := must[domain.Employee](t)(svc.Employees.Get(er.ID, ws.Rows[1].EmployeeID))
	em.FirstName = "AUTRE"
	must[domain.Employee](t)(svc.Employees.Update(em))
	if d := must[[]store.Declaration](t)(svc.Month.Declarations(er.ID, p.String())); d[0].Status != store.StatusOutdated {
		t.Fatalf("after an employee edit: %s", d[0].Status)
	}
	g = must[*monthly.Generated](t)(svc.Month.Generate(er.ID, p.String()))
	if !g.Valid || g.Declaration.Status != store.StatusReady {
		t.Fatalf("regenerate: %+v", g.Declaration)
	}

	// Submit: login with the code of the sandbox inbox, then the outbox.
	profiles := must[[]desktop.Profile](t)(svc.Submissions.Profiles())
	if profiles[0].ID != domain.ProfileSandbox || !profiles[0].Available || profiles[0].DemoLogin != sandbox.DemoLogin {
		t.Errorf("profiles: %+v", profiles)
	}
	ch := must[Challenge](t)(svc.Submissions.Login("sandbox", sandbox.DemoLogin, sandbox.DemoPassword, true))
	if ch.OTPDestination == "" {
		t.Errorf("challenge %+v", ch)
	}
	inbox := must[[]sandbox.InboxMessage](t)(svc.Submissions.SandboxInbox(sandbox.DemoLogin))
	if err := svc.Submissions.VerifyOTP("sandbox", inbox[0].Code); err != nil {
		t.Fatal(err)
	}
	if logins := must[[]string](t)(svc.Employers.Logins("sandbox")); len(logins) != 1 || logins[0] != sandbox.DemoLogin {
		t.Errorf("logins %v", logins)
	}
	out := must[SubmitOutcome](t)(svc.Submissions.Submit(g.Declaration.ID, ""))
	if len(out.Results) != 1 || out.Results[0].Error != nil || out.Results[0].Submission == nil || out.SnapshotPath == "" {
		t.Fatalf("submit: %+v", out)
	}
	sh.waitFor(t, "receipt:created", func() bool { return len(sh.named(EventReceiptCreated)) > 0 })
	rows := must[[]desktop.ReceiptRow](t)(svc.Receipts.List(p.String(), nil))
	if len(rows) != 1 || rows[0].Status != store.StatusAccepted {
		t.Fatalf("receipts %+v", rows)
	}
	doc := must[ReceiptDoc](t)(svc.Receipts.Get(rows[0].ReceiptID, "ar"))
	pdf, err := base64.StdEncoding.DecodeString(doc.PDFBase64)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) || doc.PDF != nil {
		t.Fatalf("receipt doc: %v", err)
	}
	// The outbox logged the deposit and the verdict as attempts.
	if at := must[[]store.DepositAttempt](t)(svc.Receipts.Attempts(g.Declaration.ID)); len(at) < 2 || at[len(at)-1].Outcome != store.OutcomeAccepted || at[0].Channel != store.ChannelAPI {
		t.Errorf("deposit attempts %+v", at)
	}
	if s := must[string](t)(svc.Receipts.SummaryPDF(g.Declaration.ID, "en")); !strings.HasPrefix(s, "JVBERi0") {
		t.Errorf("summary base64 starts %q", s[:min(len(s), 10)])
	}
	zipPath := filepath.Join(dir, "recus.zip")
	sh.answer(zipPath)
	op := must[string](t)(svc.Receipts.ExportZIP(p.String(), nil, "ar"))
	sh.waitFor(t, "zip:done", func() bool { return len(sh.named(EventZIPDone)) > 0 })
	if d := sh.named(EventZIPDone)[0].(desktop.ZIPDone); d.OpID != op || d.Path != zipPath || d.Entries != 2 || d.Error != nil {
		t.Errorf("zip done %+v", d)
	}
	if b, _ := os.ReadFile(zipPath); !bytes.HasPrefix(b, []byte("PK")) {
		t.Error("no zip written")
	}
	evPath := filepath.Join(dir, "preuves.zip")
	sh.answer(evPath)
	if got := must[string](t)(svc.Receipts.ExportEvidence(p.String(), nil, "ar")); got != evPath {
		t.Errorf("evidence exported to %q", got)
	}
	if b, _ := os.ReadFile(evPath); !bytes.HasPrefix(b, []byte("PK")) {
		t.Error("no evidence archive written")
	}
	dash := must[desktop.Dashboard](t)(svc.Employers.Dashboard(p.String()))
	if len(dash.Rows) != 1 || dash.Rows[0].State != store.StateAccepted || dash.Rows[0].Urgency != desktop.UrgencyDone {
		t.Errorf("dashboard %+v", dash.Rows)
	}
	if entries := must[[]desktop.AuditRow](t)(svc.Receipts.Audit(1, 5)); len(entries) != 5 || entries[0].Seq != 1 || entries[0].ActionLabel.EN == "" {
		t.Errorf("audit %d entries", len(entries))
	}

	// Settings: the auto-lock delay applies, a bad value is refused.
	st := svc.Settings.Get()
	st.AutoLockMinutes = 0
	if err := svc.Settings.Save(st); code(err) != "settings.invalid" {
		t.Errorf("auto-lock 0: %v", err)
	}
	st.AutoLockMinutes = 15
	if err := svc.Settings.Save(st); err != nil || svc.Settings.Get().AutoLockMinutes != 15 {
		t.Errorf("save settings: %v", err)
	}
	if err := svc.Session.Lock(); err != nil {
		t.Fatal(err)
	}
	if ev := sh.named(EventSessionLocked); len(ev) != 1 || ev[0].(desktop.Locked).Reason != desktop.ReasonUser {
		t.Errorf("locked events %+v", ev)
	}
	// The page is reset after the event (issue 12: a fresh JS heap).
	sh.mu.Lock()
	resets := sh.resets
	sh.mu.Unlock()
	if resets != 1 {
		t.Errorf("page resets after lock: %d, want 1", resets)
	}
	if _, err := svc.Month.Load(er.ID, p.String()); code(err) != desktop.CodeLocked {
		t.Errorf("after lock: %v", err)
	}
}

func TestManualDepositAndBatch(t *testing.T) {
	svc, sh, _ := testServices(t)
	must[Created](t)(svc.Session.Create(passphrase, false))
	p := domain.DateOf(time.Now()).Period().Prev()
	er := must[domain.Employer](t)(svc.Employers.Create(domain.Employer{Affiliation: "2000016", Name: "Boulangerie", PlatformProfile: domain.ProfileManual}))
	other := must[domain.Employer](t)(svc.Employers.Create(domain.Employer{Affiliation: "3000023", Name: "Textiles"}))
	var raw []byte
	if err := svc.Core.Use(func(s *desktop.Session) (err error) {
		ctx, cancel := s.CallContext()
		defer cancel()
		raw, err = s.SandboxPreetabli(ctx, er.Affiliation, p)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pfile := filepath.Join(dir, "AFFEBDS.txt")
	os.WriteFile(pfile, raw, 0o600)
	must[PreetabliImport](t)(svc.Month.ImportPreetabli(er.ID, p.String(), chosen(t, sh, pfile, svc.Month.ChoosePreetabli)))
	ws := must[*monthly.Workspace](t)(svc.Month.Load(er.ID, p.String()))
	var lines []monthly.LineInput
	for _, r := range ws.Rows {
		lines = append(lines, monthly.LineInput{EmployeeID: r.EmployeeID, Days: 26, Gross: domain.MAD(3900)})
	}
	must[*monthly.Workspace](t)(svc.Month.SaveLines(er.ID, p.String(), lines))

	// The batch close: one ready, one without préétabli.
	op := must[string](t)(svc.Batch.Start([]string{er.ID, other.ID}, p.String()))
	sh.waitFor(t, "batch:done", func() bool { return len(sh.named(EventBatchDone)) > 0 })
	done := sh.named(EventBatchDone)[0].(desktop.BatchDone)
	if done.OpID != op || done.Cancelled || len(done.Results) != 2 {
		t.Fatalf("batch done %+v", done)
	}
	states := map[string]monthly.BatchState{}
	var declID string
	for _, r := range done.Results {
		states[r.EmployerID] = r.State
		if r.EmployerID == er.ID {
			declID = r.Declaration
		}
	}
	if states[er.ID] != monthly.BatchReady || states[other.ID] != monthly.BatchNoPreetabli || declID == "" {
		t.Errorf("batch states %v", states)
	}
	if n := len(sh.named(EventBatchProgress)); n == 0 || n > 2 {
		t.Errorf("%d batch progress events", n)
	}
	if svc.Batch.Cancel(op) {
		t.Error("cancelled a finished batch")
	}
	// A manual profile cannot go through the outbox.
	out := must[SubmitOutcome](t)(svc.Batch.SubmitReady([]string{declID}, ""))
	if out.Results[0].Error == nil || out.Results[0].Error.Code != outbox.CodeManualProfile {
		t.Errorf("manual profile submitted: %+v", out.Results[0])
	}
	// Manual deposit: export, portal, evidence, receipt.
	path := must[string](t)(svc.Submissions.ManualExport(declID, chosen(t, sh, dir, svc.Submissions.ChooseExportFolder)))
	if filepath.Base(path) != "DS_2000016_"+p.String()+".txt" {
		t.Errorf("export name %s", path)
	}
	svc.Submissions.OpenPortal()
	if len(sh.urls) != 1 || !strings.Contains(sh.urls[0], "damancom") {
		t.Errorf("portal %v", sh.urls)
	}
	report := filepath.Join(dir, "rapport.pdf")
	os.WriteFile(report, []byte("%PDF-1.4\n%%EOF\n"), 0o600)
	if _, err := svc.Submissions.RecordManual(declID, ManualEvidenceInput{DepositReference: "DEP-1", DepositDate: "2026"}); code(err) != desktop.CodeBadDate {
		t.Errorf("bad date: %v", err)
	}
	md := must[store.ManualDeposit](t)(svc.Submissions.RecordManual(declID, ManualEvidenceInput{DepositReference: "DEP-123",
		DepositDate: domain.DateOf(time.Now()).String(), ControlReportToken: chosen(t, sh, report, svc.Submissions.ChooseControlReport)}))
	if md.DepositReference != "DEP-123" || md.ControlReportPDF != nil {
		t.Errorf("manual deposit %+v", md)
	}
	if ev := sh.named(EventReceiptCreated); len(ev) != 1 || ev[0].(desktop.ReceiptEvent).DeclarationID != declID {
		t.Errorf("receipt events %+v", ev)
	}
	rows := must[[]desktop.ReceiptRow](t)(svc.Receipts.List(p.String(), []string{er.ID}))
	if len(rows) != 1 || rows[0].Status != store.StatusManual || rows[0].Sandbox {
		t.Errorf("receipts %+v", rows)
	}
	exp := filepath.Join(dir, "recu.pdf")
	sh.answer(exp)
	if got := must[string](t)(svc.Receipts.Export(rows[0].ReceiptID, "")); got != exp {
		t.Errorf("receipt export %q", got)
	}
	sh.answer("") // cancelled save dialog
	if got, err := svc.Receipts.Export(rows[0].ReceiptID, ""); got != "" || err != nil {
		t.Errorf("cancelled export: %q %v", got, err)
	}
}

func TestSecondInstanceBlocked(t *testing.T) {
	a, _, _ := testServices(t)
	if err := a.AcquireInstance(); err != nil {
		t.Fatal(err)
	}
	sh := newFakeShell(t)
	b, err := newServices(Config{Assets: fstest.MapFS{}, DataDir: a.Core.Dir(), Getenv: func(string) string { return "" }}, sh)
	if err != nil {
		t.Fatal(err)
	}
	err = b.AcquireInstance()
	if code(err) != desktop.CodeOtherApp {
		t.Fatalf("second instance: %v", err)
	}
	st := b.Session.Status()
	if st.Blocked == nil || st.Blocked.Code != desktop.CodeOtherApp || st.Blocked.Message == "" {
		t.Errorf("status of the second app: %+v", st.Blocked)
	}
	if _, err := b.Session.Create(passphrase, false); code(err) != desktop.CodeOtherApp {
		t.Errorf("create in the second app: %v", err)
	}
	if err := b.Session.UnlockPassphrase(passphrase); code(err) != desktop.CodeOtherApp {
		t.Errorf("unlock in the second app: %v", err)
	}
	if a.InstanceID() != b.InstanceID() || !strings.HasPrefix(a.InstanceID(), "ma.tasrih.app.") {
		t.Errorf("instance ids %q %q", a.InstanceID(), b.InstanceID())
	}
	a.shutdown(t.Context())
	if err := b.AcquireInstance(); err != nil {
		t.Errorf("after the first app quit: %v", err)
	}
	b.shutdown(t.Context())
}

func TestDataDir(t *testing.T) {
	dir := t.TempDir()
	got, err := DataDir(func(k string) string {
		if k == EnvDataDir {
			return dir
		}
		return ""
	})
	if err != nil || got != dir {
		t.Errorf("DataDir = %q %v", got, err)
	}
	if got, err := DataDir(func(string) string { return "" }); err != nil || got == dir || !filepath.IsAbs(got) {
		t.Errorf("default DataDir = %q %v", got, err)
	}
}

func TestSettingsWhileLocked(t *testing.T) {
	svc, _, _ := testServices(t)
	st := svc.Settings.Get()
	if st != settings.Defaults() {
		t.Errorf("defaults: %+v", st)
	}
	st.Lang = i18n.AR
	if err := svc.Settings.Save(st); err != nil {
		t.Fatal(err)
	}
	if svc.Session.Status().Lang != i18n.AR {
		t.Error("language not in the status")
	}
	// Errors come in the language of the settings.
	p := decodePayload(t, svc.formatError(desktop.LockedError()))
	if p.Code != desktop.CodeLocked || !strings.Contains(p.Message, "مقفلة") {
		t.Errorf("payload in Arabic: %+v", p)
	}
}

// Which events reset the page (issue 12): a lock by the user or the idle
// timer; not a lock for a restore (the page waits for its answer) nor at
// exit, nor any other event.
func TestEmitResetting(t *testing.T) {
	cases := []struct {
		name  EventName
		data  any
		reset bool
	}{
		{EventSessionLocked, desktop.Locked{Reason: desktop.ReasonUser}, true},
		{EventSessionLocked, desktop.Locked{Reason: desktop.ReasonIdle}, true},
		{EventSessionLocked, desktop.Locked{Reason: desktop.ReasonRestore}, false},
		{EventSessionLocked, desktop.Locked{Reason: desktop.ReasonExit}, false},
		{EventSessionUnlocked, desktop.Unlocked{}, false},
		{EventOutbox, desktop.Locked{Reason: desktop.ReasonUser}, false},
	}
	for _, tc := range cases {
		sh := &fakeShell{}
		emitResetting(sh, &pathTokens{})(string(tc.name), tc.data)
		if len(sh.named(tc.name)) != 1 {
			t.Errorf("%s %+v: not emitted", tc.name, tc.data)
		}
		if got := sh.resets == 1; got != tc.reset || sh.resets > 1 {
			t.Errorf("%s %+v: %d resets, want reset=%v", tc.name, tc.data, sh.resets, tc.reset)
		}
		// The new page learns why it was locked (the unlock screen then
		// never opens with the keyring).
		if l, ok := tc.data.(desktop.Locked); ok && tc.reset && (len(sh.resetReasons) != 1 || sh.resetReasons[0] != l.Reason) {
			t.Errorf("%s %+v: reset with reasons %q", tc.name, tc.data, sh.resetReasons)
		}
	}
}

// chosen answers the next dialog with path, calls choose and returns the
// token it issued.
func chosen(t *testing.T, sh *fakeShell, path string, choose func() (Chosen, error)) string {
	t.Helper()
	sh.answer(path)
	c, err := choose()
	if err != nil || c.Token == "" || c.Name != filepath.Base(path) {
		t.Fatalf("choose %s: %+v %v", filepath.Base(path), c, err)
	}
	return c.Token
}
