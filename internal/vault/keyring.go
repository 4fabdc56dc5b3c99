package vault

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// KeyringService is the service name of every secret Tasrih puts in the OS
// keyring; the user name is the vault id.
const KeyringService = "tasrih"

// DefaultKeyringTimeout bounds every keyring call: on a headless Linux a
// Secret Service call can block for minutes.
const DefaultKeyringTimeout = 3 * time.Second

// Keyring is the OS keyring as this package uses it (the shape of
// github.com/zalando/go-keyring). Any error, a missing secret included, is
// treated as "keyring unavailable"; tests inject slow or broken ones.
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// OSKeyring is the system keyring through go-keyring: Secret Service on
// Linux, Keychain on macOS, Credential Manager on Windows. Its calls are
// unbounded; this package always calls it through a timeout.
type OSKeyring struct{}

var _ Keyring = OSKeyring{}

// Get implements Keyring.
func (OSKeyring) Get(service, user string) (string, error) { return gokeyring.Get(service, user) }

// Set implements Keyring.
func (OSKeyring) Set(service, user, secret string) error {
	return gokeyring.Set(service, user, secret)
}

// Delete implements Keyring.
func (OSKeyring) Delete(service, user string) error { return gokeyring.Delete(service, user) }

// errKeyringTimeout is the cause of a keyring.unavailable error after a
// timeout.
var errKeyringTimeout = errors.New("keyring call timed out")

// keyringCall runs f with a timeout and the context's deadline and returns
// the cause of a failure as is (the caller turns it into the right
// keyring.unavailable message). On timeout the goroutine is abandoned
// (go-keyring calls cannot be cancelled); it ends when the call returns, its
// result thrown away.
func keyringCall[T any](ctx context.Context, timeout time.Duration, f func() (T, error)) (T, error) {
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
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
				ch <- result{zero, fmt.Errorf("keyring call panicked: %v", r)}
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
		return zero, fmt.Errorf("%w after %v", errKeyringTimeout, timeout)
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

// kekPrefix marks the secret Tasrih stores (so that a foreign value under
// the same name is recognised as such).
// decodeKEK's errors are causes for errKeyringUnavailable.
const kekPrefix = "tasrih-kek-v1:"

var errNotOurs = errors.New("keyring entry is not a Tasrih key")

func encodeKEK(kek []byte) string { return kekPrefix + base64.RawStdEncoding.EncodeToString(kek) }

func decodeKEK(s string) ([]byte, error) {
	rest, ok := strings.CutPrefix(s, kekPrefix)
	if !ok || len(rest) != base64.RawStdEncoding.EncodedLen(keySize) {
		return nil, errNotOurs
	}
	kek, err := base64.RawStdEncoding.DecodeString(rest)
	if err != nil || len(kek) != keySize {
		return nil, errNotOurs
	}
	return kek, nil
}
