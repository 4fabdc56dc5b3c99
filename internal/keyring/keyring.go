package keyring

import (
	"context"
	"errors"
	"fmt"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// DefaultTimeout bounds every keyring call when no other timeout is given.
const DefaultTimeout = 3 * time.Second

// Keyring is the OS keyring as Tasrih uses it (the shape of
// github.com/zalando/go-keyring). Implementations may block; callers go
// through Call or Bounded.
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// OS is the system keyring through go-keyring. Its calls are unbounded: use
// it through Bounded (or Call).
type OS struct{}

var _ Keyring = OS{}

// Get implements Keyring.
func (OS) Get(service, user string) (string, error) { return gokeyring.Get(service, user) }

// Set implements Keyring.
func (OS) Set(service, user, secret string) error { return gokeyring.Set(service, user, secret) }

// Delete implements Keyring.
func (OS) Delete(service, user string) error { return gokeyring.Delete(service, user) }

// MockInit replaces the OS keyring of the whole process by go-keyring's
// in-memory mock (tests only; it cannot be undone).
func MockInit() { gokeyring.MockInit() }

// MockInitWithError makes every call of the OS keyring fail with err (tests only).
func MockInitWithError(err error) { gokeyring.MockInitWithError(err) }

// Sentinel causes.
var (
	// ErrUnavailable wraps every failure of Bounded: the keyring cannot give
	// or keep this secret now (timeout, no service, missing entry…).
	ErrUnavailable = errors.New("keyring unavailable")
	// ErrTimeout is the cause after the timeout elapsed.
	ErrTimeout = errors.New("keyring call timed out")
	// ErrNotFound is go-keyring's "secret not found"; fakes return it too.
	ErrNotFound = gokeyring.ErrNotFound
	// ErrPanic is the cause when the provider panicked.
	ErrPanic = errors.New("keyring call panicked")
)

// Call runs f under timeout (DefaultTimeout when ≤ 0) and ctx, and returns
// f's result or the cause of the failure as is: ErrTimeout (wrapped with the
// duration), ctx.Err(), ErrPanic, or f's own error. On timeout or
// cancellation the goroutine running f is abandoned; it ends when f returns.
func Call[T any](ctx context.Context, timeout time.Duration, f func() (T, error)) (T, error) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1) // buffered: a late call never blocks
	go func() {
		defer func() {
			if r := recover(); r != nil {
				var zero T
				ch <- result{zero, fmt.Errorf("%w: %v", ErrPanic, r)}
			}
		}()
		v, err := f()
		ch <- result{v, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var zero T
	select {
	case r := <-ch:
		return r.v, r.err
	case <-timer.C:
		return zero, fmt.Errorf("%w after %v", ErrTimeout, timeout)
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

// Bounded is a Keyring whose every call runs under a timeout and a context,
// and whose every failure wraps ErrUnavailable. The zero value uses the OS
// keyring and DefaultTimeout. It is safe for concurrent use when K is.
type Bounded struct {
	K       Keyring       // nil: OS
	Timeout time.Duration // ≤ 0: DefaultTimeout
}

// New returns a Bounded over k (nil: the OS keyring) with timeout (≤ 0: DefaultTimeout).
func New(k Keyring, timeout time.Duration) Bounded { return Bounded{K: k, Timeout: timeout} }

func (b Bounded) keyring() Keyring {
	if b.K == nil {
		return OS{}
	}
	return b.K
}

func unavailable(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrUnavailable, err)
}

// Get returns the secret of service and user. A missing entry is an error
// that is both ErrUnavailable and ErrNotFound.
func (b Bounded) Get(ctx context.Context, service, user string) (string, error) {
	k := b.keyring()
	s, err := Call(ctx, b.Timeout, func() (string, error) { return k.Get(service, user) })
	return s, unavailable(err)
}

// Set stores secret under service and user (replacing any previous one).
func (b Bounded) Set(ctx context.Context, service, user, secret string) error {
	k := b.keyring()
	_, err := Call(ctx, b.Timeout, func() (struct{}, error) { return struct{}{}, k.Set(service, user, secret) })
	return unavailable(err)
}

// Delete removes the secret of service and user. Deleting a missing entry is
// not an error.
func (b Bounded) Delete(ctx context.Context, service, user string) error {
	k := b.keyring()
	_, err := Call(ctx, b.Timeout, func() (struct{}, error) { return struct{}{}, k.Delete(service, user) })
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return unavailable(err)
}

// IsNotFound reports whether err says the keyring has no such entry (as
// opposed to a keyring that does not answer).
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
