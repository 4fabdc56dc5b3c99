//go:build !unix

package importer

import "time"

func processCPU() time.Duration { return 0 }
