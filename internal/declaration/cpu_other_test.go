//go:build !unix

package declaration_test

import (
	"testing"
	"time"
)

// processCPU is unknown here: the benchmarks report no CPU time (0).
func processCPU() time.Duration { return 0 }

func reportCPU(*testing.B, time.Duration) {}
