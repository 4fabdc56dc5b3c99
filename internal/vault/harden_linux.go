//go:build linux

package vault

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// Harden makes the process harder to read from outside: not dumpable (no
// core file, no ptrace attach or /proc/PID/mem by other processes of the same
// user) and a core-file size limit of 0. Call it first thing in main for the
// desktop app and the commands that unlock a vault.
func Harden() error {
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0); err != nil {
		return fmt.Errorf("vault: prctl(PR_SET_DUMPABLE, 0): %w", err)
	}
	if err := unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{Cur: 0, Max: 0}); err != nil {
		return fmt.Errorf("vault: setrlimit(RLIMIT_CORE, 0): %w", err)
	}
	return nil
}
