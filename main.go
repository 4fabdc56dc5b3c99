// Command tasrih prepares, validates and submits Moroccan CNSS salary
// declarations. With no argument it opens the desktop application; with a
// subcommand (tasrih declare, validate, version, …) it runs the same engine
// headless, without a display and without touching GTK.
//
// Built with the "headless" tag (make build-cli, CGO off), the same main
// package is tasrih-cli: the same subcommands, no Wails, GTK or WebKit linked,
// a static binary for scripts and servers (desktop.go / headless.go).
package main

import (
	"context"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/tasrih/tasrih/internal/cli"
)

func main() {
	if headless(os.Args[1:]) {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(runDesktop())
}

// headless reports whether args (without the program name) ask for the
// command-line interface: a known subcommand, or any other word that is not a
// flag, so that a mistyped command in a script gets "unknown command" from the
// CLI instead of trying to open a window. Flags ("-assetdir", macOS "-psn_…")
// and no argument at all mean the desktop window.
func headless(args []string) bool {
	if len(args) == 0 {
		return false
	}
	return cli.IsCommand(args[0]) || !strings.HasPrefix(args[0], "-")
}
