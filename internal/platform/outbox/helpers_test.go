package outbox_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/importer"
	"github.com/tasrih/tasrih/internal/monthly"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/store"
)

var bg = context.Background()

// period is a month every sandbox publishes (not after the current month,
// covered by the parameter table).
var period = domain.Period{Year: 2026, Month: time.October}

const (
	fidLogin    = "fiduciaire"
	fidPassword = "mot-de-passe-de-test"
)

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// affOf is the affiliation of test employer i.
func affOf(i int) string { return decltest.Affiliation(500000 + i) }

// testSeed is a sandbox with n small employers, all mandated to one account.
func testSeed(n int, processing, ttl time.Duration) *sandbox.Seed {
	s := &sandbox.Seed{Version: sandbox.SeedVersion, ProcessingDelay: processing, TokenTTL: ttl, Preetablis: map[string][]byte{}}
	acc := sandbox.Account{Login: fidLogin, Password: fidPassword, OTPChannel: api.OTPSMS, OTPDestination: "+212600000077"}
	for i := 0; i < n; i++ {
		s.Employers = append(s.Employers, sandbox.Employer{Affiliation: affOf(i), Name: fmt.Sprintf("SOCIETE TEST %03d", i), Employees: 3})
		acc.Mandates = append(acc.Mandates, sandbox.Mandate{Affiliation: affOf(i), Role: api.RoleMandataire})
	}
	s.Accounts = []sandbox.Account{acc}
	return s
}

// platform is a sandbox on a fixed loopback address, restartable on the
// same data folder.
type platform struct {
	t    testing.TB
	opts sandbox.Options
	addr string
	base string

	mu  sync.Mutex
	srv *sandbox.Server
	// beforeDown runs before the server closes (tests close their idle
	// connections: http.Server.Shutdown waits up to 5 s for fresh ones).
	beforeDown func()
}

func startPlatform(t testing.TB, seed *sandbox.Seed, faults sandbox.Faults, now func() time.Time) *platform {
	t.Helper()
	p := &platform{t: t, opts: sandbox.Options{Dir: t.TempDir(), Key: bytes.Repeat([]byte{3}, sandbox.KeySize),
		Seed: seed, Faults: faults, RNGSeed: 99, Logger: quietLogger(), Now: now}}
	p.up("127.0.0.1:0")
	t.Cleanup(p.down)
	return p
}

func (p *platform) up(addr string) {
	p.t.Helper()
	srv, err := sandbox.New(p.opts)
	if err != nil {
		p.t.Fatal(err)
	}
	var base string
	for i := 0; ; i++ { // the port of a closed server may take a moment to be free again
		base, err = srv.Start(addr)
		if err == nil || i == 50 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		srv.Close()
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.srv, p.base, p.addr = srv, base, base[len("http://"):]
	p.mu.Unlock()
}

func (p *platform) down() {
	p.mu.Lock()
	srv := p.srv
	p.srv = nil
	before := p.beforeDown
	p.mu.Unlock()
	if before != nil {
		before()
	}
	if srv != nil {
		srv.Close()
	}
}

// restart stops the server and starts a new one on the same folder and
// address, with faults.
func (p *platform) restart(faults sandbox.Faults) {
	p.t.Helper()
	p.down()
	p.opts.Faults = faults
	p.up(p.addr)
}

func (p *platform) server() *sandbox.Server {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.srv
}

// otp returns the code of a challenge from the sandbox inbox.
func (p *platform) otp(t testing.TB, challengeID string) string {
	t.Helper()
	msgs, err := p.server().Inbox(fidLogin)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.ChallengeID == challengeID {
			return m.Code
		}
	}
	t.Fatalf("no OTP for the challenge in the sandbox inbox")
	return ""
}

// countingTransport records every request sent to the platform and its answer.
type countingTransport struct {
	mu    sync.Mutex
	calls []call
	rt    http.RoundTripper
}

