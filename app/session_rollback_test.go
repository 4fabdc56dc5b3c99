package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

// TestSessionReportsRollback puts back an older copy of the data folder
// between two sessions: the next unlock reports it in Status (banner), every
// change is refused, and AcknowledgeRollback lets the user go on.
func TestSessionReportsRollback(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	svc, _, _ := testServices(t)
	must[Created](t)(svc.Session.Create(passphrase, false))
	must[domain.Employer](t)(svc.Employers.Create(domain.Employer{Affiliation: "1234567", Name: "Atlas Démo SARL"}))
	if err := svc.Session.Lock(); err != nil {
		t.Fatal(err)
	}
	dir := svc.Core.Dir()
	old := t.TempDir()
	if err := os.CopyFS(vault.StoreDir(old), os.DirFS(vault.StoreDir(dir))); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(vault.FilePath(dir))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(vault.FilePath(old), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := svc.Session.UnlockPassphrase(passphrase); err != nil {
		t.Fatal(err)
	}
	must[domain.Employer](t)(svc.Employers.Create(domain.Employer{Affiliation: "7654321", Name: "Second SARL"}))
	if st := svc.Session.Status(); st.Rollback != nil {
		t.Fatalf("rollback reported on intact data: %+v", st.Rollback)
	}
	if err := svc.Session.Lock(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"store", vault.FileName} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(old, name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}

	if err := svc.Session.UnlockPassphrase(passphrase); err != nil {
		t.Fatal(err)
	}
	st := svc.Session.Status()
	if st.Rollback == nil || st.Rollback.Kind != store.RollbackOlderCopy || st.Rollback.FoundSeq >= st.Rollback.KnownSeq ||
		!strings.Contains(st.Rollback.Message, "copie plus ancienne") {
		t.Fatalf("status after rollback: %+v", st.Rollback)
	}
	_, err = svc.Employers.Create(domain.Employer{Affiliation: "1111111", Name: "Refusée SARL"})
	if code(err) != store.CodeRolledBack {
		t.Fatalf("write while rolled back: %v", err)
	}
	if err := svc.Session.AcknowledgeRollback(); err != nil {
		t.Fatal(err)
	}
	if st := svc.Session.Status(); st.Rollback != nil {
		t.Fatalf("still reported after acknowledge: %+v", st.Rollback)
	}
	must[domain.Employer](t)(svc.Employers.Create(domain.Employer{Affiliation: "1111111", Name: "Acceptée SARL"}))
}
