package desktop

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/monthly"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/settings"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if i18n.Code(err) != code {
		t.Fatalf("error %v (code %q), want code %q", err, i18n.Code(err), code)
	}
}

// TestEndToEnd goes from an empty data folder to an accepted declaration and
// its receipt, as the desktop app does: create the vault, lock, unlock,
// create the employer, log in to the embedded sandbox with the code from its
// inbox, download the préétabli, fill and save the month, generate, submit,
// wait for the acceptance, find the receipt.
func TestEndToEnd(t *testing.T) {
	e := newEnv(t)
	c := e.core
	if st := c.Status(); st.HasVault || st.Unlocked || st.DataDir != e.dir {
		t.Fatalf("status of an empty folder: %+v", st)
	}
	wantCode(t, c.Use(func(*Session) error { return nil }), CodeLocked)
	wantCode(t, c.UnlockPassphrase(testPassphrase), CodeNoVault)
	if _, err := c.Create("court", false); !errors.Is(err, vault.ErrWeakPassphrase) {
		t.Fatalf("weak passphrase accepted: %v", err)
	}
	code, err := c.Create(testPassphrase, false)
	if err != nil || code == "" {
		t.Fatalf("create: %q %v", code, err)
	}
	if st := c.Status(); !st.HasVault || !st.Unlocked || st.Method != vault.MethodCreated {
		t.Fatalf("status after create: %+v", st)
	}
	if err := c.Lock(ReasonUser); err != nil {
		t.Fatal(err)
	}
	wantCode(t, c.UnlockPassphrase("Pas-la-bonne-phrase-99"), vault.CodeWrongSecret)
	if err := c.UnlockPassphrase(testPassphrase); err != nil {
		t.Fatal(err)
	}
	p := testPeriod()
	var er domain.Employer
	e.session(t, func(s *Session) {
		if s.Sandbox == nil || !strings.HasPrefix(s.SandboxURL, "http://127.0.0.1:") {
			t.Fatalf("embedded sandbox not running: %q", s.SandboxURL)
		}
		var err error
		er, err = s.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Atlas Démo SARL", PlatformProfile: domain.ProfileSandbox})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := s.CallContext()
		defer cancel()
		if _, err := s.Outbox.FetchPreetabli(ctx, "", er.ID, p); i18n.Code(err) != outbox.CodeLoginRequired {
			t.Fatalf("préétabli without a login: %v", err)
		}
		ch, err := s.Login(ctx, domain.ProfileSandbox, sandbox.DemoLogin, sandbox.DemoPassword, false)
		if err != nil || ch.ChallengeID == "" {
			t.Fatalf("login: %+v %v", ch, err)
		}
		inbox, err := s.SandboxInbox(sandbox.DemoLogin)
		if err != nil || len(inbox) == 0 {
			t.Fatalf("inbox: %v %v", inbox, err)
		}
		wantCode(t, s.VerifyOTP(ctx, domain.ProfileSandbox, wrongCode(inbox[0].Code)), "platform.invalid_otp")
		if err := s.VerifyOTP(ctx, domain.ProfileSandbox, inbox[0].Code); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Outbox.FetchPreetabli(ctx, "", er.ID, p); err != nil {
			t.Fatal(err)
		}
		ws, err := s.Month.Load(er.ID, p)
		if err != nil || len(ws.Rows) == 0 {
			t.Fatalf("month: %v rows, %v", len(ws.Rows), err)
		}
		lines := make([]monthly.LineInput, len(ws.Rows))
		for i, r := range ws.Rows {
			lines[i] = monthly.LineInput{EmployeeID: r.EmployeeID, Days: 26, Gross: domain.MAD(4000 + 100*int64(i))}
		}
		if ws, err = s.Month.SaveLines(er.ID, p, lines); err != nil || ws.Errors != 0 {
			t.Fatalf("save lines: errors %d, %v %+v", ws.Errors, err, ws.Findings)
		}
	})
	if len(e.rec.named(EventSandboxOTP)) == 0 {
		t.Error("no sandbox:otp event")
	}
	var g *monthly.Generated
	e.session(t, func(s *Session) {
		var err error
		if g, err = s.Month.Generate(er.ID, p); err != nil || !g.Valid {
			t.Fatalf("generate: %v %+v", err, g)
		}
	})
	out, err := c.Submit([]string{g.Declaration.ID}, "")
	if err != nil || len(out.Results) != 1 || out.Results[0].Err != nil || !out.Results[0].Created {
		t.Fatalf("submit: %+v %v", out, err)
	}
	if out.SnapshotPath == "" || out.SnapshotErr != nil {
		t.Errorf("no snapshot before the submission: %+v", out)
	}
	// The outbox sends it, the sandbox accepts it, the receipt is made.
	e.rec.waitFor(t, 30*time.Second, "the receipt", func() bool { return len(e.rec.named(EventReceipt)) > 0 })
	rc := e.rec.named(EventReceipt)[0].(ReceiptEvent)
	if rc.DeclarationID != g.Declaration.ID {
		t.Errorf("receipt event %+v", rc)
	}
	e.session(t, func(s *Session) {
		d, err := s.Store.Declarations().Get(g.Declaration.ID)
		if err != nil || d.Status != store.StatusAccepted {
			t.Fatalf("declaration %s %v", d.Status, err)
		}
		rows, err := s.ListReceipts(p, nil)
		if err != nil || len(rows) != 1 || rows[0].ReceiptID != rc.ReceiptID || !rows[0].Sandbox {
			t.Fatalf("receipts: %+v %v", rows, err)
		}
		full, err := s.Store.Receipts().Get(rc.ReceiptID)
		if err != nil || !bytes.HasPrefix(full.PDF, []byte("%PDF-")) {
			t.Fatalf("receipt PDF: %v", err)
		}
		sum, err := SummaryOf(s.Store, s.Params, g.Declaration.ID, "")
		if err != nil || !bytes.HasPrefix(sum, []byte("%PDF-")) {
			t.Fatalf("summary: %v", err)
		}
		dash, err := s.Dashboard(p, domain.DateOf(time.Now()))
		if err != nil || len(dash.Rows) != 1 {
			t.Fatal(err)
		}
		row := dash.Rows[0]
		if row.State != store.StateAccepted || row.Urgency != UrgencyDone || row.History[HistoryMonths-1].Headcount != row.Lines || row.Lines == 0 {
			t.Errorf("dashboard row: %+v", row)
		}
	})
	var states []store.SubmissionState
	for _, ev := range e.rec.named(EventOutbox) {
		states = append(states, ev.(outbox.Event).State)
	}
	if len(states) == 0 || states[len(states)-1] != store.SubAccepted {
		t.Errorf("outbox events: %v", states)
	}
	// Locking takes the exit snapshot, closes everything and says so.
	if err := c.Lock(ReasonUser); err != nil {
		t.Fatal(err)
	}
	if c.Unlocked() || len(e.rec.named(EventLocked)) != 2 {
		t.Errorf("locked: %v, events %v", c.Unlocked(), e.rec.named(EventLocked))
	}
	snaps, _ := filepath.Glob(filepath.Join(e.dir, "snapshots", "*"))
	if len(snaps) < 3 { // lock, submission, lock
		t.Errorf("snapshots: %v", snaps)
	}
	// The recovery code still opens it; the sandbox keeps its state.
	if err := c.UnlockRecovery(code); err != nil {
		t.Fatal(err)
	}
	e.session(t, func(s *Session) {
		if s.Sandbox == nil {
			t.Fatal("sandbox not restarted")
		}
	})
}

