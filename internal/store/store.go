package store

import (
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"github.com/tasrih/tasrih/internal/i18n"
)

// KeySize is the length of the encryption key Open expects (AES-256).
const KeySize = 32

// Badger settings (security.md, "Badger"). Exported for documentation and tests.
const (
	MemTableSize     = 8 << 20
	NumMemtables     = 2
	ValueLogFileSize = 16 << 20
	BlockCacheSize   = 16 << 20
	IndexCacheSize   = 16 << 20
	NumCompactors    = 2
	// ValueThreshold sends every value of 256 bytes or more (employee,
	// employer, audit and history records, files) to the value log, so the
	// LSM tables hold keys, pointers and small index values only. Badger
	// reads and checks every block of every table at Open (checksum
	// verification on table read, required by security.md), so Open time and
	// memory grow with the LSM size: on the 300-employer / 20 000-employee
	// benchmark this setting takes Open from ~60 ms / ~300 MB peak RSS (64 KiB
	// threshold) to ~25 ms / ~100 MB. Value-log entries are verified on read
	// (VerifyValueChecksum); Store.CollectGarbage reclaims replaced versions.
	// It also keeps big transactions far below Badger's batch limit.
	ValueThreshold = 256
)

// Options tunes Open. The zero value is ready to use.
type Options struct {
	// Actor is the "who" of audit entries and employee history. Empty means the
	// OS user name (os/user, then $USER / $USERNAME, then "unknown").
	Actor string
	// Logger receives Badger's warnings and errors, redacted. Nil means slog.Default().
	Logger *slog.Logger
	// BeforeMigrate is called once, before the first migration step, with the
	// stored and the target schema versions; the caller takes a snapshot there.
	// An error aborts Open and leaves the data untouched.
	BeforeMigrate func(from, to int) error

	// Anchors are copies of the audit head kept outside the store (vault.json,
	// keyring, config folder). A store whose head is older than one of them,
	// or whose entry at an anchored sequence has another hash, opens with a
	// pending Rollback and refuses writes until AcknowledgeRollback.
	Anchors []AuditAnchor
	// OnAnchor receives the audit head to anchor: at least every AnchorEvery
	// entries, at Close and after AcknowledgeRollback (never while a rollback
	// is pending). It must not call the store.
	OnAnchor func(AuditHead) error

	// Test hooks (package tests only).
	migrations []migration // nil: schemaMigrations
	now        func() time.Time
}

// Store is an open encrypted store. It is safe for concurrent use.
type Store struct {
	dir   string
	db    *badger.DB
	actor string
	now   func() time.Time

	mu     sync.RWMutex // held for reading by every operation, for writing by Close
	closed bool
	wmu    sync.Mutex // serialises read-write transactions

	bulkGate atomic.Pointer[chan struct{}] // set while a bulk is applied: new Views wait (bulk.go)

	idxKey   []byte // HMAC key of the unique indexes
	auditKey []byte // HMAC key of the audit chain (anchor.go)

	logger   *slog.Logger
	rollback rollbackPtr           // pending rollback detected at Open (anchor.go)
	onAnchor func(AuditHead) error // Options.OnAnchor
}

// Process-wide registry of open directories: a second Open in the same process
// fails fast with store.locked (another process is stopped by Badger's lock).
var (
	openMu   sync.Mutex
	openDirs = map[string]bool{}
)

