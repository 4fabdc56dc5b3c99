// Package keyring is Tasrih's one way to the OS keyring (Secret Service on
// Linux, Keychain on macOS, Credential Manager on Windows, through
// github.com/zalando/go-keyring), shared by the vault (its key-encryption
// key) and the platform credentials (login passwords).
//
// Only those two kinds of secrets go there — never personal data.
//
// Every call is bounded (security.md, "OS keyring"): on a headless Linux a
// Secret Service call can block for minutes, so Call and Bounded give up
// after a timeout (DefaultTimeout, ~3 s) or when the context ends, abandoning
// the blocked call (go-keyring calls cannot be cancelled; the goroutine ends
// when the call returns and its result is thrown away).
//
// Unavailable semantics: a timeout, a cancelled context, "no Secret Service",
// a panic inside the provider and a missing entry all mean "the keyring
// cannot give this secret": the caller asks the user instead and says so, and
// never falls back to a plaintext file. Bounded wraps every failure with
// ErrUnavailable (and keeps the cause: ErrTimeout, ErrNotFound,
// context.Canceled… are reachable with errors.Is).
//
// Tests inject a Keyring (package keyringtest has an in-memory fake that can
// fail or block) or call go-keyring's MockInit through MockInit.
package keyring
