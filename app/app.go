package app

import (
	"errors"
	"io/fs"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
)

// Window geometry. The minimum keeps a declaration table with its side panel
// readable on a 1366×768 laptop.
const (
	Title     = "Tasrih"
	Width     = 1200
	Height    = 800
	MinWidth  = 960
	MinHeight = 640
)

// Config is what main hands over: the built frontend and facts about the binary.
type Config struct {
	// Assets is the built frontend, with index.html at its root.
	Assets fs.FS
	// Icon is the PNG application icon (used by the Linux window manager).
	Icon []byte
	// Version is the release version set at build time.
	Version string
}

// ErrNoAssets is returned by Options without assets. (A binary compiled before
// the frontend was built has assets without index.html; Wails itself stops
// with "no `index.html` could be found" then. The check cannot live here,
// because Wails' binding generator runs this code before any frontend build.)
var ErrNoAssets = errors.New("app: no frontend assets")

// Options returns the Wails options of the desktop window with every service
// bound. Devtools and the browser context menu are off in production builds
// (Wails ignores Debug there).
func Options(cfg Config) (*options.App, error) {
	if cfg.Assets == nil {
		return nil, ErrNoAssets
	}
	system := NewSystem(cfg.Version)
	return &options.App{
		Title:     Title,
		Width:     Width,
		Height:    Height,
		MinWidth:  MinWidth,
		MinHeight: MinHeight,
		// Matches the page background, so there is no flash while the page loads.
		BackgroundColour: options.NewRGB(0xf6, 0xf7, 0xf9),
		AssetServer:      &assetserver.Options{Assets: cfg.Assets},
		Bind:             []any{system},
		EnumBind:         []any{Langs},
		ErrorFormatter:   FormatError,
		// A file dropped on the page must not make the web view navigate away
		// to file://…; file drops are handled explicitly where needed.
		DragAndDrop: &options.DragAndDrop{DisableWebViewDrop: true},
		Linux: &linux.Options{
			Icon:        cfg.Icon,
			ProgramName: "tasrih",
			// Wails' own default when Linux is nil: software rendering avoids
			// blank windows with some GPU drivers and under Xvfb.
			WebviewGpuPolicy: linux.WebviewGpuPolicyNever,
		},
	}, nil
}
