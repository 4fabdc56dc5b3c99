package workspace

import (
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

const pass = "une phrase de passe solide 2026"

var quiet = store.Options{Actor: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}

func TestCreateCloseReopen(t *testing.T) {
	vault.UseCheapKDFForTests(t)
	dir := t.TempDir()
	w, code, err := Create(dir, pass, vault.Options{}, quiet)
	if err != nil || code == "" {
		t.Fatal(err)
	}
	if _, err := w.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Société"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil || !w.Vault.Locked() {
		t.Fatalf("second close: %v, locked %v", err, w.Vault.Locked())
	}
	if _, err := w.BackupSource("x"); err == nil {
		t.Error("backup of a closed workspace")
	}
	if !Exists(dir) || Exists(t.TempDir()) {
		t.Error("Exists")
	}
	v, _ := vault.Open(dir, vault.Options{})
	u, err := v.UnlockPassphrase(pass)
	if err != nil {
		t.Fatal(err)
	}
	w, err = Open(dir, u, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if ers, _ := w.Store.Employers().List(); len(ers) != 1 {
		t.Errorf("%d employers after reopen", len(ers))
	}
	// The pre-migration snapshot is a usable data folder.
	folder := t.TempDir()
	w.Close()
	if err := migrationSnapshot(dir, folder, u.Info().ID)(1, 2); err != nil {
		t.Fatal(err)
	}
	copies, _ := filepath.Glob(filepath.Join(folder, "tasrih-*-migration-v1-v2"))
	if len(copies) != 1 {
		t.Fatalf("snapshot folders: %v", copies)
	}
	v2, _ := vault.Open(copies[0], vault.Options{})
	u2, err := v2.UnlockPassphrase(pass)
	if err != nil {
		t.Fatal(err)
	}
	w2, err := Open(copies[0], u2, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	if ers, _ := w2.Store.Employers().List(); len(ers) != 1 {
		t.Errorf("%d employers in the snapshot", len(ers))
	}
}
