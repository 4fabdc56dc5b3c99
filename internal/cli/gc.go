package cli

import "github.com/tasrih/tasrih/internal/cli/early"

// tuneGC is called by `declare` and `validate` before they read their
// inputs (input: their total size in bytes, early.InputSize): when
// Env.TuneGC is set (the real process, not the tests calling RunEnv), the
// collector is set for a one-shot command (early.TuneGC).
func (env *Env) tuneGC(input int64) {
	if env.TuneGC {
		early.TuneGC(input, env.Getenv)
	}
}
