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
// an import of 20 000 employees (4 entries each) cannot be one transaction.
// UpdateBulk makes it one atomic change anyway, with an undo log:
//
//   - fn runs under the write lock in a Tx that writes straight into the
//     real keyspace. When its Badger transaction is nearly full, the Tx
//     commits it and goes on in a new one (even in the middle of an
//     operation: nothing is visible, see below). Each of those transactions
//     also writes, atomically with its writes, its undo record
//     z/<bulk>/u/<n>: the value every key it touches first had before the
//     bulk (or "absent").
//   - The last transaction writes the rest and the marker z/<bulk>/commit:
//     that is the single commit point. The undo records and the marker are
//     then deleted in one transaction. A bulk that never filled a
//     transaction is one ordinary transaction, with no undo record.
//   - Before the commit point, an error, a cancellation or a crash is rolled
//     back: the undo records are applied from the last to the first, each
//     in one transaction that also deletes it (so a crash during a rollback
//     resumes it), restoring every key, audit entries and head included.
//     UpdateBulk does it at once; Store.Open does it for a crash, before
//     anything else reads (see prepare), and deletes the undo records of a
//     bulk that has its marker.
//   - Readers: from the first intermediate commit to the end (commit point
//     and clean-up, or rollback), Store.View does not start a new snapshot:
//     it waits (about as long as the write of the bulk: around a second for
//     20 000 employees); a View that started before keeps its older
//     snapshot, which holds none of the change. Writers are serialised by the
//     write lock. So neither a crash nor a concurrent reader ever sees part of
//     a bulk.
//
// Why an undo log rather than staging the writes and copying them after the
// commit point (a redo log): the records are written once, not twice, and
// nothing is held in memory but the keys touched. The price is that new
// readers wait for the whole write instead of only the copy.

const (
	pBulk = "z/"
	// rotateReserve is the room (bytes, entries) kept in every transaction
	// of a bulk for its undo record and the marker.
	rotateReserveBytes   = 4 << 10
	rotateReserveEntries = 4
	bulkVersion          = 1
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
		FR: "l'opération a échoué et n'a pas pu être entièrement annulée ; elle le sera à la prochaine ouverture des données : fermez et rouvrez Tasrih",
		AR: "فشلت العملية وتعذر إلغاؤها بالكامل؛ سيتم ذلك عند الفتح القادم للبيانات: أغلق Tasrih وأعد فتحه",
		EN: "the operation failed and could not be fully undone; it will be at the next opening of the data: close and reopen Tasrih",
	}
)

// BulkStats says how UpdateBulk wrote a change.
type BulkStats struct {
	// Writes is the number of keys set or deleted (a key written twice
	// counts twice).
	Writes int
	// Staged is false when the change fit in one transaction, true when it
	// took several, with undo records and a commit marker.
	Staged bool
	// Transactions is the number of transactions of the change itself.
	Transactions int
}

// bulkHook, when set by a test, is called at each step of a staged bulk:
// "chunk" after intermediate transaction i, "commit" after the commit
// point, "rollback" after undoing transaction i. An error it returns is
// handled like a failure at that step; errBulkCrash makes UpdateBulk return
// at once, leaving the store as a crash would.
var bulkHook func(step string, i int) error

var errBulkCrash = errors.New("store: simulated crash")

func hook(step string, i int) error {
	if bulkHook == nil {
		return nil
	}
	return bulkHook(step, i)
}

// bulkWriter is the state of a bulk Tx (Tx.bulk).
type bulkWriter struct {
	s        *Store
	id       string
	n        int                 // intermediate transactions committed
	writes   int                 // sets and deletes
	touched  map[string]struct{} // keys whose prior value is recorded
	undo     []mutation          // priors of the keys first touched in the current transaction
	count    int64               // Badger's estimate of the current transaction
	size     int64
	maxCount int64
	maxSize  int64
	scans    int // scans open on the current transaction
	gated    bool
	gate     chan struct{}
}

