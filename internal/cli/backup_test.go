package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/vault"
)

func TestBackupCommands(t *testing.T) {
	vault.UseCheapKDFForTests(t)
	dir, out := t.TempDir(), t.TempDir()
	env := map[string]string{envPassphrase: testPass}
	if code, o, e := runWith(t, env, "", "vault", "init", "--data", dir); code != ExitOK {
		t.Fatalf("init: %s %s", o, e)
	}
	code, o, e := runWith(t, env, "", "backup", "create", "--data", dir, "--out", out)
	if code != ExitOK {
		t.Fatalf("create: %d %s %s", code, o, e)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.tasrih-backup"))
	if len(files) != 1 {
		t.Fatalf("backup files: %v", files)
	}
	// Restore into a new folder; then over existing data only with --yes.
	dst := filepath.Join(t.TempDir(), "new")
	if code, o, e = runWith(t, env, "", "backup", "restore", files[0], "--data", dst); code != ExitOK {
		t.Fatalf("restore: %d %s %s", code, o, e)
	}
	if code, _, e = runWith(t, env, "", "backup", "restore", files[0], "--data", dst); code != ExitUsage || !strings.Contains(e, "--yes") {
		t.Errorf("restore over data without --yes: %d %s", code, e)
	}
	if code, o, e = runWith(t, env, "", "backup", "restore", files[0], "--data", dst, "--yes"); code != ExitOK || !strings.Contains(o, "previous-") || !strings.Contains(e, "100 %") {
		t.Errorf("restore --yes (previous copy named, progress shown): %d %s %s", code, o, e)
	}
	if code, _, _ = runWith(t, env, "", "vault", "verify", "--data", dst); code != ExitOK {
		t.Errorf("restored vault does not verify")
	}
	// A garbage file and a wrong passphrase: exit 2, nothing changed.
	junk := filepath.Join(t.TempDir(), "junk.tasrih-backup")
	os.WriteFile(junk, []byte("not a backup"), 0o600)
	if code, _, e = runWith(t, env, "", "backup", "restore", junk, "--data", dst, "--yes"); code != ExitUsage || e == "" {
		t.Errorf("junk: %d %s", code, e)
	}
	if code, _, _ = runWith(t, map[string]string{envPassphrase: "mauvaise phrase de passe 99"}, "", "backup", "restore", files[0], "--data", dst, "--yes"); code != ExitUsage {
		t.Errorf("wrong passphrase: %d", code)
	}
	if code, _, _ = runWith(t, env, "", "backup"); code != ExitUsage {
		t.Errorf("no subcommand: %d", code)
	}
}