// Open opens (creating it if needed) the store in dir with the 32-byte key.
//
// Errors: store.bad_key (key length), store.locked (the directory is open in
// this or another process), store.wrong_key (the data was created with another
// key), store.schema_too_new, store.migration_failed, store.io.
func Open(dir string, key []byte, opts Options) (*Store, error) {
	if len(key) != KeySize {
		return nil, i18n.New(CodeBadKey, msgBadKey)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, errIO(err)
	}
	openMu.Lock()
	if openDirs[abs] {
		openMu.Unlock()
		return nil, i18n.Wrap(ErrLocked, CodeLocked, msgLocked)
	}
	openDirs[abs] = true
	openMu.Unlock()
	ok := false
	defer func() {
		if !ok {
			openMu.Lock()
			delete(openDirs, abs)
			openMu.Unlock()
		}
	}()

	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, errIO(err)
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	if err := removeEmptyMemtables(abs); err != nil {
		return nil, errIO(err)
	}
	db, err := badger.Open(badgerOptions(abs, key, logger))
	if err != nil {
		return nil, openError(err)
	}
	s := &Store{dir: abs, db: db, actor: opts.Actor, now: opts.now, logger: logger}
	if s.actor == "" {
		s.actor = osUser()
	}
	if s.now == nil {
		s.now = time.Now
	}
	migs := opts.migrations
	if migs == nil {
		migs = schemaMigrations
	}
	if err := s.prepare(migs, opts.BeforeMigrate); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := s.checkAnchors(opts.Anchors); err != nil {
		_ = db.Close()
		return nil, err
	}
	s.onAnchor = opts.OnAnchor
	ok = true
	return s, nil
}

// removeEmptyMemtables deletes the zero-length memtable and value-log files
// (*.mem, *.vlog) of dir. Badger creates such a file, then sizes it: a
// process killed in between leaves an empty file that Badger then refuses
// to open ("while opening fid: N err: Create a new file", "Open existing
// file: …vlog err: Create a new file"), which would brick the store. An
// empty file never held an entry (its header is written after the sizing;
// value-log files are not listed in the MANIFEST), so removing it loses
// nothing.
func removeEmptyMemtables(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !(strings.HasSuffix(e.Name(), ".mem") || strings.HasSuffix(e.Name(), ".vlog")) {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.Size() == 0 {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// badgerOptions returns the Badger options of security.md.
func badgerOptions(dir string, key []byte, logger *slog.Logger) badger.Options {
	return badger.DefaultOptions(dir).
		WithEncryptionKey(key).
		WithMemTableSize(MemTableSize).
		WithNumMemtables(NumMemtables).
		WithValueLogFileSize(ValueLogFileSize).
		WithValueThreshold(ValueThreshold).
		WithBlockCacheSize(BlockCacheSize).
		WithIndexCacheSize(IndexCacheSize).
		WithNumCompactors(NumCompactors).
		WithNumVersionsToKeep(1).
		WithSyncWrites(true).
		WithChecksumVerificationMode(options.OnTableAndBlockRead).
		WithVerifyValueChecksum(true).
		WithMetricsEnabled(false).
		WithLogger(redactingLogger{logger})
}

// openError maps Badger's Open errors to user-facing errors. Badger formats its
// wrapped causes with %+v (no %w), so the lock and key errors are recognised
// by their text as well as by errors.Is.
func openError(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, badger.ErrEncryptionKeyMismatch) || strings.Contains(msg, badger.ErrEncryptionKeyMismatch.Error()):
		return i18n.Wrap(ErrWrongKey, CodeWrongKey, msgWrongKey)
	case strings.Contains(msg, "Cannot acquire directory lock") || strings.Contains(msg, "Another process is using this Badger database"):
		return i18n.Wrap(ErrLocked, CodeLocked, msgLocked)
	}
	return errIO(err)
}

func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, v := range []string{"USER", "USERNAME", "LOGNAME"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return "unknown"
}

// Dir returns the absolute directory of the store.
func (s *Store) Dir() string { return s.dir }

// Actor returns the name written as "who" in audit entries.
func (s *Store) Actor() string { return s.actor }

// Close closes the store and releases the directory lock. Operations after
// Close fail with store.closed; closing twice is a no-op.
func (s *Store) Close() error {
	aerr := s.Anchor() // a clean close anchors the head (not while a rollback is pending)
	if errors.Is(aerr, ErrClosed) {
		aerr = nil
	}
	if err := s.close(); err != nil {
		return err
	}
	return aerr
}

func (s *Store) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	return s.closeLocked()
}

