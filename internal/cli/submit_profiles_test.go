package cli

import (
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/profiles"
)

// TestSubmitSavedRemoteProfile: "tasrih submit --data DIR" finds the URL of
// an employer's remote profile in the profiles saved by the app, without
// --platform-url or TASRIH_PLATFORM_URL_<NAME>; a profile that is not saved
// is refused before anything is queued, naming both ways to configure it.
func TestSubmitSavedRemoteProfile(t *testing.T) {
	e := newSubEnv(t, 2)
	e.declare(0, e.good(0), domain.RemoteProfile("gw"))
	e.declare(1, e.good(1), domain.RemoteProfile("absent"))

	code, out, errs := e.submit(e.feed(false), e.pwEnv(), "--affiliation", subAff(0), "--period", "202610", "--login", subLogin)
	if code == ExitOK || !strings.Contains(out+errs, "gw") {
		t.Fatalf("unsaved profile: exit %d\n%s\n%s", code, out, errs)
	}
	if _, err := profiles.Add(e.dir, profiles.Remote{Name: "gw", BaseURL: e.base}); err != nil {
		t.Fatal(err)
	}
	code, out, errs = e.submit(e.feed(false), e.pwEnv(), "--affiliation", subAff(0), "--period", "202610", "--wait", "--login", subLogin)
	if code != ExitOK || !strings.Contains(out, "acceptée") {
		t.Fatalf("saved profile: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = e.submit(e.feed(false), e.pwEnv(), "--affiliation", subAff(1), "--period", "202610", "--login", subLogin)
	if code == ExitOK || !strings.Contains(out+errs, outbox.RemoteEnvVar("absent")) || !strings.Contains(out+errs, "Réglages") {
		t.Fatalf("absent profile: exit %d\n%s\n%s", code, out, errs)
	}
}
