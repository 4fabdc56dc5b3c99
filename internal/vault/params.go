package vault

import (
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/argon2"
)

// Params are Argon2id parameters. Memory is in KiB, as argon2.IDKey takes it.
type Params struct {
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
}

// IsZero reports whether p is the zero value ("choose for me").
func (p Params) IsZero() bool { return p == Params{} }

// floor is the weakest Argon2id setting accepted outside tests
// (security.md: t=3, m=64 MiB, p=4).
var floor = Params{Time: 3, MemoryKiB: 64 * 1024, Threads: 4}

// ceiling bounds what a vault.json may ask for, so that a tampered file
// cannot make us allocate gigabytes or compute for minutes.
var ceiling = Params{Time: 100, MemoryKiB: 512 * 1024, Threads: 16}

// FloorParams returns the weakest Argon2id parameters accepted (t=3,
// m=64 MiB, p=4), for new wraps and in vault.json alike.
func FloorParams() Params { return floor }

// CeilingParams returns the strongest Argon2id parameters accepted in
// vault.json (each field on its own; Time×MemoryKiB is bounded too, to
// 128 passes over 64 MiB).
func CeilingParams() Params { return ceiling }

// maxCost bounds Time×MemoryKiB (the memory passes a derivation makes):
// 128 passes over 64 MiB, a few seconds on a desktop.
const maxCost = 128 * 64 * 1024

// calibrateMaxMemoryKiB is the most memory Calibrate will pick.
const calibrateMaxMemoryKiB = 256 * 1024

// DefaultTarget is the time one passphrase derivation should take.
const DefaultTarget = 750 * time.Millisecond

// cheapKDF is set only by UseCheapKDFForTests (which refuses to run outside
// a test binary): it lowers the floor to testFloor and makes the default
// parameters testParams. floor, ceiling and these are unexported so that no
// other package can change them.
var cheapKDF atomic.Int32

// testParams are the cheap parameters used under UseCheapKDFForTests.
var testParams = Params{Time: 1, MemoryKiB: 64, Threads: 1}

var testFloor = Params{Time: 1, MemoryKiB: 8, Threads: 1}

func currentFloor() Params {
	if cheapKDF.Load() > 0 {
		return testFloor
	}
	return floor
}

// check validates p against the current floor and the ceiling.
func (p Params) check() error {
	f := currentFloor()
	switch {
	case p.Time < f.Time || p.Time > ceiling.Time:
		return errKDFParams("time %d outside [%d, %d]", p.Time, f.Time, ceiling.Time)
	case p.MemoryKiB < f.MemoryKiB || p.MemoryKiB > ceiling.MemoryKiB:
		return errKDFParams("memory %d KiB outside [%d, %d]", p.MemoryKiB, f.MemoryKiB, ceiling.MemoryKiB)
	case p.Threads < f.Threads || p.Threads > ceiling.Threads:
		return errKDFParams("threads %d outside [%d, %d]", p.Threads, f.Threads, ceiling.Threads)
	case p.MemoryKiB < 8*uint32(p.Threads):
		return errKDFParams("memory %d KiB below 8 KiB per thread", p.MemoryKiB)
	case uint64(p.Time)*uint64(p.MemoryKiB) > maxCost:
		return errKDFParams("time×memory %d above %d", uint64(p.Time)*uint64(p.MemoryKiB), maxCost)
	}
	return nil
}

// derive runs Argon2id; p must have passed check.
//
// The stack below the caller is wiped before and after: Argon2's initial
// BLAKE2b hash of the secret copies its state (which holds the secret) on
// the stack. Its heap state is beyond reach (freed unzeroed, reused later).
func (p Params) derive(secret, salt []byte) []byte {
	wipeStack()
	k := argon2.IDKey(secret, salt, p.Time, p.MemoryKiB, p.Threads, keySize)
	wipeStack()
	return k
}

// Calibrate picks Argon2id parameters for which one derivation takes about
// target on this machine (0.5–1 s for DefaultTarget), never below floor nor
// above the ceiling. It grows memory first (up to 256 MiB), then passes. It
// runs a few derivations to measure, so it takes about 1–2 × target.
func Calibrate(target time.Duration) Params {
	p := floor
	measure := func(p Params) time.Duration {
		salt := make([]byte, saltSize)
		start := time.Now()
		p.derive([]byte("tasrih calibration"), salt)
		return time.Since(start)
	}
	d := min(measure(p), measure(p)) // the first run also pays for fresh pages
	if d <= 0 {
		d = time.Millisecond
	}
	if d >= target {
		return p
	}
	for p.MemoryKiB*2 <= calibrateMaxMemoryKiB && 2*d <= target {
		p.MemoryKiB *= 2
		d *= 2
	}
	p.Time = scaleTime(p, d, target)
	// One check of the guess: memory does not scale linearly on every CPU.
	if d2 := measure(p); d2 > target*4/3 || d2 < target*2/3 {
		p.Time = scaleTime(p, max(d2, time.Millisecond), target)
	}
	return p
}

// scaleTime returns p.Time scaled by target/d, within the floor and the
// ceiling (maxCost included).
func scaleTime(p Params, d, target time.Duration) uint32 {
	t := uint64(float64(p.Time) * float64(target) / float64(d))
	t = max(t, uint64(floor.Time))
	t = min(t, uint64(ceiling.Time), maxCost/uint64(p.MemoryKiB))
	return uint32(t)
}

var calibrated = sync.OnceValue(func() Params { return Calibrate(DefaultTarget) })

// defaultParams are the parameters for a new wrap when Options.Params is
// zero: calibrated once per process (testParams under UseCheapKDFForTests).
func defaultParams() Params {
	if cheapKDF.Load() > 0 {
		return testParams
	}
	return calibrated()
}

// pick returns the parameters for a new wrap.
func (o Options) pick() (Params, error) {
	if o.Params.IsZero() {
		return defaultParams(), nil
	}
	if err := o.Params.check(); err != nil {
		return Params{}, err
	}
	return o.Params, nil
}