type call struct {
	sent, answered time.Time
	path           string
	status         int // 0: no answer
	retryAfter     time.Duration
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	cl := call{sent: time.Now(), path: r.Method + " " + r.URL.Path}
	c.mu.Lock()
	rt := c.rt
	c.mu.Unlock()
	resp, err := rt.RoundTrip(r)
	cl.answered = time.Now()
	if err == nil {
		cl.status = resp.StatusCode
		cl.retryAfter = api.ParseRetryAfter(resp.Header.Get(api.HeaderRetryAfter), cl.answered)
	}
	c.mu.Lock()
	c.calls = append(c.calls, cl)
	c.mu.Unlock()
	return resp, err
}

func (c *countingTransport) closeIdle() {
	c.mu.Lock()
	rt := c.rt
	c.mu.Unlock()
	if t, ok := rt.(interface{ CloseIdleConnections() }); ok {
		t.CloseIdleConnections()
	}
}

func (c *countingTransport) snapshot() []call {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]call(nil), c.calls...)
}

// events collects the worker's events.
type events struct {
	mu   sync.Mutex
	all  []outbox.Event
	ch   chan outbox.Event
	hook func(outbox.Event)
}

func newEvents() *events { return &events{ch: make(chan outbox.Event, 100000)} }

func (e *events) on(ev outbox.Event) {
	e.mu.Lock()
	e.all = append(e.all, ev)
	hook := e.hook
	e.mu.Unlock()
	if hook != nil {
		hook(ev)
	}
	select {
	case e.ch <- ev:
	default:
	}
}

func (e *events) list() []outbox.Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]outbox.Event(nil), e.all...)
}

func (e *events) count(f func(outbox.Event) bool) int {
	n := 0
	for _, ev := range e.list() {
		if f(ev) {
			n++
		}
	}
	return n
}

// env is a store, a sandbox and a worker configured for fast tests.
type env struct {
	t     testing.TB
	st    *store.Store
	p     *platform
	ev    *events
	opts  outbox.Options
	w     *outbox.Worker
	trans *countingTransport
}

