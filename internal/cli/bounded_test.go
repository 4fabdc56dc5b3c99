package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sparse creates a file of size bytes that occupies no disk space: reading it
// would take seconds and the memory of its size, so a command that answers
// at once has checked the size before reading.
func sparse(t *testing.T, name string, size int64) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

func TestCNSSFilesAreBounded(t *testing.T) {
	huge := sparse(t, "AFFEBDS_1234567_202601.txt", 8<<30)
	hugeDS := sparse(t, dsFileName, 8<<30)
	for _, tc := range []struct {
		name string
		args []string
		lang string
		want string
	}{
		{"declare, préétabli", []string{"declare", "--preetabli", huge, "--payroll", vectorPay}, "fr", "trop grand pour un fichier CNSS"},
		{"validate, DS", []string{"validate", hugeDS}, "en", "too large for a CNSS file"},
		{"validate, préétabli", []string{"validate", vectorGold, "--preetabli", huge}, "ar", "أكبر من أن يكون ملفاً للصندوق"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			args := append(tc.args, "--lang", tc.lang)
			if tc.args[0] == "declare" {
				args = append(args, "--out", out)
			}
			code, stdout, stderr := run(t, args...)
			if code != ExitUsage || stdout != "" || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "8192.0") {
				t.Errorf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
			}
			if names := dirFiles(t, out); len(names) != 0 {
				t.Errorf("files written: %v", names)
			}
		})
	}
}

func TestCNSSFileLimitEdges(t *testing.T) {
	gold := mustRead(t, vectorGold)
	defer func(old int64) { maxDeclarationFile = old }(maxDeclarationFile)
	// Exactly at the limit: read; one byte over: refused.
	maxDeclarationFile = int64(len(gold))
	if code, stdout, stderr := run(t, "validate", vectorGold); code != ExitOK {
		t.Errorf("at the limit: exit %d\n%s%s", code, stdout, stderr)
	}
	maxDeclarationFile = int64(len(gold)) - 1
	if code, _, stderr := run(t, "validate", vectorGold); code != ExitUsage || !strings.Contains(stderr, dsFileName) {
		t.Errorf("one byte over: exit %d\n%s", code, stderr)
	}
	// A device has no size: it is read up to the limit, then refused.
	if _, err := os.Stat("/dev/zero"); err == nil {
		maxDeclarationFile = 4096
		if code, _, stderr := run(t, "validate", "/dev/zero"); code != ExitUsage || !strings.Contains(stderr, "> 4096 o") {
			t.Errorf("/dev/zero: exit %d\n%s", code, stderr)
		}
	}
}
