package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/importer"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
)

// fakeClock is a test clock moved by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// The period the tests declare (the clock is in March 2026).
var testPeriod = domain.NewPeriod(2026, 2)

var testKey = bytes.Repeat([]byte{7}, KeySize)

// syncBuffer collects the server's log.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type env struct {
	srv  *Server
	base string
	c    *client.Client
	log  *syncBuffer
	opt  Options

	mu   sync.Mutex
	sent []InboxMessage // every code sent (OnOTP), newest last
}

// testInboxToken opens the HTTP inbox of the test sandboxes.
const testInboxToken = "0123456789abcdef0123456789abcdef"

// lastSent returns the last code sent to login, live or not (the inbox
// shows live codes only).
func (e *env) lastSent(t testing.TB, login string) string {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	for i := len(e.sent) - 1; i >= 0; i-- {
		if e.sent[i].Login == login {
			return e.sent[i].Code
		}
	}
	t.Fatalf("no code sent to %s", login)
	return ""
}

// start runs a sandbox on 127.0.0.1:0 with the demo seed (processing delay
// 2 s) and a fake clock, unless opts say otherwise.
func start(t testing.TB, opts Options) *env {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	if opts.Key == nil {
		opts.Key = testKey
	}
	if opts.Now == nil {
		opts.Now = newClock().Now
	}
	if opts.RNGSeed == 0 {
		opts.RNGSeed = 42
	}
	if opts.InboxToken == "" {
		opts.InboxToken = testInboxToken
	}
	e := &env{}
	if opts.OnOTP == nil {
		opts.OnOTP = func(m InboxMessage) {
			e.mu.Lock()
			e.sent = append(e.sent, m)
			e.mu.Unlock()
		}
	}
	lb := &syncBuffer{}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(lb, nil))
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	base, err := srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	c, err := client.New(base, client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e.srv, e.base, e.c, e.log, e.opt = srv, base, c, lb, opts
	return e
}

// inbox reads the sandbox inbox over HTTP.
func (e *env) inbox(t testing.TB, login string) []InboxMessage {
	t.Helper()
	req, _ := http.NewRequest("GET", e.base+"/sandbox/v1/inbox?login="+url.QueryEscape(login), nil)
	req.Header.Set("Authorization", "Bearer "+testInboxToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var msgs []InboxMessage
	if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&msgs) != nil {
		t.Fatalf("inbox: HTTP %d", resp.StatusCode)
	}
	return msgs
}

// login logs in with the OTP read from the inbox.
func (e *env) login(t testing.TB, login, password string) api.Session {
	t.Helper()
	ctx := context.Background()
	ch, err := e.c.Login(ctx, login, password)
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	msgs := e.inbox(t, login)
	if len(msgs) == 0 || msgs[0].ChallengeID != ch.ChallengeID {
		t.Fatalf("no OTP in the inbox for the challenge")
	}
	s, err := e.c.VerifyOTP(ctx, ch.ChallengeID, msgs[0].Code)
	if err != nil {
		t.Fatalf("otp: %v", err)
	}
	return s
}

// buildDS builds a valid DS from a préétabli with a decltest payroll
// (leavers, unpaid leave, `entrants` entrants).
func buildDS(t testing.TB, preRaw []byte, entrants int, seed uint64) *declaration.Result {
	t.Helper()
	pre, rep := declaration.ReadPreetabli(preRaw)
	if !rep.Valid() {
		t.Fatalf("préétabli: %v", rep.Findings)
	}
	csv := decltest.PayrollCSV(&pre.File, entrants, seed)
	rows, err := importer.ReadPayroll("paie.csv", bytes.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	in := importer.DeclarationInput(pre, rows, func(l int) string { return fmt.Sprint("ligne ", l) })
	res, err := declaration.Build(in)
	if err != nil || res.Bytes == nil {
		t.Fatalf("build: %v %v", err, res.Report.Findings)
	}
	return res
}

// buildDSC builds a complementary declaration DSC<seq> of n registered entrants.
func buildDSC(t testing.TB, preRaw []byte, seq, n int) *declaration.Result {
	t.Helper()
	pre, _ := declaration.ReadPreetabli(preRaw)
	in := declaration.Input{Preetabli: pre, Sequence: seq}
	for i := 0; i < n; i++ {
		last, first := decltest.Name(i + 3)
		in.Entrants = append(in.Entrants, declaration.EntrantLine{Immat: decltest.Immat(70_000_000 + i*31 + seq), LastName: last, FirstName: first, Days: 20, Gross: 500000})
	}
	res, err := declaration.Build(in)
	if err != nil || res.Bytes == nil {
		t.Fatalf("build DSC: %v %v", err, res.Report.Findings)
	}
	return res
}

func newKey() string { return uuid.NewString() }

// rawCall sends one request and returns the status and the strictly decoded
// error code ("" for a 2xx).
func rawCall(t testing.TB, method, u string, h http.Header, body []byte) (int, api.Code, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(method, u, bytes.NewReader(body))
	if strings.Contains(u, "/v1/auth/") {
		req.Header.Set("Content-Type", "application/json") // unless h says otherwise
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 300 {
		return resp.StatusCode, "", resp.Header
	}
	var eb api.ErrorBody
	dec := json.NewDecoder(resp.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&eb); err != nil {
		t.Fatalf("%s %s: HTTP %d with a non-JSON error body", method, u, resp.StatusCode)
	}
	if eb.Error.Code.HTTPStatus() != resp.StatusCode {
		t.Fatalf("%s %s: code %s with status %d", method, u, eb.Error.Code, resp.StatusCode)
	}
	return resp.StatusCode, eb.Error.Code, resp.Header
}

type badgerTxn = badger.Txn

var (
	osStat      = os.Stat
	osWriteFile = os.WriteFile
)