func openStore(t testing.TB, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(dir, bytes.Repeat([]byte{5}, store.KeySize), store.Options{Actor: "test", Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func fastOptions(base string, trans *countingTransport, ev *events) outbox.Options {
	hc := &http.Client{Transport: trans, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return outbox.Options{
		Dialer:       outbox.Endpoints{Sandbox: base}.Dialer(client.Options{HTTPClient: hc, CallTimeout: 10 * time.Second}),
		OnEvent:      ev.on,
		Backoff:      outbox.Backoff{Base: 5 * time.Millisecond, Max: 100 * time.Millisecond},
		PollInterval: 10 * time.Millisecond,
		CallTimeout:  10 * time.Second,
		Concurrency:  8,
		Seed:         1,
		Logger:       quietLogger(),
	}
}

// importWith is the desktop layer's wiring of Options.ImportPreetabli: the
// month service of the same store.
func importWith(st *store.Store) func(string, string, []byte, domain.Period) (store.Preetabli, error) {
	return func(employerID, name string, raw []byte, p domain.Period) (store.Preetabli, error) {
		out, _, err := monthly.New(st, nil).ImportPreetabli(employerID, name, raw, &p)
		return out, err
	}
}

func newEnv(t testing.TB, seed *sandbox.Seed, faults sandbox.Faults) *env {
	t.Helper()
	p := startPlatform(t, seed, faults, nil)
	ev := newEvents()
	trans := &countingTransport{rt: newTransport()}
	e := &env{t: t, st: openStore(t, t.TempDir()), p: p, ev: ev, trans: trans}
	e.opts = fastOptions(p.base, trans, ev)
	e.opts.ImportPreetabli = importWith(e.st)
	e.w = outbox.New(e.st, e.opts)
	t.Cleanup(func() { e.w.Stop() })
	p.beforeDown = trans.closeIdle
	return e
}

// login logs the worker in (retrying the sandbox's injected failures).
func (e *env) login(w *outbox.Worker) {
	e.t.Helper()
	for i := 0; ; i++ {
		err := func() error {
			ch, err := w.Login(bg, domain.ProfileSandbox, fidLogin, fidPassword)
			if err != nil {
				return err
			}
			_, err = w.VerifyOTP(bg, domain.ProfileSandbox, ch.ChallengeID, e.p.otp(e.t, ch.ChallengeID))
			return err
		}()
		if err == nil {
			return
		}
		if !api.IsRetryable(err) || i == 100 {
			e.t.Fatalf("login: %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// employer creates test employer i in the store.
func (e *env) employer(i int) domain.Employer {
	e.t.Helper()
	er, err := e.st.Employers().Create(domain.Employer{Affiliation: affOf(i), Name: fmt.Sprintf("Société test %03d", i)})
	if err != nil {
		e.t.Fatal(err)
	}
	return er
}

// fetch downloads the préétabli of employer er through the worker.
func (e *env) fetch(w *outbox.Worker, er domain.Employer) store.Preetabli {
	e.t.Helper()
	for i := 0; ; i++ {
		pre, err := w.FetchPreetabli(bg, "", er.ID, period)
		if err == nil {
			return pre
		}
		if !api.IsRetryable(err) || i == 100 {
			e.t.Fatalf("FetchPreetabli: %v", err)
		}
	}
}

// buildDS builds a valid DS from a préétabli and stores it as ready.
func (e *env) declare(er domain.Employer, preRaw []byte, seed uint64) store.Declaration {
	e.t.Helper()
	pre, rep := declaration.ReadPreetabli(preRaw)
	if !rep.Valid() {
		e.t.Fatalf("préétabli: %v", rep.Findings)
	}
	rows, err := importer.ReadPayroll("paie.csv", bytes.NewReader(decltest.PayrollCSV(&pre.File, 1, seed)))
	if err != nil {
		e.t.Fatal(err)
	}
	res, err := declaration.Build(importer.DeclarationInput(pre, rows, func(l int) string { return fmt.Sprint("ligne ", l) }))
	if err != nil || res.Bytes == nil {
		e.t.Fatalf("build: %v", err)
	}
	return e.store(er, res, store.KindPrincipal)
}

// declareDSC builds a complementary declaration DSC<seq> of two registered entrants.
func (e *env) declareDSC(er domain.Employer, preRaw []byte, seq int) store.Declaration {
	e.t.Helper()
	pre, _ := declaration.ReadPreetabli(preRaw)
	in := declaration.Input{Preetabli: pre, Sequence: seq}
	for i := 0; i < 2; i++ {
		last, first := decltest.Name(i + 3)
		in.Entrants = append(in.Entrants, declaration.EntrantLine{Immat: decltest.Immat(70_000_000 + i*31 + seq), LastName: last, FirstName: first, Days: 20, Gross: 500000})
	}
	res, err := declaration.Build(in)
	if err != nil || res.Bytes == nil {
		e.t.Fatalf("build DSC: %v", err)
	}
	return e.store(er, res, store.KindComplementary)
}

func (e *env) store(er domain.Employer, res *declaration.Result, kind store.DeclKind) store.Declaration {
	e.t.Helper()
	d, err := e.st.Declarations().Create(store.Declaration{EmployerID: er.ID, Period: period, Kind: kind, Sequence: res.Sequence,
		Status: store.StatusReady, FileName: res.FileName, Bytes: res.Bytes})
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

// prepare makes n employers with a ready DS each (préétablis fetched
// through w, which must be logged in).
func (e *env) prepare(w *outbox.Worker, n int) []store.Declaration {
	e.t.Helper()
	out := make([]store.Declaration, n)
	for i := 0; i < n; i++ {
		er := e.employer(i)
		pre := e.fetch(w, er)
		out[i] = e.declare(er, pre.Raw, uint64(i+1))
	}
	return out
}

// waitFor waits until cond holds; the deadline only bounds a broken run.
func waitFor(t testing.TB, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s after %v", what, limit)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// subState returns the state of the latest submission of a declaration.
func subOf(t testing.TB, st *store.Store, declID string) store.Submission {
	t.Helper()
	subs, err := st.Submissions().ListByDeclaration(declID)
	if err != nil || len(subs) == 0 {
		t.Fatalf("submissions of %s: %v", declID, err)
	}
	return subs[len(subs)-1]
}

func allTerminal(t testing.TB, st *store.Store) func() bool {
	return func() bool {
		p, err := st.Submissions().ListPending()
		if err != nil {
			t.Fatal(err)
		}
		return len(p) == 0
	}
}

// wantMessages checks that a user-facing error has a real message in every language.
func wantMessages(t testing.TB, what string, m i18n.Text) {
	t.Helper()
	if m.FR == "" || m.AR == "" || m.EN == "" || m.AR == m.FR || m.EN == m.FR {
		t.Fatalf("%s: not translated: %+v", what, m)
	}
}

func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := i18n.Code(err); got != code {
		t.Fatalf("want %s, got %q (%v)", code, got, err)
	}
	var ue *i18n.Error
	if !errors.As(err, &ue) {
		t.Fatalf("not an *i18n.Error: %T", err)
	}
	wantMessages(t, code, i18n.Text{FR: ue.In(i18n.FR), AR: ue.In(i18n.AR), EN: ue.In(i18n.EN)})
}

// listDeposits lists the deposits of an affiliation on the platform with a
// fresh client (retrying injected failures).
func listDeposits(t testing.TB, c *client.Client, aff string) []api.Deposit {
	t.Helper()
	for i := 0; ; i++ {
		deps, err := c.ListDeposits(bg, aff, period)
		if err == nil {
			return deps
		}
		if !api.IsRetryable(err) || i == 200 {
			t.Fatalf("ListDeposits: %v", err)
		}
	}
}

// adminClient is a client of the platform logged in as the fiduciaire.
func (e *env) adminClient() *client.Client {
	e.t.Helper()
	c, err := client.New(e.p.base, client.Options{})
	if err != nil {
		e.t.Fatal(err)
	}
	for i := 0; ; i++ {
		ch, err := c.Login(bg, fidLogin, fidPassword)
		if err == nil {
			if _, err = c.VerifyOTP(bg, ch.ChallengeID, e.p.otp(e.t, ch.ChallengeID)); err == nil {
				return c
			}
		}
		if !api.IsRetryable(err) || i == 100 {
			e.t.Fatalf("admin login: %v", err)
		}
	}
}

func newTransport() *http.Transport { return &http.Transport{MaxIdleConnsPerHost: 16} }

// fakeClient is an outbox.Client answering fixed things.
type fakeClient struct {
	mu    sync.Mutex
	token string
	pre   []byte
}

func (f *fakeClient) Login(context.Context, string, string) (api.Challenge, error) {
	return api.Challenge{ChallengeID: "c"}, nil
}
func (f *fakeClient) VerifyOTP(context.Context, string, string) (api.Session, error) {
	return api.Session{AccessToken: "tok"}, nil
}
func (f *fakeClient) Token() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.token
}
func (f *fakeClient) SetToken(t string) {
	f.mu.Lock()
	f.token = t
	f.mu.Unlock()
}
func (f *fakeClient) Preetabli(context.Context, string, domain.Period) ([]byte, error) {
	return f.pre, nil
}
func (f *fakeClient) Deposit(context.Context, string, domain.Period, api.Kind, int, string, []byte) (api.DepositReceived, error) {
	return api.DepositReceived{}, &api.Error{Code: api.CodeInternal, Retryable: true}
}
func (f *fakeClient) GetDeposit(context.Context, string) (api.Deposit, error) {
	return api.Deposit{}, &api.Error{Code: api.CodeInternal, Retryable: true}
}

func fakePre(i int) []byte { return decltest.PreetabliBytes(affOf(i), period, 2, uint64(i+1)) }

// newWorker is a worker with e's options, stopped at the end of the test.
func newWorker(tb testing.TB, e *env) *outbox.Worker {
	w := outbox.New(e.st, e.opts)
	tb.Cleanup(w.Stop)
	return w
}
