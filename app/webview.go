package app

import (
	"errors"
	"net/url"
	"strings"
)

// The native window's page after a lock (issue 12): the web process that
// ran the unlocked page held the passphrase as typed and every name, CIN and
// salary it displayed, and a reload of the page runs the new document in the
// same process, whose old JavaScript heap pages survive. Where the platform
// allows it (Linux with webkit2gtk-4.1, webview_linux.go) the lock therefore
// ends the web process itself and loads the app's start page in a new one;
// elsewhere the page is reloaded (webview_other.go), which is weaker (README,
// "Security").

// errNoNativeView: the window's web view could not be reached natively (not
// Linux/webkit2gtk-4.1, no window yet, or not exactly one web view).
var errNoNativeView = errors.New("app: no native web view to reset")

// keptFragment lists what the start page may carry over a lock in its URL
// fragment (App.tsx hashParams): the lock reason and where the user was
// (screen, period, opaque employer id). Anything else the page put there is
// dropped: nothing personal may ride into the new process.
var keptFragment = map[string]bool{"screen": true, "period": true, "employer": true}

// maxFragmentValue bounds a kept value (a screen name, a period, an id).
const maxFragmentValue = 64

// resetURI is the URI the new web process loads after a lock for reason:
// current (the page's URI) without its user info and with a fragment holding
// only the kept keys of current's fragment (malformed parts dropped) and
// lock=reason.
func resetURI(current, reason string) (string, error) {
	base, frag, _ := strings.Cut(current, "#")
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	if u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return "", errors.New("app: page URI without scheme or host")
	}
	old, _ := url.ParseQuery(frag) // the well-formed pairs, even when others are not
	q := url.Values{}
	for k, vs := range old {
		if keptFragment[k] && len(vs) > 0 && len(vs[0]) <= maxFragmentValue {
			q.Set(k, vs[0])
		}
	}
	q.Set("lock", reason)
	u.User = nil
	return u.String() + "#" + q.Encode(), nil
}
