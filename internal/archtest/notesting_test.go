package archtest

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// TestProductionBinaryDoesNotLinkTesting: the tasrih main package, as built
// for the desktop (production tags), headless (tasrih-cli) and dev, must not
// depend on package testing (or testing/...): test helpers stay in _test
// files or take small interfaces (vault.UseCheapKDFForTests takes vault.TB).
func TestProductionBinaryDoesNotLinkTesting(t *testing.T) {
	root := moduleRoot(t)
	for _, tags := range []string{"", "desktop,production", "headless", "dev"} {
		cmd := exec.Command("go", "list", "-deps", "-tags", tags, ".")
		cmd.Dir = root
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps -tags %q: %v\n%s", tags, err, stderr.String())
		}
		deps := strings.Fields(string(out))
		if len(deps) < 20 {
			t.Fatalf("tags %q: only %d dependencies listed", tags, len(deps))
		}
		for _, d := range deps {
			if d == "testing" || strings.HasPrefix(d, "testing/") {
				t.Errorf("tags %q: the tasrih binary depends on %s", tags, d)
			}
		}
	}
}
