// Package backup writes and restores encrypted backups of a Tasrih data
// folder (security.md, "Exports and backups").
//
// A backup file is:
//
//	"TASRIH-BACKUP 1\n"
//	"vault <n>\n" followed by the n bytes of vault.json and "\n"
//	the age ciphertext (filippo.io/age, scrypt passphrase recipient whose
//	passphrase is the vault's Backup sub-key)
//
// vault.json travels in clear because it is already protected (its data key
// is only stored wrapped, and its header is MACed); it is what lets a backup
// be restored on a new computer with the passphrase or the recovery code. The
// age payload is a length-prefixed JSON Manifest followed by the store's raw
// export stream (store.Export). The manifest records the format and schema
// versions, the vault id, the creation time, the number of records, the size
// and SHA-256 of the stream and the SHA-256 of vault.json, which binds the
// clear part to the encrypted one.
//
// Restore never trusts a byte it has not authenticated: it unlocks the
// backup's vault, then decrypts and verifies the whole payload once (age
// authenticates every chunk and the end of the stream; the manifest's counts
// and digests must match), then decrypts it a second time into a fresh store
// in a temporary folder, verifies again, opens the new store and checks its
// audit chain, and only then swaps it with the current data. Sizes are
// limited before anything is allocated. Badger's DB.Backup/DB.Load are never
// used (the first writes plaintext, the second trusts its length prefixes).
//
// The swap is journaled (vault.BeginRestore): a kill leaves the old or the
// restored data, finished at the next open; the replaced data is kept in
// DIR/previous-<time>/ (one per restore, never deleted here); a store open
// in another process refuses the restore (backup.in_use). RestoreContext
// reports progress and can be cancelled before the swap.
//
// WriteContext, WriteFileContext and SnapshotContext report progress in
// records (both passes: total is twice the records) and can be cancelled up
// to the last record: the age stream is then left unclosed, the temporary
// file removed, no snapshot rotated, and the error is backup.cancelled. The
// meter and the cancelled error are shared with RestoreContext
// (progress.go).
//
// Snapshots are backups taken automatically (before a submission, before a
// schema migration, on exit) into a folder the user chooses; the last N of a
// vault are kept. Rotation deletes only files with the exact name Snapshot
// gives: manual backups in the same folder are never touched.
package backup
