package early

import (
	"math"
	"os"
	"runtime/debug"
)

// OneShotInput is the largest input (the files a command reads, together)
// for which a one-shot command runs without garbage collection: every
// declaration of up to ~60 000 lines. What such a command allocates stays
// well under OneShotLimit.
const OneShotInput = 16 << 20

// OneShotLimit is the memory at which the garbage collector starts anyway.
const OneShotLimit = 192 << 20

// TuneGC is what `declare` and `validate` do to the collector before they
// read their inputs (input: their total size in bytes, InputSize), in the
// real process only: a command that reads a few megabytes, works for some
// milliseconds and exits needs no collection, which would only compete
// with the work for the CPUs (the 10 000-line declare: ~15 ms of CPU less,
// the same peak RSS, ~32 MiB, since what is allocated is mostly what is
// kept). Above OneShotInput, or when the user set GOGC or GOMEMLIMIT
// (getenv), nothing changes; in any case the collector starts at
// OneShotLimit. Start calls it as soon as the program starts, so that the
// early reads run under the same setting; the command calls it again,
// which changes nothing.
func TuneGC(input int64, getenv func(string) string) {
	if input > OneShotInput || getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return // a limit was set otherwise
	}
	debug.SetMemoryLimit(OneShotLimit)
	debug.SetGCPercent(-1)
}

// InputSize is the total size of the files at paths ("" for none): a path
// that is not a regular file (a pipe, a device) counts as too large to
// tune for; one that cannot be read counts for nothing (its command
// reports it).
func InputSize(paths ...string) int64 {
	var n int64
	for _, p := range paths {
		if p == "" {
			continue
		}
		st, err := os.Stat(p)
		switch {
		case err != nil:
		case !st.Mode().IsRegular():
			return OneShotInput + 1
		default:
			n += st.Size()
		}
	}
	return n
}
