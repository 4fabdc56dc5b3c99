// Package workspace opens what a session of Tasrih works on: the vault of a
// data folder and the encrypted store it protects, together, and closes them
// together (store closed, key material zeroed, vault locked). The CLI and the
// desktop app both go through it, so there is one way to unlock.
//
// Layout of a data folder: DIR/vault.json, DIR/store/ (Badger).
package workspace

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/anchor"
	"github.com/tasrih/tasrih/internal/backup"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/settings"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

// DefaultDir returns the OS user data folder of Tasrih: $XDG_DATA_HOME/tasrih
// (~/.local/share/tasrih) on Linux, ~/Library/Application Support/Tasrih on
// macOS, %AppData%\Tasrih on Windows.
func DefaultDir() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin":
		base, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(base, "Tasrih"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "tasrih"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "tasrih"), nil
}

// Workspace is an unlocked vault with its open store.
type Workspace struct {
	Dir   string
	Vault *vault.Unlocked
	Store *store.Store

	mu    sync.Mutex
	keys  *vault.Keys // Badger keeps a reference to keys.Store: zeroed after Close
	sopts store.Options

	amu   sync.Mutex   // held while the audit head is anchored (keys.MAC)
	local anchor.Local // the anchor a copy of the data folder does not carry
}

// anchorTimeout bounds the local anchor's keyring calls at open and at each
// anchor point.
const anchorTimeout = 3 * time.Second

// storeOptions returns the options of the store: the caller's, plus, unless
// the caller set them, the audit anchors (vault.json's and the local one,
// read now) and the hook that records new ones (anchorHead).
func (w *Workspace) storeOptions() store.Options {
	o := w.sopts
	if o.Anchors != nil || o.OnAnchor != nil {
		return o
	}
	if a, ok := w.Vault.AuditAnchor(); ok {
		o.Anchors = append(o.Anchors, store.AuditAnchor{AuditHead: store.AuditHead{Seq: a.Seq, Hash: a.Hash, Time: a.Time}})
	}
	ctx, cancel := context.WithTimeout(context.Background(), anchorTimeout)
	defer cancel()
	w.amu.Lock()
	if a, ok := w.local.Load(ctx, w.Vault.Info().ID, &w.keys.MAC); ok {
		o.Anchors = append(o.Anchors, a)
	}
	w.amu.Unlock()
	o.OnAnchor = w.anchorHead
	return o
}

// anchorHead records the audit head in vault.json (under its MAC) and in
// the local anchor (config folder, keyring).
func (w *Workspace) anchorHead(h store.AuditHead) error {
	w.amu.Lock()
	defer w.amu.Unlock()
	verr := w.Vault.SetAuditAnchor(vault.AuditAnchor{Seq: h.Seq, Hash: h.Hash, Time: h.Time})
	ctx, cancel := context.WithTimeout(context.Background(), anchorTimeout)
	defer cancel()
	lerr := w.local.Save(ctx, w.Vault.Info().ID, &w.keys.MAC, h)
	return errors.Join(verr, lerr)
}

// Open opens the store of dir with the keys of an unlocked vault. On error
// the vault stays unlocked (the caller decides); on success the workspace
// owns it.
//
// The store is given the audit anchors of the vault (vault.json's and the
// local one, package anchor) unless opts sets Anchors or OnAnchor: a store
// older than them opens with a pending store.Rollback (writes refused until
// Store.AcknowledgeRollback), and every anchor point of the store rewrites
// both anchors.
func Open(dir string, u *vault.Unlocked, opts store.Options) (*Workspace, error) {
	keys, err := u.Keys()
	if err != nil {
		return nil, err
	}
	if opts.BeforeMigrate == nil {
		st, _ := settings.Load(dir)
		opts.BeforeMigrate = migrationSnapshot(dir, st.SnapshotFolder(dir), u.Info().ID)
	}
	w := &Workspace{Dir: dir, Vault: u, keys: keys, sopts: opts, local: anchor.For(u.Info().Remembered)}
	// The folder lock of re-keys and restores, while the store opens: a
	// process that unlocked the vault before another one began a re-key or
	// a restore must not open the old store between its copy and its swap
	// (vault.rekey_busy). Once open, the store's own lock keeps them off
	// (store.InUse, Badger's lock).
	release, err := vault.HoldFolder(dir)
	if err != nil {
		keys.Zero()
		return nil, err
	}
	st, err := store.Open(vault.StoreDir(dir), keys.Store[:], w.storeOptions())
	release()
	if err != nil {
		keys.Zero()
		return nil, err
	}
	w.Store = st
	return w, nil
}

