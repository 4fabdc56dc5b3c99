package vault

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/keyring"
)

// KeyringService is the service name of every secret Tasrih puts in the OS
// keyring; the user name is the vault id.
const KeyringService = "tasrih"

// DefaultKeyringTimeout bounds every keyring call: on a headless Linux a
// Secret Service call can block for minutes.
const DefaultKeyringTimeout = keyring.DefaultTimeout

// Keyring is the OS keyring as this package uses it (internal/keyring, the
// shape of github.com/zalando/go-keyring). Any error, a missing secret
// included, is treated as "keyring unavailable"; tests inject slow or broken
// ones.
type Keyring = keyring.Keyring

// OSKeyring is the system keyring through go-keyring (internal/keyring.OS).
// Its calls are unbounded; this package always calls it through a timeout.
type OSKeyring = keyring.OS

// errKeyringTimeout is the cause of a keyring.unavailable error after a
// timeout.
var errKeyringTimeout = keyring.ErrTimeout

// keyringCall runs f with a timeout and the context's deadline and returns
// the cause of a failure as is (the caller turns it into the right
// keyring.unavailable message); see keyring.Call, the one implementation
// shared with the platform credentials.
func keyringCall[T any](ctx context.Context, timeout time.Duration, f func() (T, error)) (T, error) {
	return keyring.Call(ctx, timeout, f)
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