// wrongCode returns another 6-digit code.
func wrongCode(c string) string {
	if c == "000000" {
		return "000001"
	}
	return "000000"
}

func TestIdleLock(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoSandbox = true })
	if err := settings.Save(e.dir, func() settings.Settings {
		s := settings.Defaults()
		s.AutoLockMinutes, s.SnapshotOnExit = 2, false
		return s
	}()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.core.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	if tm := e.timers.last(); tm == nil || tm.d != 2*time.Minute {
		t.Fatalf("idle timer %+v", tm)
	}
	e.core.Touch()
	e.core.SetAutoLock(7)
	if tm := e.timers.last(); tm.d != 7*time.Minute {
		t.Fatalf("new delay not applied: %v", tm.d)
	}
	if !e.timers.fire() {
		t.Fatal("no timer armed")
	}
	if e.core.Unlocked() {
		t.Fatal("still unlocked after the idle delay")
	}
	ev := e.rec.named(EventLocked)
	if len(ev) != 1 || ev[0].(Locked).Reason != ReasonIdle {
		t.Fatalf("locked events %+v", ev)
	}
	if snaps, _ := filepath.Glob(filepath.Join(e.dir, "snapshots", "*")); len(snaps) != 0 {
		t.Errorf("snapshot taken although snapshot_on_exit is off: %v", snaps)
	}
	if e.timers.fire() {
		t.Error("a timer is still armed while locked")
	}
}

