package settings

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

func TestLoadSave(t *testing.T) {
	dir := t.TempDir()
	s, err := Load(dir)
	if err != nil || s != Defaults() {
		t.Fatalf("missing file: %+v %v", s, err)
	}
	s.Lang, s.AutoLockMinutes, s.BackupFolder = i18n.AR, 15, filepath.Join(dir, "usb")
	if err := Save(dir, s); err != nil {
		t.Fatal(err)
	}
	if got, err := Load(dir); err != nil || got != s {
		t.Fatalf("reload: %+v %v", got, err)
	}
	if s.SnapshotFolder(dir) != filepath.Join(dir, "usb") || Defaults().SnapshotFolder(dir) != filepath.Join(dir, "snapshots") {
		t.Error("snapshot folder")
	}
}

func TestRefusals(t *testing.T) {
	bad := []Settings{
		{Lang: "de", AutoLockMinutes: 5, SnapshotsKept: 3},
		{Lang: i18n.FR, AutoLockMinutes: 0, SnapshotsKept: 3},
		{Lang: i18n.FR, AutoLockMinutes: 61, SnapshotsKept: 3},
		{Lang: i18n.FR, AutoLockMinutes: 5, SnapshotsKept: 0},
		{Lang: i18n.FR, AutoLockMinutes: 5, SnapshotsKept: 3, BackupFolder: "relative/path"},
	}
	for _, s := range bad {
		if err := Save(t.TempDir(), s); err == nil || i18n.Code(err) != "settings.invalid" {
			t.Errorf("%+v: %v", s, err)
		}
	}
	dir := t.TempDir()
	for _, content := range []string{"{", `{"lang":"fr","extra":1}`, `{"auto_lock_minutes":999}`, string(make([]byte, 20000))} {
		os.WriteFile(filepath.Join(dir, FileName), []byte(content), 0o600)
		if s, err := Load(dir); err == nil || s != Defaults() {
			t.Errorf("%q: %+v %v", content[:min(len(content), 20)], s, err)
		}
	}
}
