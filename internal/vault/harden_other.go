//go:build !linux

package vault

// Harden is a no-op outside Linux (Windows and macOS do not write core files
// of GUI applications by default).
func Harden() error { return nil }
