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
// # Schema
//
// m/schema holds the layout version. Opening an older store runs the ordered
// migrations (each in one transaction, with its audit entry) after calling
// Options.BeforeMigrate so the caller can take a snapshot first; a newer store
// is refused (store.schema_too_new).
package store
