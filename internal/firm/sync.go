package firm

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/firm/objstore"
)

// changeBody is the signed, encrypted content of a change object.
type changeBody struct {
	Firm    string    `json:"firm"`
	Dossier DossierID `json:"dossier"`
	Seq     uint64    `json:"seq"`
	Epoch   uint32    `json:"epoch"`
	Prev    []byte    `json:"prev"` // SHA-256 of the object at Seq-1
	Writer  SeatID    `json:"writer"`
	At      time.Time `json:"at"`
	Records []Record  `json:"records"`
}

func hashOf(data []byte) []byte {
	h := sha256.Sum256(data)
	return h[:]
}

func (c *Client) sealChange(d DossierID, seq uint64, epoch uint32, prev []byte, recs []Record) ([]byte, error) {
	c.mu.Lock()
	ds := c.state.Dossiers[d]
	var k EpochKey
	ok := false
	if ds != nil {
		k, ok = ds.Epochs[epoch]
	}
	c.mu.Unlock()
	if !ok {
		return nil, errNoAccess()
	}
	key := c.changeKey(d, seq)
	body, err := signedBody(c.id, labelChange, key, changeBody{
		Firm: c.ref.Firm, Dossier: d, Seq: seq, Epoch: epoch, Prev: prev,
		Writer: c.id.ID(), At: c.Now().UTC(), Records: recs,
	})
	if err != nil {
		return nil, err
	}
	return sealSym(k.Key, epoch, key, body)
}

// openChange decrypts and checks the change object data found at position
// seq of d: its key, signature, place in the chain (when prev is not nil)
// and epoch.
func (c *Client) openChange(ctx context.Context, d DossierID, seq uint64, data, prev []byte) (*changeBody, error) {
	what := fmt.Sprintf("change %d", seq)
	epoch, err := symEpoch(data)
	if err != nil {
		return nil, errTampered(what)
	}
	c.mu.Lock()
	ds := c.state.Dossiers[d]
	k, ok := ds.Epochs[epoch]
	c.mu.Unlock()
	if !ok {
		if err := c.refreshKeys(ctx, d, nil); err != nil {
			return nil, err
		}
		c.mu.Lock()
		k, ok = ds.Epochs[epoch]
		latest := ds.KeyringEpoch
		c.mu.Unlock()
		if !ok {
			if epoch > latest {
				return nil, errNoAccess()
			}
			return nil, errTampered(what)
		}
	}
	body, err := openSym(k.Key, c.changeKey(d, seq), data)
	if err != nil {
		return nil, errTampered(what)
	}
	js, sig, err := splitBody(body)
	if err != nil {
		return nil, errTampered(what)
	}
	var ch changeBody
	if err := json.Unmarshal(js, &ch); err != nil {
		return nil, errTampered(what)
	}
	if ch.Firm != c.ref.Firm || ch.Dossier != d || ch.Seq != seq || ch.Epoch != epoch {
		return nil, errTampered(what + " moved")
	}
	c.mu.Lock()
	want, _ := ds.epochFor(seq)
	c.mu.Unlock()
	if epoch != want {
		return nil, errTampered(what + " written with a superseded key")
	}
	if prev != nil && !bytes.Equal(ch.Prev, prev) {
		return nil, errTampered(what + " out of chain")
	}
	w, err := c.seatPub(ctx, ch.Writer)
	if err != nil || !verifyBody(w.SeatPublic, labelChange, c.changeKey(d, seq), js, sig) {
		return nil, errTampered(what + " signature")
	}
	if !slicesContains(k.Seats, ch.Writer) && len(k.Seats) > 0 {
		return nil, errTampered(what + " written by a seat not allowed on the dossier")
	}
	return &ch, nil
}

