package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/settings"
	"github.com/tasrih/tasrih/internal/workspace"
)

// EnvDataDir names the data folder when set (the end-to-end tests point it
// at a temporary folder); otherwise workspace.DefaultDir() is used.
const EnvDataDir = "TASRIH_DATA"

// DataDir returns the data folder: $TASRIH_DATA, else the OS default.
func DataDir(getenv func(string) string) (string, error) {
	if d := getenv(EnvDataDir); d != "" {
		return filepath.Abs(d)
	}
	return workspace.DefaultDir()
}

// Services are the bound services of the window over one data folder, and
// the hooks of its lifecycle.
type Services struct {
	Core  *desktop.Core
	shell Shell
	// paths are the paths the dialogs returned, behind their tokens.
	paths *pathTokens

	System      *System
	Session     *Session
	Settings    *Settings
	Employers   *Employers
	Employees   *Employees
	Month       *Month
	Batch       *Batch
	Submissions *Submissions
	Receipts    *Receipts
	Profiles    *Profiles
	Firm        *Firm

	// demo: the embedded sandbox runs the demo seed (its account is shown).
	demo bool
	// blocked is store.locked when another app holds the data folder.
	blocked  error
	instance *desktop.Instance
	stderr   io.Writer
}

// newServices builds the services of cfg.DataDir with shell.
func newServices(cfg Config, shell Shell) (*Services, error) {
	getenv := cfg.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	dir := cfg.DataDir
	if dir == "" {
		var err error
		if dir, err = DataDir(getenv); err != nil {
			return nil, err
		}
	}
	stderr := cfg.Stderr
	if stderr == nil {
		stderr = os.Stderr
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	vopts := cfg.Vault
	if vopts.Params.IsZero() {
		vopts.Params = kdfParams(getenv)
	}
	paths := &pathTokens{}
	core, err := desktop.New(desktop.Options{
		Dir: dir, Vault: vopts, Logger: logger, Getenv: getenv, Emit: emitResetting(shell, paths),
		AfterFunc: cfg.AfterFunc, Now: cfg.Now, NoSandbox: cfg.NoSandbox, SandboxSeed: cfg.SandboxSeed,
		Outbox: cfg.Outbox, Keyring: cfg.Keyring,
	})
	if err != nil {
		return nil, err
	}
	s := &Services{Core: core, shell: shell, paths: paths, stderr: stderr, demo: cfg.SandboxSeed == nil}
	s.System = NewSystem(cfg.Version)
	s.System.stderr = stderr
	s.Session = &Session{svc: s}
	s.Settings = &Settings{svc: s}
	s.Employers = &Employers{svc: s}
	s.Employees = &Employees{svc: s}
	s.Month = &Month{svc: s}
	s.Batch = &Batch{svc: s}
	s.Submissions = &Submissions{svc: s}
	s.Receipts = &Receipts{svc: s}
	s.Profiles = &Profiles{svc: s}
	s.Firm = &Firm{svc: s}
	return s, nil
}

// emitResetting sends the core's events to the page; at every lock it forgets
// the paths chosen in dialogs (their tokens), and after a lock by the user or
// by the idle timer also resets the page (Shell.ResetView): the
// names, CINs, salaries and the passphrase the page held are no longer
// reachable in its JavaScript heap. A lock for a restore is not followed by a
// reset: the page waits for the restore's answer (the user unlocks the
// restored data after it); nor is the lock at exit (the window goes).
func emitResetting(shell Shell, paths *pathTokens) func(name string, data any) {
	return func(name string, data any) {
		l, locked := data.(desktop.Locked)
		locked = locked && name == desktop.EventLocked
		if locked {
			paths.clear()
		}
		shell.Emit(name, data)
		if locked && (l.Reason == desktop.ReasonUser || l.Reason == desktop.ReasonIdle) {
			shell.ResetView(l.Reason)
		}
	}
}

// AcquireInstance takes the data folder's lock. When another app holds it,
// the services stay up but every unlock answers store.locked (Session.Status
// says so too), and the error is returned for main to print.
func (s *Services) AcquireInstance() error {
	in, err := desktop.AcquireInstance(s.Core.Dir())
	if err != nil {
		if errors.Is(err, desktop.ErrOtherApp) {
			s.blocked = err
		}
		return err
	}
	s.instance = in
	return nil
}

// InstanceID is the id of the data folder for Wails' single-instance lock:
// a second launch on the same folder focuses the first window.
func (s *Services) InstanceID() string {
	h := sha256.Sum256([]byte(s.Core.Dir()))
	return "ma.tasrih.app." + hex.EncodeToString(h[:8])
}

// bound lists the services bound to the frontend.
func (s *Services) bound() []any {
	return []any{s.System, s.Session, s.Settings, s.Employers, s.Employees, s.Month, s.Batch, s.Submissions, s.Receipts, s.Profiles, s.Firm}
}

// startup is Wails' OnStartup: the runtime context is known from here on.
func (s *Services) startup(ctx context.Context) {
	if ws, ok := s.shell.(*wailsShell); ok {
		ws.setContext(ctx)
	}
}

// closeWait bounds how long closing the window waits for the frontend to
// save what is being edited.
const closeWait = 3 * time.Second

// beforeClose is Wails' OnBeforeClose: the frontend is told (app:closing) so
// that it saves the month grid or the form being edited, and the window
// closes when it answers with System.ReadyToClose, or after closeWait. It
// never prevents the close.
func (s *Services) beforeClose(context.Context) bool {
	if s.System.Screen() == "" {
		return false // no frontend loaded yet: nothing to save
	}
	done := s.System.armClose()
	s.shell.Emit(string(EventAppClosing), Closing{})
	select {
	case <-done:
	case <-time.After(closeWait):
	}
	return false
}

// shutdown is Wails' OnShutdown: lock with the exit snapshot, release the
// data folder.
func (s *Services) shutdown(context.Context) {
	if err := s.Core.Close(); err != nil {
		fmt.Fprintln(s.stderr, "tasrih: lock at exit:", i18n.Code(err))
	}
	_ = s.instance.Release()
}

func (s *Services) sandboxDemo() bool { return s.demo }

// lang is the language of the settings, for error messages.
func (s *Services) lang() i18n.Lang {
	st, _ := settings.Load(s.Core.Dir())
	return st.Lang
}

// formatError is the ErrorFormatter, in the user's language.
func (s *Services) formatError(err error) any {
	if err == nil {
		return nil
	}
	return payloadJSON(formatError(err, s.lang()))
}
