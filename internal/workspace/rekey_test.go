package workspace

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/backup"
	"github.com/tasrih/tasrih/internal/crashtest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

const pass2 = "un autre secret bien plus long 2027"

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	if got := i18n.Code(err); got != code {
		t.Fatalf("error %v (code %q), want %s", err, got, code)
	}
}

// fill creates n employers and returns the workspace.
func fill(t *testing.T, w *Workspace, n int) {
	t.Helper()
	base := count(t, w.Store)
	err := w.Store.Update(func(tx *store.Tx) error {
		for i := base; i < base+n; i++ {
			if _, err := tx.Employers().Create(domain.Employer{Affiliation: fmt.Sprintf("%07d", 1000000+i), Name: "Société " + strconv.Itoa(i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, st *store.Store) int {
	t.Helper()
	ers, err := st.Employers().List()
	if err != nil {
		t.Fatal(err)
	}
	return len(ers)
}

func unlock(dir string, fn func(v *vault.Vault) (*vault.Unlocked, error)) (*Workspace, error) {
	v, err := vault.Open(dir, vault.Options{})
	if err != nil {
		return nil, err
	}
	u, err := fn(v)
	if err != nil {
		return nil, err
	}
	w, err := Open(dir, u, quiet)
	if err != nil {
		u.Lock()
		return nil, err
	}
	return w, nil
}

func byPass(p string) func(v *vault.Vault) (*vault.Unlocked, error) {
	return func(v *vault.Vault) (*vault.Unlocked, error) { return v.UnlockPassphrase(p) }
}

func byCode(c string) func(v *vault.Vault) (*vault.Unlocked, error) {
	return func(v *vault.Vault) (*vault.Unlocked, error) { return v.UnlockRecovery(c) }
}

// TestRekeyRevokesOldSecrets is the attack of issue 11 §1: after a
// passphrase change with re-key, the old passphrase and the old recovery
// code, with the old vault.json put back, open nothing; a backup made after
// the re-key does not open with the old recovery code.
func TestRekeyRevokesOldSecrets(t *testing.T) {
	vault.UseCheapKDFForTests(t)
	dir := t.TempDir()
	w, code1, err := Create(dir, pass, vault.Options{}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, w, 50)
	oldVault, err := os.ReadFile(vault.FilePath(dir))
	if err != nil {
		t.Fatal(err)
	}
	var steps []int64
	code2, err := w.Rekey(context.Background(), pass, pass2, func(done, total int64) { steps = append(steps, done, total) })
	if err != nil {
		t.Fatal(err)
	}
	if code2 == "" || code2 == code1 {
		t.Fatalf("new recovery code %q (old %q)", code2, code1)
	}
	if len(steps) < 4 || steps[len(steps)-2] != steps[len(steps)-1] || steps[0] != 0 {
		t.Errorf("progress %v: want 0…total", steps)
	}
	if n := count(t, w.Store); n != 50 {
		t.Fatalf("%d employers after the re-key in the same session", n)
	}
	fill2 := func() {
		if _, err := w.Store.Employers().Create(domain.Employer{Affiliation: "7654321", Name: "Après"}); err != nil {
			t.Fatal(err)
		}
	}
	fill2()
	if entries, broken, err := w.Store.VerifyAudit(); err != nil || broken >= 0 || entries == 0 {
		t.Fatalf("audit after re-key: %d entries, broken %d, %v", entries, broken, err)
	}
	// A backup made after the re-key.
	bk := filepath.Join(t.TempDir(), "after.tasrih")
	src, err := w.BackupSource("test")
	if err != nil {
		t.Fatal(err)
	}
	if err := backup.WriteFile(bk, src); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".rekey*")); len(leftovers) > 1 {
		t.Fatalf("leftovers %v", leftovers)
	}

	// The current vault: new passphrase and new code open it, the old do not.
	if _, err := unlock(dir, byPass(pass)); !errors.Is(err, vault.ErrWrongSecret) {
		t.Fatalf("old passphrase on the new vault.json: %v", err)
	}
	if _, err := unlock(dir, byCode(code1)); !errors.Is(err, vault.ErrWrongSecret) {
		t.Fatalf("old code on the new vault.json: %v", err)
	}
	w2, err := unlock(dir, byPass(pass2))
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, w2.Store); n != 51 {
		t.Fatalf("%d employers after reopen", n)
	}
	w2.Close()

	// The old backup key opens nothing after the re-key.
	f, err := backup.Open(bk, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.Unlock(byCode(code1)); !errors.Is(err, vault.ErrWrongSecret) {
		t.Fatalf("old recovery code on a post-re-key backup: %v", err)
	}
	if _, _, err := f.Unlock(byPass(pass)); !errors.Is(err, vault.ErrWrongSecret) {
		t.Fatalf("old passphrase on a post-re-key backup: %v", err)
	}
	if _, _, err := f.Unlock(byCode(code2)); err != nil {
		t.Fatalf("new code on the backup: %v", err)
	}

	// The old vault.json put back: the old secrets unwrap the old key, which
	// opens nothing any more.
	saved, _ := os.ReadFile(vault.FilePath(dir))
	if err := os.WriteFile(vault.FilePath(dir), oldVault, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, fn := range map[string]func(v *vault.Vault) (*vault.Unlocked, error){"passphrase": byPass(pass), "recovery code": byCode(code1)} {
		if _, err := unlock(dir, fn); !errors.Is(err, store.ErrWrongKey) {
			t.Fatalf("old %s with the old vault.json put back: %v, want store.wrong_key", name, err)
		}
	}
	// Nothing was damaged by those attempts.
	if err := os.WriteFile(vault.FilePath(dir), saved, 0o600); err != nil {
		t.Fatal(err)
	}
	w3, err := unlock(dir, byCode(code2))
	if err != nil {
		t.Fatal(err)
	}
	defer w3.Close()
	if n := count(t, w3.Store); n != 51 {
		t.Fatalf("%d employers", n)
	}
}

// TestRecoveryCodeSingleUse: after the recovery code unlocks, the vault says
// so (also after a restart), the re-key demands a new passphrase and issues a
// new code, and the old code never works again, not even with the old
// vault.json put back.
func TestRecoveryCodeSingleUse(t *testing.T) {
	vault.UseCheapKDFForTests(t)
	dir := t.TempDir()
	w, code1, err := Create(dir, pass, vault.Options{}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, w, 3)
	w.Close()
	oldVault, _ := os.ReadFile(vault.FilePath(dir))

	w, err = unlock(dir, byCode(code1))
	if err != nil {
		t.Fatal(err)
	}
	if !w.Vault.Info().RecoveryUsed {
		t.Fatal("RecoveryUsed not set after a recovery unlock")
	}
	w.Close()
	// A restart: still due.
	v, err := vault.Open(dir, vault.Options{})
	if err != nil || !v.Info().RecoveryUsed {
		t.Fatalf("RecoveryUsed lost across a restart: %v", err)
	}
	w, err = unlock(dir, byCode(code1)) // still unlocks until a new passphrase is set
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.Rekey(context.Background(), "", "", nil)
	wantCode(t, err, "vault.new_passphrase_required")
	code2, err := w.Rekey(context.Background(), "", pass2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if w.Vault.Info().RecoveryUsed || w.Vault.Method() != vault.MethodPassphrase {
		t.Fatalf("after the re-key: %+v, method %s", w.Vault.Info(), w.Vault.Method())
	}
	if n := count(t, w.Store); n != 3 {
		t.Fatalf("%d employers", n)
	}
	w.Close()
	if _, err := unlock(dir, byCode(code1)); !errors.Is(err, vault.ErrWrongSecret) {
		t.Fatalf("spent code: %v", err)
	}
	if err := os.WriteFile(vault.FilePath(dir), oldVault, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := unlock(dir, byCode(code1)); !errors.Is(err, store.ErrWrongKey) {
		t.Fatalf("spent code with the old vault.json: %v", err)
	}
	_ = code2
}

// TestRekeyNeedsCurrentPassphrase: an unattended session cannot be re-keyed
// to a stranger's passphrase.
func TestRekeyNeedsCurrentPassphrase(t *testing.T) {
	vault.UseCheapKDFForTests(t)
	dir := t.TempDir()
	w, _, err := Create(dir, pass, vault.Options{}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	_, err = w.Rekey(context.Background(), "", pass2, nil)
	wantCode(t, err, vault.CodeReauth)
	_, err = w.Rekey(context.Background(), pass2, pass2, nil)
	wantCode(t, err, vault.CodeWrongSecret)
	_, err = w.Rekey(context.Background(), pass, "court", nil)
	wantCode(t, err, vault.CodePassTooShort)
	if _, err := os.Stat(filepath.Join(dir, ".rekey")); !os.IsNotExist(err) {
		t.Fatalf(".rekey left behind: %v", err)
	}
	// Keeping the passphrase: it still opens, the code changes.
	code, err := w.Rekey(context.Background(), pass, "", nil)
	if err != nil || code == "" {
		t.Fatal(err)
	}
}

// TestRekeyCancel: a cancelled re-key changes nothing and leaves the store
// usable.
func TestRekeyCancel(t *testing.T) {
	vault.UseCheapKDFForTests(t)
	dir := t.TempDir()
	w, _, err := Create(dir, pass, vault.Options{}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for range 10 {
		fill(t, w, 300)
	}
	before, _ := os.ReadFile(vault.FilePath(dir))
	ctx, cancel := context.WithCancel(context.Background())
	_, err = w.Rekey(ctx, pass, pass2, func(done, total int64) {
		if done > 0 {
			cancel()
		}
	})
	wantCode(t, err, store.CodeCancelled)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("%v is not context.Canceled", err)
	}
	after, _ := os.ReadFile(vault.FilePath(dir))
	if string(before) != string(after) {
		t.Fatal("vault.json changed by a cancelled re-key")
	}
	if _, err := os.Stat(filepath.Join(dir, ".rekey")); !os.IsNotExist(err) {
		t.Fatalf(".rekey left behind: %v", err)
	}
	if n := count(t, w.Store); n != 3000 {
		t.Fatalf("%d employers", n)
	}
	fill(t, w, 1) // still writable
	w.Close()
	w2, err := unlock(dir, byPass(pass))
	if err != nil {
		t.Fatal(err)
	}
	w2.Close()
}

// TestRekeyRemembered: a remembered vault is remembered again under a new
// keyring key, and the old keyring key opens nothing.
func TestRekeyRemembered(t *testing.T) {
	vault.UseCheapKDFForTests(t)
	kr := &memKeyring{m: map[string]string{}}
	dir := t.TempDir()
	w, _, err := Create(dir, pass, vault.Options{Keyring: kr}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Vault.Remember(context.Background()); err != nil {
		t.Fatal(err)
	}
	oldVault, _ := os.ReadFile(vault.FilePath(dir))
	if _, err := w.Rekey(context.Background(), pass, "", nil); err != nil {
		t.Fatal(err)
	}
	if !w.Vault.Info().Remembered {
		t.Fatal("not remembered after the re-key")
	}
	w.Close()
	byKeyring := func(v *vault.Vault) (*vault.Unlocked, error) { return v.UnlockKeyring(context.Background()) }
	v, _ := vault.Open(dir, vault.Options{Keyring: kr})
	u, err := byKeyring(v)
	if err != nil {
		t.Fatal(err)
	}
	w, err = Open(dir, u, quiet)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	os.WriteFile(vault.FilePath(dir), oldVault, 0o600)
	v, _ = vault.Open(dir, vault.Options{Keyring: kr})
	if _, err := byKeyring(v); !errors.Is(err, vault.ErrKeyringUnavailable) {
		t.Fatalf("old keyring wrap: %v", err)
	}
}

type memKeyring struct{ m map[string]string }

func (k *memKeyring) Get(s, u string) (string, error) {
	v, ok := k.m[s+"/"+u]
	if !ok {
		return "", errors.New("not found")
	}
	return v, nil
}
func (k *memKeyring) Set(s, u, p string) error { k.m[s+"/"+u] = p; return nil }
func (k *memKeyring) Delete(s, u string) error { delete(k.m, s+"/"+u); return nil }

const (
	envRekeyDir  = "TASRIH_REKEY_CRASH_DIR"
	envRekeySeed = "TASRIH_REKEY_CRASH_SEED"
)

// TestRekeyCrashChild is the process TestRekeyCrashLoop kills: it unlocks
// with whichever passphrase works and re-keys to the other, printing
// "committed" once Rekey returned, forever.
func TestRekeyCrashChild(t *testing.T) {
	dir := os.Getenv(envRekeyDir)
	if dir == "" {
		t.Skip("helper process for TestRekeyCrashLoop (runs only when re-executed)")
	}
	vault.UseCheapKDFForTests(t)
	fmt.Println("ready")
	for {
		cur, next := pass, pass2
		w, err := unlock(dir, byPass(cur))
		if errors.Is(err, vault.ErrWrongSecret) {
			cur, next = pass2, pass
			w, err = unlock(dir, byPass(cur))
		}
		if err != nil {
			fmt.Println("err", err)
			os.Exit(3)
		}
		if _, err := w.Rekey(context.Background(), cur, next, nil); err != nil {
			fmt.Println("err", err)
			os.Exit(3)
		}
		w.Close()
		fmt.Println("committed", next == pass2)
	}
}

// TestRekeyCrashLoop kills re-keys with SIGKILL at random moments and checks
// after each kill that the folder opens with the old or the new passphrase
// (never neither), holds every record, and keeps no leftovers once opened.
// The seed is logged; set TASRIH_REKEY_CRASH_SEED to replay it.
func TestRekeyCrashLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("crash loop")
	}
	vault.UseCheapKDFForTests(t)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(envRekeySeed); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	dir := t.TempDir()
	w, _, err := Create(dir, pass, vault.Options{}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	for range n / 500 {
		fill(t, w, 500)
	}
	w.Close()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	rounds, sawOld, sawNew := 12, 0, 0
	for round := range rounds {
		cmd := exec.Command(exe, "-test.run=^TestRekeyCrashChild$", "-test.v")
		cmd.Env = append(os.Environ(), envRekeyDir+"="+dir)
		delay := time.Duration(rng.IntN(1500)) * time.Millisecond
		crashtest.KillAfter(t, cmd, delay, round)

		w, err := unlock(dir, byPass(pass))
		if errors.Is(err, vault.ErrWrongSecret) {
			w, err = unlock(dir, byPass(pass2))
			sawNew++
		} else {
			sawOld++
		}
		if err != nil {
			t.Fatalf("round %d (delay %v): opens with neither passphrase: %v (%v)", round, delay, err, errors.Unwrap(err))
		}
		if got := count(t, w.Store); got != n {
			t.Fatalf("round %d: %d employers, want %d", round, got, n)
		}
		if entries, broken, err := w.Store.VerifyAudit(); err != nil || broken >= 0 {
			t.Fatalf("round %d: audit %d entries, broken %d, %v", round, entries, broken, err)
		}
		w.Close()
		if _, err := os.Stat(filepath.Join(dir, ".rekey")); !os.IsNotExist(err) {
			t.Fatalf("round %d: .rekey left after open: %v", round, err)
		}
	}
	t.Logf("%d rounds: %d ended with the first passphrase, %d with the second", rounds, sawOld, sawNew)
}

// TestOpenDuringRekeyRefused: a process that unlocked the vault before
// another one began a re-key (or a restore) cannot open the store while it
// runs — between its copy and its swap the old store is closed, and what
// would be written there would be lost — and is told why in FR/AR/EN; once
// the re-key is over (here undone) it opens.
func TestOpenDuringRekeyRefused(t *testing.T) {
	vault.UseCheapKDFForTests(t)
	dir := t.TempDir()
	w, _, err := Create(dir, pass, vault.Options{}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, w, 3)
	w.Close()
	unlock := func() *vault.Unlocked {
		v, err := vault.Open(dir, vault.Options{})
		if err != nil {
			t.Fatal(err)
		}
		u, err := v.UnlockPassphrase(pass)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	other := unlock() // the second process, unlocked before the re-key
	defer other.Lock()
	rekeying := unlock()
	defer rekeying.Lock()
	rk, err := rekeying.BeginRekey(pass, pass2) // holds the folder until Commit/Abort
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir, other, quiet)
	wantCode(t, err, vault.CodeRekeyBusy)
	if !errors.Is(err, vault.ErrRekeyBusy) {
		t.Fatalf("not ErrRekeyBusy: %v", err)
	}
	var ue *i18n.Error
	if !errors.As(err, &ue) || !strings.Contains(ue.In(i18n.FR), "changement de clé") || !strings.Contains(ue.In(i18n.EN), "re-keying") || ue.In(i18n.AR) == "" {
		t.Fatalf("message: %v", err)
	}
	if err := rk.Abort(); err != nil {
		t.Fatal(err)
	}
	w2, err := Open(dir, other, quiet)
	if err != nil {
		t.Fatalf("open after the re-key: %v", err)
	}
	if n := count(t, w2.Store); n != 3 {
		t.Fatalf("%d employers", n)
	}
	w2.Close()
}