func slicesContains(s []SeatID, v SeatID) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// pull brings d's changes after the seat's position, checks each and hands
// them to sink in order. changes are the change objects of a listing (nil:
// list them).
func (c *Client) pull(ctx context.Context, d DossierID, keyrings, changes []string, sink Sink, sinkMu *sync.Mutex) error {
	if err := c.refreshKeys(ctx, d, keyrings); err != nil {
		return err
	}
	c.mu.Lock()
	ds := c.state.Dossiers[d]
	seq, hash := ds.Seq, ds.Hash
	c.mu.Unlock()
	startAfter := ""
	if seq > 0 {
		startAfter = c.changeKey(d, seq-1)
	}
	if changes == nil {
		var err error
		changes, err = c.st.List(ctx, c.dossierPrefix(d)+"c/", startAfter)
		if err != nil {
			return wrapStore(err)
		}
	} else {
		sort.Strings(changes)
		i := sort.SearchStrings(changes, startAfter)
		for i < len(changes) && changes[i] <= startAfter {
			i++
		}
		changes = changes[i:]
	}
	if seq > 0 {
		// The last change this seat applied must still be there: a
		// shorter chain is a rollback or a deletion.
		if len(changes) == 0 || changes[0] != c.changeKey(d, seq) {
			return errRollback(fmt.Sprintf("dossier chain shorter than position %d", seq))
		}
		changes = changes[1:]
	}
	if hash == nil {
		hash = []byte{}
	}
	for _, key := range changes {
		if err := ctx.Err(); err != nil {
			return err
		}
		next := seq + 1
		if key != c.changeKey(d, next) {
			return errMissing(fmt.Sprintf("change %d", next))
		}
		data, _, err := c.st.Get(ctx, key)
		if errors.Is(err, objstore.ErrNotFound) {
			return errMissing(fmt.Sprintf("change %d", next))
		}
		if err != nil {
			return wrapStore(err)
		}
		ch, err := c.openChange(ctx, d, next, data, hash)
		if err != nil {
			return err
		}
		if sink != nil && len(ch.Records) > 0 {
			if sinkMu != nil {
				sinkMu.Lock()
			}
			err := sink.Apply(Change{Dossier: d, Seq: next, Writer: ch.Writer, At: ch.At, Records: ch.Records})
			if sinkMu != nil {
				sinkMu.Unlock()
			}
			if err != nil {
				return err
			}
		}
		seq, hash = next, hashOf(data)
		c.mu.Lock()
		ds.Seq, ds.Hash = seq, hash
		c.mu.Unlock()
	}
	return nil
}

// Pull brings the changes of one dossier that this seat has not applied
// yet, in order, to sink.
func (c *Client) Pull(ctx context.Context, d DossierID, sink Sink) error {
	c.op.Lock()
	defer c.op.Unlock()
	if err := c.flush(ctx, d); err != nil {
		return err
	}
	return c.pull(ctx, d, nil, nil, sink, nil)
}

// Progress reports a sync's advance: done of total dossiers.
type Progress func(done, total int)

