package cli

import (
	"math"
	"os"
	"runtime/debug"
)

// oneShotInput is the largest input (the files a command reads, together)
// for which a one-shot command runs without garbage collection: every
// declaration of up to ~60 000 lines. What such a command allocates stays
// well under oneShotLimit.
const oneShotInput = 16 << 20

// oneShotLimit is the memory at which the garbage collector starts anyway.
const oneShotLimit = 192 << 20

// tuneGC is called by `declare` and `validate` before they read their
// inputs (input: their total size in bytes, inputSize) when Env.TuneGC is set (the real
// process, not the tests calling RunEnv): a command that reads a few
// megabytes, works for some milliseconds and exits needs no collection,
// which would only compete with the work for the CPUs (the 10 000-line
// declare: ~15 ms of CPU less, the same peak RSS, ~32 MiB, since what is
// allocated is mostly what is kept). Above oneShotInput, or when the user
// set GOGC or GOMEMLIMIT, nothing changes; in any case the collector
// starts at oneShotLimit.
func (env *Env) tuneGC(input int64) {
	if !env.TuneGC || input > oneShotInput || env.Getenv("GOGC") != "" || env.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return // a limit was set otherwise
	}
	debug.SetMemoryLimit(oneShotLimit)
	debug.SetGCPercent(-1)
}

// inputSize is the total size of the files at paths ("" for none): a path
// that is not a regular file (a pipe, a device) counts as too large to
// tune for; one that cannot be read counts for nothing (its command
// reports it).
func inputSize(paths ...string) int64 {
	var n int64
	for _, p := range paths {
		if p == "" {
			continue
		}
		st, err := os.Stat(p)
		switch {
		case err != nil:
		case !st.Mode().IsRegular():
			return oneShotInput + 1
		default:
			n += st.Size()
		}
	}
	return n
}