// Create makes a new vault in dir with passphrase, and its empty store. It
// returns the workspace and the one-time recovery code.
func Create(dir, passphrase string, vopts vault.Options, sopts store.Options) (*Workspace, string, error) {
	u, code, err := vault.Create(dir, passphrase, vopts)
	if err != nil {
		return nil, "", err
	}
	w, err := Open(dir, u, sopts)
	if err != nil {
		u.Lock()
		return nil, "", err
	}
	return w, code, nil
}

// Close closes the store, zeroes the key material and locks the vault. It is
// safe to call more than once.
func (w *Workspace) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var err error
	if w.Store != nil {
		err = w.Store.Close()
		w.Store = nil
	}
	w.keys.Zero()
	if w.Vault != nil {
		w.Vault.Lock()
	}
	return err
}

// Exists reports whether dir holds a vault. It first finishes or undoes an
// interrupted re-key or restore (vault.RecoverRekey), and a folder where one
// is still running elsewhere counts as holding a vault: recoverable data is
// never offered a "vault init".
func Exists(dir string) bool {
	_ = vault.RecoverRekey(dir)
	if _, err := os.Stat(vault.FilePath(dir)); err == nil {
		return true
	}
	return vault.Pending(dir)
}

// ErrNoVault is in the chain of the error returned when a folder has no vault.
var ErrNoVault = errors.New("workspace: no vault")

// NoVault is the user-facing error for a folder without a vault.
func NoVault(dir string) error {
	return i18n.Wrap(ErrNoVault, "workspace.no_vault", i18n.Text{
		FR: "aucun coffre Tasrih dans %s : créez-le avec « tasrih vault init »",
		AR: "لا توجد خزنة تصريح في %s: أنشئها بالأمر « tasrih vault init »",
		EN: "no Tasrih vault in %s: create one with \"tasrih vault init\"",
	}, dir)
}

// BackupSource returns what backup.Write needs to back up this workspace.
func (w *Workspace) BackupSource(reason string) (backup.Source, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.Store == nil {
		return backup.Source{}, store.ErrClosedStore()
	}
	vj, err := os.ReadFile(vault.FilePath(w.Dir))
	if err != nil {
		return backup.Source{}, err
	}
	return backup.Source{VaultJSON: vj, BackupKey: w.keys.Backup, Store: w.Store, VaultID: w.Vault.Info().ID, Reason: reason}, nil
}

// Snapshot writes an automatic backup of the workspace into folder, keeping
// the last keep snapshots of this vault.
func (w *Workspace) Snapshot(folder string, keep int, reason string) (string, error) {
	return w.SnapshotContext(context.Background(), folder, keep, reason, nil)
}

// SnapshotContext is Snapshot with the progress (records) and cancellation
// of backup.SnapshotContext: a cancelled snapshot leaves no file.
func (w *Workspace) SnapshotContext(ctx context.Context, folder string, keep int, reason string, progress func(done, total int64)) (string, error) {
	src, err := w.BackupSource(reason)
	if err != nil {
		return "", err
	}
	return backup.SnapshotContext(ctx, folder, src, keep, progress)
}

// migrationSnapshot returns the store's BeforeMigrate hook: before a schema
// migration, the data folder's vault.json and store files (encrypted at rest)
// are copied into folder/tasrih-<vault>-<time>-migration-v<from>-v<to>/, a
// folder that can be used as a data folder as is (tasrih --data …) to go back.
func migrationSnapshot(dir, folder, vaultID string) func(from, to int) error {
	return func(from, to int) error {
		id := vaultID
		if len(id) > 8 {
			id = id[:8]
		}
		dst := filepath.Join(folder, fmt.Sprintf("tasrih-%s-%s-migration-v%d-v%d", id, time.Now().UTC().Format("20060102T150405Z"), from, to))
		if err := copyTree(vault.StoreDir(dir), vault.StoreDir(dst)); err != nil {
			return err
		}
		return copyFile(vault.FilePath(dir), vault.FilePath(dst))
	}
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		if d.Name() == "LOCK" {
			return nil
		}
		return copyFile(p, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
