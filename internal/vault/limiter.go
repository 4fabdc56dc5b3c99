package vault

import (
	"errors"
	"sync"
	"time"
)

// Limiter slows down guessing: after FreeAttempts wrong secrets in a row,
// each further attempt must wait BaseDelay, doubled at every failure, up to
// MaxDelay. A success resets it. The zero value is ready to use (3 free
// attempts, then 1 s, 2 s, 4 s… up to 5 min). It is safe for concurrent use.
//
// It lives in memory: the UI service keeps one per vault. It slows a person
// at the keyboard or a script driving the UI; an attacker with a copy of
// vault.json is slowed by Argon2id instead.
type Limiter struct {
	FreeAttempts int
	BaseDelay    time.Duration
	MaxDelay     time.Duration
	Now          func() time.Time // nil: time.Now

	mu       sync.Mutex
	failures int
	next     time.Time
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
		base, ceiling := l.BaseDelay, l.MaxDelay
		if base <= 0 {
			base = time.Second
		}
		if ceiling <= 0 {
			ceiling = 5 * time.Minute
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
	return l.failures
}
