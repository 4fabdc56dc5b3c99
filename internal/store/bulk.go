package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Bulk writes: one atomic change larger than a Badger transaction.
//
// Badger bounds a transaction to 15 % of the 8 MiB memtable security.md
// fixes (about 1.2 MiB of keys and small values, about 13 000 entries), so
// an import of 20 000 employees (6 entries each) cannot be one transaction.
// UpdateBulk makes it one atomic change anyway, with a redo log:
//
//  1. fn runs against a snapshot, under the write lock, and every write it
//     makes (the exact keys and values the repositories produce: records,
//     indexes, counters, audit entries and head) is kept in memory. If it
//     fits in one Badger transaction it is committed as one, and that is all.
//     Otherwise the writes are cut into chunks staged under the private
//     keyspace z/<bulk>/d/<n>, over as many transactions as needed. No reader
//     ever looks under z/.
//  2. One small transaction writes the marker z/<bulk>/commit: the atomic
//     commit point. Before it, the change does not exist (a crash or an error
//     leaves only staging keys, deleted at the next Open); after it, it is
//     certain.
//  3. The chunks are copied into the real keyspace in consecutive
//     transactions, each of which also records in the marker how many chunks
//     are applied; then the staging keys and the marker are deleted. A
//     staged write is a plain key/value set or delete, so applying a chunk
//     twice gives the same state: audit entries appear exactly once.
//
// Store.Open rolls forward every bulk with a marker (from the recorded
// count) and rolls back (deletes) every staging without one, before anything
// else reads (see prepare). Writers are serialised by the write lock, held
// from phase 1 to the end of phase 3, so no other write interleaves.
// Readers: Store.View does not start a new snapshot while phase 3 is running
// (it waits, usually well under a second, see viewTxn); a View that started
// before phase 3 keeps its older snapshot, which holds none of the change.
// So neither a crash nor a concurrent reader ever sees part of a bulk.

// Staging layout and sizes.
const (
	pBulk = "z/"
	// A staged chunk holds at most bulkChunkMuts writes and, unless a single
	// value is larger, bulkChunkBytes bytes: one chunk always fits in one
	// apply transaction (1 000 × (key + value below ValueThreshold + 12)).
	bulkChunkMuts  = 1000
	bulkChunkBytes = 1 << 20
	// Staging transactions carry up to bulkStageBytes of chunks (values in
	// the value log: each chunk costs one small entry in the transaction).
	bulkStageBytes = 8 << 20
	// Apply transactions start with bulkApplyChunks chunks, halved when
	// Badger finds the transaction too big.
	bulkApplyChunks = 10
	// bulkApplyTries is the number of attempts of an apply transaction
	// before UpdateBulk gives up and leaves the rest to the next Open.
	bulkApplyTries = 3
	bulkVersion    = 1
)

// Error codes of UpdateBulk.
const (
	CodeCancelled   = "store.cancelled"
	CodeBulkPending = "store.bulk_pending"
)

var (
	msgCancelled = i18n.Text{
		FR: "opération annulée : rien n'a été enregistré",
		AR: "أُلغيت العملية: لم يُسجَّل أي شيء",
		EN: "operation cancelled: nothing was saved",
	}
	msgBulkPending = i18n.Text{
		FR: "les modifications sont enregistrées mais n'ont pas pu être toutes écrites ; elles le seront à la prochaine ouverture des données : fermez et rouvrez Tasrih",
		AR: "سُجّلت التعديلات لكن تعذرت كتابتها كلها؛ ستُكتب عند الفتح القادم للبيانات: أغلق Tasrih وأعد فتحه",
		EN: "the changes are saved but could not all be written yet; they will be at the next opening of the data: close and reopen Tasrih",
	}
)

// BulkStats says how UpdateBulk wrote a change.
type BulkStats struct {
	// Writes is the number of keys set or deleted.
	Writes int
	// Staged is false when the change fit in one transaction, true when it
	// went through the staging keyspace.
	Staged bool
	// Chunks and ApplyTransactions describe a staged change.
	Chunks            int
	ApplyTransactions int
}

// bulkHook, when set by a test, is called at each step of a staged bulk:
// "stage" after staging transaction i, "commit" after the marker, "apply"
// after apply transaction i, "cleanup" at the end. An error it returns is
// handled like a failure at that step; errBulkCrash makes UpdateBulk return
// at once, leaving the store as a crash would.
var bulkHook func(step string, i int) error

