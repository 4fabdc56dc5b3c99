package app

import (
	"runtime"
	"runtime/debug"

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
	return &System{info: info}
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
