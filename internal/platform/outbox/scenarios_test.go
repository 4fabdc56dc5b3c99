package outbox_test

import (
	"bytes"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/store"
)

// failedWith waits for the submission of d to fail and returns its failure event.
func failedWith(t *testing.T, e *env, d store.Declaration, code string) outbox.Event {
	t.Helper()
	waitFor(t, "the failure", 20*time.Second, func() bool { return subOf(t, e.st, d.ID).State.Terminal() })
	sub := subOf(t, e.st, d.ID)
	if sub.State != store.SubFailed || sub.LastError != code {
		t.Fatalf("submission: state %s, last error %q; want failed %s", sub.State, sub.LastError, code)
	}
	if got, _ := e.st.Declarations().Get(d.ID); got.Status != store.StatusRejected {
		t.Fatalf("declaration %s after a definitive refusal", got.Status)
	}
	// The event follows the commit: wait for it too.
	waitFor(t, "the failure event", 20*time.Second, func() bool {
		return e.ev.count(func(x outbox.Event) bool { return x.SubmissionID == sub.ID && x.State == store.SubFailed }) > 0
	})
	for _, ev := range e.ev.list() {
		if ev.SubmissionID == sub.ID && ev.State == store.SubFailed {
			if ev.Error == nil || ev.Error.Code != code || ev.Error.Retryable {
				t.Fatalf("failure event: %+v", ev.Error)
			}
			wantMessages(t, code, ev.Error.Message)
			return ev
		}
	}
	t.Fatal("no failure event")
	return outbox.Event{}
}

