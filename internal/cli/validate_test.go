package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// validate reads the préétabli while it reads the file: when both are
// missing, the file's error is still the one reported, and a missing
// préétabli alone is reported by its own name.
func TestValidateReadErrorsOrder(t *testing.T) {
	dir := t.TempDir()
	ds, pre := filepath.Join(dir, "DS_1234567_202601.txt"), filepath.Join(dir, "AFFEBDS.txt")
	code, _, stderr := run(t, "validate", ds, "--preetabli", pre, "--lang", "en")
	if code != ExitUsage || !strings.Contains(stderr, ds) || strings.Contains(stderr, pre) {
		t.Fatalf("both missing: exit %d, %q", code, stderr)
	}
	os.WriteFile(ds, []byte("B00\n"), 0o600)
	code, _, stderr = run(t, "validate", ds, "--preetabli", pre, "--lang", "en")
	if code != ExitUsage || !strings.Contains(stderr, pre) {
		t.Fatalf("préétabli missing: exit %d, %q", code, stderr)
	}
}
