package vault

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/tasrih/tasrih/internal/i18n"
)

func TestCreateThenUnlock(t *testing.T) {
	gokeyring.MockInit()
	created := time.Date(2026, 1, 31, 9, 30, 15, 123, time.FixedZone("", 3600))
	dir, u, code := newTestVault(t, Options{Now: func() time.Time { return created }})
	if err := u.Remember(bg); err != nil {
		t.Fatalf("Remember: %v", err)
	}
	want, err := u.Keys()
	if err != nil {
		t.Fatal(err)
	}
	if want.Store == want.Backup || want.Store == want.MAC || want.Backup == want.MAC || want.Store == ([32]byte{}) {
		t.Fatal("sub-keys are not distinct")
	}
	info := u.Info()
	if info.ID == "" || !info.Remembered || !info.HasRecovery || info.FormatVersion != 1 ||
		!info.CreatedAt.Equal(created.Truncate(time.Second)) || info.Params != testParams {
		t.Fatalf("Info = %+v", info)
	}
	groups := strings.Split(code, "-")
	if len(groups) != 6 {
		t.Fatalf("recovery code %q: want 6 groups", code)
	}
	for _, g := range groups {
		if len(g) != 5 || strings.Trim(g, recoveryAlphabet) != "" {
			t.Fatalf("recovery code group %q", g)
		}
	}
	if fi, err := os.Stat(FilePath(dir)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("vault.json mode: %v %v", fi.Mode(), err)
	}
	before := readVaultFile(t, dir)

	for _, tc := range []struct {
		name   string
		unlock func(v *Vault) (*Unlocked, error)
		method Method
		code   string // "" = success
	}{
		{"passphrase", func(v *Vault) (*Unlocked, error) { return v.UnlockPassphrase(testPass) }, MethodPassphrase, ""},
		{"passphrase NFD", func(v *Vault) (*Unlocked, error) {
			return v.UnlockPassphrase(strings.NewReplacer("é", "e\u0301", "à", "a\u0300").Replace(testPass))
		}, MethodPassphrase, ""},
		{"recovery as shown", func(v *Vault) (*Unlocked, error) { return v.UnlockRecovery(code) }, MethodRecovery, ""},
		{"recovery no dashes", func(v *Vault) (*Unlocked, error) {
			return v.UnlockRecovery(strings.ReplaceAll(code, "-", ""))
		}, MethodRecovery, ""},
		{"recovery lower case spaces", func(v *Vault) (*Unlocked, error) {
			return v.UnlockRecovery("  " + strings.ToLower(strings.ReplaceAll(code, "-", " ")) + "\n")
		}, MethodRecovery, ""},
		{"keyring", func(v *Vault) (*Unlocked, error) { return v.UnlockKeyring(bg) }, MethodKeyring, ""},
		{"wrong passphrase", func(v *Vault) (*Unlocked, error) { return v.UnlockPassphrase(testPass2) }, "", CodeWrongSecret},
		{"passphrase with a trailing space", func(v *Vault) (*Unlocked, error) { return v.UnlockPassphrase(testPass + " ") }, "", CodeWrongSecret},
		{"passphrase other case", func(v *Vault) (*Unlocked, error) { return v.UnlockPassphrase(strings.ToUpper(testPass)) }, "", CodeWrongSecret},
		{"empty passphrase", func(v *Vault) (*Unlocked, error) { return v.UnlockPassphrase("") }, "", CodeWrongSecret},
		{"wrong recovery", func(v *Vault) (*Unlocked, error) { return v.UnlockRecovery(otherCode(code)) }, "", CodeWrongSecret},
		{"recovery too short", func(v *Vault) (*Unlocked, error) { return v.UnlockRecovery(code[:len(code)-1]) }, "", CodeRecoveryFormat},
		{"recovery with O", func(v *Vault) (*Unlocked, error) { return v.UnlockRecovery("O" + code[1:]) }, "", CodeRecoveryFormat},
		{"passphrase as recovery", func(v *Vault) (*Unlocked, error) { return v.UnlockRecovery(testPass) }, "", CodeRecoveryFormat},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := mustOpen(t, dir, Options{})
			got, err := tc.unlock(v)
			if tc.code != "" {
				wantCode(t, err, tc.code)
				if got != nil {
					t.Fatal("an Unlocked with an error")
				}
				if tc.code == CodeWrongSecret && !errors.Is(err, ErrWrongSecret) {
					t.Fatal("not errors.Is ErrWrongSecret")
				}
				if tc.code == CodeWrongSecret && i18n.Message(err, i18n.FR) != "phrase de passe ou code de secours incorrect" {
					t.Fatalf("message %q", i18n.Message(err, i18n.FR))
				}
				unchanged(t, dir, before)
				return
			}
			if err != nil {
				t.Fatalf("unlock: %v", err)
			}
			k, err := got.Keys()
			if err != nil || *k != *want {
				t.Fatalf("keys differ (%v)", err)
			}
			if got.Method() != tc.method {
				t.Fatalf("method %q", got.Method())
			}
			if tc.method == MethodRecovery {
				// The code is spent: marked in vault.json, nothing else changes.
				if !got.Info().RecoveryUsed || !mustOpen(t, dir, Options{}).Info().RecoveryUsed {
					t.Fatal("recovery unlock not marked in vault.json")
				}
				before = readVaultFile(t, dir)
			}
			unchanged(t, dir, before)
		})
	}
}

