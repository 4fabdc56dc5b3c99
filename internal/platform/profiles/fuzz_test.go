package profiles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/platform/client"
)

// FuzzLoad: whatever platforms.json holds, Load either refuses it or
// returns profiles that pass the client's URL rule, with unique names, and
// that a save then a load give back unchanged.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"remotes":[{"name":"prod","base_url":"https://api.example.ma/"}]}`))
	f.Add([]byte(`{"remotes":[{"name":"local","base_url":"http://127.0.0.1:8787"},{"name":"b","base_url":"https://b.ma/x"}]}`))
	f.Add([]byte(`{"remotes":[{"name":"x","base_url":"http://192.168.0.1"}]}`))
	f.Add([]byte(`{"remotes":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, FileName), data, 0o600); err != nil {
			t.Fatal(err)
		}
		list, err := Load(dir)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, r := range list {
			if _, err := client.CheckBaseURL(r.BaseURL); err != nil {
				t.Fatalf("loaded a URL the client refuses: %q", r.BaseURL)
			}
			if seen[strings.ToLower(r.Name)] {
				t.Fatalf("duplicate name %q", r.Name)
			}
			seen[strings.ToLower(r.Name)] = true
		}
		if err := save(dir, list); err != nil {
			t.Fatalf("a loaded list does not save: %v", err)
		}
		again, err := Load(dir)
		if err != nil || len(again) != len(list) {
			t.Fatalf("round trip: %v %d/%d", err, len(again), len(list))
		}
		for i := range list {
			if again[i] != list[i] {
				t.Fatalf("round trip changed %+v into %+v", list[i], again[i])
			}
		}
	})
}
