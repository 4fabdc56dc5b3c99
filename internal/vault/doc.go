// Package vault holds the key hierarchy that protects the local store.
//
// One vault per store. A random 32-byte data key never touches the disk in
// clear: it is kept in DIR/vault.json wrapped with XChaCha20-Poly1305, up to
// three ways:
//
//  1. by the passphrase, through Argon2id (parameters calibrated on the
//     machine, never below t=3, m=64 MiB, p=4; stored in the file and checked
//     against a floor and a ceiling when read);
//  2. by a random key-encryption key kept in the OS keyring ("remember on this
//     computer"), every keyring call bounded by a timeout;
//  3. by a recovery code shown once at creation (30 base32 characters, 150
//     bits, also through Argon2id).
//
// Each wrap's associated data binds it to the vault id, the format version
// and its slot. A MAC over every header field, keyed by a sub-key of the data
// key, is checked after unwrapping, so a file whose fields were changed is
// refused even when the secret is right.
//
// Sub-keys are derived from the data key with HKDF-SHA256 (Keys): Store for
// Badger's EncryptionKey (in StoreDir(dir)), Backup for the export format,
// MAC for headers.
//
// The usual flow:
//
//	u, code, err := vault.Create(dir, passphrase, vault.Options{}) // show code once
//	v, err := vault.Open(dir, vault.Options{})
//	u, err := v.UnlockKeyring(ctx)         // keyring.unavailable → ask the passphrase
//	u, err = v.UnlockPassphrase(passphrase) // vault.wrong_secret → Limiter
//	keys, err := u.Keys()                  // keys.Store → store.Open
//	u.Lock()
//
// Every error a user can see is an *i18n.Error with a stable code; the
// sentinel errors of this package (ErrWrongSecret, ErrKeyringUnavailable…)
// are in their chain for errors.Is. A Vault and an Unlocked are safe for
// concurrent use.
//
// vault.json is small, written atomically (temporary file in the same
// folder, fsync, rename, fsync of the folder) and read strictly: at most
// 64 KiB, unknown fields refused, every length checked. A file that is
// garbage, truncated or tampered with gives a clear error, never a panic nor
// a large allocation.
//
// ChangePassphrase and NewRecoveryCode only re-wrap the same data key: an
// older vault.json put back still opens with the older secret. A re-key
// (BeginRekey, Rekey.Commit; rekey.go) revokes every secret from before: a
// new data key, the store re-encrypted by the caller into DIR/.rekey/store,
// then a journaled swap (COMMIT file as the commit point) that RecoverRekey
// — called by Open — finishes or undoes after a kill. The recovery code is
// single-use: UnlockRecovery marks it spent in vault.json (recovery_used,
// MAC-covered) and the new passphrase is set by a re-key, which issues a new
// code. BeginRestore uses the same journal for restores, keeping the
// replaced data in DIR/previous-<time>/. Limiter, with Path, keeps the
// unlock wait across restarts.
//
// What this package cannot do: make backups taken before a re-key
// unreadable to the secrets of their day, or erase old encrypted blocks that
// the disk keeps (the old store is overwritten before removal, best effort).
// Go strings cannot be wiped, so Lock zeroes the key material this package
// holds, best effort; copies taken by callers (Keys) are theirs to zero.
package vault