// UpdateBulk runs fn like Update, in one read-write Tx, and saves what fn
// wrote as one atomic change, however large: every write is visible, or
// none, to readers, after an error and after a crash (see the comment at the
// top of bulk.go). fn sees its own writes. A write fn makes while a scan of
// the same Tx is open fails with store.too_large if the transaction is full.
// As with Update, fn must not call Store-level methods: a Store.View would
// wait for the bulk to end.
//
// ctx is checked before the commit point: a cancellation rolls everything
// back (store.cancelled, errors.Is the ctx error); fn should check it too.
// If a rollback fails (I/O), UpdateBulk returns store.bulk_pending: the
// next Open finishes it.
//
// Like Update, a bulk that moves the audit head across a multiple of
// AnchorEvery hands the head to Options.OnAnchor once it is committed (an
// import of thousands of employees is anchored as a series of single
// changes would be).
func (s *Store) UpdateBulk(ctx context.Context, fn func(tx *Tx) error) (BulkStats, error) {
	var before uint64
	var head *auditHead
	st, err := s.updateBulk(ctx, func(tx *Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		before, head = tx.headBefore, tx.head
		return nil
	})
	if err == nil {
		// After the locks are released: anchorAfter reads the head's entry.
		s.anchorAfter(before, head)
	}
	return st, err
}

func (s *Store) updateBulk(ctx context.Context, fn func(tx *Tx) error) (BulkStats, error) {
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

	w := &bulkWriter{s: s, id: newID(), touched: map[string]struct{}{},
		maxCount: s.db.MaxBatchCount(), maxSize: s.db.MaxBatchSize()}
	defer w.ungate()
	tx := &Tx{s: s, txn: s.db.NewTransaction(true), writable: true, now: s.now().UTC(), bulk: w}
	defer func() { tx.txn.Discard() }()

	err := fn(tx)
	if err == nil {
		if cerr := ctx.Err(); cerr != nil {
			err = i18n.Wrap(cerr, CodeCancelled, msgCancelled)
		}
	}
	st.Writes, st.Staged, st.Transactions = w.writes, w.n > 0, w.n+1
	if err == nil && w.n == 0 {
		// It fit: one ordinary transaction.
		if cerr := tx.txn.Commit(); cerr != nil {
			return st, badgerError(cerr)
		}
		return st, nil
	}
	if err == nil {
		err = w.commit(tx)
		if err == nil {
			if err := hook("commit", 0); errors.Is(err, errBulkCrash) {
				return st, err
			}
			// Committed; the undo records are dead weight, deleted here or
			// at the next Open.
			_ = s.dropBulk(w.id)
			return st, nil
		}
	}
	if errors.Is(err, errBulkCrash) {
		return st, err
	}
	tx.txn.Discard()
	if w.n > 0 {
		if rerr := s.rollbackBulk(w.id); rerr != nil {
			if errors.Is(rerr, errBulkCrash) {
				return st, rerr
			}
			return st, i18n.Wrap(errors.Join(err, rerr), CodeBulkPending, msgBulkPending)
		}
	}
	return st, err
}

// write records the prior value of key (first touch) and sets or deletes
// it, committing the current transaction first if it is nearly full.
func (w *bulkWriter) write(tx *Tx, key, val []byte, del bool) error {
	est := int64(len(key)) + 2 + 10
	if !del && len(val) < ValueThreshold {
		est += int64(len(val))
	} else if !del {
		est += 12
	}
	_, seen := w.touched[string(key)]
	if w.count+1+rotateReserveEntries >= w.maxCount || w.size+est+rotateReserveBytes >= w.maxSize {
		if err := w.rotate(tx); err != nil {
			return err
		}
	}
	if !seen {
		prior, err := tx.getRaw(key)
		switch {
		case errors.Is(err, errMissing):
			w.undo = append(w.undo, mutation{key: append([]byte(nil), key...), del: true})
		case err != nil:
			return err
		default:
			w.undo = append(w.undo, mutation{key: append([]byte(nil), key...), val: prior})
		}
		w.touched[string(key)] = struct{}{}
	}
	var err error
	if del {
		err = tx.txn.Delete(key)
	} else {
		err = tx.txn.Set(key, val)
	}
	if err != nil {
		return badgerError(err)
	}
	w.count++
	w.size += est
	w.writes++
	return nil
}

// rotate commits the current transaction with its undo record and starts
// the next one. New readers are held off from before the first such commit.
func (w *bulkWriter) rotate(tx *Tx) error {
	if w.scans > 0 {
		return i18n.Wrap(badger.ErrTxnTooBig, CodeTooLarge, msgTooLarge)
	}
	if !w.gated {
		w.gate = make(chan struct{})
		w.s.bulkGate.Store(&w.gate)
		w.gated = true
	}
	if err := tx.txn.Set(keyBulkUndo(w.id, w.n), encodeChunk(w.undo)); err != nil {
		return badgerError(err)
	}
	if err := tx.txn.Commit(); err != nil {
		return badgerError(err)
	}
	tx.txn.Discard()
	tx.txn = w.s.db.NewTransaction(true)
	w.n++
	w.undo, w.count, w.size = nil, 0, 0
	return hook("chunk", w.n-1)
}

