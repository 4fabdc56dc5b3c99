package app

import (
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"time"

	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/keyring"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/vault"
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

	// DataDir is the data folder; "" means $TASRIH_DATA, else the OS default.
	DataDir string
	// Getenv reads the environment (nil: os.Getenv).
	Getenv func(string) string
	// Stderr receives the screen= lines and startup messages (nil: os.Stderr).
	Stderr io.Writer
	// Logger receives internal failures, ids and codes only (nil: warnings
	// and errors to Stderr).
	Logger *slog.Logger

	// The rest is for tests: the vault's options (keyring, KDF), the idle
	// timer, the clock, the embedded sandbox and the outbox tuning, the
	// keyring of platform passwords.
	Vault       vault.Options
	AfterFunc   desktop.AfterFunc
	Now         func() time.Time
	NoSandbox   bool
	SandboxSeed *sandbox.Seed
	Outbox      outbox.Options
	Keyring     keyring.Keyring
}

// App is the desktop application: its services and the Wails options that
// bind them.
type App struct {
	Services *Services
	opts     *options.App
}

// Options returns the Wails options of the window.
func (a *App) Options() *options.App { return a.opts }

// ErrNoAssets is returned by Options without assets. (A binary compiled before
// the frontend was built has assets without index.html; Wails itself stops
// with "no `index.html` could be found" then. The check cannot live here,
// because Wails' binding generator runs this code before any frontend build.)
var ErrNoAssets = errors.New("app: no frontend assets")

// Options returns the Wails options of the desktop window with every service
// bound. Devtools and the browser context menu are off in production builds
// (Wails ignores Debug there).
func Options(cfg Config) (*options.App, error) {
	a, err := New(cfg)
	if err != nil {
		return nil, err
	}
	return a.opts, nil
}

// New builds the services of the data folder and the Wails options that bind
// them. It does not touch the disk; main calls Services.AcquireInstance
// before running the window.
func New(cfg Config) (*App, error) {
	if cfg.Assets == nil {
		return nil, ErrNoAssets
	}
	shell := &wailsShell{}
	svc, err := newServices(cfg, shell)
	if err != nil {
		return nil, err
	}
	shell.stderr = svc.stderr
	opts := &options.App{
		Title:     Title,
		Width:     Width,
		Height:    Height,
		MinWidth:  MinWidth,
		MinHeight: MinHeight,
		// Matches the page background, so there is no flash while the page loads.
		BackgroundColour: options.NewRGB(0xf6, 0xf7, 0xf9),
		AssetServer:      &assetserver.Options{Assets: cfg.Assets},
		Bind:             svc.bound(),
		EnumBind:         enums(),
		ErrorFormatter:   svc.formatError,
		OnStartup:        svc.startup,
		OnShutdown:       svc.shutdown,
		OnBeforeClose:    svc.beforeClose,
		// A second launch on the same data folder focuses this window
		// (through D-Bus on Linux; without a session bus the second app
		// opens and says store.locked instead).
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               svc.InstanceID(),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) { shell.Focus() },
		},
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
	}
	bindDev(svc, shell, opts)
	return &App{Services: svc, opts: opts}, nil
}
