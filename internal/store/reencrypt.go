package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"log/slog"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Re-encryption for a re-key (vault.Rekey): the records are streamed, as of
// one read transaction, from this store into a fresh store under another
// key (the export stream of export.go, through a pipe: memory stays bounded
// by Badger's buffers, whatever the size of the store), then the new store is
// read back in full and its stream compared with the source's (count and
// SHA-256). No write can slip in between: the store is held exclusively from
// the snapshot to its Close.

// CodeReencryptMismatch is the code of a copy that does not read back as its
// source.
const CodeReencryptMismatch = "store.reencrypt_mismatch"

var msgReencryptMismatch = i18n.Text{
	FR: "la copie rechiffrée ne correspond pas aux données (%d enregistrements sur %d) : rien n'a été changé",
	AR: "النسخة المعاد تشفيرها لا تطابق البيانات (%d تسجيلات من %d): لم يتغير شيء",
	EN: "the re-encrypted copy does not match the data (%d records of %d): nothing was changed",
}

// progressEvery is how often (in records) progress is reported and the
// context checked.
const progressEvery = 512

// ReencryptAndClose writes every record of s into a new store in dir (which
// must not exist or be empty) encrypted with key, reads the new store back
// and checks it holds exactly the same records, then closes s. progress,
// when not nil, gets (done, total) as the work goes: the copy then the check,
// each counting the records once. It returns the number of records.
//
// On error or cancellation (store.cancelled, errors.Is ctx.Err()) s stays
// open and unchanged; dir may hold a partial store that the caller removes.
// Writes that wait while the copy runs fail with store.closed afterwards.
func (s *Store) ReencryptAndClose(ctx context.Context, dir string, key []byte, progress func(done, total int64)) (int64, error) {
	if len(key) != KeySize {
		return 0, i18n.New(CodeBadKey, msgBadKey)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, errClosed()
	}
	if progress == nil {
		progress = func(int64, int64) {}
	}
	if err := ctx.Err(); err != nil {
		return 0, cancelledOr(ctx, err)
	}
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	total, err := countRecords(txn)
	if err != nil {
		return 0, err
	}
	progress(0, 2*total)
	tick := func(base int64) func(n int64) error {
		return func(n int64) error {
			if n%progressEvery != 0 {
				return nil
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			progress(base+n, 2*total)
			return nil
		}
	}

	src := sha256.New()
	pr, pw := io.Pipe()
	exported := make(chan error, 1)
	var n int64
	go func() {
		var err error
		n, err = exportTxn(txn, io.MultiWriter(pw, src), tick(0))
		pw.CloseWithError(err) // nil: the reader sees EOF
		exported <- err
	}()
	m, ierr := ImportInto(dir, key, pr)
	pr.CloseWithError(errors.New("import stopped")) // unblocks the exporter
	if eerr := <-exported; eerr != nil {
		return 0, cancelledOr(ctx, eerr)
	}
	if ierr != nil {
		return 0, cancelledOr(ctx, ierr)
	}
	if m != n || n != total {
		return 0, i18n.New(CodeReencryptMismatch, msgReencryptMismatch, m, total)
	}

	got, sum, err := digestStore(dir, key, tick(total))
	if err != nil {
		return 0, cancelledOr(ctx, err)
	}
	if got != n || !bytes.Equal(sum, src.Sum(nil)) {
		return 0, i18n.New(CodeReencryptMismatch, msgReencryptMismatch, got, n)
	}
	if err := ctx.Err(); err != nil { // the last chance to cancel
		return 0, cancelledOr(ctx, err)
	}
	progress(2*total, 2*total)

	txn.Discard()
	if err := s.closeLocked(); err != nil {
		return 0, err
	}
	return n, nil
}

func cancelledOr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return i18n.Wrap(cerr, CodeCancelled, msgCancelled)
	}
	var ue *i18n.Error
	if errors.As(err, &ue) {
		return err
	}
	return errIO(err)
}

func countRecords(txn *badger.Txn) (int64, error) {
	o := badger.DefaultIteratorOptions
	o.PrefetchValues = false
	it := txn.NewIterator(o)
	defer it.Close()
	var n int64
	for it.Rewind(); it.Valid(); it.Next() {
		n++
	}
	return n, nil
}

// digestStore opens the store in dir with key, hashes its export stream and
// closes it.
func digestStore(dir string, key []byte, each func(n int64) error) (int64, []byte, error) {
	db, err := badger.Open(badgerOptions(dir, key, slog.Default()))
	if err != nil {
		return 0, nil, openError(err)
	}
	txn := db.NewTransaction(false)
	var h hash.Hash = sha256.New()
	n, err := exportTxn(txn, h, each)
	txn.Discard()
	if cerr := db.Close(); err == nil && cerr != nil {
		err = errIO(fmt.Errorf("closing the copy: %w", cerr))
	}
	if err != nil {
		return 0, nil, err
	}
	return n, h.Sum(nil), nil
}