var errBulkCrash = errors.New("store: simulated crash")

// UpdateBulk runs fn like Update, in one read-write Tx, and writes what fn
// wrote as one atomic change, however large: every write is visible, or
// none, to readers, after an error and after a crash (see the comment at the
// top of bulk.go). fn sees its own writes. fn must not scan the keyspace it
// writes in a hot loop (scans merge the pending writes, which costs a sort).
//
// The pending writes are held in memory (about the size of the records
// written: some 30 MB for 20 000 employees). The Tx's time is the same for
// all of them.
//
// ctx is checked between staging transactions: a cancellation before the
// commit point writes nothing (store.cancelled, errors.Is the ctx error);
// fn should check it too. After the commit point the change is completed
// regardless. If phase 3 keeps failing (I/O), UpdateBulk returns
// store.bulk_pending: the change is committed and the next Open completes it.
func (s *Store) UpdateBulk(ctx context.Context, fn func(tx *Tx) error) (BulkStats, error) {
	var st BulkStats
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return st, errClosed()
	}
	if err := ctx.Err(); err != nil {
		return st, i18n.Wrap(err, CodeCancelled, msgCancelled)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()

	snap := s.db.NewTransaction(false)
	o := &overlay{idx: map[string]int{}}
	tx := &Tx{s: s, txn: snap, writable: true, now: s.now().UTC(), bulk: o}
	err := fn(tx)
	snap.Discard()
	if err != nil {
		return st, err
	}
	if err := ctx.Err(); err != nil {
		return st, i18n.Wrap(err, CodeCancelled, msgCancelled)
	}
	st.Writes = len(o.muts)
	if len(o.muts) == 0 {
		return st, nil
	}
	if ok, err := s.commitDirect(o.muts); ok || err != nil {
		return st, err
	}

	// Phase 1: staging.
	st.Staged = true
	chunks := cutChunks(o.muts)
	st.Chunks = len(chunks)
	id := newID()
	if err := s.stage(ctx, id, chunks); err != nil {
		if errors.Is(err, errBulkCrash) {
			return st, err
		}
		_ = s.dropBulk(id) // best effort: the next Open deletes what is left
		if ctxErr := ctx.Err(); ctxErr != nil {
			return st, i18n.Wrap(ctxErr, CodeCancelled, msgCancelled)
		}
		return st, err
	}
	// Phase 2: the commit point.
	err = s.putMarker(id, bulkMarker{Version: bulkVersion, Chunks: len(chunks), Writes: len(o.muts)})
	if err == nil {
		err = hook("commit", 0)
	}
	if err != nil {
		if !errors.Is(err, errBulkCrash) {
			_ = s.dropBulk(id)
		}
		return st, err
	}
	// Phase 3: apply, readers held off.
	st.ApplyTransactions, err = s.applyGated(id, 0, len(chunks), func(i int) ([]mutation, error) { return chunks[i], nil })
	if err != nil {
		if errors.Is(err, errBulkCrash) {
			return st, err
		}
		return st, i18n.Wrap(err, CodeBulkPending, msgBulkPending)
	}
	if err := s.dropBulk(id); err != nil {
		// Applied and visible; the leftover staging is deleted at the next Open.
		return st, nil
	}
	return st, hookCrashOnly(hook("cleanup", 0))
}

func hook(step string, i int) error {
	if bulkHook == nil {
		return nil
	}
	return bulkHook(step, i)
}

// hookCrashOnly keeps a simulated crash and drops other hook errors at a
// step where nothing can fail any more.
func hookCrashOnly(err error) error {
	if errors.Is(err, errBulkCrash) {
		return err
	}
	return nil
}

// commitDirect writes muts in one transaction if they fit: ok is false
// (and nothing written) when Badger finds them too big.
func (s *Store) commitDirect(muts []mutation) (ok bool, err error) {
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	for i := range muts {
		if err := muts[i].applyTo(txn); err != nil {
			if errors.Is(err, badger.ErrTxnTooBig) {
				return false, nil
			}
			return false, badgerError(err)
		}
	}
	if err := txn.Commit(); err != nil {
		if errors.Is(err, badger.ErrTxnTooBig) {
			return false, nil
		}
		return false, badgerError(err)
	}
	return true, nil
}

