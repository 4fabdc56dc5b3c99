package backup_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/backup"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/tasrih/tasrih/internal/workspace"
)

const pass = "une phrase de passe solide 2026"

var quiet = store.Options{Actor: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}

// newWorkspace creates a vault with a few employers and employees.
func newWorkspace(t *testing.T, employers, employees int) (*workspace.Workspace, string) {
	t.Helper()
	vault.UseCheapKDFForTests(t)
	dir := t.TempDir()
	w, code, err := workspace.Create(dir, pass, vault.Options{}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	for i := 0; i < employers; i++ {
		er, err := w.Store.Employers().Create(domain.Employer{Affiliation: decltest.Affiliation(200000 + i), Name: fmt.Sprintf("Société %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < employees; j++ {
			last, first := decltest.Name(j)
			if _, err := w.Store.Employees().Create(domain.Employee{EmployerID: er.ID, Immatriculation: decltest.Immat(20_000_000 + i*1000 + j),
				LastName: last, FirstName: first, MonthlyGross: domain.MAD(5000)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return w, code
}

func writeBackup(t *testing.T, w *workspace.Workspace) string {
	t.Helper()
	src, err := w.BackupSource("manual")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "b"+backup.SnapshotExt)
	if err := backup.WriteFile(path, src); err != nil {
		t.Fatal(err)
	}
	return path
}

func byPassphrase(p string) func(v *vault.Vault) (*vault.Unlocked, error) {
	return func(v *vault.Vault) (*vault.Unlocked, error) { return v.UnlockPassphrase(p) }
}

// snapshotOf lists the employers and employee counts of a data folder.
func snapshotOf(t *testing.T, dir string) string {
	t.Helper()
	v, err := vault.Open(dir, vault.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, err := v.UnlockPassphrase(pass)
	if err != nil {
		t.Fatal(err)
	}
	w, err := workspace.Open(dir, u, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ers, err := w.Store.Employers().List()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, er := range ers {
		ees, _ := w.Store.Employees().List(er.ID)
		fmt.Fprintf(&b, "%s %s %d\n", er.Affiliation, er.Name, len(ees))
	}
	return b.String()
}

func TestRoundTrip(t *testing.T) {
	w, recovery := newWorkspace(t, 3, 20)
	path := writeBackup(t, w)
	want := ""
	{
		ers, _ := w.Store.Employers().List()
		for _, er := range ers {
			ees, _ := w.Store.Employees().List(er.ID)
			want += fmt.Sprintf("%s %s %d\n", er.Affiliation, er.Name, len(ees))
		}
	}
	// Restore onto a new computer (empty folder) with the passphrase…
	dst := filepath.Join(t.TempDir(), "data")
	res, err := backup.Restore(path, dst, 0, byPassphrase(pass))
	if err != nil {
		t.Fatal(err)
	}
	if res.Records == 0 || res.Audit == 0 || res.Manifest.VaultID != w.Vault.Info().ID {
		t.Errorf("restored %+v", res)
	}
	if got := snapshotOf(t, dst); got != want || want == "" {
		t.Errorf("restored data:\n%s\nwant:\n%s", got, want)
	}
	// … and with the recovery code, over existing data (kept as previous-*).
	res, err = backup.Restore(path, dst, 0, func(v *vault.Vault) (*vault.Unlocked, error) { return v.UnlockRecovery(recovery) })
	if err != nil {
		t.Fatal(err)
	}
	if prev, _ := filepath.Glob(filepath.Join(dst, "previous-*")); len(prev) != 1 {
		t.Errorf("previous data kept: %v", prev)
	}
	if got := snapshotOf(t, dst); got != want {
		t.Errorf("second restore:\n%s", got)
	}
	// Nothing in clear in the backup file.
	raw, _ := os.ReadFile(path)
	for _, s := range []string{"Société", "ALAMI", decltest.Immat(20_000_000)} {
		if bytes.Contains(raw, []byte(s)) {
			t.Errorf("%q in clear in the backup", s)
		}
	}
}

// tree returns every file of dir with its content, to prove nothing changed.
func tree(t *testing.T, dir string) map[string]string {
	m := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			b, _ := os.ReadFile(p)
			m[p] = string(b)
		}
		return nil
	})
	return m
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestRefusals(t *testing.T) {
	w, _ := newWorkspace(t, 2, 10)
	path := writeBackup(t, w)
	good, _ := os.ReadFile(path)
	// The target holds data that must survive every refused restore.
	dst := filepath.Join(t.TempDir(), "data")
	if _, err := backup.Restore(path, dst, 0, byPassphrase(pass)); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dst)

	try := func(name string, data []byte, unlock func(*vault.Vault) (*vault.Unlocked, error), max int64) error {
		p := filepath.Join(t.TempDir(), "x"+backup.SnapshotExt)
		os.WriteFile(p, data, 0o600)
		_, err := backup.Restore(p, dst, max, unlock)
		if err == nil {
			t.Errorf("%s: restored", name)
		} else if i18n.Code(err) == "" {
			t.Errorf("%s: untranslated error %v", name, err)
		}
		if !sameTree(before, tree(t, dst)) {
			t.Fatalf("%s: the data folder changed", name)
		}
		return err
	}
	if err := try("wrong passphrase", good, byPassphrase("pas la bonne phrase 1234"), 0); !errors.Is(err, vault.ErrWrongSecret) {
		t.Errorf("wrong passphrase: %v", err)
	}
	try("empty", nil, byPassphrase(pass), 0)
	try("garbage", bytes.Repeat([]byte{0xff, 0, 7}, 5000), byPassphrase(pass), 0)
	try("age file of something else", append([]byte("TASRIH-BACKUP 1\nvault 3\n{}\n"), good[100:]...), byPassphrase(pass), 0)
	try("future version", append([]byte("TASRIH-BACKUP 9\n"), good[16:]...), byPassphrase(pass), 0)
	if err := try("size limit", good, byPassphrase(pass), int64(len(good)-1)); i18n.Code(err) != backup.CodeTooLarge {
		t.Errorf("size limit: %v", err)
	}
	// Truncated at many lengths, and one byte flipped in every region.
	for _, n := range []int{10, 20, 100, len(good) / 3, len(good) / 2, len(good) - 200, len(good) - 17, len(good) - 1} {
		try(fmt.Sprintf("truncated at %d", n), good[:n], byPassphrase(pass), 0)
	}
	for _, at := range []int{5, 40, 300, 600, len(good) / 2, len(good) - 50, len(good) - 1} {
		bad := bytes.Clone(good)
		bad[at] ^= 0x20
		try(fmt.Sprintf("byte %d flipped", at), bad, byPassphrase(pass), 0)
	}
	// A huge vault length announced in the header is refused before allocating.
	try("huge vault length", []byte("TASRIH-BACKUP 1\nvault 999999999999\n"), byPassphrase(pass), 0)
}

func TestSnapshotsRotate(t *testing.T) {
	w, _ := newWorkspace(t, 1, 2)
	folder := filepath.Join(t.TempDir(), "snapshots")
	for i := 0; i < 5; i++ {
		p, err := w.Snapshot(folder, 3, "exit")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := backup.Open(p, 0); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	list, err := backup.ListSnapshots(folder, w.Vault.Info().ID)
	if err != nil || len(list) != 3 {
		t.Fatalf("%d snapshots kept, want 3 (%v)", len(list), err)
	}
	// Another vault's snapshots and other files are never touched.
	os.WriteFile(filepath.Join(folder, "notes.txt"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(folder, "tasrih-ffffffff-x"+backup.SnapshotExt), []byte("x"), 0o600)
	w.Snapshot(folder, 1, "exit")
	entries, _ := os.ReadDir(folder)
	if len(entries) != 3 {
		t.Errorf("folder: %d entries", len(entries))
	}
}

// FuzzOpenAndVerify: the backup reader never panics nor allocates beyond its
// limits on any file.
func FuzzOpenAndVerify(f *testing.F) {
	f.Add([]byte("TASRIH-BACKUP 1\nvault 2\n{}\n"))
	f.Add([]byte("TASRIH-BACKUP 1\nvault 70000\n"))
	f.Add([]byte("age-encryption.org/v1\n"))
	var key [32]byte
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f")
		os.WriteFile(p, data, 0o600)
		b, err := backup.Open(p, 1<<20)
		if err != nil {
			if i18n.Code(err) == "" {
				t.Fatalf("untranslated: %v", err)
			}
			return
		}
		if _, err := b.Verify(key); err == nil {
			t.Fatal("verified with a zero key")
		}
	})
}
