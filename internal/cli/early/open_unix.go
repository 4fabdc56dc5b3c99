//go:build unix

package early

import "syscall"

// openNoWait keeps the open of a path that became a pipe from waiting for a
// writer.
const openNoWait = syscall.O_NONBLOCK
