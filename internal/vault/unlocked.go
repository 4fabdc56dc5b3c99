package vault

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"sync"

	gokeyring "github.com/zalando/go-keyring"
)

// Unlocked is an open vault: it holds the data key until Lock. It is safe
// for concurrent use; its methods that rewrite vault.json hold its lock
// while they run (an Argon2id derivation, a keyring call).
type Unlocked struct {
	mu      sync.Mutex
	dir     string
	opts    Options
	h       *header
	sum     [sha256.Size]byte // of vault.json as last read or written
	method  Method
	locked  bool
	dataKey [keySize]byte
	keys    Keys
}

// Keys returns a heap copy of the sub-keys (Store for Badger, Backup, MAC),
// owned by the caller, who must Zero it when done (after closing the store
// it was given to). The vault's own keys are zeroed by Lock.
func (u *Unlocked) Keys() (*Keys, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.locked {
		return nil, errLocked()
	}
	return u.keys.clone(), nil
}

// Info describes the vault (also after Lock).
func (u *Unlocked) Info() Info {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.h.info(u.dir)
}

// Method tells how the vault was unlocked.
func (u *Unlocked) Method() Method { return u.method }

// Locked reports whether Lock was called.
func (u *Unlocked) Locked() bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.locked
}

// Lock zeroes the key material held here (best effort: Go may have copied
// it, and copies returned by Keys are the caller's). Every later call returns
// vault.locked. Lock is idempotent.
func (u *Unlocked) Lock() {
	u.mu.Lock()
	defer u.mu.Unlock()
	clear(u.dataKey[:])
	u.keys.Zero()
	u.locked = true
}

// ChangePassphrase re-wraps the data key under next (which must pass
// CheckPassphrase); the data itself is not touched. The current passphrase
// is checked first (vault.wrong_secret; empty: vault.old_passphrase_required).
// Cost: two Argon2id derivations (a few milliseconds besides).
//
// What it protects against: the old passphrase no longer opens this
// vault.json. What it does not: the data key is the same, so the old
// passphrase still opens the data with an old copy of vault.json or of any
// backup — BeginRekey does. After a recovery-code unlock (forgotten
// passphrase) the new passphrase is set by BeginRekey, which also spends the
// code: ChangePassphrase refuses an empty current passphrase.
func (u *Unlocked) ChangePassphrase(current, next string) error {
	if err := CheckPassphrase(next); err != nil {
		return err
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.locked {
		return errLocked()
	}
	if current == "" {
		if u.method == MethodRecovery {
			return errNewPassphraseRequired()
		}
		return errReauth()
	} else {
		cur := normPassphrase(current)
		k, ok := openKDF(cur, u.h.Passphrase, u.h.aad(slotPassphrase))
		clear(cur)
		if !ok {
			return errWrongSecret()
		}
		same := subtle.ConstantTimeCompare(k[:], u.dataKey[:]) == 1
		clear(k[:])
		if !same {
			return errWrongSecret()
		}
	}
	params, err := u.opts.pick()
	if err != nil {
		return err
	}
	nh := u.h.clone()
	pass := normPassphrase(next)
	nh.Passphrase = sealKDF(pass, params, &u.dataKey, nh.aad(slotPassphrase))
	clear(pass)
	return u.commit(nh)
}

// NewRecoveryCode replaces the recovery code in vault.json: the old one no
// longer opens this vault.json, but still opens an old copy of it (and of
// any backup), which holds the same data key. To revoke the old code for
// good, re-key (BeginRekey issues a new code). Show the returned code once.
func (u *Unlocked) NewRecoveryCode() (string, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.locked {
		return "", errLocked()
	}
	params, err := u.opts.pick()
	if err != nil {
		return "", err
	}
	code := newRecoveryCode()
	rc, err := normalizeRecoveryCode(code)
	if err != nil {
		panic("vault: generated recovery code does not parse")
	}
	nh := u.h.clone()
	nh.Recovery = sealKDF(rc, params, &u.dataKey, nh.aad(slotRecovery))
	clear(rc)
	if err := u.commit(nh); err != nil {
		return "", err
	}
	return code, nil
}

// Remember keeps a random key-encryption key in the OS keyring (service
// "tasrih", user = vault id) and a wrap of the data key under it in
// vault.json, so that UnlockKeyring works on this computer. A keyring that
// does not answer gives keyring.unavailable and changes nothing. There is
// never a fallback to a key file.
func (u *Unlocked) Remember(ctx context.Context) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.locked {
		return errLocked()
	}
	kek := randomBytes(keySize)
	defer clear(kek)
	kr := u.opts.keyring()
	if _, err := keyringCall(ctx, u.opts.KeyringTimeout, func() (struct{}, error) {
		return struct{}{}, kr.Set(KeyringService, u.h.ID, encodeKEK(kek))
	}); err != nil {
		return errKeyringRemember(err)
	}
	nh := u.h.clone()
	nh.Keyring = sealKey(kek, &u.dataKey, nh.aad(slotKeyring))
	if err := u.commit(nh); err != nil {
		if u.h.Keyring == nil { // the entry we just set is of no use
			keyringCall(ctx, u.opts.KeyringTimeout, func() (struct{}, error) {
				return struct{}{}, kr.Delete(KeyringService, u.h.ID)
			})
		}
		return err
	}
	return nil
}

// Forget removes the keyring wrap from vault.json, then the key from the OS
// keyring. If the keyring does not answer, vault.json is already without the
// wrap (UnlockKeyring no longer works) and the error is keyring.unavailable:
// the orphan key opens nothing but older copies of vault.json.
func (u *Unlocked) Forget(ctx context.Context) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.locked {
		return errLocked()
	}
	if u.h.Keyring != nil {
		nh := u.h.clone()
		nh.Keyring = nil
		if err := u.commit(nh); err != nil {
			return err
		}
	}
	kr := u.opts.keyring()
	_, err := keyringCall(ctx, u.opts.KeyringTimeout, func() (struct{}, error) {
		return struct{}{}, kr.Delete(KeyringService, u.h.ID)
	})
	if err != nil && !errors.Is(err, gokeyring.ErrNotFound) {
		return errKeyringForget(err)
	}
	return nil
}

// AuditAnchor returns the audit-chain anchor of vault.json (authenticated
// by its MAC when the vault was unlocked), if there is one.
func (u *Unlocked) AuditAnchor() (AuditAnchor, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.h.AuditAnchor == nil {
		return AuditAnchor{}, false
	}
	return *u.h.AuditAnchor, true
}

// SetAuditAnchor records a in vault.json (rewritten atomically, MAC
// renewed). Recording the anchor already there does nothing.
func (u *Unlocked) SetAuditAnchor(a AuditAnchor) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.locked {
		return errLocked()
	}
	a.Time = a.Time.UTC()
	if c := u.h.AuditAnchor; c != nil && c.Seq == a.Seq && c.Hash == a.Hash && c.Time.Equal(a.Time) {
		return nil
	}
	nh := u.h.clone()
	nh.AuditAnchor = &a
	return u.commit(nh)
}

// commit seals nh with the MAC key and writes it, provided vault.json is
// still the file this Unlocked knows (another process may have rewritten
// it). Called with u.mu held.
func (u *Unlocked) commit(nh *header) error {
	cur, err := readFile(u.dir)
	if err != nil {
		return err
	}
	if sha256.Sum256(cur) != u.sum {
		return errChanged()
	}
	nh.seal(&u.keys.MAC)
	b := nh.encode()
	if err := writeFileAtomic(u.dir, b); err != nil {
		return err
	}
	u.h, u.sum = nh, sha256.Sum256(b)
	return nil
}
