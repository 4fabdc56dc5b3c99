package vault

import (
	"sync"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// BenchmarkUnlockKeyring: the everyday unlock once the keyring has answered
// (go-keyring's mock: no D-Bus round trip) — unwrap, HKDF, header MAC.
func BenchmarkUnlockKeyring(b *testing.B) {
	gokeyring.MockInit()
	dir, u, _ := newTestVault(b, Options{})
	if err := u.Remember(bg); err != nil {
		b.Fatal(err)
	}
	v := mustOpen(b, dir, Options{})
	b.ReportAllocs()
	for b.Loop() {
		u, err := v.UnlockKeyring(bg)
		if err != nil {
			b.Fatal(err)
		}
		u.Lock()
	}
}

// BenchmarkOpen: reading and checking vault.json.
func BenchmarkOpen(b *testing.B) {
	dir, _, _ := newTestVault(b, Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Open(dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChangePassphrase: re-wrapping the data key and rewriting
// vault.json atomically (fsyncs included); the data is never touched.
// "cheap-kdf" shows the cost besides Argon2id, "floor" adds the Argon2id
// derivations at the floor (t=3, 64 MiB, p=4): the check of the current
// passphrase and the wrap under the new one.
func BenchmarkChangePassphrase(b *testing.B) {
	for _, bc := range []struct {
		name   string
		params Params
	}{{"cheap-kdf", testParams}, {"floor", floor}} {
		b.Run(bc.name, func(b *testing.B) {
			dir, _, code := newTestVault(b, Options{})
			u, err := mustOpen(b, dir, Options{Params: bc.params}).UnlockRecovery(code)
			if err != nil {
				b.Fatal(err)
			}
			pass := [2]string{testPass, testPass2}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if err := u.ChangePassphrase(pass[i%2], pass[(i+1)%2]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

var calibratedOnce = sync.OnceValues(func() (Params, time.Duration) {
	start := time.Now()
	p := Calibrate(DefaultTarget)
	return p, time.Since(start)
})

// BenchmarkArgon2idCalibrated: one passphrase derivation with the
// parameters Calibrate picks on this machine (target 0.5–1 s).
func BenchmarkArgon2idCalibrated(b *testing.B) {
	p, took := calibratedOnce()
	b.Logf("Calibrate(%v) = t=%d m=%d MiB p=%d, took %v", DefaultTarget, p.Time, p.MemoryKiB/1024, p.Threads, took)
	salt := randomBytes(saltSize)
	b.ReportAllocs()
	for b.Loop() {
		p.derive([]byte(testPass), salt)
	}
	b.ReportMetric(float64(p.Time), "t")
	b.ReportMetric(float64(p.MemoryKiB/1024), "MiB")
}

// BenchmarkArgon2idFloor: one derivation at the floor, for comparison.
func BenchmarkArgon2idFloor(b *testing.B) {
	salt := randomBytes(saltSize)
	b.ReportAllocs()
	for b.Loop() {
		floor.derive([]byte(testPass), salt)
	}
}

// BenchmarkCheckPassphrase: the live feedback runs on every keystroke.
func BenchmarkCheckPassphrase(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		CheckPassphrase("Le chat de Nadia mange du couscous à Casablanca 2026")
	}
}
