// Package store is Tasrih's encrypted local database: employers, employees, the
// préétablis and month lines of each period, the declarations produced, their
// submissions and receipts, and a hash-chained audit log of every change.
//
// # Storage
//
// The data lives in a Badger v4 directory encrypted with a 32-byte key handed
// over by internal/vault (AES-256 in Badger; confidentiality only, so table,
// block and value checksums are always verified). The options are those of
// security.md: 8 MiB memtables ×2, 16 MiB value-log files, 16 MiB block and
// index caches, two compactors, one version per key, synchronous writes,
// checksums verified on table and block read and on value read, no metrics,
// and a logger that forwards only warnings and errors with every string,
// byte and error argument redacted. Values of 256 bytes or more live in the
// value log (see ValueThreshold: Open reads every LSM table to verify it, so
// the tables are kept small); call Store.CollectGarbage when idle.
//
// Keys are opaque: record keys are UUIDv7 identifiers, and the unique indexes
// (affiliation number, immatriculation, CIN) are keyed by an HMAC-SHA256 of the
// value under a random index key kept inside the encrypted store, so no CNSS
// number, CIN or name ever appears in a key (Badger prints keys in its logs and
// the MANIFEST is not encrypted). Values are JSON, encrypted by Badger.
//
// # Layout
//
//	m/schema, m/idxkey, m/audit          schema version, index key, audit head
//	m/auditkey, m/auditrechain            audit chain key; progress of keying an old chain
//	er/<employer>                         Employer
//	ec/<employer>                         number of employees (portfolio listing)
//	xa/<hmac(affiliation)>                → employer id (unique)
//	ee/<employer>/<employee>              Employee
//	xi/<employer>/<hmac(immatriculation)> → employee id (unique per employer, 999999999 exempt)
//	xc/<employer>/<hmac(cin)>             → employee id (unique per employer)
//	eh/<employer>/<employee>/<seq>        previous versions of an employee
//	pe/<employer>/<AAAAMM>                imported préétabli: summary fields
//	pr/<employer>/<AAAAMM>                imported préétabli: raw bytes
//	ml/<employer>/<AAAAMM>                the month lines of a period (one record)
//	ps/<employer>/<AAAAMM>                period summary (updated with each change)
//	pt/<employer>/<AAAAMM>                period totals: payroll mass, headcount, days (with the lines)
//	dc/<declaration>                      Declaration metadata and findings
//	db/<declaration>                      the declaration file bytes
//	dx/<employer>/<AAAAMM>/<declaration>  declarations of a period
//	sb/<submission>, sx/<declaration>/<submission>, sk/<idempotency key>
//	rc/<receipt>, rp/<receipt> (PDF), rx/<declaration>/<receipt>
//	pl/<id>, xl/<hmac(profile, login)>    platform logins (never a password) and their index
//	so/<submission>                       the platform's final answer to a deposit
//	md/<declaration>, mp/<declaration>    manual-deposit evidence and its control-report PDF
//	au/<seq>                              audit entries (big-endian sequence)
//	ap/<employee>/<seq>                   erasable personal payload of an audit entry
//	ra/<employer>/<seat>/<seq>            audit entries of the other seats of a firm
//	                                      about a dossier (audit_remote.go; no chain link)
//	z/<bulk>/u/<n>, z/<bulk>/commit       undo records and commit marker of a
//	                                      bulk write in progress (UpdateBulk)
//
// # Transactions
//
// Store.Update runs a function in one read-write transaction; writes are
// serialised (one writer at a time, readers never wait), so the function runs
// exactly once and sees a consistent snapshot. Every change writes its audit
// entry in the same transaction. Store.View runs a read-only transaction.
// The repositories (Employers, Employees, Periods, Declarations, Submissions,
// Receipts) exist both on the Store (each call is its own transaction) and on a
// Tx (the call joins that transaction); never call a Store-level repository or
// Store.Update from inside an Update function: it would wait for itself.
//
// # Validation
//
// Records are validated at the boundary with go-playground/validator and the
// identifier checks of internal/domain. A wrong shape is refused with a
// validation.failed error naming each field in French, Arabic and English
// (see ValidationError). A failing check digit on an affiliation or
// immatriculation number is accepted on purpose: CNSS-issued numbers are
// authoritative and the declaration rules report it as a warning.
//
// # Audit trail
//
// Every change appends an entry to a hash chain: each entry's Hash is an
// HMAC-SHA256, under a random key kept in the encrypted store (m/auditkey),
// of its canonical bytes including the previous entry's hash. A chain
// recomputed with plain SHA-256 (or any other key) does not verify
// (VerifyAudit gives the first broken entry). Schema version 3 keyed the
// chains written before it: the existing entries are re-chained once under
// a new key, in batches that resume after a crash (m/auditrechain), history
// unchanged, recorded by an "audit.keyed" entry. The key lives with the data
// (so a re-key's copy of the store keeps the chain valid); it stops a
// forger who does not hold the data key, and the anchors below stop one who
// does.
//
// Actions and entities. An entry's action and entity are codes: the Action*
// constants (audit_labels.go) for the store's and its callers' own writes,
// lifecycle.Transition.Audit for a declaration's status change, the kind
// constants for entities. audit_labels.go is the one catalogue of their
// labels in French, Arabic and English (AuditActionLabel,
// AuditEntityLabel), which the journal shows; its tests fail on an action,
// transition or kind without a label and on an Audit call spelling its
// action as a literal.
//
// Rollback and truncation. A chain that verifies can still be an older one:
// Badger's MANIFEST is not encrypted, and cutting it loses the last
// session's tables; a copy of the whole folder can be put back. So the head
// (sequence, hash, time) is anchored outside the store through
// Options.OnAnchor at every clean Close and at least every AnchorEvery (64)
// entries, whether written by Update or by UpdateBulk (imports): internal/workspace writes it into vault.json (under the vault's
// MAC) and into a local anchor a copy of the folder does not carry (package
// anchor: the user's config folder, and the OS keyring for a remembered
// vault). Open compares the head with Options.Anchors: older than the
// vault.json anchor is "truncated", older than only the local one is
// "rolled back" (an older copy of the whole folder), a different hash at an
// anchored sequence is "diverged" (rewritten history). The store then opens
// with a pending Rollback: every write fails with store.rolled_back (FR, AR,
// EN: "last known entry #N at <time>, found #M") and the anchors are not
// moved, until AcknowledgeRollback, itself audited
// ("audit.rollback_acknowledged"). A restore goes back in time on purpose:
// backup.Restore audits it in the restored store and resets the local
// anchor (with both heads accepted while the swap is in progress). Only the
// last AnchorEvery-1 entries of a session that crashed, or a rollback on a
// computer without the local anchor, can go unnoticed.
//
// Personal data and erasure (law 09-08). Audit entries about an employee do
// not hold the employee's fields: Before and After live in an erasable
// record ap/<employee>/<seq> with a random key of its own, and the entry
// keeps only Personal, their HMAC-SHA256 under that key. Employees.Erase
// deletes the employee, its history, its index entries and those records,
// and audits the erasure with identifiers only; the chain still verifies,
// the old entries read back as Erased, and without the per-record key the
// digest cannot be tested against any value. Month lines and declarations
// already made keep the employee's identifier and amounts (the employer's
// legal obligation to keep its CNSS filings); the erased bytes leave the
// encrypted value log when CollectGarbage rewrites its file.
//
// # Schema
//
// m/schema holds the layout version. Opening an older store runs the ordered
// migrations (each in one transaction, with its audit entry) after calling
// Options.BeforeMigrate so the caller can take a snapshot first; a newer store
// is refused (store.schema_too_new).
package store
