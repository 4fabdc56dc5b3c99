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

// The préétabli is read while the file is validated (LatePreetabli): its
// read error still wins over --previous's, the file's own read error still
// comes first, and nothing of the validation is printed when it fails.
func TestValidatePreetabliReadErrors(t *testing.T) {
	dir := t.TempDir()
	absentPre, absentDS, absentPrev := filepath.Join(dir, "AFFEBDS_absent.txt"), filepath.Join(dir, "DS_absent.txt"), filepath.Join(dir, "precedent_absent.txt")
	for _, tc := range []struct {
		name string
		args []string
		want string // the file named in the error
	}{
		{"préétabli absent", []string{vectorGold, "--preetabli", absentPre}, "AFFEBDS_absent.txt"},
		{"préétabli and previous absent", []string{vectorGold, "--preetabli", absentPre, "--previous", absentPrev}, "AFFEBDS_absent.txt"},
		{"file and préétabli absent", []string{absentDS, "--preetabli", absentPre}, "DS_absent.txt"},
		{"previous absent", []string{vectorGold, "--preetabli", vectorPre, "--previous", absentPrev}, "precedent_absent.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, append([]string{"validate"}, tc.args...)...)
			if code != ExitUsage || stdout != "" || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "absent") != 1 {
				t.Errorf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
			}
		})
	}
}