// commit writes the last undo record and the marker with the last writes:
// the commit point.
func (w *bulkWriter) commit(tx *Tx) error {
	if err := tx.txn.Set(keyBulkUndo(w.id, w.n), encodeChunk(w.undo)); err != nil {
		return badgerError(err)
	}
	b, err := json.Marshal(bulkMarker{Version: bulkVersion, Transactions: w.n + 1, Writes: w.writes})
	if err != nil {
		return errIO(err)
	}
	if err := tx.txn.Set(keyBulkMarker(w.id), b); err != nil {
		return badgerError(err)
	}
	if err := tx.txn.Commit(); err != nil {
		return badgerError(err)
	}
	return nil
}

func (w *bulkWriter) ungate() {
	if w.gated {
		w.s.bulkGate.Store(nil)
		close(w.gate)
		w.gated = false
	}
}

// viewTxn returns a read-only snapshot for View, never one taken while a
// bulk is being written: it waits for the bulk to finish. The gate is
// checked again after the snapshot is taken: if the bulk started committing
// in between, its first commit came after the snapshot, which therefore
// holds none of it; the snapshot is retaken anyway to give the reader the
// outcome rather than the state before it.
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

// rollbackBulk undoes the intermediate transactions of a bulk, from the
// last to the first, each in one transaction that also deletes its undo
// record, then deletes what is left of the bulk.
func (s *Store) rollbackBulk(id string) error {
	var undos [][]byte
	err := s.viewRaw(func(txn *badger.Txn) error {
		return scanKeys(txn, []byte(pBulk+id+"/u/"), func(k []byte) { undos = append(undos, k) })
	})
	if err != nil {
		return err
	}
	for i := len(undos) - 1; i >= 0; i-- {
		err := func() error {
			txn := s.db.NewTransaction(true)
			defer txn.Discard()
			item, err := txn.Get(undos[i])
			if err != nil {
				return badgerError(err)
			}
			b, err := item.ValueCopy(nil)
			if err != nil {
				return badgerError(err)
			}
			muts, err := decodeChunk(b)
			if err != nil {
				return err
			}
			for j := range muts {
				if err := muts[j].applyTo(txn); err != nil {
					return badgerError(err)
				}
			}
			if err := txn.Delete(undos[i]); err != nil {
				return badgerError(err)
			}
			if err := txn.Commit(); err != nil {
				return badgerError(err)
			}
			return nil
		}()
		if err != nil {
			return err
		}
		if err := hook("rollback", len(undos)-1-i); err != nil {
			return err
		}
	}
	return s.dropBulk(id)
}

// dropBulk deletes every key of one bulk, the marker in the last
// transaction (a bulk whose marker is gone but whose undo records are not
// would be rolled back).
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
	const perTxn = 1000
	for len(keys) > 0 {
		n := min(len(keys), perTxn)
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

// recoverBulks finishes what a crash interrupted (Open, before anything
// else reads): a bulk with its marker is committed, its undo records are
// deleted; a bulk without is rolled back. It returns how many of each.
func (s *Store) recoverBulks() (committed, rolledBack int, err error) {
	marked := map[string]bool{}
	var order []string
	err = s.viewRaw(func(txn *badger.Txn) error {
		return scanKeys(txn, []byte(pBulk), func(k []byte) {
			id, tail, _ := strings.Cut(string(k[len(pBulk):]), "/")
			if _, ok := marked[id]; !ok {
				marked[id] = false
				order = append(order, id)
			}
			if tail == "commit" {
				marked[id] = true
			}
		})
	})
	if err != nil {
		return 0, 0, err
	}
	for _, id := range order {
		if marked[id] {
			if err := s.dropBulk(id); err != nil {
				return committed, rolledBack, err
			}
			committed++
			continue
		}
		if err := s.rollbackBulk(id); err != nil {
			return committed, rolledBack, err
		}
		rolledBack++
	}
	return committed, rolledBack, nil
}

type bulkMarker struct {
	Version      int `json:"v"`
	Transactions int `json:"transactions"`
	Writes       int `json:"writes"`
}

func keyBulkUndo(id string, n int) []byte { return fmt.Appendf(nil, "%s%s/u/%08d", pBulk, id, n) }
func keyBulkMarker(id string) []byte      { return k(pBulk, id, "commit") }

// mutation is one write of an undo record: a set or a delete.
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