// stage writes the chunks under z/<id>/d/<n> (phase 1).
func (s *Store) stage(ctx context.Context, id string, chunks [][]mutation) error {
	for i, n := 0, 0; i < len(chunks); n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		txn := s.db.NewTransaction(true)
		size := 0
		for ; i < len(chunks) && (size == 0 || size < bulkStageBytes); i++ {
			b := encodeChunk(chunks[i])
			size += len(b)
			if err := txn.Set(keyBulkChunk(id, i), b); err != nil {
				txn.Discard()
				return badgerError(err)
			}
		}
		err := txn.Commit()
		txn.Discard()
		if err != nil {
			return badgerError(err)
		}
		if err := hook("stage", n); err != nil {
			return err
		}
	}
	return nil
}

// applyGated runs phase 3 with new readers held off (viewTxn).
func (s *Store) applyGated(id string, from, n int, load func(i int) ([]mutation, error)) (int, error) {
	gate := make(chan struct{})
	s.bulkGate.Store(&gate)
	defer func() {
		s.bulkGate.Store(nil)
		close(gate)
	}()
	return s.apply(id, from, n, load)
}

// apply copies chunks from..n-1 into the real keyspace, recording progress
// in the marker of each transaction, and returns the number of transactions.
func (s *Store) apply(id string, from, n int, load func(i int) ([]mutation, error)) (int, error) {
	per, txns, tries := bulkApplyChunks, 0, 0
	for i := from; i < n; {
		end := min(i+per, n)
		err := func() error {
			txn := s.db.NewTransaction(true)
			defer txn.Discard()
			for c := i; c < end; c++ {
				muts, err := load(c)
				if err != nil {
					return err
				}
				for j := range muts {
					if err := muts[j].applyTo(txn); err != nil {
						return err
					}
				}
			}
			m := bulkMarker{Version: bulkVersion, Chunks: n, Applied: end}
			b, err := json.Marshal(m)
			if err != nil {
				return err
			}
			if err := txn.Set(keyBulkMarker(id), b); err != nil {
				return err
			}
			return txn.Commit()
		}()
		if errors.Is(err, badger.ErrTxnTooBig) && end-i > 1 {
			per = (end - i) / 2
			continue
		}
		if err != nil {
			var ue *i18n.Error
			if errors.As(err, &ue) || tries+1 >= bulkApplyTries {
				return txns, badgerError(err)
			}
			tries++
			continue
		}
		tries = 0
		txns++
		i = end
		if err := hook("apply", txns); err != nil {
			return txns, err
		}
	}
	return txns, nil
}

// viewTxn returns a read-only snapshot for View, never one taken while a
// bulk is being applied (phase 3): it waits for the bulk to finish. The gate
// is checked again after the snapshot is taken: if phase 3 started in
// between, its first commit came after the snapshot, which therefore holds
// none of it; the snapshot is retaken anyway to give the reader the whole
// change rather than the state before it.
func (s *Store) viewTxn() *badger.Txn {
	for {
		if g := s.bulkGate.Load(); g != nil {
			<-*g
			continue
		}
		txn := s.db.NewTransaction(false)
		if s.bulkGate.Load() == nil {
			return txn
		}
		txn.Discard()
	}
}

// dropBulk deletes every staging key of one bulk, the marker last.
func (s *Store) dropBulk(id string) error {
	var keys [][]byte
	err := s.viewRaw(func(txn *badger.Txn) error {
		return scanKeys(txn, []byte(pBulk+id+"/"), func(k []byte) { keys = append(keys, k) })
	})
	if err != nil {
		return err
	}
	marker := keyBulkMarker(id)
	sort.SliceStable(keys, func(i, j int) bool { // the marker last
		return !bytes.Equal(keys[i], marker) && bytes.Equal(keys[j], marker)
	})
	for len(keys) > 0 {
		n := min(len(keys), bulkChunkMuts)
		txn := s.db.NewTransaction(true)
		for _, k := range keys[:n] {
			if err := txn.Delete(k); err != nil {
				txn.Discard()
				return badgerError(err)
			}
		}
		err := txn.Commit()
		txn.Discard()
		if err != nil {
			return badgerError(err)
		}
		keys = keys[n:]
	}
	return nil
}

func (s *Store) viewRaw(fn func(txn *badger.Txn) error) error {
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	return fn(txn)
}

func scanKeys(txn *badger.Txn, pfx []byte, fn func(k []byte)) error {
	o := badger.DefaultIteratorOptions
	o.Prefix = pfx
	o.PrefetchValues = false
	it := txn.NewIterator(o)
	defer it.Close()
	for it.Rewind(); it.ValidForPrefix(pfx); it.Next() {
		fn(it.Item().KeyCopy(nil))
	}
	return nil
}