// closeLocked closes the store; s.mu is held for writing.
func (s *Store) closeLocked() error {
	s.closed = true
	err := s.db.Close()
	s.db = nil
	s.idxKey = nil
	s.auditKey = nil
	openMu.Lock()
	delete(openDirs, s.dir)
	openMu.Unlock()
	if err != nil {
		return errIO(err)
	}
	return nil
}

// Update runs fn in one read-write transaction and commits it if fn returns
// nil. Read-write transactions are serialised: fn runs exactly once. fn must
// not call Store-level methods (use tx).
func (s *Store) Update(fn func(tx *Tx) error) error {
	return s.update(false, fn)
}

// update is Update; ack lets it write while a rollback is pending.
func (s *Store) update(ack bool, fn func(tx *Tx) error) error {
	var before uint64
	var head *auditHead
	err := s.updateLocked(ack, func(tx *Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		before, head = tx.headBefore, tx.head
		return nil
	})
	if err == nil {
		s.anchorAfter(before, head)
	}
	return err
}

func (s *Store) updateLocked(ack bool, fn func(tx *Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return errClosed()
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	tx := &Tx{s: s, txn: txn, writable: true, now: s.now().UTC(), ack: ack}
	if err := fn(tx); err != nil {
		return err
	}
	if err := txn.Commit(); err != nil {
		return badgerError(err)
	}
	return nil
}

// View runs fn in a read-only transaction (a consistent snapshot).
func (s *Store) View(fn func(tx *Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return errClosed()
	}
	txn := s.viewTxn()
	defer txn.Discard()
	return fn(&Tx{s: s, txn: txn, now: s.now().UTC()})
}

// CollectGarbage rewrites value-log files that are at least half garbage
// (replaced declarations, receipts). Call it when the app is idle.
func (s *Store) CollectGarbage() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return errClosed()
	}
	for {
		err := s.db.RunValueLogGC(0.5)
		if errors.Is(err, badger.ErrNoRewrite) || errors.Is(err, badger.ErrRejected) {
			return nil
		}
		if err != nil {
			return errIO(err)
		}
	}
}

func badgerError(err error) error {
	var ue *i18n.Error
	if errors.As(err, &ue) {
		return err
	}
	if errors.Is(err, badger.ErrTxnTooBig) || errors.Is(err, badger.ErrValueLogSize) {
		return i18n.Wrap(err, CodeTooLarge, msgTooLarge)
	}
	return errIO(err)
}

// newID returns a fresh opaque identifier (UUIDv7: time-ordered, random).
func newID() string { return mustUUIDv7() }

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never happens on supported systems
	}
	return b
}

// redactingLogger forwards Badger's warnings and errors to slog with every
// argument that could carry a key or a value (strings, byte slices, errors,
// anything not a plain number) replaced by "‹redacted›". Info and debug
// messages are dropped.
type redactingLogger struct{ l *slog.Logger }

var _ badger.Logger = redactingLogger{}

func (r redactingLogger) Errorf(f string, v ...any) {
	r.l.Error("badger: " + strings.TrimSpace(fmt.Sprintf(f, redact(v)...)))
}

func (r redactingLogger) Warningf(f string, v ...any) {
	r.l.Warn("badger: " + strings.TrimSpace(fmt.Sprintf(f, redact(v)...)))
}

func (redactingLogger) Infof(string, ...any)  {}
func (redactingLogger) Debugf(string, ...any) {}

const redacted = "‹redacted›"

func redact(v []any) []any {
	out := make([]any, len(v))
	for i, a := range v {
		switch a.(type) {
		case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64, bool, time.Duration:
			out[i] = a
		default:
			if a != nil && isNumberKind(reflect.TypeOf(a).Kind()) {
				out[i] = a
			} else {
				out[i] = redactedArg{}
			}
		}
	}
	return out
}

func isNumberKind(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Float64
}

// redactedArg prints "‹redacted›" under every verb (%s, %v, %x, %d, %q…).
type redactedArg struct{}

func (redactedArg) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }
