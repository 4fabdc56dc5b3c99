package vault

import "flag"

// TB is the part of testing.TB that UseCheapKDFForTests uses. Taking this
// interface rather than testing.TB keeps package testing out of the
// production binaries (internal/archtest checks it); every *testing.T,
// *testing.B and *testing.F satisfies it.
type TB interface {
	Helper()
	Cleanup(func())
}

// UseCheapKDFForTests makes Argon2id cheap for the rest of tb: new wraps use
// t=1, m=64 KiB, p=1 and vault.json files written with such parameters are
// accepted (down to t=1, m=8 KiB, p=1).
// It is for tests only — it panics outside a test binary (one where the
// testing package registered its -test.v flag) — so that no production path
// can weaken the key derivation by accident. Other packages' tests (CLI,
// app services) may call it too. The dev build's TASRIH_TEST_CHEAP_KDF does
// not use it (app.kdfParams: FloorParams).
func UseCheapKDFForTests(tb TB) {
	tb.Helper()
	if flag.Lookup("test.v") == nil {
		panic("vault: UseCheapKDFForTests called outside a test binary")
	}
	cheapKDF.Add(1)
	tb.Cleanup(func() { cheapKDF.Add(-1) })
}
