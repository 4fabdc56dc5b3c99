package store

import (
	"encoding/json"
	"errors"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Tx is one transaction, read-write (from Store.Update) or read-only (from
// Store.View). It is valid only during the function it was passed to and must
// not be used from several goroutines.
type Tx struct {
	s        *Store
	txn      *badger.Txn
	writable bool
	now      time.Time
	head     *auditHead // audit chain head, loaded at the first append
	// headBefore is the head's sequence when it was loaded (anchorAfter).
	headBefore uint64
	// ack lets the write through while a rollback is pending (AcknowledgeRollback).
	ack  bool
	bulk *bulkWriter // state of a Store.UpdateBulk Tx (bulk.go), nil otherwise
}

// Now returns the time of the transaction (UTC), used for every timestamp it writes.
func (tx *Tx) Now() time.Time { return tx.now }

// errMissing is the internal "no such key" result of get.
var errMissing = errors.New("missing")

func (tx *Tx) writeCheck() error {
	if !tx.writable {
		return i18n.Wrap(ErrReadOnly, CodeReadOnly, msgReadOnly)
	}
	if !tx.ack {
		if r := tx.s.rollback.Load(); r != nil {
			return r.Error()
		}
	}
	return nil
}

// getRaw returns a copy of the value of key, or errMissing.
func (tx *Tx) getRaw(key []byte) ([]byte, error) {
	item, err := tx.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, errMissing
	}
	if err != nil {
		return nil, badgerError(err)
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return nil, badgerError(err)
	}
	return v, nil
}

// get decodes the JSON value of key into v, or returns errMissing.
func (tx *Tx) get(key []byte, what string, v any) error {
	b, err := tx.getRaw(key)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errCorrupt(what, err)
	}
	return nil
}

func (tx *Tx) exists(key []byte) (bool, error) {
	_, err := tx.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, badgerError(err)
	}
	return true, nil
}

func (tx *Tx) putRaw(key, val []byte) error {
	if err := tx.writeCheck(); err != nil {
		return err
	}
	if tx.bulk != nil {
		return tx.bulk.write(tx, key, val, false)
	}
	if err := tx.txn.Set(key, val); err != nil {
		return badgerError(err)
	}
	return nil
}

func (tx *Tx) put(key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return errIO(err)
	}
	return tx.putRaw(key, b)
}

func (tx *Tx) del(key []byte) error {
	if err := tx.writeCheck(); err != nil {
		return err
	}
	if tx.bulk != nil {
		return tx.bulk.write(tx, key, nil, true)
	}
	if err := tx.txn.Delete(key); err != nil {
		return badgerError(err)
	}
	return nil
}

// scan calls fn for every key under prefix, in key order, with its value (nil
// when keysOnly). key and val are only valid during the call.
func (tx *Tx) scan(prefix []byte, keysOnly bool, fn func(key, val []byte) error) error {
	return tx.scanFrom(prefix, prefix, keysOnly, fn)
}

// errStop ends a scan early without error.
var errStop = errors.New("stop")

// scanFrom is scan starting at the first key ≥ start. fn may return errStop.
func (tx *Tx) scanFrom(prefix, start []byte, keysOnly bool, fn func(key, val []byte) error) error {
	if tx.bulk != nil { // a bulk Tx must not change transaction under an open iterator
		tx.bulk.scans++
		defer func() { tx.bulk.scans-- }()
	}
	o := badger.DefaultIteratorOptions
	o.Prefix = prefix
	o.PrefetchValues = !keysOnly
	if !keysOnly {
		o.PrefetchSize = 64
	}
	it := tx.txn.NewIterator(o)
	defer it.Close()
	for it.Seek(start); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		var val []byte
		if !keysOnly {
			err := item.Value(func(v []byte) error { val = v; return nil })
			if err != nil {
				return badgerError(err)
			}
		}
		if err := fn(item.Key(), val); err != nil {
			if errors.Is(err, errStop) {
				return nil
			}
			return err
		}
	}
	return nil
}

// count returns the number of keys under prefix.
func (tx *Tx) count(prefix []byte) (int, error) {
	n := 0
	err := tx.scan(prefix, true, func(_, _ []byte) error { n++; return nil })
	return n, err
}

// deletePrefix removes every key under prefix.
func (tx *Tx) deletePrefix(prefix []byte) error {
	var keys [][]byte
	if err := tx.scan(prefix, true, func(k, _ []byte) error {
		keys = append(keys, append([]byte(nil), k...))
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if err := tx.del(k); err != nil {
			return err
		}
	}
	return nil
}

// scope binds a repository to either the store (each call is a transaction)
// or a caller's transaction.
type scope struct {
	s  *Store
	tx *Tx
}

func (c scope) update(fn func(tx *Tx) error) error {
	if c.tx != nil {
		if err := c.tx.writeCheck(); err != nil {
			return err
		}
		return fn(c.tx)
	}
	return c.s.Update(fn)
}

func (c scope) view(fn func(tx *Tx) error) error {
	if c.tx != nil {
		return fn(c.tx)
	}
	return c.s.View(fn)
}

func mustUUIDv7() string {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.New().String()
	}
	return id.String()
}

// validID reports whether s looks like an identifier produced by the store.
func validID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

func mustUUIDv4() string { return uuid.New().String() }
