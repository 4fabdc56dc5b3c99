//go:build unix

package declaration_test

import (
	"syscall"
	"testing"
	"time"
)

// processCPU is the CPU time (user + system, every thread, the garbage
// collector's included) the process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per iteration since start (as the cli
// package's benchmarks do): what the work costs, whatever the other
// processes of a loaded machine do to the wall time.
func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 && start > 0 {
		b.ReportMetric(float64((processCPU()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}
