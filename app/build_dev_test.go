//go:build dev

package app

import (
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/tasrih/tasrih/internal/vault"
)

// In a dev build, TASRIH_TEST_CHEAP_KDF=1 (and only "1") selects the weakest
// parameters the vault accepts, and the Testing service is bound.
func TestDevCheapKDF(t *testing.T) {
	if !DevBuild {
		t.Fatal("DevBuild false with the dev tag")
	}
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == EnvCheapKDF {
				return v
			}
			return ""
		}
	}
	if p := kdfParams(env("1")); p != vault.FloorParams() {
		t.Errorf("cheap KDF = %+v, want the floor %+v", p, vault.FloorParams())
	}
	for _, v := range []string{"", "0", "true"} {
		if p := kdfParams(env(v)); !p.IsZero() {
			t.Errorf("%s=%q gave %+v", EnvCheapKDF, v, p)
		}
	}
	o, err := Options(Config{Assets: fstest.MapFS{"index.html": {}}, DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var tst *Testing
	for _, b := range o.Bind {
		if x, ok := b.(*Testing); ok {
			tst = x
		}
	}
	if tst == nil {
		t.Fatal("Testing not bound in a dev build")
	}
	tst.QueueDialogPaths([]string{"/a.xlsx", ""})
	if p, ok := tst.shell.dialogs.next(); !ok || p != "/a.xlsx" {
		t.Errorf("first queued path %q %v", p, ok)
	}
	if p, ok := tst.shell.dialogs.next(); !ok || p != "" {
		t.Errorf("second queued path %q %v", p, ok)
	}
	if _, ok := tst.shell.dialogs.next(); ok {
		t.Error("queue not empty")
	}
	// The dev-only switches the production test looks for exist here (their
	// names in build_prod_test.go are not stale).
	for _, m := range []string{"SandboxFaults", "IdleDelay", "QueueDialogPaths", "WindowExecJS"} {
		if _, ok := reflect.TypeOf(tst).MethodByName(m); !ok {
			t.Errorf("Testing.%s missing", m)
		}
	}
	// Locked: no sandbox to take down.
	if err := tst.SandboxFaults(true, 0, false); err == nil {
		t.Error("SandboxFaults on a locked session")
	}
}
