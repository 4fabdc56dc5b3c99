package cli

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/tasrih/tasrih/internal/cli/early"
)

// tuneGC turns the collector off (up to early.OneShotLimit) only for the real
// process (TuneGC), a small input, and a user who set neither GOGC nor
// GOMEMLIMIT; inputSize counts regular files and refuses to guess a pipe's.
func TestTuneGC(t *testing.T) {
	restore := func() {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}
	restore()
	t.Cleanup(restore)
	env := func(tune bool, vars map[string]string) *Env {
		return &Env{TuneGC: tune, Getenv: func(k string) string { return vars[k] }}
	}
	for _, c := range []struct {
		name  string
		env   *Env
		input int64
		off   bool
	}{
		{"process, small input", env(true, nil), 6 << 20, true},
		{"process, largest input", env(true, nil), early.OneShotInput, true},
		{"process, larger input", env(true, nil), early.OneShotInput + 1, false},
		{"tests (RunEnv)", env(false, nil), 1, false},
		{"GOGC set", env(true, map[string]string{"GOGC": "50"}), 1, false},
		{"GOMEMLIMIT set", env(true, map[string]string{"GOMEMLIMIT": "1GiB"}), 1, false},
	} {
		restore()
		c.env.tuneGC(c.input)
		pct, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
		if off := pct < 0; off != c.off || (off && limit != early.OneShotLimit) || (!off && (pct != 100 || limit != math.MaxInt64)) {
			t.Errorf("%s: GC percent %d, limit %d", c.name, pct, limit)
		}
	}

	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(a, make([]byte, 1000), 0o600)
	os.WriteFile(b, make([]byte, 234), 0o600)
	if n := early.InputSize(a, "", b, filepath.Join(dir, "missing")); n != 1234 {
		t.Errorf("inputSize = %d, want 1234", n)
	}
	if n := early.InputSize(a, os.DevNull); n <= early.OneShotInput {
		t.Errorf("inputSize with a device = %d, want more than %d", n, early.OneShotInput)
	}
}