// recoverBulks finishes or undoes the bulks a crash interrupted (Open,
// before anything else reads): a bulk with a marker is applied from the
// recorded count; staging without a marker is deleted. It returns how many
// were rolled forward and back.
func (s *Store) recoverBulks() (forward, back int, err error) {
	type found struct{ marker bool }
	bulks := map[string]*found{}
	var order []string
	err = s.viewRaw(func(txn *badger.Txn) error {
		return scanKeys(txn, []byte(pBulk), func(k []byte) {
			rest := string(k[len(pBulk):])
			id, tail, _ := strings.Cut(rest, "/")
			f := bulks[id]
			if f == nil {
				f = &found{}
				bulks[id] = f
				order = append(order, id)
			}
			if tail == "commit" {
				f.marker = true
			}
		})
	})
	if err != nil {
		return 0, 0, err
	}
	for _, id := range order {
		if !bulks[id].marker {
			if err := s.dropBulk(id); err != nil {
				return forward, back, err
			}
			back++
			continue
		}
		var m bulkMarker
		err := s.viewRaw(func(txn *badger.Txn) error {
			item, err := txn.Get(keyBulkMarker(id))
			if err != nil {
				return badgerError(err)
			}
			return item.Value(func(v []byte) error {
				if err := json.Unmarshal(v, &m); err != nil || m.Version != bulkVersion || m.Applied > m.Chunks {
					return errCorrupt("bulk", fmt.Errorf("bad marker (%v)", err))
				}
				return nil
			})
		})
		if err != nil {
			return forward, back, err
		}
		_, err = s.apply(id, m.Applied, m.Chunks, func(i int) ([]mutation, error) {
			var muts []mutation
			err := s.viewRaw(func(txn *badger.Txn) error {
				item, err := txn.Get(keyBulkChunk(id, i))
				if err != nil {
					if errors.Is(err, badger.ErrKeyNotFound) {
						return errCorrupt("bulk", fmt.Errorf("chunk %d missing", i))
					}
					return badgerError(err)
				}
				b, err := item.ValueCopy(nil)
				if err != nil {
					return badgerError(err)
				}
				muts, err = decodeChunk(b)
				return err
			})
			return muts, err
		})
		if err != nil {
			return forward, back, err
		}
		if err := s.dropBulk(id); err != nil {
			return forward, back, err
		}
		forward++
	}
	return forward, back, nil
}

type bulkMarker struct {
	Version int `json:"v"`
	Chunks  int `json:"chunks"`
	Writes  int `json:"writes,omitempty"`
	Applied int `json:"applied"`
}

// putMarker writes the commit marker in its own transaction.
func (s *Store) putMarker(id string, m bulkMarker) error {
	b, err := json.Marshal(m)
	if err != nil {
		return errIO(err)
	}
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	if err := txn.Set(keyBulkMarker(id), b); err != nil {
		return badgerError(err)
	}
	if err := txn.Commit(); err != nil {
		return badgerError(err)
	}
	return nil
}

func keyBulkChunk(id string, n int) []byte { return fmt.Appendf(nil, "%s%s/d/%08d", pBulk, id, n) }
func keyBulkMarker(id string) []byte       { return k(pBulk, id, "commit") }

// mutation is one pending write of a bulk Tx: a set or a delete.
type mutation struct {
	key, val []byte
	del      bool
}

func (m *mutation) applyTo(txn *badger.Txn) error {
	if m.del {
		return txn.Delete(m.key)
	}
	return txn.Set(m.key, m.val)
}

// overlay holds the writes of a bulk Tx, in the order of their first write;
// reads of the Tx see them over its snapshot.
type overlay struct {
	idx  map[string]int
	muts []mutation
}

func (o *overlay) set(key, val []byte, del bool) {
	if i, ok := o.idx[string(key)]; ok {
		o.muts[i].val, o.muts[i].del = val, del
		return
	}
	o.idx[string(key)] = len(o.muts)
	o.muts = append(o.muts, mutation{key: key, val: val, del: del})
}

// lookup returns the pending write of key, if any.
func (o *overlay) lookup(key []byte) (*mutation, bool) {
	if o == nil {
		return nil, false
	}
	i, ok := o.idx[string(key)]
	if !ok {
		return nil, false
	}
	return &o.muts[i], true
}

