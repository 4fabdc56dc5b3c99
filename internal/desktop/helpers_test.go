package desktop

import (
	"encoding/json"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/keyring/keyringtest"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/vault"
)

const testPassphrase = "Verger-Anis-Marteau-42"

// recorder keeps the events a Core emits.
type recorder struct {
	mu     sync.Mutex
	events []event
	notify chan struct{}
}

type event struct {
	name string
	data any
}

func newRecorder() *recorder { return &recorder{notify: make(chan struct{}, 1)} }

func (r *recorder) emit(name string, data any) {
	r.mu.Lock()
	r.events = append(r.events, event{name, data})
	r.mu.Unlock()
	select {
	case r.notify <- struct{}{}:
	default:
	}
}

// named returns the payloads of the events called name.
func (r *recorder) named(name string) []any {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []any
	for _, e := range r.events {
		if e.name == name {
			out = append(out, e.data)
		}
	}
	return out
}

// waitFor waits until cond holds, re-checking after each event and at least
// every 20 ms; it fails the test after d (a deadline for asynchronous work,
// never an assertion on speed).
func (r *recorder) waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		select {
		case <-r.notify:
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// fakeTimers replaces time.AfterFunc for the idle timer.
type fakeTimers struct {
	mu     sync.Mutex
	timers []*fakeTimer
}

type fakeTimer struct {
	d       time.Duration
	f       func()
	stopped bool
}

func (t *fakeTimer) Stop() bool {
	was := !t.stopped
	t.stopped = true
	return was
}

func (ft *fakeTimers) after(d time.Duration, f func()) Timer {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	t := &fakeTimer{d: d, f: f}
	ft.timers = append(ft.timers, t)
	return t
}

// fire runs the latest timer that was not stopped; it reports whether there
// was one.
func (ft *fakeTimers) fire() bool {
	ft.mu.Lock()
	var t *fakeTimer
	for i := len(ft.timers) - 1; i >= 0; i-- {
		if !ft.timers[i].stopped {
			t = ft.timers[i]
			break
		}
	}
	ft.mu.Unlock()
	if t == nil {
		return false
	}
	t.stopped = true
	t.f()
	return true
}

func (ft *fakeTimers) last() *fakeTimer {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	if len(ft.timers) == 0 {
		return nil
	}
	return ft.timers[len(ft.timers)-1]
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

type env struct {
	core   *Core
	rec    *recorder
	timers *fakeTimers
	kr     *keyringtest.Fake
	dir    string
}

// newEnv returns a locked Core on a fresh data folder, with cheap Argon2id, an
// in-memory keyring, fake idle timers, a fast embedded sandbox (demo accounts,
// processing after 100 ms) and a fast outbox.
func newEnv(t *testing.T, mod ...func(*Options)) *env {
	t.Helper()
	vault.UseCheapKDFForTests(t)
	e := &env{rec: newRecorder(), timers: &fakeTimers{}, kr: keyringtest.New(), dir: t.TempDir()}
	seed := sandbox.DemoSeed()
	seed.ProcessingDelay = 100 * time.Millisecond
	opts := Options{
		Dir: e.dir, Vault: vault.Options{Keyring: e.kr, KeyringTimeout: time.Second}, Emit: e.rec.emit,
		AfterFunc: e.timers.after, Logger: quiet(), Getenv: func(string) string { return "" },
		SandboxSeed: seed, Keyring: e.kr,
		Outbox: outbox.Options{PollInterval: 50 * time.Millisecond, Backoff: outbox.Backoff{Base: 20 * time.Millisecond, Max: 200 * time.Millisecond}},
	}
	opts.Store.Actor = "test"
	for _, m := range mod {
		m(&opts)
	}
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	e.core = c
	return e
}

// session runs fn with the unlocked session or fails the test.
func (e *env) session(t testing.TB, fn func(s *Session)) {
	t.Helper()
	if err := e.core.Use(func(s *Session) error { fn(s); return nil }); err != nil {
		t.Fatal(err)
	}
}

// testPeriod is a month the sandbox publishes: the one before the current
// month.
func testPeriod() domain.Period { return domain.DateOf(time.Now()).Period().Prev() }

func toJSON(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
