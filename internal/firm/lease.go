package firm

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/tasrih/tasrih/internal/firm/objstore"
)

// DefaultLease is how long a lease lasts unless renewed.
const DefaultLease = 8 * time.Hour

// Lease says who may edit a dossier. Holder "" means nobody (released).
type Lease struct {
	Dossier    DossierID `json:"dossier"`
	Holder     SeatID    `json:"holder"`
	HolderName string    `json:"-"` // from the roster
	Since      time.Time `json:"since"`
	Expires    time.Time `json:"expires"`
	// Gen counts the lease's writes; a seat refuses a lower one than it
	// has seen (a replayed lease object).
	Gen    uint64 `json:"gen"`
	Writer SeatID `json:"writer"`
	Firm   string `json:"firm"`

	holderRevoked bool
}

func (l Lease) free(now time.Time) bool {
	return l.Holder == "" || l.holderRevoked || !now.Before(l.Expires)
}

// Free reports whether nobody holds the lease at now.
func (l Lease) Free(now time.Time) bool { return l.free(now) }

// readLease returns d's lease as the store has it (exists false: never
// taken), checked: sealed with a dossier key, signed by an allowed seat,
// not older than one this seat saw.
func (c *Client) readLease(ctx context.Context, d DossierID) (l Lease, etag string, exists bool, err error) {
	key := c.leaseKey(d)
	data, etag, err := c.st.Get(ctx, key)
	if errors.Is(err, objstore.ErrNotFound) {
		c.mu.Lock()
		gen := c.state.Dossiers[d].LeaseGen
		c.mu.Unlock()
		if gen > 0 {
			return l, "", false, errMissing("lease")
		}
		return Lease{Dossier: d}, "", false, nil
	}
	if err != nil {
		return l, "", false, wrapStore(err)
	}
	epoch, err := symEpoch(data)
	if err != nil {
		return l, "", false, errTampered("lease")
	}
	c.mu.Lock()
	ds := c.state.Dossiers[d]
	k, ok := ds.Epochs[epoch]
	c.mu.Unlock()
	if !ok {
		if err := c.refreshKeys(ctx, d, nil); err != nil {
			return l, "", false, err
		}
		c.mu.Lock()
		k, ok = ds.Epochs[epoch]
		c.mu.Unlock()
		if !ok {
			return l, "", false, errNoAccess()
		}
	}
	body, err := openSym(k.Key, key, data)
	if err != nil {
		return l, "", false, errTampered("lease")
	}
	js, sig, err := splitBody(body)
	if err != nil || json.Unmarshal(js, &l) != nil || l.Dossier != d || l.Firm != c.ref.Firm {
		return Lease{}, "", false, errTampered("lease")
	}
	w, err := c.seatPub(ctx, l.Writer)
	if err != nil || !verifyBody(w.SeatPublic, labelLease, key, js, sig) {
		return Lease{}, "", false, errTampered("lease signature")
	}
	if len(k.Seats) > 0 && !slicesContains(k.Seats, l.Writer) {
		return Lease{}, "", false, errTampered("lease written by a seat not allowed on the dossier")
	}
	c.mu.Lock()
	if l.Gen < ds.LeaseGen {
		c.mu.Unlock()
		return Lease{}, "", false, errRollback("lease")
	}
	ds.LeaseGen = l.Gen
	c.mu.Unlock()
	if l.Holder != "" {
		h, err := c.seatPub(ctx, l.Holder)
		if err != nil {
			return Lease{}, "", false, errTampered("lease holder")
		}
		l.HolderName = h.Name
		// A revoked seat's lease, or one it wrote after its
		// revocation, holds nothing.
		l.holderRevoked = h.RevokedAt != 0 || w.RevokedAt != 0
	}
	return l, etag, true, nil
}

func (c *Client) writeLease(ctx context.Context, l Lease, cond objstore.Cond) (Lease, error) {
	key := c.leaseKey(l.Dossier)
	c.mu.Lock()
	ds := c.state.Dossiers[l.Dossier]
	epoch := ds.KeyringEpoch
	c.mu.Unlock()
	l.Writer, l.Firm = c.id.ID(), c.ref.Firm
	body, err := signedBody(c.id, labelLease, key, l)
	if err != nil {
		return l, err
	}
	c.mu.Lock()
	k := ds.Epochs[epoch]
	c.mu.Unlock()
	data, err := sealSym(k.Key, epoch, key, body)
	if err != nil {
		return l, err
	}
	if _, err := c.st.Put(ctx, key, data, cond); err != nil {
		return l, err // objstore.ErrPrecondition is handled by the callers
	}
	c.mu.Lock()
	if l.Gen > ds.LeaseGen {
		ds.LeaseGen = l.Gen
	}
	c.mu.Unlock()
	if l.Holder != "" {
		if h, err := c.seatPub(ctx, l.Holder); err == nil {
			l.HolderName = h.Name
		}
	}
	return l, nil
}

// LeaseOf returns who holds dossier d's lease.
func (c *Client) LeaseOf(ctx context.Context, d DossierID) (Lease, error) {
	c.op.Lock()
	defer c.op.Unlock()
	if err := c.ensureKeys(ctx, d); err != nil {
		return Lease{}, err
	}
	l, _, _, err := c.readLease(ctx, d)
	return l, err
}

