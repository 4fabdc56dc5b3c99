//go:build headless

package main

import (
	"os"

	"github.com/tasrih/tasrih/internal/cli"
)

// runDesktop, in the headless build (tasrih-cli), has no window to open: it
// prints the command list on stderr and returns the usage status.
func runDesktop() int {
	cli.NoDesktop(os.Stderr)
	return cli.ExitUsage
}
