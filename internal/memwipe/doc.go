// Package memwipe gives the memory that held an unlocked session back to
// the operating system after a lock (issue 12, "nothing to read after
// lock"): Release collects the Go heap twice (the second cycle frees what
// the first one's finalizers released), returns the freed spans to the OS
// (debug.FreeOSMemory: madvise(MADV_DONTNEED), the pages read back as
// zeros) and, in a Linux cgo build, asks glibc to give back the free pages
// of the C heap (malloc_trim(0)), where WebKit's UI-process side and GTK
// keep what they copied.
//
// What it cannot do: a freed object that shares a span (Go) or a page
// (malloc) with a live one keeps its bytes until that memory is reused;
// the Go runtime zeroes memory when it allocates it, not when it frees it.
// Memory still reachable (a cache, a buffer, a goroutine's stack) is not
// freed at all: the callers drop their references before calling Release.
//
// The package has no dependency on Wails or on the rest of the project; the
// headless CLI (CGO off) builds it without malloc_trim (trim_other.go).
package memwipe