// scanFrom is Tx.scanFrom over the snapshot merged with the pending writes.
func (o *overlay) scanFrom(tx *Tx, pfx, start []byte, keysOnly bool, fn func(key, val []byte) error) error {
	var pend []*mutation
	for i := range o.muts {
		m := &o.muts[i]
		if bytes.HasPrefix(m.key, pfx) && bytes.Compare(m.key, start) >= 0 {
			pend = append(pend, m)
		}
	}
	sort.Slice(pend, func(i, j int) bool { return bytes.Compare(pend[i].key, pend[j].key) < 0 })
	opt := badger.DefaultIteratorOptions
	opt.Prefix = pfx
	opt.PrefetchValues = !keysOnly
	it := tx.txn.NewIterator(opt)
	defer it.Close()
	it.Seek(start)
	emit := func(key, val []byte) (bool, error) {
		if keysOnly {
			val = nil
		}
		if err := fn(key, val); err != nil {
			if errors.Is(err, errStop) {
				return true, nil
			}
			return true, err
		}
		return false, nil
	}
	for {
		var bk []byte
		if it.ValidForPrefix(pfx) {
			bk = it.Item().Key()
		}
		if bk == nil && len(pend) == 0 {
			return nil
		}
		if len(pend) > 0 && (bk == nil || bytes.Compare(pend[0].key, bk) <= 0) {
			m := pend[0]
			pend = pend[1:]
			if bk != nil && bytes.Equal(m.key, bk) {
				it.Next() // the pending write replaces the stored value
			}
			if m.del {
				continue
			}
			if stop, err := emit(m.key, m.val); stop {
				return err
			}
			continue
		}
		var val []byte
		if !keysOnly {
			if err := it.Item().Value(func(v []byte) error { val = v; return nil }); err != nil {
				return badgerError(err)
			}
		}
		if stop, err := emit(bk, val); stop {
			return err
		}
		it.Next()
	}
}

// cutChunks cuts muts into chunks of at most bulkChunkMuts writes and
// bulkChunkBytes bytes (a single larger write makes a chunk of its own).
func cutChunks(muts []mutation) [][]mutation {
	var out [][]mutation
	start, size := 0, 0
	for i := range muts {
		n := len(muts[i].key) + len(muts[i].val) + 16
		if i > start && (i-start >= bulkChunkMuts || size+n > bulkChunkBytes) {
			out = append(out, muts[start:i])
			start, size = i, 0
		}
		size += n
	}
	return append(out, muts[start:])
}

// Chunk encoding: version byte, then per write uvarint(len key) ‖ key ‖ op
// (0 set, 1 delete) and, for a set, uvarint(len value) ‖ value.
func encodeChunk(muts []mutation) []byte {
	n := 1
	for i := range muts {
		n += len(muts[i].key) + len(muts[i].val) + 2*binary.MaxVarintLen32 + 1
	}
	b := make([]byte, 1, n)
	b[0] = bulkVersion
	for i := range muts {
		m := &muts[i]
		b = binary.AppendUvarint(b, uint64(len(m.key)))
		b = append(b, m.key...)
		if m.del {
			b = append(b, 1)
			continue
		}
		b = append(b, 0)
		b = binary.AppendUvarint(b, uint64(len(m.val)))
		b = append(b, m.val...)
	}
	return b
}

func decodeChunk(b []byte) ([]mutation, error) {
	bad := func(what string) error { return errCorrupt("bulk", errors.New(what)) }
	if len(b) == 0 || b[0] != bulkVersion {
		return nil, bad("chunk version")
	}
	b = b[1:]
	next := func() ([]byte, bool) {
		n, w := binary.Uvarint(b)
		if w <= 0 || n > uint64(len(b)-w) {
			return nil, false
		}
		v := b[w : w+int(n)]
		b = b[w+int(n):]
		return v, true
	}
	var out []mutation
	for len(b) > 0 {
		key, ok := next()
		if !ok || len(key) == 0 || len(b) == 0 {
			return nil, bad("chunk key")
		}
		op := b[0]
		b = b[1:]
		switch op {
		case 1:
			out = append(out, mutation{key: key, del: true})
		case 0:
			val, ok := next()
			if !ok {
				return nil, bad("chunk value")
			}
			out = append(out, mutation{key: key, val: val})
		default:
			return nil, bad("chunk op")
		}
	}
	return out, nil
}
