package vault

import (
	"testing"
	"time"
)

func TestParamsCheck(t *testing.T) {
	if FloorParams() != (Params{Time: 3, MemoryKiB: 64 * 1024, Threads: 4}) {
		t.Fatalf("floor %+v, security.md says t=3 m=64 MiB p=4", FloorParams())
	}
	if c := CeilingParams(); c.MemoryKiB > 1<<20 || c.Time > 1000 {
		t.Fatalf("ceiling %+v lets a tampered file ask for too much", c)
	}
	for _, tc := range []struct {
		p  Params
		ok bool
	}{
		{floor, true},
		{Params{Time: 8, MemoryKiB: 256 * 1024, Threads: 4}, true},
		{Params{Time: 100, MemoryKiB: 64 * 1024, Threads: 16}, true},
		{Params{Time: 2, MemoryKiB: 64 * 1024, Threads: 4}, false},
		{Params{Time: 3, MemoryKiB: 64*1024 - 1, Threads: 4}, false},
		{Params{Time: 3, MemoryKiB: 64 * 1024, Threads: 3}, false},
		{Params{Time: 101, MemoryKiB: 64 * 1024, Threads: 4}, false},
		{Params{Time: 1_000_000_000, MemoryKiB: 64 * 1024, Threads: 4}, false},
		{Params{Time: 3, MemoryKiB: 1 << 30, Threads: 4}, false}, // 1 TiB
		{Params{Time: 3, MemoryKiB: 512*1024 + 1, Threads: 4}, false},
		{Params{Time: 3, MemoryKiB: 64 * 1024, Threads: 17}, false},
		{Params{Time: 17, MemoryKiB: 512 * 1024, Threads: 4}, false}, // cost
		{Params{Time: 16, MemoryKiB: 512 * 1024, Threads: 4}, true},
		{Params{}, false},
	} {
		if err := tc.p.check(); (err == nil) != tc.ok {
			t.Errorf("%+v: %v", tc.p, err)
		} else if err != nil {
			wantCode(t, err, CodeKDFParams)
		}
	}
}

func TestCheapParamsOnlyInTests(t *testing.T) {
	if err := testParams.check(); err == nil {
		t.Fatal("testParams accepted without UseCheapKDFForTests")
	}
	t.Run("hooked", func(t *testing.T) {
		UseCheapKDFForTests(t)
		if err := testParams.check(); err != nil {
			t.Fatal(err)
		}
		if defaultParams() != testParams {
			t.Fatal("default params under the hook")
		}
	})
	if err := testParams.check(); err == nil {
		t.Fatal("the hook outlived its test")
	}
}

// TestCalibrateBounds checks Calibrate against its own promise on this
// machine: at least the floor, within the ceiling, and a target far below
// the floor's cost gives the floor.
func TestCalibrateBounds(t *testing.T) {
	if testing.Short() {
		t.Skip("calibration runs several 64 MiB Argon2id derivations")
	}
	if p := Calibrate(time.Millisecond); p != floor {
		t.Fatalf("Calibrate(1ms) = %+v, want the floor", p)
	}
	p := calibrated() // Calibrate(DefaultTarget), shared with the other tests
	if err := p.check(); err != nil {
		t.Fatalf("Calibrate = %+v: %v", p, err)
	}
	if p.MemoryKiB > calibrateMaxMemoryKiB || p.Threads != floor.Threads {
		t.Fatalf("Calibrate = %+v", p)
	}
	t.Logf("calibrated on this machine: t=%d m=%d MiB p=%d", p.Time, p.MemoryKiB/1024, p.Threads)
}

func TestScaleTime(t *testing.T) {
	for _, tc := range []struct {
		p      Params
		d      time.Duration
		target time.Duration
		want   uint32
	}{
		{floor, 100 * time.Millisecond, 750 * time.Millisecond, 22},
		{floor, 2 * time.Second, 750 * time.Millisecond, 3},                                   // never below the floor
		{floor, time.Millisecond, time.Hour, 100},                                             // nor above the ceiling
		{Params{Time: 3, MemoryKiB: 256 * 1024, Threads: 4}, time.Millisecond, time.Hour, 32}, // nor above the cost bound
	} {
		if got := scaleTime(tc.p, tc.d, tc.target); got != tc.want {
			t.Errorf("scaleTime(%+v, %v, %v) = %d, want %d", tc.p, tc.d, tc.target, got, tc.want)
		}
	}
}