// Same Idempotency-Key with other bytes: the platform answers
// idempotency_conflict, surfaced as a definitive failure; only an explicit
// Resubmit (new key) then deposits the declaration.
func TestIdempotencyConflict(t *testing.T) {
	e := newEnv(t, testSeed(2, 0, time.Hour), sandbox.Faults{})
	e.login(e.w)
	decls := e.prepare(e.w, 2)
	sub, _, err := e.w.Enqueue(decls[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	// Another program deposits other bytes (employer 1's file) under this key first.
	other, _ := e.st.Declarations().Get(decls[1].ID)
	c := e.adminClient()
	if _, err := c.Deposit(bg, affOf(1), period, api.KindPrincipal, 0, sub.IdempotencyKey, other.Bytes); err != nil {
		t.Fatal(err)
	}
	if err := e.w.Start(bg); err != nil {
		t.Fatal(err)
	}
	failedWith(t, e, decls[0], "platform.idempotency_conflict")
	if n := len(listDeposits(t, c, affOf(0))); n != 0 {
		t.Fatalf("%d deposits for employer 0", n)
	}
	// Enqueue does not make a new key by itself.
	_, _, err = e.w.Enqueue(decls[0].ID, "")
	wantCode(t, err, outbox.CodeUseResubmit)
	// Resubmit does, and the declaration is deposited once.
	again, err := e.w.Resubmit(decls[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.IdempotencyKey == sub.IdempotencyKey || again.ID == sub.ID {
		t.Fatal("Resubmit reused the key")
	}
	waitFor(t, "accepted", 20*time.Second, func() bool { return subOf(t, e.st, decls[0].ID).State == store.SubAccepted })
	if deps := listDeposits(t, c, affOf(0)); len(deps) != 1 || deps[0].Status != api.StatusAccepted {
		t.Fatalf("deposits: %+v", deps)
	}
}

// A complementary declaration before the principal one is refused
// (principal_missing) and reported; Resubmit is refused while anything is
// pending or after an acceptance, and allowed after the refusal.
func TestComplementaryBeforePrincipal(t *testing.T) {
	e := newEnv(t, testSeed(1, 0, time.Hour), sandbox.Faults{})
	e.login(e.w)
	er := e.employer(0)
	pre := e.fetch(e.w, er)
	dsc := e.declareDSC(er, pre.Raw, 1)
	ds := e.declare(er, pre.Raw, 1)

	_, err := e.w.Resubmit(dsc.ID)
	wantCode(t, err, outbox.CodeResubmitRefused) // never submitted
	first, _, err := e.w.Enqueue(dsc.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	// While it is pending: Enqueue resumes it, Resubmit is refused.
	if again, created, err := e.w.Enqueue(dsc.ID, ""); err != nil || created || again.ID != first.ID {
		t.Fatalf("second Enqueue: %v %v", created, err)
	}
	_, err = e.w.Resubmit(dsc.ID)
	wantCode(t, err, outbox.CodeResubmitRefused)

	if err := e.w.Start(bg); err != nil {
		t.Fatal(err)
	}
	failedWith(t, e, dsc, "platform.principal_missing")

	if _, _, err := e.w.Enqueue(ds.ID, ""); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "principal accepted", 20*time.Second, func() bool { return subOf(t, e.st, ds.ID).State == store.SubAccepted })
	second, err := e.w.Resubmit(dsc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if second.IdempotencyKey == first.IdempotencyKey {
		t.Fatal("same key after Resubmit")
	}
	waitFor(t, "complementary accepted", 20*time.Second, func() bool { return subOf(t, e.st, dsc.ID).State == store.SubAccepted })
	_, err = e.w.Resubmit(dsc.ID)
	wantCode(t, err, outbox.CodeResubmitRefused) // accepted
	entries, _ := e.st.AuditEntries(1, 1<<20)
	found := false
	for _, en := range entries {
		found = found || en.Action == "submission.resubmit" && en.EntityID == second.ID
	}
	if !found {
		t.Fatal("no audit entry for the resubmission")
	}
}

// Resubmit after a rejection by the platform's checks uses a new key; the
// rejection keeps the control report.
func TestResubmitAfterRejection(t *testing.T) {
	e := newEnv(t, testSeed(1, 0, time.Hour), sandbox.Faults{})
	e.login(e.w)
	er := e.employer(0)
	e.fetch(e.w, er)
	// A file valid on its own but built on another préétabli than the one
	// the platform published: the platform rejects it.
	wrong := decltest.PreetabliBytes(affOf(0), period, 4, 777)
	d := e.declare(er, wrong, 3)
	first, _, err := e.w.Enqueue(d.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.w.Start(bg); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the answer", 20*time.Second, func() bool { return subOf(t, e.st, d.ID).State.Terminal() })
	sub := subOf(t, e.st, d.ID)
	if sub.State != store.SubRejected {
		t.Fatalf("state %s", sub.State)
	}
	res, err := e.st.DepositResults().Get(sub.ID)
	if err != nil || res.Status != "rejected" || len(res.ControlReport) == 0 {
		t.Fatalf("result %+v %v", res, err)
	}
	if got, _ := e.st.Declarations().Get(d.ID); got.Status != store.StatusRejected {
		t.Fatal(got.Status)
	}
	waitFor(t, "the rejection event", 20*time.Second, func() bool {
		return e.ev.count(func(x outbox.Event) bool { return x.SubmissionID == sub.ID && x.State == store.SubRejected }) > 0
	})
	var rejEv *outbox.Event
	for _, ev := range e.ev.list() {
		if ev.SubmissionID == sub.ID && ev.State == store.SubRejected {
			rejEv = &ev
		}
	}
	if rejEv == nil || rejEv.Error == nil || rejEv.Error.Code != outbox.CodeRejected {
		t.Fatalf("rejection event %+v", rejEv)
	}
	wantMessages(t, "rejected", rejEv.Error.Message)

	second, err := e.w.Resubmit(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if second.IdempotencyKey == first.IdempotencyKey {
		t.Fatal("Resubmit reused the key")
	}
	if got, _ := e.st.Declarations().Get(d.ID); got.Status != store.StatusQueued {
		t.Fatalf("declaration %s after Resubmit", got.Status)
	}
	waitFor(t, "the second answer", 20*time.Second, func() bool { return subOf(t, e.st, d.ID).State.Terminal() })
	if deps := listDeposits(t, e.adminClient(), affOf(0)); len(deps) != 2 {
		t.Fatalf("%d deposits, want 2 (one per key)", len(deps))
	}
}

// offsetClock is the sandbox's clock, moved forward by the test.
type offsetClock struct{ off atomic.Int64 }

func (c *offsetClock) now() time.Time          { return time.Now().Add(time.Duration(c.off.Load())) }
func (c *offsetClock) advance(d time.Duration) { c.off.Add(int64(d)) }

// An access token that expires mid-run: the worker asks for a login
// (event), waits without losing anything, then resumes.
func TestTokenExpiredMidRun(t *testing.T) {
	clock := &offsetClock{}
	p := startPlatform(t, testSeed(5, 30*time.Minute, time.Hour), sandbox.Faults{}, clock.now)
	ev := newEvents()
	trans := &countingTransport{rt: newTransport()}
	e := &env{t: t, st: openStore(t, t.TempDir()), p: p, ev: ev, trans: trans}
	e.opts = fastOptions(p.base, trans, ev)
	e.opts.ImportPreetabli = importWith(e.st)
	e.w = outbox.New(e.st, e.opts)
	t.Cleanup(e.w.Stop)
	p.beforeDown = trans.closeIdle
	e.login(e.w)
	decls := e.prepare(e.w, 5)
	if err := e.w.Start(bg); err != nil {
		t.Fatal(err)
	}
	for _, d := range decls {
		if _, _, err := e.w.Enqueue(d.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	received := func() bool {
		for _, d := range decls {
			if subOf(t, e.st, d.ID).DepositID == "" {
				return false
			}
		}
		return true
	}
	waitFor(t, "every deposit received", 20*time.Second, received)
	clock.advance(2 * time.Hour) // the session expires; processing is due
	waitFor(t, "a login request", 20*time.Second, func() bool {
		return ev.count(func(x outbox.Event) bool { return x.Kind == outbox.EventLoginRequired }) > 0
	})
	// The first refused call says the session expired; the others, seeing
	// the session gone, that a login is needed.
	expired := 0
	for _, x := range ev.list() {
		if x.Kind == outbox.EventLoginRequired {
			if x.Error == nil || x.Error.Code != "platform.token_expired" && x.Error.Code != outbox.CodeLoginRequired {
				t.Fatalf("login event %+v", x.Error)
			}
			if x.Error.Code == "platform.token_expired" {
				expired++
			}
			wantMessages(t, x.Error.Code, x.Error.Message)
		}
	}
	if expired == 0 {
		t.Fatal("no event says the session expired")
	}
	if e.w.HasSession(domain.ProfileSandbox) {
		t.Fatal("the expired session is still used")
	}
	// Every submission not yet accepted waits for a login. A poll already
	// past the platform's session check when the clock moved may legitimately
	// find its deposit accepted (seen under -race on a loaded machine): that
	// one is done, never re-sent, and is not counted. On failure, every
	// submission's state is logged.
	pending := func() int {
		n := 0
		for _, d := range decls {
			if !subOf(t, e.st, d.ID).State.Terminal() {
				n++
			}
		}
		return n
	}
	deadline := time.Now().Add(60 * time.Second)
	for e.w.Waiting(domain.ProfileSandbox) != pending() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n, want := e.w.Waiting(domain.ProfileSandbox), pending(); n != want || want == 0 {
		for _, d := range decls {
			s := subOf(t, e.st, d.ID)
			t.Logf("submission %s: state %s, last error %q, attempts %d, next %v, deposit %q", s.ID, s.State, s.LastError, s.Attempts, s.NextAttemptAt, s.DepositID)
		}
		t.Fatalf("%d of %d pending submissions wait for a login after 60 s", n, want)
	}
	for _, d := range decls {
		s := subOf(t, e.st, d.ID)
		if s.State == store.SubAccepted && s.LastError == "" {
			continue
		}
		if s.State.Terminal() || s.LastError != "platform.token_expired" && s.LastError != outbox.CodeLoginRequired {
			t.Fatalf("waiting submission %s %q", s.State, s.LastError)
		}
	}
	e.login(e.w)
	waitFor(t, "all accepted", 20*time.Second, allTerminal(t, e.st))
	c := e.adminClient()
	for i, d := range decls {
		if s := subOf(t, e.st, d.ID); s.State != store.SubAccepted || s.Attempts != 1 || s.LastError != "" {
			t.Fatalf("submission %+v", s)
		}
		if deps := listDeposits(t, c, affOf(i)); len(deps) != 1 {
			t.Fatalf("%d deposits", len(deps))
		}
	}
}

// Without any session, submissions wait for a login and lose nothing.
func TestNoSessionWaitsForLogin(t *testing.T) {
	e := newEnv(t, testSeed(2, 0, time.Hour), sandbox.Faults{})
	e.login(e.w)
	decls := e.prepare(e.w, 2)
	w := outbox.New(e.st, e.opts) // a fresh worker: no session
	t.Cleanup(w.Stop)
	if err := w.Start(bg); err != nil {
		t.Fatal(err)
	}
	for _, d := range decls {
		if _, _, err := w.Enqueue(d.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "waiting", 60*time.Second, func() bool { return w.Waiting(domain.ProfileSandbox) == 2 })
	for _, d := range decls {
		s := subOf(t, e.st, d.ID)
		if s.State != store.SubQueued || s.Attempts != 0 || s.LastError != outbox.CodeLoginRequired {
			t.Fatalf("%+v", s)
		}
	}
	before := len(e.trans.snapshot())
	time.Sleep(50 * time.Millisecond)
	if after := len(e.trans.snapshot()); after != before {
		t.Fatalf("%d calls while waiting for a login", after-before)
	}
	e.login(w)
	waitFor(t, "all accepted", 20*time.Second, allTerminal(t, e.st))
	for _, d := range decls {
		if s := subOf(t, e.st, d.ID); s.State != store.SubAccepted {
			t.Fatal(s.State)
		}
	}
}

// A maintenance window with Retry-After: no call reaches the platform
// during the window; the submissions go through after it.
func TestMaintenanceRetryAfter(t *testing.T) {
	e := newEnv(t, testSeed(3, 0, time.Hour), sandbox.Faults{})
	e.login(e.w)
	decls := e.prepare(e.w, 3)
	start := time.Now()
	e.p.restart(sandbox.Faults{Maintenance: sandbox.Maintenance{Windows: []sandbox.Window{{From: start.Add(-time.Second), To: start.Add(1500 * time.Millisecond)}}}})
	calls0 := len(e.trans.snapshot())
	if err := e.w.Start(bg); err != nil {
		t.Fatal(err)
	}
	for _, d := range decls {
		if _, _, err := e.w.Enqueue(d.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "all accepted", 30*time.Second, allTerminal(t, e.st))
	e.w.Stop()
	calls := e.trans.snapshot()[calls0:]
	var window time.Time // end of the first Retry-After the worker received
	for _, c := range calls {
		if c.status == 503 && c.retryAfter > 0 {
			window = c.answered.Add(c.retryAfter)
			break
		}
	}
	if window.IsZero() {
		t.Fatal("no maintenance answer")
	}
	first := calls[0].answered
	for _, c := range calls {
		if c.status == 503 && c.answered.Before(first) {
			first = c.answered
		}
	}
	// Calls already in flight when the first answer came may still land, and
	// so may those other goroutines started before the worker recorded the
	// pause (its event is emitted after the commit; on a loaded machine the
	// commit's fsync alone can take tens of milliseconds).
	inFlight := first.Add(20 * time.Millisecond)
	for _, x := range e.ev.list() {
		if x.Kind == outbox.EventRetry && x.Error != nil && x.Error.Code == "platform.maintenance" {
			if x.At.After(inFlight) {
				inFlight = x.At
			}
			break
		}
	}
	for _, c := range calls {
		if c.sent.After(inFlight) && c.sent.Before(window.Add(-20*time.Millisecond)) {
			t.Fatalf("call %s sent %v after the maintenance answer, %v before the end of its Retry-After",
				c.path, c.sent.Sub(first), window.Sub(c.sent))
		}
	}
	n := 0
	for _, x := range e.ev.list() {
		if x.Kind == outbox.EventRetry && x.Error != nil && x.Error.Code == "platform.maintenance" {
			n++
			wantMessages(t, "maintenance", x.Error.Message)
			if x.NextAttemptAt.Before(x.At.Add(time.Second - 50*time.Millisecond)) {
				t.Fatalf("retry planned %v after the answer, Retry-After is ≥ 1 s", x.NextAttemptAt.Sub(x.At))
			}
		}
	}
	if n == 0 {
		t.Fatal("no retry event for the maintenance")
	}
	for _, d := range decls {
		if s := subOf(t, e.st, d.ID); s.State != store.SubAccepted {
			t.Fatal(s.State)
		}
	}
}

// Offline: the platform is down when the submissions are queued; the worker
// keeps trying and goes through by itself once the platform answers again.
func TestOfflineResumes(t *testing.T) {
	e := newEnv(t, testSeed(2, 0, time.Hour), sandbox.Faults{})
	e.login(e.w)
	decls := e.prepare(e.w, 2)
	e.p.down()
	if err := e.w.Start(bg); err != nil {
		t.Fatal(err)
	}
	for _, d := range decls {
		if _, _, err := e.w.Enqueue(d.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "network retries", 20*time.Second, func() bool {
		return e.ev.count(func(x outbox.Event) bool {
			return x.Kind == outbox.EventRetry && x.Error != nil && x.Error.Code == "platform.network"
		}) >= 4
	})
	e.p.up(e.p.addr)
	waitFor(t, "all accepted", 20*time.Second, allTerminal(t, e.st))
	for _, d := range decls {
		s := subOf(t, e.st, d.ID)
		if s.State != store.SubAccepted || s.Attempts < 2 {
			t.Fatalf("%s after %d attempts", s.State, s.Attempts)
		}
	}
}

// The user-facing login failures: wrong password, three wrong one-time
// codes, an affiliation the platform does not know.
func TestLoginAndAffiliationErrors(t *testing.T) {
	e := newEnv(t, testSeed(1, 0, time.Hour), sandbox.Faults{})
	_, err := e.w.Login(bg, domain.ProfileSandbox, fidLogin, "not the password")
	wantCode(t, err, "platform.invalid_credentials")

	ch, err := e.w.Login(bg, domain.ProfileSandbox, fidLogin, fidPassword)
	if err != nil {
		t.Fatal(err)
	}
	good := e.p.otp(t, ch.ChallengeID)
	bad := fmt.Sprintf("%06d", (atoi(good)+1)%1000000)
	for i, want := range []string{"platform.invalid_otp", "platform.invalid_otp", "platform.challenge_expired", "platform.challenge_expired"} {
		code := bad
		if i == 3 {
			code = good // too late: the challenge is dead
		}
		_, err := e.w.VerifyOTP(bg, domain.ProfileSandbox, ch.ChallengeID, code)
		wantCode(t, err, want)
	}
	if e.w.HasSession(domain.ProfileSandbox) {
		t.Fatal("session after a refused OTP")
	}

	e.login(e.w)
	// An employer the platform does not know.
	unknown := decltest.Affiliation(999990)
	er, err := e.st.Employers().Create(domain.Employer{Affiliation: unknown, Name: "Inconnue"})
	if err != nil {
		t.Fatal(err)
	}
	d := e.declare(er, decltest.PreetabliBytes(unknown, period, 3, 5), 1)
	if _, _, err := e.w.Enqueue(d.ID, ""); err != nil {
		t.Fatal(err)
	}
	if err := e.w.Start(bg); err != nil {
		t.Fatal(err)
	}
	failedWith(t, e, d, "platform.unknown_affiliation")
	// FetchPreetabli says the same.
	_, err = e.w.FetchPreetabli(bg, "", er.ID, period)
	wantCode(t, err, "platform.unknown_affiliation")
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

// A non-loopback http:// address is refused: nothing is sent, the
// submission says why.
func TestInsecureURLRefused(t *testing.T) {
	st := openStore(t, t.TempDir())
	ev := newEvents()
	opts := fastOptions("http://203.0.113.7:8787", &countingTransport{rt: newTransport()}, ev)
	w := outbox.New(st, opts)
	t.Cleanup(w.Stop)
	_, err := w.Login(bg, domain.ProfileSandbox, fidLogin, fidPassword)
	wantCode(t, err, "platform.insecure_url")
	err = w.SetSession(domain.ProfileSandbox, "tok")
	wantCode(t, err, "platform.insecure_url")

	er, _ := st.Employers().Create(domain.Employer{Affiliation: affOf(0), Name: "Test"})
	e := &env{t: t, st: st}
	d := e.declare(er, decltest.PreetabliBytes(affOf(0), period, 2, 1), 1)
	if _, _, err := w.Enqueue(d.ID, ""); err != nil {
		t.Fatal(err)
	}
	if err := w.Start(bg); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the refusal", 10*time.Second, func() bool {
		return ev.count(func(x outbox.Event) bool { return x.Kind == outbox.EventRetry }) > 0
	})
	w.Stop()
	s := subOf(t, st, d.ID)
	if s.State != store.SubQueued || s.Attempts != 0 || s.LastError != "platform.insecure_url" {
		t.Fatalf("%+v", s)
	}
}

// Enqueue refusals: the manual profile, a file with blocking findings, a
// declaration without file; Enqueue and its audit are one transaction.
func TestEnqueueRefusals(t *testing.T) {
	st := openStore(t, t.TempDir())
	w := outbox.New(st, outbox.Options{Logger: quietLogger()})
	e := &env{t: t, st: st}
	er, _ := st.Employers().Create(domain.Employer{Affiliation: affOf(0), Name: "Test"})
	d := e.declare(er, decltest.PreetabliBytes(affOf(0), period, 2, 1), 1)
	_, _, err := w.Enqueue(d.ID, domain.ProfileManual)
	wantCode(t, err, outbox.CodeManualProfile)
	_, _, err = w.Enqueue(d.ID, "bogus")
	wantCode(t, err, outbox.CodeNoEndpoint)
	if got, _ := st.Declarations().Get(d.ID); got.Status != store.StatusReady {
		t.Fatalf("a refused Enqueue froze the declaration: %s", got.Status)
	}
	if subs, _ := st.Submissions().ListByDeclaration(d.ID); len(subs) != 0 {
		t.Fatal("a refused Enqueue left a submission")
	}
	blocked, err := st.Declarations().Create(store.Declaration{EmployerID: er.ID, Period: period, Kind: store.KindPrincipal,
		FileName: "DS.txt", Bytes: []byte("x"), Findings: []store.Finding{{Rule: "CTR-LINE", Severity: store.SeverityError}}})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = w.Enqueue(blocked.ID, "")
	wantCode(t, err, store.CodeNotReady)
	empty, _ := st.Declarations().Create(store.Declaration{EmployerID: er.ID, Period: period, Kind: store.KindPrincipal, FileName: "DS.txt"})
	_, _, err = w.Enqueue(empty.ID, "")
	wantCode(t, err, outbox.CodeNotSubmittable)
	if !errors.Is(err, outbox.ErrRefused) {
		t.Fatal(err)
	}

	sub, created, err := w.Enqueue(d.ID, "")
	if err != nil || !created {
		t.Fatal(err)
	}
	got, _ := st.Declarations().Get(d.ID)
	if got.Status != store.StatusQueued || got.FrozenAt.IsZero() || sub.SHA256 != got.SHA256 || sub.Profile != domain.ProfileSandbox {
		t.Fatalf("after Enqueue: %s %+v", got.Status, sub)
	}
	// The freeze, the submission and their audit entries share one transaction.
	entries, _ := st.AuditEntries(1, 1<<20)
	var seqDecl, seqSub uint64
	for _, en := range entries {
		switch {
		case en.Action == "declaration.queue" && en.EntityID == d.ID:
			seqDecl = en.Seq
		case en.Action == "submission.create" && en.EntityID == sub.ID:
			seqSub = en.Seq
		}
	}
	if seqDecl == 0 || seqSub != seqDecl+1 || !entries[seqDecl-1].Time.Equal(entries[seqSub-1].Time) {
		t.Fatalf("audit entries %d and %d not written together", seqDecl, seqSub)
	}
}

// FetchPreetabli refuses a préétabli with blocking findings (with them) and
// one of another employer, and stores a good one.
func TestFetchPreetabli(t *testing.T) {
	st := openStore(t, t.TempDir())
	er, _ := st.Employers().Create(domain.Employer{Affiliation: affOf(0), Name: "Test"})
	good := decltest.PreetabliBytes(affOf(0), period, 4, 1)
	broken := bytes.Replace(good, []byte("A03"), []byte("A09"), 1)
	other := decltest.PreetabliBytes(affOf(1), period, 4, 1)
	fc := &fakeClient{token: "tok"}
	w := outbox.New(st, outbox.Options{Logger: quietLogger(), Dialer: func(domain.PlatformProfile) (outbox.Client, error) { return fc, nil },
		ImportPreetabli: importWith(st)})

	fc.pre = broken
	_, err := w.FetchPreetabli(bg, "", er.ID, period)
	wantCode(t, err, outbox.CodePreetabliInvalid)
	var pe *outbox.PreetabliError
	if !errors.As(err, &pe) || pe.Report.Valid() || !errors.Is(err, outbox.ErrPreetabliInvalid) {
		t.Fatalf("no findings with the refusal: %v", err)
	}
	fc.pre = other
	_, err = w.FetchPreetabli(bg, "", er.ID, period)
	wantCode(t, err, outbox.CodePreetabliMismatch)
	if _, err := st.Periods().Preetabli(er.ID, period); !store.IsNotFound(err) {
		t.Fatal("a refused préétabli was stored")
	}
	fc.pre = good
	got, err := w.FetchPreetabli(bg, "", er.ID, period)
	if err != nil || got.Employees != 4 || got.FileName != "AFFEBDS_"+affOf(0)+"_202610.txt" {
		t.Fatalf("%+v %v", got, err)
	}
	stored, err := st.Periods().Preetabli(er.ID, period)
	if err != nil || !bytes.Equal(stored.Raw, good) {
		t.Fatal(err)
	}
	fc.token = ""
	_, err = w.FetchPreetabli(bg, "", er.ID, period)
	wantCode(t, err, outbox.CodeLoginRequired)
}