// otherCode returns a well-formed recovery code different from code.
func otherCode(code string) string {
	b := []byte(code)
	if b[0] == 'A' {
		b[0] = 'B'
	} else {
		b[0] = 'A'
	}
	return string(b)
}

func TestCreateRefuses(t *testing.T) {
	UseCheapKDFForTests(t)
	t.Run("weak passphrase", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "v")
		_, _, err := Create(dir, "motdepasse2026", Options{})
		wantCode(t, err, CodePassCommon)
		if !errors.Is(err, ErrWeakPassphrase) {
			t.Fatal("not errors.Is ErrWeakPassphrase")
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Fatal("a refused Create left a folder behind")
		}
	})
	t.Run("existing vault", func(t *testing.T) {
		dir, _, _ := newTestVault(t, Options{})
		before := readVaultFile(t, dir)
		_, _, err := Create(dir, testPass2, Options{})
		wantCode(t, err, CodeExists)
		unchanged(t, dir, before)
	})
	t.Run("store without vault.json", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.MkdirAll(StoreDir(dir), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(StoreDir(dir), "MANIFEST"), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, _, err := Create(dir, testPass, Options{})
		wantCode(t, err, CodeOrphanStore)
	})
	t.Run("empty store folder is fine", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.MkdirAll(StoreDir(dir), 0o700); err != nil {
			t.Fatal(err)
		}
		if _, _, err := Create(dir, testPass, Options{}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("params above the ceiling", func(t *testing.T) {
		_, _, err := Create(t.TempDir(), testPass, Options{Params: Params{Time: 1, MemoryKiB: 1 << 30, Threads: 1}})
		wantCode(t, err, CodeKDFParams)
	})
}

// Outside UseCheapKDFForTests the floor holds: cheap parameters are refused
// for new wraps and in files.
func TestFloorWithoutTestHook(t *testing.T) {
	dir, _, _ := newTestVault(t, Options{}) // its cleanup restores the floor only at the end…
	cheapKDF.Add(-1)                        // …so lift the hook for this test body
	t.Cleanup(func() { cheapKDF.Add(1) })

	_, _, err := Create(t.TempDir(), testPass, Options{Params: testParams})
	wantCode(t, err, CodeKDFParams)
	_, err = Open(dir, Options{})
	wantCode(t, err, CodeKDFParams)
	if !errors.Is(err, ErrKDFParams) {
		t.Fatal("not errors.Is ErrKDFParams")
	}
	if p := defaultParams(); p.check() != nil || p.Time < floor.Time || p.MemoryKiB < floor.MemoryKiB || p.Threads < floor.Threads {
		t.Fatalf("default params %+v below the floor", p)
	}
}

func TestOpenMissing(t *testing.T) {
	_, err := Open(t.TempDir(), Options{})
	wantCode(t, err, CodeNotFound)
	if !errors.Is(err, ErrNotFound) || !errors.Is(err, os.ErrNotExist) {
		t.Fatal("not errors.Is ErrNotFound and os.ErrNotExist")
	}
}

func TestChangePassphrase(t *testing.T) {
	dir, u, code := newTestVault(t, Options{})
	want, _ := u.Keys()

	before := readVaultFile(t, dir)
	wantCode(t, u.ChangePassphrase(testPass2, "Trois lapins dansent sous la pluie"), CodeWrongSecret)
	wantCode(t, u.ChangePassphrase("", "Trois lapins dansent sous la pluie"), CodeReauth)
	wantCode(t, u.ChangePassphrase(testPass, "azertyuiop123"), CodePassSequence)
	unchanged(t, dir, before)

	if err := u.ChangePassphrase(testPass, testPass2); err != nil {
		t.Fatalf("ChangePassphrase: %v", err)
	}
	v := mustOpen(t, dir, Options{})
	_, err := v.UnlockPassphrase(testPass)
	wantCode(t, err, CodeWrongSecret)
	u2, err := v.UnlockPassphrase(testPass2)
	if err != nil {
		t.Fatalf("new passphrase: %v", err)
	}
	if k, _ := u2.Keys(); *k != *want {
		t.Fatal("data key changed")
	}
	// The recovery code is untouched; after a recovery unlock the new
	// passphrase goes through a re-key (which spends the code), never
	// through a plain re-wrap.
	u3, err := v.UnlockRecovery(code)
	if err != nil {
		t.Fatalf("recovery after change: %v", err)
	}
	wantCode(t, u3.ChangePassphrase("", "Trois lapins dansent sous la pluie"), "vault.new_passphrase_required")
	if err := u3.ChangePassphrase(testPass2, "Trois lapins dansent sous la pluie"); err != nil {
		t.Fatalf("ChangePassphrase after recovery: %v", err)
	}
	if _, err := mustOpen(t, dir, Options{}).UnlockPassphrase("Trois lapins dansent sous la pluie"); err != nil {
		t.Fatal(err)
	}
	// u2 still holds the file as it was before u3 wrote: it must not
	// overwrite u3's change.
	before = readVaultFile(t, dir)
	wantCode(t, u2.ChangePassphrase(testPass2, testPass), CodeChanged)
	unchanged(t, dir, before)
}

func TestNewRecoveryCode(t *testing.T) {
	dir, u, old := newTestVault(t, Options{})
	code, err := u.NewRecoveryCode()
	if err != nil {
		t.Fatal(err)
	}
	if code == old {
		t.Fatal("same code")
	}
	v := mustOpen(t, dir, Options{})
	_, err = v.UnlockRecovery(old)
	wantCode(t, err, CodeWrongSecret)
	if _, err := v.UnlockRecovery(code); err != nil {
		t.Fatalf("new code: %v", err)
	}
	if _, err := v.UnlockPassphrase(testPass); err != nil {
		t.Fatalf("passphrase after new code: %v", err)
	}
}

func TestLock(t *testing.T) {
	gokeyring.MockInit()
	dir, u, _ := newTestVault(t, Options{})
	k, _ := u.Keys()
	u.Lock()
	u.Lock() // idempotent
	if !u.Locked() {
		t.Fatal("not locked")
	}
	if u.dataKey != ([keySize]byte{}) || u.keys != (Keys{}) {
		t.Fatal("key material not zeroed")
	}
	before := readVaultFile(t, dir)
	_, err := u.Keys()
	wantCode(t, err, CodeLocked)
	wantCode(t, u.ChangePassphrase(testPass, testPass2), CodeLocked)
	_, err = u.NewRecoveryCode()
	wantCode(t, err, CodeLocked)
	wantCode(t, u.Remember(bg), CodeLocked)
	wantCode(t, u.Forget(bg), CodeLocked)
	unchanged(t, dir, before)
	if u.Info().ID == "" {
		t.Fatal("Info after Lock")
	}
	k.Zero()
	if *k != (Keys{}) {
		t.Fatal("Keys.Zero")
	}
}

func TestRememberForgetMock(t *testing.T) {
	gokeyring.MockInit()
	dir, u, _ := newTestVault(t, Options{})
	want, _ := u.Keys()

	_, err := mustOpen(t, dir, Options{}).UnlockKeyring(bg)
	wantCode(t, err, CodeNotRemembered)
	if !errors.Is(err, ErrKeyringUnavailable) {
		t.Fatal("not remembered is not errors.Is ErrKeyringUnavailable")
	}

	if err := u.Remember(bg); err != nil {
		t.Fatal(err)
	}
	secret, err := gokeyring.Get(KeyringService, u.Info().ID)
	if err != nil || !strings.HasPrefix(secret, kekPrefix) {
		t.Fatalf("keyring entry: %v", err)
	}
	stale := mustOpen(t, dir, Options{})
	u2, err := stale.UnlockKeyring(bg)
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := u2.Keys(); *k != *want {
		t.Fatal("keys differ")
	}
	// Remember again: a new key; the old wrap no longer opens.
	if err := u.Remember(bg); err != nil {
		t.Fatal(err)
	}
	_, err = stale.UnlockKeyring(bg)
	wantCode(t, err, CodeKeyringUnavailable)
	if _, err := mustOpen(t, dir, Options{}).UnlockKeyring(bg); err != nil {
		t.Fatal(err)
	}

	if err := u.Forget(bg); err != nil {
		t.Fatal(err)
	}
	if _, err := gokeyring.Get(KeyringService, u.Info().ID); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Fatalf("entry still in the keyring: %v", err)
	}
	if u.Info().Remembered {
		t.Fatal("still remembered")
	}
	_, err = mustOpen(t, dir, Options{}).UnlockKeyring(bg)
	wantCode(t, err, CodeNotRemembered)
	if err := u.Forget(bg); err != nil { // nothing left to forget
		t.Fatal(err)
	}
}

