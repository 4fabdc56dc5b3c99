package vault

import "testing"

// UseCheapKDFForTests makes Argon2id cheap for the rest of tb: new wraps use
// t=1, m=64 KiB, p=1 and vault.json files written with such parameters are
// accepted (down to t=1, m=8 KiB, p=1).
// It is for tests only — it panics outside a test binary — so that no
// production path can weaken the key derivation by accident. Other packages'
// tests (CLI, app services) may call it too.
func UseCheapKDFForTests(tb testing.TB) {
	tb.Helper()
	if !testing.Testing() {
		panic("vault: UseCheapKDFForTests called outside a test binary")
	}
	cheapKDF.Add(1)
	tb.Cleanup(func() { cheapKDF.Add(-1) })
}
