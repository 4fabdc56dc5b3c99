package store

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Export and import of the raw records, for encrypted backups. Badger's own
// DB.Backup writes plaintext and DB.Load trusts its length prefixes
// (security.md): neither is used. The stream written here is plaintext too,
// so callers must encrypt it (internal/backup wraps it in age) and never write
// it to disk as is.
//
// Stream format: a sequence of frames, each uvarint(len(key)) ‖ key ‖
// uvarint(len(value)) ‖ value, ending at EOF.

// Limits of ImportInto: a frame announcing more is refused before anything is
// allocated.
const (
	MaxExportKey   = 4 << 10
	MaxExportValue = 64 << 20
)

// Export writes every record of the store, as of one consistent read
// transaction, to w, and returns how many it wrote.
func (s *Store) Export(w io.Writer) (int64, error) {
	var n int64
	err := s.View(func(tx *Tx) error {
		var err error
		n, err = exportTxn(tx.txn, w, nil)
		return err
	})
	return n, err
}

// ExportCounted is Export that first counts the records (keys only, in the
// same read transaction) and then calls each(n, total) after every record
// written, n from 1 to total; an error from each stops the export and is
// returned as is (a backup's progress and cancellation, package backup).
func (s *Store) ExportCounted(w io.Writer, each func(n, total int64) error) (int64, error) {
	var n int64
	err := s.View(func(tx *Tx) error {
		total, err := countRecords(tx.txn)
		if err != nil {
			return err
		}
		if err := each(0, total); err != nil {
			return err
		}
		n, err = exportTxn(tx.txn, w, func(n int64) error { return each(n, total) })
		return err
	})
	return n, err
}

// exportTxn writes every record visible in txn to w as frames. each, when
// not nil, is called after every record with the count so far; an error
// from it stops the export.
func exportTxn(txn *badger.Txn, w io.Writer, each func(n int64) error) (int64, error) {
	var n int64
	it := txn.NewIterator(badger.DefaultIteratorOptions)
	defer it.Close()
	bw := bufio.NewWriterSize(w, 256<<10)
	var hdr [binary.MaxVarintLen64]byte
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		key := item.KeyCopy(nil)
		val, err := item.ValueCopy(nil)
		if err != nil {
			return n, errIO(err)
		}
		if len(key) > MaxExportKey || len(val) > MaxExportValue {
			return n, errIO(fmt.Errorf("record of %d+%d bytes exceeds the export limits", len(key), len(val)))
		}
		for _, b := range [][]byte{key, val} {
			if _, err := bw.Write(hdr[:binary.PutUvarint(hdr[:], uint64(len(b)))]); err != nil {
				return n, err
			}
			if _, err := bw.Write(b); err != nil {
				return n, err
			}
		}
		n++
		if each != nil {
			if err := each(n); err != nil {
				return n, err
			}
		}
	}
	return n, bw.Flush()
}

// ErrBadStream is in the chain of the error of ImportInto for a malformed stream.
var ErrBadStream = errors.New("store: malformed export stream")

var msgBadStream = i18n.Text{
	FR: "sauvegarde illisible : enregistrement n° %d mal formé",
	AR: "النسخة الاحتياطية غير مقروءة: التسجيل رقم %d غير سليم",
	EN: "unreadable backup: record #%d is malformed",
}

var msgNotEmpty = i18n.Text{
	FR: "restauration impossible : le dossier %s n'est pas vide",
	AR: "تعذر الاسترجاع: المجلد %s ليس فارغاً",
	EN: "cannot restore: folder %s is not empty",
}

// ImportInto creates a store in dir, which must not exist or be empty,
// encrypted with key, and loads the frames of r into it. Every length is
// checked against the limits before any allocation. The new store is closed
// on return (open it with Open to check it); on error dir may hold a partial
// store that the caller deletes.
func ImportInto(dir string, key []byte, r io.Reader) (int64, error) {
	if len(key) != KeySize {
		return 0, i18n.New(CodeBadKey, msgBadKey)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return 0, i18n.New("store.not_empty", msgNotEmpty, dir)
	} else if err != nil && !os.IsNotExist(err) {
		return 0, errIO(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, errIO(err)
	}
	db, err := badger.Open(badgerOptions(dir, key, slog.Default()))
	if err != nil {
		return 0, openError(err)
	}
	wb := db.NewWriteBatch()
	n, err := importFrames(wb, bufio.NewReaderSize(r, 256<<10))
	if err == nil {
		err = wb.Flush()
		if err != nil {
			err = errIO(err)
		}
	} else {
		wb.Cancel()
	}
	if cerr := db.Close(); err == nil && cerr != nil {
		err = errIO(cerr)
	}
	return n, err
}

func importFrames(wb *badger.WriteBatch, br *bufio.Reader) (int64, error) {
	var n int64
	read := func(limit int) ([]byte, error) {
		size, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, err
		}
		if size > uint64(limit) {
			return nil, fmt.Errorf("length %d over %d", size, limit)
		}
		b := make([]byte, size)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, err
		}
		return b, nil
	}
	for {
		if _, err := br.Peek(1); err == io.EOF {
			return n, nil
		}
		k, err := read(MaxExportKey)
		if err == nil && len(k) == 0 {
			err = errors.New("empty key")
		}
		var v []byte
		if err == nil {
			v, err = read(MaxExportValue)
		}
		if err != nil {
			return n, i18n.Wrap(fmt.Errorf("%w: %v", ErrBadStream, err), "store.bad_stream", msgBadStream, n+1)
		}
		if err := wb.Set(k, v); err != nil {
			return n, badgerError(err)
		}
		n++
	}
}

// ErrClosedStore returns the user-facing error of an operation on a closed
// store (for wrappers that hold a store).
func ErrClosedStore() error { return errClosed() }

// InUse reports whether another process (or this one) holds the store in
// dir open. It tries Badger's directory lock with a throw-away key: Badger
// takes the lock before it reads anything, so a lock failure means "in use"
// and a key mismatch means "free" (the lock is released on the failed open).
func InUse(dir string) bool {
	if _, err := os.Stat(dir); err != nil {
		return false
	}
	abs, err := filepath.Abs(dir)
	if err == nil {
		openMu.Lock()
		inProc := openDirs[abs]
		openMu.Unlock()
		if inProc {
			return true
		}
	}
	probe := make([]byte, KeySize)
	probe[0] = 1
	opts := badgerOptions(dir, probe, slog.New(slog.DiscardHandler)).WithReadOnly(true)
	db, err := badger.Open(opts)
	if err == nil {
		db.Close()
		return false
	}
	return errors.Is(openError(err), ErrLocked)
}