func TestUnlockLimiterAndKeyring(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoSandbox = true })
	c := e.core
	if _, err := c.Create(testPassphrase, true); err != nil {
		t.Fatal(err)
	}
	if st := c.Status(); !st.Remembered || st.KeyringBanner != "" {
		t.Fatalf("remembered: %+v", st)
	}
	c.Lock(ReasonUser)
	if err := c.UnlockKeyring(t.Context()); err != nil {
		t.Fatal(err)
	}
	if c.Status().Method != vault.MethodKeyring {
		t.Error("not unlocked by the keyring")
	}
	c.Lock(ReasonUser)
	e.kr.FailWith(errors.New("no secret service"))
	wantCode(t, c.UnlockKeyring(t.Context()), vault.CodeKeyringUnavailable)
	if c.Status().KeyringBanner != vault.CodeKeyringUnavailable {
		t.Error("no keyring banner")
	}
	for range 3 {
		wantCode(t, c.UnlockPassphrase("Pas-la-bonne-phrase-99"), vault.CodeWrongSecret)
	}
	wantCode(t, c.UnlockPassphrase("Pas-la-bonne-phrase-99"), vault.CodeWrongSecret)
	wantCode(t, c.UnlockPassphrase(testPassphrase), vault.CodeTooManyAttempts)
	if c.Status().RetryInSeconds <= 0 {
		t.Error("status does not say how long to wait")
	}
}

func TestRestore(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoSandbox = true })
	c := e.core
	if _, err := c.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	e.session(t, func(s *Session) {
		if _, err := s.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Avant"}); err != nil {
			t.Fatal(err)
		}
	})
	path, err := c.Snapshot("manual")
	if err != nil {
		t.Fatal(err)
	}
	if list, err := c.ListSnapshots(); err != nil || len(list) != 1 || list[0].Path != path {
		t.Fatalf("snapshots %+v %v", list, err)
	}
	e.session(t, func(s *Session) {
		if _, err := s.Store.Employers().Create(domain.Employer{Affiliation: "2000016", Name: "Après"}); err != nil {
			t.Fatal(err)
		}
	})
	if _, err := c.Restore(path, "Pas-la-bonne-phrase-99", false); i18n.Code(err) != vault.CodeWrongSecret {
		t.Fatalf("restore with a wrong passphrase: %v", err)
	}
	if c.Unlocked() {
		t.Fatal("restore left the session unlocked")
	}
	r, err := c.Restore(path, testPassphrase, false)
	if err != nil || r.Records == 0 {
		t.Fatalf("restore: %+v %v", r, err)
	}
	if c.Unlocked() {
		t.Fatal("restore must leave the app locked")
	}
	if err := c.UnlockPassphrase(testPassphrase); err != nil {
		t.Fatal(err)
	}
	e.session(t, func(s *Session) {
		ers, _ := s.Store.Employers().List()
		if len(ers) != 1 || ers[0].Name != "Avant" {
			t.Errorf("restored employers: %+v", ers)
		}
	})
}

func TestInstanceLock(t *testing.T) {
	dir := t.TempDir()
	a, err := AcquireInstance(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = AcquireInstance(dir)
	wantCode(t, err, CodeOtherApp)
	if !errors.Is(err, ErrOtherApp) || !strings.Contains(i18n.Message(err, i18n.EN), "already open") {
		t.Errorf("message: %v", err)
	}
	if err := a.Release(); err != nil {
		t.Fatal(err)
	}
	b, err := AcquireInstance(dir)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	b.Release()
	b.Release()
	if _, err := os.Stat(filepath.Join(dir, InstanceLockFile)); err != nil {
		t.Error(err)
	}
}

// Unlocks racing each other open the store once; the others are told it is
// already unlocked, and Status answers meanwhile.
func TestConcurrentUnlock(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoSandbox = true })
	if _, err := e.core.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	e.core.Lock(ReasonUser)
	errs := make(chan error, 4)
	for range 4 {
		go func() { errs <- e.core.UnlockPassphrase(testPassphrase) }()
	}
	for range 20 {
		_ = e.core.Status()
	}
	ok := 0
	for range 4 {
		err := <-errs
		switch {
		case err == nil:
			ok++
		case !isCode(err, CodeUnlocked):
			t.Errorf("unexpected error %v", err)
		}
	}
	if ok != 1 || !e.core.Unlocked() {
		t.Errorf("%d unlocks succeeded", ok)
	}
	if n := len(e.rec.named(EventUnlocked)); n != 2 { // create + one unlock
		t.Errorf("%d unlocked events", n)
	}
}
