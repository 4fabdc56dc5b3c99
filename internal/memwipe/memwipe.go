package memwipe

import (
	"runtime"
	"runtime/debug"
)

// Release frees the garbage of the Go heap, returns the freed spans to the
// operating system and trims the C heap where it can (see the package
// documentation). It blocks for a few garbage-collection cycles (a few
// milliseconds for the desktop's heap) and is safe for concurrent use.
func Release() {
	runtime.GC()
	runtime.GC()
	debug.FreeOSMemory()
	trimC()
}

// CTrimmed reports whether Release trims the C heap in this build (Linux
// with cgo).
func CTrimmed() bool { return cTrim }
