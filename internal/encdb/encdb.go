package encdb

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// KeySize is the length of the encryption key (AES-256).
const KeySize = 32

// Badger settings (security.md, "Badger").
const (
	MemTableSize     = 8 << 20
	NumMemtables     = 2
	ValueLogFileSize = 16 << 20
	BlockCacheSize   = 16 << 20
	IndexCacheSize   = 16 << 20
	NumCompactors    = 2
	// ValueThreshold sends every value of 256 bytes or more to the value
	// log, so the LSM tables hold keys, pointers and small values only.
	// Badger reads and checks every block of every table at Open (checksum
	// verification on table read), so Open time and memory grow with the LSM
	// size: on the store's 300-employer / 20 000-employee benchmark this
	// setting takes Open from ~60 ms / ~300 MB peak RSS (64 KiB threshold) to
	// ~25 ms / ~100 MB. Value-log entries are verified on read
	// (VerifyValueChecksum).
	ValueThreshold = 256
)

// Errors of Open, to test with errors.Is. The error Open returns wraps
// Badger's own error as well.
var (
	// ErrWrongKey: the data in the folder was created with another key.
	ErrWrongKey = errors.New("encdb: the data was created with another key")
	// ErrLocked: the folder is open in another process (Badger's lock).
	ErrLocked = errors.New("encdb: the folder is open elsewhere")
	// ErrBadKey: the key is not KeySize bytes long.
	ErrBadKey = errors.New("encdb: the key must be 32 bytes")
)

// Options returns the Badger options of security.md for dir and key, with
// the redacting Logger writing to logger (nil: slog.Default()). A caller
// may change sizes (the sandbox keeps larger values) but never the safety
// settings: SyncWrites, checksums, encryption, NumVersionsToKeep.
func Options(dir string, key []byte, logger *slog.Logger) badger.Options {
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
		WithLogger(Logger(logger))
}

// Open opens (creating it if needed) the database of opts. It refuses a key
// that is not KeySize bytes, removes the empty memtable files a crash can
// leave, memtables and value logs (unless opts.ReadOnly), and returns an error that errors.Is
// ErrWrongKey or ErrLocked when Badger says so.
func Open(opts badger.Options) (*badger.DB, error) {
	if len(opts.EncryptionKey) != KeySize {
		return nil, ErrBadKey
	}
	if !opts.ReadOnly {
		if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
			return nil, err
		}
		if err := RemoveEmptyMemtables(opts.Dir); err != nil {
			return nil, err
		}
	}
	db, err := badger.Open(opts)
	if err != nil {
		return nil, Classify(err)
	}
	return db, nil
}

// Classify returns err wrapped with ErrWrongKey or ErrLocked when it is
// Badger's key-mismatch or directory-lock error, err itself otherwise.
// Badger formats its wrapped causes with %+v (no %w), so both are recognised
// by their text as well as by errors.Is. Classifying twice is harmless.
func Classify(err error) error {
	if err == nil || errors.Is(err, ErrWrongKey) || errors.Is(err, ErrLocked) {
		return err
	}
	msg := err.Error()
	switch {
	case errors.Is(err, badger.ErrEncryptionKeyMismatch) || strings.Contains(msg, badger.ErrEncryptionKeyMismatch.Error()):
		return &openError{kind: ErrWrongKey, err: err}
	case strings.Contains(msg, "Cannot acquire directory lock") || strings.Contains(msg, "Another process is using this Badger database"):
		return &openError{kind: ErrLocked, err: err}
	}
	return err
}

type openError struct{ kind, err error }

func (e *openError) Error() string   { return e.kind.Error() + ": " + e.err.Error() }
func (e *openError) Unwrap() []error { return []error{e.kind, e.err} }

// RemoveEmptyMemtables deletes the zero-length memtable and value-log files
// (*.mem, *.vlog) of dir. Badger creates such a file, then sizes it: a
// process killed in between leaves an empty file that Badger then refuses
// to open ("while opening fid: N err: Create a new file", "Open existing
// file: …vlog err: Create a new file"), which would brick the database. An
// empty file never held an entry (its header is written after the sizing;
// value-log files are not listed in the MANIFEST), so removing it loses
// nothing.
func RemoveEmptyMemtables(dir string) error {
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

// Redacted is what the Logger prints in place of an argument.
const Redacted = "‹redacted›"

// Logger returns the Badger logger that forwards warnings and errors to l
// (nil: slog.Default()) with every argument that could carry a key or a
// value (strings, byte slices, errors, structs, anything not a plain number,
// boolean or duration) replaced by Redacted. Info and debug messages are
// dropped.
func Logger(l *slog.Logger) badger.Logger {
	if l == nil {
		l = slog.Default()
	}
	return redactingLogger{l}
}

// IsRedacting reports whether bl is a Logger of this package.
func IsRedacting(bl badger.Logger) bool {
	_, ok := bl.(redactingLogger)
	return ok
}

type redactingLogger struct{ l *slog.Logger }

func (r redactingLogger) Errorf(f string, v ...any) {
	r.l.Error("badger: " + strings.TrimSpace(fmt.Sprintf(f, redact(v)...)))
}

func (r redactingLogger) Warningf(f string, v ...any) {
	r.l.Warn("badger: " + strings.TrimSpace(fmt.Sprintf(f, redact(v)...)))
}

func (redactingLogger) Infof(string, ...any)  {}
func (redactingLogger) Debugf(string, ...any) {}

func redact(v []any) []any {
	out := make([]any, len(v))
	for i, a := range v {
		switch a.(type) {
		case bool, time.Duration:
			out[i] = a
			continue
		}
		if a != nil && isNumberKind(reflect.TypeOf(a).Kind()) {
			out[i] = a
			continue
		}
		out[i] = redactedArg{}
	}
	return out
}

// isNumberKind: integers and floats (not uintptr, complex, string…).
func isNumberKind(k reflect.Kind) bool {
	return (k >= reflect.Int && k <= reflect.Uint64) || k == reflect.Float32 || k == reflect.Float64
}

// redactedArg prints Redacted under every verb (%s, %v, %x, %d, %q…).
type redactedArg struct{}

func (redactedArg) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(Redacted)) }
