//go:build !linux || !cgo

package memwipe

const cTrim = false

// trimC does nothing: no C heap to trim in a CGO-off build, and malloc_trim
// is glibc's.
func trimC() {}
