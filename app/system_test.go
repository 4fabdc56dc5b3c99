package app

import (
	"encoding/json"
	"runtime"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

func TestSystemVersion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0.3.1", "0.3.1"},
		{"v1.0.0-rc.1", "v1.0.0-rc.1"},
		{"", "dev"},
	}
	for _, tt := range tests {
		got := NewSystem(tt.in).Version()
		if got.Version != tt.want {
			t.Errorf("NewSystem(%q).Version().Version = %q, want %q", tt.in, got.Version, tt.want)
		}
		if got.Platform != runtime.GOOS+"/"+runtime.GOARCH {
			t.Errorf("Platform = %q", got.Platform)
		}
		if len(got.Commit) > 12 {
			t.Errorf("Commit %q longer than 12", got.Commit)
		}
	}
}

func TestSystemLanguages(t *testing.T) {
	got := NewSystem("dev").Languages()
	if len(got) != len(i18n.Langs) {
		t.Fatalf("%d languages, want %d", len(got), len(i18n.Langs))
	}
	wantDir := map[i18n.Lang]string{i18n.FR: "ltr", i18n.AR: "rtl", i18n.EN: "ltr"}
	for i, l := range got {
		if l.Code != i18n.Langs[i] {
			t.Errorf("language %d = %s, want %s (i18n.Langs order, default first)", i, l.Code, i18n.Langs[i])
		}
		if l.Name == "" {
			t.Errorf("%s has no name", l.Code)
		}
		if l.Dir != wantDir[l.Code] {
			t.Errorf("%s dir = %q, want %q", l.Code, l.Dir, wantDir[l.Code])
		}
	}
	b, _ := json.Marshal(got[1])
	if string(b) != `{"code":"ar","name":"العربية","dir":"rtl"}` {
		t.Errorf("JSON = %s", b)
	}
}

// Every language must be in the enum bound to TypeScript.
func TestLangsEnumCoversI18n(t *testing.T) {
	if len(Langs) != len(i18n.Langs) {
		t.Fatalf("Langs has %d entries, i18n.Langs %d", len(Langs), len(i18n.Langs))
	}
	for i, l := range i18n.Langs {
		if Langs[i].Value != l || Langs[i].TSName == "" {
			t.Errorf("Langs[%d] = %+v, want value %s", i, Langs[i], l)
		}
	}
}

func TestSystemConcurrentUse(t *testing.T) {
	s := NewSystem("1.0.0")
	done := make(chan struct{})
	for range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 100 {
				_ = s.Version()
				_ = s.Languages()
			}
		}()
	}
	for range 8 {
		<-done
	}
}