// Sync sends the writes left in flight, then brings every dossier this
// seat may read up to date (several at a time; sink is called one change
// at a time). A dossier that fails (a tampered object, say) does not stop
// the others: the errors are joined. Cancel ctx to stop.
func (c *Client) Sync(ctx context.Context, sink Sink, progress Progress) error {
	c.op.Lock()
	defer c.op.Unlock()
	if err := c.loadRoster(ctx); err != nil {
		return err
	}
	dossiers, err := c.listDossiers(ctx)
	if err != nil {
		return err
	}
	var (
		errs   []error
		errMu  sync.Mutex
		sinkMu sync.Mutex
		done   int
		wg     sync.WaitGroup
	)
	work := make(chan *dossierKeys)
	workers := min(8, 2*runtime.GOMAXPROCS(0))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range work {
				err := c.flush(ctx, d.id)
				if err == nil {
					err = c.pull(ctx, d.id, d.keyrings, d.changes, sink, &sinkMu)
				}
				errMu.Lock()
				if err != nil && !errors.Is(err, ErrNoAccess) {
					errs = append(errs, fmt.Errorf("dossier %s: %w", d.id, err))
				}
				done++
				if progress != nil {
					progress(done, len(dossiers))
				}
				errMu.Unlock()
			}
		}()
	}
	for _, d := range dossiers {
		select {
		case work <- d:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(work)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// Push writes recs as the next change of dossier d. The seat must hold
// d's lease and have applied every change before: otherwise the records
// are kept as a proposal and a *Conflict is returned (wrapped, with
// CodeConflict), never merged. If the store goes away mid-write, the
// sealed change is kept and sent again, byte for byte, by the next Push,
// Pull or Sync (an i18n error with CodeUnavailable says so): nothing is
// lost and nothing is written twice. It returns the change's position.
func (c *Client) Push(ctx context.Context, d DossierID, recs []Record) (uint64, error) {
	if len(recs) == 0 {
		return 0, errEmpty
	}
	c.op.Lock()
	defer c.op.Unlock()
	return c.push(ctx, d, recs)
}

// RecordSubmission writes an outbox submission (keyed by its idempotency
// key) to dossier d. It returns nil only once the record is on the store,
// before the caller may send the declaration: a seat that later takes the
// dossier sees the submission and its key, and its outbox does not send it
// again (the exactly-once promise across seats).
func (c *Client) RecordSubmission(ctx context.Context, d DossierID, idempotencyKey string, value []byte) (uint64, error) {
	return c.Push(ctx, d, []Record{SubmissionRecord(idempotencyKey, value)})
}

func (c *Client) push(ctx context.Context, d DossierID, recs []Record) (uint64, error) {
	if err := c.refreshKeys(ctx, d, nil); err != nil {
		return 0, err
	}
	if err := c.flush(ctx, d); err != nil {
		var cf *Conflict
		if errors.As(err, &cf) && len(recs) > 0 {
			return 0, c.conflict(d, cf.Lease, recs)
		}
		return 0, err
	}
	l, _, _, err := c.readLease(ctx, d)
	if err != nil {
		return 0, err
	}
	if l.Holder != c.id.ID() || l.free(c.Now()) {
		return 0, c.conflict(d, l, recs)
	}
	for {
		c.mu.Lock()
		ds := c.state.Dossiers[d]
		seq, prev := ds.Seq+1, ds.Hash
		epoch, _ := ds.epochFor(seq)
		c.mu.Unlock()
		if prev == nil {
			prev = []byte{}
		}
		// A key rotation (a grant, a revocation) leaves an empty change
		// at the next position: step over it rather than conflict.
		if skipped, err := c.skipMarker(ctx, d, seq, prev); err != nil {
			return 0, err
		} else if skipped {
			continue
		}
		data, err := c.sealChange(d, seq, epoch, prev, recs)
		if err != nil {
			return 0, err
		}
		c.mu.Lock()
		ds.Pending = &Pending{Seq: seq, Data: data, Records: recs}
		c.mu.Unlock()
		if err := c.flush(ctx, d); err != nil {
			return 0, err
		}
		return seq, nil
	}
}

// skipMarker advances d past position seq if the store holds there an
// empty change (a rotation marker) that follows prev.
func (c *Client) skipMarker(ctx context.Context, d DossierID, seq uint64, prev []byte) (bool, error) {
	data, _, err := c.st.Get(ctx, c.changeKey(d, seq))
	if errors.Is(err, objstore.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, wrapStore(err)
	}
	ch, err := c.openChange(ctx, d, seq, data, prev)
	if err != nil {
		return false, err
	}
	if len(ch.Records) > 0 {
		return false, nil // another seat's change: the write will conflict
	}
	c.mu.Lock()
	ds := c.state.Dossiers[d]
	if ds.Seq+1 == seq {
		ds.Seq, ds.Hash = seq, hashOf(data)
	}
	c.mu.Unlock()
	return true, nil
}

// flush sends d's change in flight, if any. If the position was taken by
// another seat's change, the records become a proposal (a *Conflict).
func (c *Client) flush(ctx context.Context, d DossierID) error {
	c.mu.Lock()
	ds := c.state.Dossiers[d]
	var p *Pending
	if ds != nil {
		p = ds.Pending
	}
	c.mu.Unlock()
	if p == nil {
		return nil
	}
	key := c.changeKey(d, p.Seq)
	_, err := c.st.Put(ctx, key, p.Data, objstore.Cond{IfAbsent: true})
	if errors.Is(err, objstore.ErrPrecondition) {
		// Already there: ours (an earlier attempt whose answer was
		// lost) or another seat's.
		got, _, gerr := c.st.Get(ctx, key)
		if gerr != nil {
			return wrapStore(gerr)
		}
		if !bytes.Equal(got, p.Data) {
			c.mu.Lock()
			ds.Pending = nil
			c.mu.Unlock()
			l, _, _, _ := c.readLease(ctx, d)
			return c.conflict(d, l, p.Records)
		}
		err = nil
	}
	if err != nil {
		return wrapStore(err)
	}
	c.mu.Lock()
	if ds.Seq+1 == p.Seq {
		ds.Seq, ds.Hash = p.Seq, hashOf(p.Data)
	}
	ds.Pending = nil
	c.mu.Unlock()
	return nil
}

func (c *Client) conflict(d DossierID, l Lease, recs []Record) error {
	var id [8]byte
	_, _ = rand.Read(id[:])
	c.mu.Lock()
	ds := c.state.Dossiers[d]
	p := Proposal{ID: hex.EncodeToString(id[:]), Dossier: d, BaseSeq: ds.Seq, At: c.Now().UTC(), Records: recs}
	if len(recs) > 0 {
		ds.Proposals = append(ds.Proposals, p)
	}
	c.mu.Unlock()
	return errConflict(&Conflict{Dossier: d, Lease: l, Proposal: p})
}

// Proposals returns the changes kept on this seat for d, not sent.
func (c *Client) Proposals(d DossierID) []Proposal {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ds := c.state.Dossiers[d]; ds != nil {
		return append([]Proposal(nil), ds.Proposals...)
	}
	return nil
}

// DiscardProposal drops a proposal (a person chose not to keep it).
func (c *Client) DiscardProposal(d DossierID, id string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	ds := c.state.Dossiers[d]
	if ds == nil {
		return false
	}
	for i, p := range ds.Proposals {
		if p.ID == id {
			ds.Proposals = append(ds.Proposals[:i], ds.Proposals[i+1:]...)
			return true
		}
	}
	return false
}

// PushProposal sends a proposal a person chose to keep, as a new change
// (the seat must hold the lease and be up to date, as for Push); it is
// removed once sent.
func (c *Client) PushProposal(ctx context.Context, d DossierID, id string) (uint64, error) {
	var recs []Record
	for _, p := range c.Proposals(d) {
		if p.ID == id {
			recs = p.Records
		}
	}
	if recs == nil {
		return 0, errEmpty
	}
	c.op.Lock()
	defer c.op.Unlock()
	seq, err := c.push(ctx, d, recs)
	var cf *Conflict
	if err == nil || errors.As(err, &cf) {
		// Sent, or kept again as a new proposal: one copy only.
		c.DiscardProposal(d, id)
	}
	return seq, err
}

// Latest returns, for each record id ("kind/key") of want, its last version
// in d's chain up to the position this seat has applied, read again from
// the store and checked as Pull checks it (key, signature, chain). A record
// the chain never carried is not in the answer (it was made on this seat
// only). It is how a seat puts back the dossier's version of records it
// changed without the lease once their proposal is discarded.
func (c *Client) Latest(ctx context.Context, d DossierID, want map[string]bool) ([]Record, error) {
	c.op.Lock()
	defer c.op.Unlock()
	if err := c.refreshKeys(ctx, d, nil); err != nil {
		return nil, err
	}
	c.mu.Lock()
	ds := c.state.Dossiers[d]
	var upTo uint64
	var last []byte
	if ds != nil {
		upTo, last = ds.Seq, ds.Hash
	}
	c.mu.Unlock()
	if ds == nil {
		return nil, errNoAccess()
	}
	found := map[string]Record{}
	prev := []byte{}
	for seq := uint64(1); seq <= upTo; seq++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, _, err := c.st.Get(ctx, c.changeKey(d, seq))
		if errors.Is(err, objstore.ErrNotFound) {
			return nil, errMissing(fmt.Sprintf("change %d", seq))
		}
		if err != nil {
			return nil, wrapStore(err)
		}
		ch, err := c.openChange(ctx, d, seq, data, prev)
		if err != nil {
			return nil, err
		}
		for _, r := range ch.Records {
			if id := r.Kind + "/" + r.Key; want[id] {
				found[id] = r
			}
		}
		prev = hashOf(data)
	}
	if upTo > 0 && !bytes.Equal(prev, last) {
		return nil, errRollback(fmt.Sprintf("dossier chain differs at position %d", upTo))
	}
	out := make([]Record, 0, len(found))
	for _, r := range found {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind+"/"+out[i].Key < out[j].Kind+"/"+out[j].Key })
	return out, nil
}
