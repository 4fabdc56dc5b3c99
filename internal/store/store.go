package store

import (
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tasrih/tasrih/internal/encdb"
	"github.com/tasrih/tasrih/internal/i18n"
)

// KeySize is the length of the encryption key Open expects (AES-256).
const KeySize = 32

// Badger settings (security.md, "Badger"), those of internal/encdb, the one
// encrypted-Badger opener. Exported for documentation and tests.
const (
	MemTableSize     = encdb.MemTableSize
	NumMemtables     = encdb.NumMemtables
	ValueLogFileSize = encdb.ValueLogFileSize
	BlockCacheSize   = encdb.BlockCacheSize
	IndexCacheSize   = encdb.IndexCacheSize
	NumCompactors    = encdb.NumCompactors
	// ValueThreshold sends every value of 256 bytes or more (employee,
	// employer, audit and history records, files) to the value log, so the
	// LSM tables hold keys, pointers and small index values only (see
	// encdb.ValueThreshold for the measured effect on Open). Store.CollectGarbage
	// reclaims replaced versions. It also keeps big transactions far below
	// Badger's batch limit.
	ValueThreshold = encdb.ValueThreshold
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
	db, err := encdb.Open(badgerOptions(abs, key, logger))
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

// badgerOptions returns the Badger options of security.md (encdb.Options).
func badgerOptions(dir string, key []byte, logger *slog.Logger) badger.Options {
	return encdb.Options(dir, key, logger)
}

// openError maps the errors of opening Badger (encdb.Open or badger.Open)
// to user-facing errors.
func openError(err error) error {
	err = encdb.Classify(err)
	switch {
	case errors.Is(err, encdb.ErrWrongKey):
		return i18n.Wrap(ErrWrongKey, CodeWrongKey, msgWrongKey)
	case errors.Is(err, encdb.ErrLocked):
		return i18n.Wrap(ErrLocked, CodeLocked, msgLocked)
	case errors.Is(err, encdb.ErrBadKey):
		return i18n.New(CodeBadKey, msgBadKey)
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
