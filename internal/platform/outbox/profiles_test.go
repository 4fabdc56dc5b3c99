package outbox_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/profiles"
)

// TestEndpointsFromSavedProfiles: a remote profile saved in the data folder
// resolves without any environment variable; an environment variable set
// for this run keeps precedence; a tampered file gives no address at all.
func TestEndpointsFromSavedProfiles(t *testing.T) {
	dir := t.TempDir()
	for _, r := range []profiles.Remote{{Name: "prod", BaseURL: "https://api.prod.example/"}, {Name: "cabinet.ma", BaseURL: "https://saved.cabinet.example"}} {
		if _, err := profiles.Add(dir, r); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"TASRIH_PLATFORM_URL_CABINET_MA": "https://env.cabinet.example"}
	getenv := func(k string) string { return env[k] }

	e := outbox.LoadEndpoints(getenv, dir, "cabinet.ma")
	for _, tc := range []struct {
		profile domain.PlatformProfile
		want    string
		code    string
	}{
		{domain.RemoteProfile("prod"), "https://api.prod.example", ""},
		{domain.RemoteProfile("cabinet.ma"), "https://env.cabinet.example", ""},
		{domain.RemoteProfile("Prod"), "", outbox.CodeNoEndpoint}, // names are exact
		{domain.RemoteProfile("absent"), "", outbox.CodeNoEndpoint},
		{domain.ProfileSandbox, "", outbox.CodeNoEndpoint},
	} {
		got, err := e.BaseURL(tc.profile)
		if tc.code != "" {
			wantCode(t, err, tc.code)
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: %q %v; want %q", tc.profile, got, err, tc.want)
		}
	}
	if c, err := e.Dialer(client.Options{})(domain.RemoteProfile("prod")); err != nil || c.(*client.Client).BaseURL() != "https://api.prod.example" {
		t.Errorf("dialer: %v", err)
	}
	// No data folder: the environment only (the CLI without --data).
	if _, err := outbox.LoadEndpoints(getenv, "", "prod").BaseURL(domain.RemoteProfile("prod")); err == nil {
		t.Error("prod resolved without a data folder")
	}
	// A hand-edited file pointing a profile to plain HTTP on the LAN is
	// refused as a whole: the profile has no address, nothing is sent there.
	os.WriteFile(filepath.Join(dir, profiles.FileName), []byte(`{"remotes":[{"name":"prod","base_url":"http://192.168.1.5"}]}`), 0o600)
	_, err := outbox.LoadEndpoints(getenv, dir).BaseURL(domain.RemoteProfile("prod"))
	wantCode(t, err, outbox.CodeNoEndpoint)
}
