//go:build !unix

package benchcpu

import "time"

// processCPU is unknown here: the benchmarks report no CPU time (0).
func processCPU() time.Duration { return 0 }
