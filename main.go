// Command tasrih prepares, validates and submits Moroccan CNSS salary
// declarations. With no argument it opens the desktop application; with a
// subcommand (tasrih declare, validate, version, …) it runs the same engine
// headless, without a display and without touching GTK.
package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/wailsapp/wails/v2"

	"github.com/tasrih/tasrih/app"
	"github.com/tasrih/tasrih/internal/cli"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/vault"
)

// frontend/dist holds a committed placeholder so that this compiles (and
// go test ./... runs) before the frontend is built.
//
//go:embed all:frontend/dist
var dist embed.FS

//go:embed build/appicon.png
var icon []byte

func main() {
	if headless(os.Args[1:]) {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	if err := runDesktop(); err != nil {
		fmt.Fprintln(os.Stderr, "tasrih :", err)
		os.Exit(cli.ExitUsage)
	}
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

func runDesktop() error {
	if err := app.CheckDisplay(os.Getenv); err != nil {
		return err
	}
	// Not dumpable, no core file: the process holds keys and personal data.
	if err := vault.Harden(); err != nil {
		fmt.Fprintln(os.Stderr, "tasrih : durcissement du processus impossible :", err)
	}
	assets, err := fs.Sub(dist, "frontend/dist")
	if err != nil {
		return err
	}
	a, err := app.New(app.Config{Assets: assets, Icon: icon, Version: cli.Version})
	if err != nil {
		return err
	}
	// A second app on the same data folder: say so here; Wails' single-
	// instance lock then focuses the first window and exits (D-Bus on
	// Linux), or the window opens on a "store.locked" message.
	if err := a.Services.AcquireInstance(); err != nil {
		fmt.Fprintf(os.Stderr, "tasrih : %s (%s)\n", i18n.Message(err, i18n.FR), i18n.Code(err))
	}
	return wails.Run(a.Options())
}
