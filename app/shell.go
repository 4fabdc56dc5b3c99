package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Shell is what the services need of the Wails runtime: events to the
// frontend, native dialogs, the system browser and the window. It exists so
// that the services are unit-testable without a window (tests pass a fake);
// the real one needs the context Wails hands to OnStartup.
type Shell interface {
	// Emit sends an event to the frontend (dropped before the window exists).
	Emit(name string, data any)
	// OpenFile asks for an existing file; "" when the user cancels.
	OpenFile(d FileDialog) (string, error)
	// OpenDirectory asks for a folder; "" when the user cancels.
	OpenDirectory(d FileDialog) (string, error)
	// SaveFile asks where to write a file; "" when the user cancels.
	SaveFile(d FileDialog) (string, error)
	// OpenURL opens url in the system browser.
	OpenURL(url string)
	// Focus brings the window to the front (a second launch of the app).
	Focus()
	// ResetView discards the page after a lock for reason: the window
	// loads the app's start page again, with the lock reason in its URL
	// fragment, which starts at the unlock screen. On Linux the web process
	// that ran the page is replaced by a new one (webview_linux.go), so
	// nothing the unlocked page held stays in memory; elsewhere the page is
	// reloaded (a new JavaScript global object in the same process).
	ResetView(reason string)
}

// FileDialog describes a native file dialog.
type FileDialog struct {
	Title       string
	DefaultDir  string
	DefaultName string
	// Filters are (display name, pattern) pairs, e.g. {"Tableur", "*.xlsx;*.csv"}.
	Filters [][2]string
}

// wailsShell is the Shell of the real window.
type wailsShell struct {
	mu  sync.RWMutex
	ctx context.Context
	// dialogs, in dev builds only, answers the next dialogs with queued
	// paths (the end-to-end test cannot click in a native dialog).
	dialogs dialogQueue
	// stderr receives the failures of ResetView (no personal data).
	stderr io.Writer
}

var _ Shell = (*wailsShell)(nil)

func (s *wailsShell) setContext(ctx context.Context) {
	s.mu.Lock()
	s.ctx = ctx
	s.mu.Unlock()
}

func (s *wailsShell) context() context.Context {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.ctx
}

func (s *wailsShell) Emit(name string, data any) {
	if ctx := s.context(); ctx != nil {
		runtime.EventsEmit(ctx, name, data)
	}
}

func filters(d FileDialog) []runtime.FileFilter {
	var out []runtime.FileFilter
	for _, f := range d.Filters {
		out = append(out, runtime.FileFilter{DisplayName: f[0], Pattern: f[1]})
	}
	return out
}

func (s *wailsShell) OpenFile(d FileDialog) (string, error) {
	if p, ok := s.dialogs.next(); ok {
		return p, nil
	}
	ctx := s.context()
	if ctx == nil {
		return "", nil
	}
	return runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{Title: d.Title, DefaultDirectory: d.DefaultDir,
		DefaultFilename: d.DefaultName, Filters: filters(d)})
}

func (s *wailsShell) OpenDirectory(d FileDialog) (string, error) {
	if p, ok := s.dialogs.next(); ok {
		return p, nil
	}
	ctx := s.context()
	if ctx == nil {
		return "", nil
	}
	return runtime.OpenDirectoryDialog(ctx, runtime.OpenDialogOptions{Title: d.Title, DefaultDirectory: d.DefaultDir,
		CanCreateDirectories: true})
}

func (s *wailsShell) SaveFile(d FileDialog) (string, error) {
	if p, ok := s.dialogs.next(); ok {
		return p, nil
	}
	ctx := s.context()
	if ctx == nil {
		return "", nil
	}
	return runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{Title: d.Title, DefaultDirectory: d.DefaultDir,
		DefaultFilename: d.DefaultName, Filters: filters(d), CanCreateDirectories: true})
}

func (s *wailsShell) OpenURL(url string) {
	if ctx := s.context(); ctx != nil {
		runtime.BrowserOpenURL(ctx, url)
	}
}

func (s *wailsShell) Focus() {
	if ctx := s.context(); ctx != nil {
		runtime.WindowUnminimise(ctx)
		runtime.WindowShow(ctx)
	}
}

// ResetView replaces the native window's web process (resetNativeView).
// Where that is not possible it reloads the page with a script rather than
// with WindowReload/WindowReloadApp: in a dev build those are also broadcast
// to a browser attached to the dev server, whose runtime sends them back to
// Go, and the page would reload forever. A browser attached to the dev
// server is not reset (dev builds only).
func (s *wailsShell) ResetView(reason string) {
	ctx := s.context()
	if ctx == nil {
		return
	}
	err := resetNativeView(reason)
	if err == nil {
		return
	}
	if !errors.Is(err, errNoNativeView) || nativeViewExpected {
		fmt.Fprintln(s.stderr, "tasrih: web process not replaced after lock, page reloaded:", err)
	}
	runtime.WindowExecJS(ctx, "window.location.reload()")
}

// dialogQueue holds the paths queued by the dev-only Testing service.
type dialogQueue struct {
	mu    sync.Mutex
	paths []string
}

func (q *dialogQueue) push(paths ...string) {
	q.mu.Lock()
	q.paths = append(q.paths, paths...)
	q.mu.Unlock()
}

func (q *dialogQueue) next() (string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.paths) == 0 {
		return "", false
	}
	p := q.paths[0]
	q.paths = q.paths[1:]
	return p, true
}
