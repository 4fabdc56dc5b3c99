package app

import (
	"strings"
	"testing"
)

// The URI the new web process loads after a lock (issue 12): the page's
// origin and path, the lock reason, the place (screen, period, opaque
// employer id) and nothing else the page may have put in its fragment.
func TestResetURI(t *testing.T) {
	cases := []struct {
		name, cur, reason, want string
	}{
		{"start page", "wails://wails/", "user", "wails://wails/#lock=user"},
		{"start page with an empty fragment", "wails://wails/#", "idle", "wails://wails/#lock=idle"},
		{"place kept", "wails://wails/#screen=employees&period=202611&employer=01HXYZ", "idle",
			"wails://wails/#employer=01HXYZ&lock=idle&period=202611&screen=employees"},
		{"the previous reason replaced", "wails://wails/#lock=idle&screen=month&period=202601", "user",
			"wails://wails/#lock=user&period=202601&screen=month"},
		{"unknown keys dropped", "wails://wails/#screen=employees&name=ZQXABC&cin=ZQ123456&q=BENANI+Karim", "user",
			"wails://wails/#lock=user&screen=employees"},
		{"a repeated key: the first", "wails://wails/#screen=month&screen=employees", "user",
			"wails://wails/#lock=user&screen=month"},
		{"an over-long value dropped", "wails://wails/#employer=" + strings.Repeat("A", maxFragmentValue+1) + "&period=202611", "user",
			"wails://wails/#lock=user&period=202611"},
		{"malformed pairs dropped, the rest kept", "wails://wails/#screen=%zz&period=202611&%", "user",
			"wails://wails/#lock=user&period=202611"},
		{"user info dropped, query and port kept", "http://u:secret@wails.localhost:34115/index.html?x=1#screen=dashboard", "idle",
			"http://wails.localhost:34115/index.html?x=1#lock=idle&screen=dashboard"},
		{"a reason is encoded", "wails://wails/", "a&b=c", "wails://wails/#lock=a%26b%3Dc"},
	}
	for _, tc := range cases {
		got, err := resetURI(tc.cur, tc.reason)
		if err != nil || got != tc.want {
			t.Errorf("%s: resetURI(%q, %q) = %q, %v; want %q", tc.name, tc.cur, tc.reason, got, err, tc.want)
		}
	}
}

// A URI without an origin to come back to is refused: ResetView then falls
// back to reloading the page rather than loading nonsense.
func TestResetURIRefused(t *testing.T) {
	for _, cur := range []string{"", "about:blank", "/index.html#lock=user", "wails:opaque", "http://[::1"} {
		if got, err := resetURI(cur, "user"); err == nil {
			t.Errorf("resetURI(%q) = %q, want an error", cur, got)
		}
	}
}