func TestKeyringEntryNotOurs(t *testing.T) {
	gokeyring.MockInit()
	dir, u, _ := newTestVault(t, Options{})
	if err := u.Remember(bg); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "hunter2", kekPrefix, kekPrefix + strings.Repeat("A", 43), kekPrefix + strings.Repeat("!", 43)} {
		if err := gokeyring.Set(KeyringService, u.Info().ID, s); err != nil {
			t.Fatal(err)
		}
		_, err := mustOpen(t, dir, Options{}).UnlockKeyring(bg)
		wantCode(t, err, CodeKeyringUnavailable)
	}
}

func TestStoreDir(t *testing.T) {
	if got := StoreDir(filepath.Join("a", "b")); got != filepath.Join("a", "b", "store") {
		t.Fatal(got)
	}
	if got := FilePath("d"); got != filepath.Join("d", "vault.json") {
		t.Fatal(got)
	}
}

func TestWriteLeavesNoTempFiles(t *testing.T) {
	gokeyring.MockInit()
	dir, u, _ := newTestVault(t, Options{})
	if _, err := u.NewRecoveryCode(); err != nil {
		t.Fatal(err)
	}
	if err := u.Remember(bg); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != FileName {
			t.Errorf("stray file %q", e.Name())
		}
	}
}