// ensureKeys reads d's keyrings if the seat knows none yet. Otherwise the
// keys it knows do: an object sealed with a newer epoch makes its reader
// refresh them.
func (c *Client) ensureKeys(ctx context.Context, d DossierID) error {
	c.mu.Lock()
	ds := c.state.Dossiers[d]
	known := ds != nil && len(ds.Epochs) > 0
	c.mu.Unlock()
	if known {
		return nil
	}
	return c.refreshKeys(ctx, d, nil)
}

// TakeLease makes this seat d's editor for ttl: created if the lease was
// never taken (If-None-Match: *), renewed if the seat holds it, taken over
// if it is free or expired (If-Match on its ETag). Of seats racing, one
// wins; the others get an i18n error with CodeLeaseHeld wrapping a
// *LeaseError that says who holds it.
func (c *Client) TakeLease(ctx context.Context, d DossierID, ttl time.Duration) (Lease, error) {
	c.op.Lock()
	defer c.op.Unlock()
	if err := c.ensureKeys(ctx, d); err != nil {
		return Lease{}, err
	}
	if _, err := c.takeLease(ctx, d, ttl, false); err != nil {
		return Lease{}, err
	}
	c.mu.Lock()
	l := c.lastLease
	c.mu.Unlock()
	return l, nil
}

// takeLease takes d's lease and returns the lease as it was before. force
// takes it even from a live holder (rotation only).
func (c *Client) takeLease(ctx context.Context, d DossierID, ttl time.Duration, force bool) (Lease, error) {
	if ttl <= 0 {
		ttl = DefaultLease
	}
	cur, etag, exists, err := c.readLease(ctx, d)
	if err != nil {
		return cur, err
	}
	now := c.Now().UTC()
	me := c.id.ID()
	next := Lease{Dossier: d, Holder: me, Since: now, Expires: now.Add(ttl), Gen: cur.Gen + 1}
	cond := objstore.Cond{IfAbsent: true}
	if exists {
		if cur.Holder != me && !cur.free(now) && !force {
			return cur, errLeaseHeld(cur)
		}
		if cur.Holder == me && !cur.free(now) {
			next.Since = cur.Since // a renewal
		}
		cond = objstore.Cond{IfMatch: etag}
	}
	written, err := c.writeLease(ctx, next, cond)
	if err != nil {
		if errors.Is(err, objstore.ErrPrecondition) {
			// Another seat won the race: say who.
			won, _, _, rerr := c.readLease(ctx, d)
			if rerr != nil {
				return cur, rerr
			}
			return cur, errLeaseHeld(won)
		}
		return cur, wrapStore(err)
	}
	c.mu.Lock()
	c.lastLease = written
	c.mu.Unlock()
	return cur, nil
}

// HandOver gives d's lease, which this seat holds, to the seat to for ttl
// ("send to Fatima for deposit"). to must be allowed on the dossier.
func (c *Client) HandOver(ctx context.Context, d DossierID, to SeatID, ttl time.Duration) (Lease, error) {
	c.op.Lock()
	defer c.op.Unlock()
	if err := c.ensureKeys(ctx, d); err != nil {
		return Lease{}, err
	}
	return c.handOver(ctx, d, to, ttl)
}

func (c *Client) handOver(ctx context.Context, d DossierID, to SeatID, ttl time.Duration) (Lease, error) {
	if ttl <= 0 {
		ttl = DefaultLease
	}
	c.mu.Lock()
	allowed := c.state.Dossiers[d].allows(to)
	c.mu.Unlock()
	if !allowed { // granted since the keys this seat read?
		if err := c.refreshKeys(ctx, d, nil); err != nil {
			return Lease{}, err
		}
		c.mu.Lock()
		allowed = c.state.Dossiers[d].allows(to)
		c.mu.Unlock()
	}
	if !allowed {
		return Lease{}, errNoAccess()
	}
	if s, err := c.seatPub(ctx, to); err != nil || s.RevokedAt != 0 {
		return Lease{}, errUnknownSeat(to)
	}
	cur, etag, exists, err := c.readLease(ctx, d)
	if err != nil {
		return cur, err
	}
	now := c.Now().UTC()
	if !exists || cur.Holder != c.id.ID() || cur.free(now) {
		return cur, c.notHolder()
	}
	l, err := c.writeLease(ctx, Lease{Dossier: d, Holder: to, Since: now, Expires: now.Add(ttl), Gen: cur.Gen + 1}, objstore.Cond{IfMatch: etag})
	if errors.Is(err, objstore.ErrPrecondition) {
		return cur, c.notHolder()
	}
	return l, wrapStore(err)
}

// Release gives d's lease up (nobody holds it after).
func (c *Client) Release(ctx context.Context, d DossierID) error {
	c.op.Lock()
	defer c.op.Unlock()
	if err := c.ensureKeys(ctx, d); err != nil {
		return err
	}
	cur, etag, exists, err := c.readLease(ctx, d)
	if err != nil {
		return err
	}
	if !exists || cur.Holder != c.id.ID() || cur.free(c.Now()) {
		return c.notHolder()
	}
	now := c.Now().UTC()
	_, err = c.writeLease(ctx, Lease{Dossier: d, Since: now, Expires: now, Gen: cur.Gen + 1}, objstore.Cond{IfMatch: etag})
	if errors.Is(err, objstore.ErrPrecondition) {
		return c.notHolder()
	}
	return wrapStore(err)
}

func (c *Client) notHolder() error {
	return errNotHolderErr()
}
