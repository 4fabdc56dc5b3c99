//go:build !dev

package app

import (
	"reflect"
	"testing"
	"testing/fstest"
)

// A production build ignores TASRIH_TEST_CHEAP_KDF: new vaults always get
// parameters calibrated on the machine (zero here, the vault calibrates),
// and the dev-only Testing service is not bound.
func TestProductionIgnoresCheapKDF(t *testing.T) {
	if DevBuild {
		t.Fatal("DevBuild in a build without the dev tag")
	}
	for _, v := range []string{"1", "true", "yes"} {
		getenv := func(k string) string {
			if k == "TASRIH_TEST_CHEAP_KDF" {
				return v
			}
			return ""
		}
		if p := kdfParams(getenv); !p.IsZero() {
			t.Errorf("TASRIH_TEST_CHEAP_KDF=%s gave %+v in a production build", v, p)
		}
	}
	o, err := Options(Config{Assets: fstest.MapFS{"index.html": {}}, DataDir: t.TempDir(),
		Getenv: func(string) string { return "1" }})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range o.Bind {
		if name := typeName(b); name == "Testing" {
			t.Error("the Testing service is bound in a production build")
		}
		// The dev-only switches (the sandbox's faults, a sub-minute idle
		// delay, dialogs answered from a queue) are reachable from no bound
		// service of a production build.
		tp := reflect.TypeOf(b)
		for i := 0; i < tp.NumMethod(); i++ {
			switch m := tp.Method(i).Name; m {
			case "SandboxFaults", "IdleDelay", "QueueDialogPaths", "SetSandboxFaults", "SetIdleDelay", "WindowExecJS":
				t.Errorf("%s.%s is bound in a production build", typeName(b), m)
			}
		}
	}
}