func TestWriteErrorIsReported(t *testing.T) {
	t.Run("rename fails, no temporary file left", func(t *testing.T) {
		dir := t.TempDir()
		// vault.json is a non-empty folder: the final rename fails, as
		// root too.
		if err := os.MkdirAll(filepath.Join(FilePath(dir), "x"), 0o700); err != nil {
			t.Fatal(err)
		}
		wantCode(t, writeFileAtomic(dir, []byte("{}")), CodeIO)
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Fatalf("%d entries left in the folder", len(entries))
		}
	})
	t.Run("missing folder", func(t *testing.T) {
		err := writeFileAtomic(filepath.Join(t.TempDir(), "gone"), []byte("{}"))
		wantCode(t, err, CodeIO)
		if !errors.Is(err, ErrIO) {
			t.Fatal("not errors.Is ErrIO")
		}
	})
	t.Run("vault.json replaced by a folder", func(t *testing.T) {
		dir, u, _ := newTestVault(t, Options{})
		if err := os.Remove(FilePath(dir)); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(FilePath(dir), 0o700); err != nil {
			t.Fatal(err)
		}
		_, err := u.NewRecoveryCode()
		wantCode(t, err, CodeIO)
	})
}

// TestConcurrentUse: an Unlocked is shared by the app's services; run its
// methods at once (meaningful under -race).
func TestConcurrentUse(t *testing.T) {
	gokeyring.MockInit()
	dir, u, _ := newTestVault(t, Options{})
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for range 5 {
				u.Keys()
				u.Info()
				switch i {
				case 0:
					u.NewRecoveryCode()
				case 1:
					u.Remember(bg)
				case 2:
					if v, err := Open(dir, Options{}); err != nil {
						t.Error(err) // renames are atomic: never a partial file
					} else if _, err := v.UnlockPassphrase(testPass); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	u.Lock()
	if _, err := mustOpen(t, dir, Options{}).UnlockPassphrase(testPass); err != nil {
		t.Fatal(err)
	}
}
