package app

import (
	"fmt"
	"io"
	"regexp"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// BuildInfo describes the running binary.
type BuildInfo struct {
	// Version is the release ("1.2.0") or "dev" for a build without -ldflags.
	Version string `json:"version"`
	// Commit is the first 12 hex digits of the VCS revision, or "" if unknown.
	Commit string `json:"commit"`
	// Modified is true when the binary was built from a tree with local changes.
	Modified bool `json:"modified"`
	// Platform is GOOS/GOARCH, e.g. "linux/amd64".
	Platform string `json:"platform"`
}

// Language is one language of the interface, as the language switcher shows it.
type Language struct {
	Code i18n.Lang `json:"code"`
	// Name is the language's own name (endonym): "Français", "العربية", "English".
	Name string `json:"name"`
	// Dir is the writing direction of the layout: "ltr" or "rtl".
	Dir string `json:"dir"`
}

// System is the bound service for facts about the application itself. It holds
// no mutable state and is safe for concurrent use.
type System struct {
	info BuildInfo

	// stderr receives the screen= lines (nil: none).
	stderr io.Writer
	start  time.Time
	mu     sync.Mutex
	screen string
	// closing is open while the window waits for the frontend to save
	// before closing (see Services.beforeClose).
	closing chan struct{}
}

// NewSystem returns the System service for a binary of the given version
// (main passes the value set with -ldflags).
func NewSystem(version string) *System {
	if version == "" {
		version = "dev"
	}
	info := BuildInfo{Version: version, Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				info.Commit = s.Value
				if len(info.Commit) > 12 {
					info.Commit = info.Commit[:12]
				}
			case "vcs.modified":
				info.Modified = s.Value == "true"
			}
		}
	}
	return &System{info: info, start: processStart}
}

// processStart approximates the launch of the process (package init).
var processStart = time.Now()

// screenName is what ScreenShown accepts: a short lower-case name, so that
// no personal data can reach the log through it.
var screenName = regexp.MustCompile(`^[a-z][a-z0-9-]{0,39}$`)

// ScreenShown is called by the frontend each time a screen is displayed
// ("unlock", "create-vault", "dashboard"…). The app writes
// "screen=<name> t=<ms since launch>ms" to stderr, which the smoke test waits
// for; a name that is not a short lower-case word is ignored.
func (s *System) ScreenShown(name string) {
	if !screenName.MatchString(name) {
		return
	}
	s.mu.Lock()
	s.screen = name
	s.mu.Unlock()
	if s.stderr != nil {
		fmt.Fprintf(s.stderr, "screen=%s t=%dms\n", name, time.Since(s.start).Milliseconds())
	}
}

// Screen returns the last screen reported by ScreenShown.
func (s *System) Screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.screen
}

// armClose returns a channel that ReadyToClose closes.
func (s *System) armClose() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closing = make(chan struct{})
	return s.closing
}

// ReadyToClose is the frontend's answer to the app:closing event: whatever
// was being edited is saved, the window may close.
func (s *System) ReadyToClose() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing != nil {
		close(s.closing)
		s.closing = nil
	}
}

// Version returns the version of the running binary.
func (s *System) Version() BuildInfo { return s.info }

// Languages returns the interface languages, French (the default) first.
func (s *System) Languages() []Language {
	out := make([]Language, 0, len(i18n.Langs))
	for _, l := range i18n.Langs {
		out = append(out, Language{Code: l, Name: endonyms[l], Dir: direction(l)})
	}
	return out
}

var endonyms = map[i18n.Lang]string{
	i18n.FR: "Français",
	i18n.AR: "العربية",
	i18n.EN: "English",
}

func direction(l i18n.Lang) string {
	if l == i18n.AR {
		return "rtl"
	}
	return "ltr"
}

// Langs is bound with EnumBind so that TypeScript sees i18n.Lang as an enum.
var Langs = []struct {
	Value  i18n.Lang
	TSName string
}{
	{i18n.FR, "FR"},
	{i18n.AR, "AR"},
	{i18n.EN, "EN"},
}
