package workspace

import (
	"context"
	"errors"

	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

// Rekey replaces the data key of the workspace (vault.Unlocked.BeginRekey:
// current is the current passphrase, empty only after a recovery-code
// unlock; next the new one, empty to keep current). The store is copied
// under the new key, checked, and swapped in with the new vault.json
// (journaled: a kill at any moment leaves the old or the new state, never a
// mix); the old store is overwritten and removed. It returns the new
// recovery code, to show once.
//
// From then on nothing from before opens the current data: not the old
// passphrase or recovery code, not an old vault.json put back, not the old
// keyring key; backups written afterwards use the new backup key. Backups
// written before keep opening with the secrets of their day: they hold the
// data of their day.
//
// A vault that was remembered in the OS keyring is remembered again under a
// fresh key; if the keyring does not answer, the re-key stands and the error
// says so (keyring.*): the user types the passphrase next time.
//
// progress gets (done, total) records (the copy, then the check). On
// cancellation (store.cancelled) or any error before the commit, nothing
// changed and the store is open again. w.Store is a new *store.Store on
// return: callers holding the old one must take the new one (the old one is
// closed).
func (w *Workspace) Rekey(ctx context.Context, current, next string, progress func(done, total int64)) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.Store == nil {
		return "", store.ErrClosedStore()
	}
	remembered := w.Vault.Info().Remembered
	rk, err := w.Vault.BeginRekey(current, next)
	if err != nil {
		return "", err
	}
	defer rk.Abort()
	newKeys := rk.Keys()
	if _, err := w.Store.ReencryptAndClose(ctx, rk.StoreDir(), newKeys.Store[:], progress); err != nil {
		newKeys.Zero()
		return "", err // the store is still open, the re-key undone by Abort
	}
	code, cerr := rk.Commit()
	if !rk.Committed() {
		// The old key is still the vault's: reopen the old store.
		newKeys.Zero()
		if err := rk.Abort(); err != nil {
			cerr = errors.Join(cerr, err)
		}
		st, err := store.Open(vault.StoreDir(w.Dir), w.keys.Store[:], w.storeOptions())
		if err != nil {
			w.Store = nil
			return "", errors.Join(cerr, err)
		}
		w.Store = st
		return "", cerr
	}
	w.amu.Lock()
	w.keys.Zero()
	w.keys = newKeys
	w.amu.Unlock()
	w.Store = nil
	if cerr != nil {
		// Committed but not fully swapped: the next Open finishes it.
		return code, cerr
	}
	st, err := store.Open(vault.StoreDir(w.Dir), w.keys.Store[:], w.storeOptions())
	if err != nil {
		return code, err
	}
	w.Store = st
	// The local anchor was authenticated under the old MAC key: rewrite it
	// (and vault.json's) under the new one now. Best effort: an anchor that
	// no longer authenticates is ignored, never a false alarm.
	_ = st.Anchor()
	if remembered {
		if err := w.Vault.Remember(ctx); err != nil {
			return code, err
		}
	}
	return code, nil
}
