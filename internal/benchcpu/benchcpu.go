// Package benchcpu reports the CPU time a benchmark's iterations cost, next
// to Go's wall time: on a loaded machine (other processes, other tests) the
// wall time of a benchmark says more about the load than about the code,
// while the CPU time (user + system, every thread, the garbage collector's
// included) stays what the work costs. Used by the engine's benchmarks
// (internal/cli, internal/declaration, internal/importer).
package benchcpu

import (
	"testing"
	"time"
)

// Meter is the process's CPU time when a measurement started.
type Meter struct{ start time.Duration }

// Start starts a measurement; call it right before the benchmark's loop.
func Start() Meter { return Meter{start: processCPU()} }

// Report reports the CPU time per iteration since Start as "cpu-ms/op"
// (nothing where the platform does not tell the process's CPU time).
func (m Meter) Report(b *testing.B) {
	now := processCPU()
	if b.N > 0 && now > 0 {
		b.ReportMetric(float64((now-m.start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}
