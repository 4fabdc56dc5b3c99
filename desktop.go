//go:build !headless

package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"

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

// runDesktop opens the window and returns the process exit status.
func runDesktop() int {
	if err := openWindow(); err != nil {
		fmt.Fprintln(os.Stderr, "tasrih :", err)
		return cli.ExitUsage
	}
	return cli.ExitOK
}

func openWindow() error {
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
