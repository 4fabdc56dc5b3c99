// Package firm is the accounting firm mode's core: several seats (people,
// each on a computer with its own encrypted Tasrih store) share a portfolio
// of dossiers (one per client employer) through an S3-compatible object
// store that never sees plaintext. There is no UI here: internal/desktop
// drives a Client and feeds its local store through the Sink and Record
// types, which know nothing of the store's internals.
//
// # Seats, firm, dossiers
//
// A seat is an Identity: an age X25519 key (dossier keys are wrapped for
// it) and an Ed25519 key (everything it writes is signed). Its public half
// travels as a one-line invitation; the seat id is a hash of both public
// keys, so an invitation cannot claim another seat's id. The founder
// (Create) is the firm's administrator: it alone invites and revokes, and
// it is on every dossier (it must be able to re-key one). A joining seat is
// given the firm's Ref (firm id and the founder's public keys) and checks
// the roster's signature against it.
//
// A dossier has a random id and a chain of changes: change n carries
// records (the store's own encodings, opaque here), its position n, the
// SHA-256 of change n−1, its writer and time, all encrypted and signed.
// Keys come in epochs: each keyring object holds the key of its epoch and
// of every earlier one, wrapped (age) for the seats allowed then; a new
// epoch starts at a given chain position (a grant, a revocation) and an
// empty "marker" change at that position is written with the new key.
//
// # Object layout
//
//	<firm>/roster                  age → active seats; signed by the founder; version
//	<firm>/d/<dossier>/k/<epoch>   keyring: age → allowed seats; signed by its writer
//	<firm>/d/<dossier>/c/<n>       change n: XChaCha20-Poly1305 (epoch key), signed inside
//	<firm>/d/<dossier>/lease       lease: XChaCha20-Poly1305 (latest epoch key), signed inside
//	<firm>/probe-<time>            the conditional-write check (removed after)
//
// <firm> is 12 random bytes, <dossier> 16, <epoch> and <n> counters in hex.
// No object name carries an affiliation number, a name or a period. The
// symmetric objects bind their object name as associated data, and every
// signed body names the object key it was signed for: an object copied
// or moved to another name does not open.
//
// # Threat model
//
// The store's operator (or whoever reads the bucket, its disks or its
// backups, or sits on the network) is an adversary; the seats of the firm
// trust one another to read and write the dossiers they are given, but a
// revoked seat is an adversary from its revocation on.
//
// The operator can learn: the number of dossiers and of seats allowed on
// each (age recipient stanzas), the number, sizes and times of changes,
// which objects each access key reads and writes and when, lease activity,
// and the firm's id. It cannot learn: names, affiliation numbers, periods,
// amounts, CIN, RIB, idempotency keys, seat names, who holds a lease, who
// wrote a change (unless all seats use different access keys). It cannot
// forge or alter an object (signature and AEAD), move one to another
// position or dossier (checked position, dossier and chain hash), delete
// one in the middle of a chain (a gap is detected: ErrMissing), roll a
// seat back to an older roster, lease or chain end than it has already
// seen (each seat remembers the roster version, the lease generation and
// the chain position and hash: ErrRollback), or give a seat a keyring of
// its own making (it does not repeat the keys the seat knows, and it is not
// signed by a member). It can deny service (delete everything, refuse
// writes), and it can show a seat that never synced a consistent but
// truncated past (a fork a fresh seat cannot tell): a seat compares
// positions with its peers out of band if that matters.
//
// A revoked seat keeps what it read before (nothing takes that back); it
// cannot read the roster or anything written with the keys made at its
// revocation, and a lease it holds or writes counts as free. It still has
// its signing key and the old dossier keys: a keyring it writes is refused
// unless a later keyring follows it (its revocation re-keyed every dossier
// it was on), and one that drops a key the reader knows is refused too.
//
// # Leases: one editor per dossier
//
// The lease object is taken with If-None-Match: * when it was never taken,
// and otherwise rewritten with If-Match on the ETag just read: renewed by
// its holder, taken over when free or expired, handed over to a named
// allowed seat ("send to Fatima for deposit"), or released. Of seats
// racing, the store lets exactly one conditional write through; the others
// get CodeLeaseHeld and who holds it since when. Expiry is judged by each
// seat's clock (Client.Now): leases are in hours, clock skew in minutes.
//
// A re-keying (a grant, a revocation) takes the lease by force, then
// claims the next chain position with an empty change sealed with the new
// key before it writes the keyring saying where the new epoch starts: a
// holder's write that checked its lease just before still lands at that
// position with the old key, legitimately, and the rotation claims the
// next one. A rotation cut between its marker and its keyring is finished
// by the rotating seat's next rotation (its state keeps the new key).
//
// The lease coordinates people; the chain protects the data: a change is
// written at position n+1 with If-None-Match: *, so two seats can never
// both write n+1. A seat that pushes without the lease, or whose write
// finds position n+1 taken, keeps its records as a Proposal and gets a
// *Conflict (CodeConflict): nothing is merged silently, a person takes the
// proposal up (TakeLease, Pull, PushProposal) or discards it; Latest reads
// the chain again (checked as Pull checks it) for the dossier's version of
// the records a discarded proposal had changed, which the seat puts back.
//
// A Record with Deleted set is a tombstone. The desktop sends one for an
// employee erased under law 09-08 (its value names the employer) and every
// seat erases it; no other kind of record is deleted through the firm (an
// employee leaves with an exit date; declarations, submissions and
// receipts stay), and a tombstone of another kind is refused.
//
// A write whose answer is lost (the store went away) stays in the seat's
// State as Pending and is sent again byte for byte; if the identical object
// is already there, the write had landed: it counts once.
//
// # Two seats offline at once
//
// Both keep working on their local stores. When they come back, the one
// that held the lease (and whose lease has not been taken over meanwhile)
// pushes; the other's push fails the lease check, or finds its position
// taken, and its changes become a proposal shown to its user with who
// holds the dossier. If the lease expired while both were away and both
// took it back in turn, the conditional writes still order them: the first
// write at n+1 wins and the second becomes a proposal. Nothing is lost and
// nothing is merged without a person.
//
// # Exactly once across seats
//
// An outbox submission travels as a KindSubmission record keyed by its
// idempotency key. RecordSubmission returns only once that record is on
// the store; the outbox sends the declaration after. A seat that later
// takes the dossier applies the record before it can push, so its outbox
// knows the key and does not send again.
//
// # Bundles
//
// Without a store, ExportBundle seals a dossier snapshot for one seat (age)
// signed by the sender; ImportBundle checks recipient, sender and
// signature, and refuses a snapshot older than one already imported.
//
// # Portfolio
//
// Overview gives, per dossier the seat may read, who holds it since when,
// how far the chain goes and how far the seat applied it, its proposals and
// its write in flight: what the dashboard shows.
//
// # What the seat keeps
//
// State (roster version, per dossier: position, hash, keys, lease
// generation, write in flight, proposals) holds keys and must be persisted
// in the seat's vault, in the same local transaction as the changes the
// Sink applied.
package firm
