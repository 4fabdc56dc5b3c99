package vault

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/atomicfile"
)

// Limiter slows down guessing: after FreeAttempts wrong secrets in a row,
// each further attempt must wait BaseDelay, doubled at every failure, up to
// MaxDelay. A success resets it. The zero value is ready to use (3 free
// attempts, then 1 s, 2 s, 4 s… up to 5 min). It is safe for concurrent use.
//
// The UI service keeps one per vault; with Path set its state survives a
// restart of the app (the wait is not reset by closing the window). It slows
// a person at the keyboard or a script driving the UI; an attacker with a
// copy of vault.json (or who deletes the state file) is slowed by Argon2id
// instead.
type Limiter struct {
	FreeAttempts int
	BaseDelay    time.Duration
	MaxDelay     time.Duration
	Now          func() time.Time // nil: time.Now
	// Path, when set, is the file that keeps the failures and the end of the
	// wait (JSON, replaced atomically); a missing or unreadable file means no
	// failure. LimiterFile names the usual one.
	Path string

	mu       sync.Mutex
	loaded   bool
	failures int
	next     time.Time
}

// LimiterFile is the file of a data folder's unlock limiter.
func LimiterFile(dir string) string { return filepath.Join(dir, ".unlock-attempts.json") }

type limiterState struct {
	Failures int       `json:"failures"`
	Next     time.Time `json:"next"`
}

// load reads the state file once; l.mu is held.
func (l *Limiter) load() {
	if l.loaded || l.Path == "" {
		return
	}
	l.loaded = true
	b, err := os.ReadFile(l.Path)
	if err != nil || len(b) > 4096 {
		return
	}
	var st limiterState
	if json.Unmarshal(b, &st) != nil || st.Failures < 0 || st.Failures > 1<<20 {
		return
	}
	// A wait further than the ceiling is a clock change or a forged file.
	if ceil := l.now().Add(l.maxDelay()); st.Next.After(ceil) {
		st.Next = ceil
	}
	l.failures, l.next = st.Failures, st.Next
}

// save writes the state file (best effort: the limiter still works in
// memory if the folder is read-only); l.mu is held.
func (l *Limiter) save() {
	if l.Path == "" {
		return
	}
	if l.failures == 0 {
		os.Remove(l.Path)
		return
	}
	b, _ := json.Marshal(limiterState{Failures: l.failures, Next: l.next.UTC()})
	_ = atomicfile.WriteFile(l.Path, b, 0o600) // best effort: the wait still holds in memory
}

func (l *Limiter) maxDelay() time.Duration {
	if l.MaxDelay <= 0 {
		return 5 * time.Minute
	}
	return l.MaxDelay
}

func (l *Limiter) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// Wait returns how long until the next attempt is allowed (0: now).
func (l *Limiter) Wait() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.load()
	return max(l.next.Sub(l.now()), 0)
}

// Check returns nil if an attempt is allowed now, else vault.too_many_attempts
// (errors.Is ErrTooManyAttempts) saying how many seconds to wait.
func (l *Limiter) Check() error {
	if w := l.Wait(); w > 0 {
		return errTooManyAttempts(w)
	}
	return nil
}

// Record counts the outcome of an attempt: a wrong secret (ErrWrongSecret or
// ErrRecoveryFormat) is a failure, nil a success; other errors (keyring,
// I/O…) do not count.
func (l *Limiter) Record(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.load()
	defer l.save()
	switch {
	case err == nil:
		l.failures, l.next = 0, time.Time{}
	case errors.Is(err, ErrWrongSecret) || errors.Is(err, ErrRecoveryFormat):
		l.failures++
		free := l.FreeAttempts
		if free <= 0 {
			free = 3
		}
		if l.failures <= free {
			return
		}
		base, ceiling := l.BaseDelay, l.maxDelay()
		if base <= 0 {
			base = time.Second
		}
		d := base
		for i := free + 1; i < l.failures && d < ceiling; i++ {
			d *= 2
		}
		l.next = l.now().Add(min(d, ceiling))
	}
}

// Failures returns the number of wrong secrets in a row.
func (l *Limiter) Failures() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.load()
	return l.failures
}
