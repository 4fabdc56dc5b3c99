package firm

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tasrih/tasrih/internal/firm/objstore"
)

// keyring is a dossier's keys at one epoch, encrypted (age) for the seats
// allowed then and signed by the seat that wrote it. It carries every
// earlier epoch's key too, so that a seat granted later reads the history;
// a keyring that does not repeat the keys a seat already knows is forged.
type keyring struct {
	Firm          string              `json:"firm"`
	Dossier       DossierID           `json:"dossier"`
	Epoch         uint32              `json:"epoch"`
	Seats         []SeatID            `json:"seats"`
	Keys          map[uint32]EpochKey `json:"keys"`
	Writer        SeatID              `json:"writer"`
	RosterVersion uint64              `json:"roster_version"`
}

// dossierKeys is one dossier's objects as a listing shows them.
type dossierKeys struct {
	id       DossierID
	keyrings []string
	changes  []string
	lease    bool
}

// listDossiers lists every dossier of the firm with its objects (one
// listing of the firm's prefix).
func (c *Client) listDossiers(ctx context.Context) ([]*dossierKeys, error) {
	prefix := c.ref.Firm + "/d/"
	keys, err := c.st.List(ctx, prefix, "")
	if err != nil {
		return nil, wrapStore(err)
	}
	byID := map[DossierID]*dossierKeys{}
	var out []*dossierKeys
	for _, k := range keys {
		rest := strings.TrimPrefix(k, prefix)
		id, tail, ok := strings.Cut(rest, "/")
		if !ok || !DossierID(id).valid() {
			continue // not ours: ignored (the store may hold anything)
		}
		d := byID[DossierID(id)]
		if d == nil {
			d = &dossierKeys{id: DossierID(id)}
			byID[d.id] = d
			out = append(out, d)
		}
		switch {
		case strings.HasPrefix(tail, "k/"):
			d.keyrings = append(d.keyrings, k)
		case strings.HasPrefix(tail, "c/"):
			d.changes = append(d.changes, k)
		case tail == "lease":
			d.lease = true
		}
	}
	return out, nil
}

// refreshKeys reads the keyrings of d newer than the one the seat knows.
// keys are the keyring objects from a listing (nil: list them).
func (c *Client) refreshKeys(ctx context.Context, d DossierID, keys []string) error {
	c.mu.Lock()
	ds := c.state.Dossiers[d]
	var known uint32
	if ds != nil {
		known = ds.KeyringEpoch
	}
	c.mu.Unlock()
	if keys == nil {
		var err error
		keys, err = c.st.List(ctx, c.dossierPrefix(d)+"k/", c.keyringKey(d, known))
		if err != nil {
			return wrapStore(err)
		}
	}
	sort.Strings(keys)
	for i, k := range keys {
		e64, err := strconv.ParseUint(strings.TrimPrefix(k, c.dossierPrefix(d)+"k/"), 16, 32)
		if err != nil {
			return errTampered("keyring name")
		}
		epoch := uint32(e64)
		if epoch <= known {
			continue
		}
		data, _, err := c.st.Get(ctx, k)
		if errors.Is(err, objstore.ErrNotFound) {
			return errMissing("keyring")
		}
		if err != nil {
			return wrapStore(err)
		}
		kr, writerRevoked, err := c.openKeyring(ctx, d, epoch, data)
		if err == nil && writerRevoked {
			// Written by a seat revoked since: its revocation re-keyed
			// every dossier it was on, so a later keyring (which carries
			// all the earlier keys) must follow. If none does, it is
			// the revoked seat's forgery.
			if i == len(keys)-1 {
				return errTampered(fmt.Sprintf("keyring %d written by a revoked seat", epoch))
			}
			continue
		}
		if errors.Is(err, errNotRecipient) {
			// Not allowed at this epoch (not yet, or no longer).
			continue
		}
		if err != nil {
			return err
		}
		c.mu.Lock()
		ds = c.state.Dossiers[d]
		if ds == nil {
			ds = &DossierState{Epochs: map[uint32]EpochKey{}}
			c.state.Dossiers[d] = ds
		}
		for e, old := range ds.Epochs {
			if nk, ok := kr.Keys[e]; !ok || !bytes.Equal(nk.Key, old.Key) || nk.FromSeq != old.FromSeq {
				c.mu.Unlock()
				return errTampered(fmt.Sprintf("keyring %d does not carry epoch %d", epoch, e))
			}
		}
		for e, nk := range kr.Keys {
			ds.Epochs[e] = nk
		}
		ds.KeyringEpoch, ds.Seats = epoch, kr.Seats
		known = epoch
		c.mu.Unlock()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if ds := c.state.Dossiers[d]; ds == nil || len(ds.Epochs) == 0 {
		return errNoAccess()
	}
	return nil
}

func (c *Client) openKeyring(ctx context.Context, d DossierID, epoch uint32, data []byte) (*keyring, bool, error) {
	key := c.keyringKey(d, epoch)
	body, err := openAge(c.id, data)
	if errors.Is(err, errNotRecipient) {
		return nil, false, err
	}
	if err != nil {
		return nil, false, errTampered("keyring")
	}
	js, sig, err := splitBody(body)
	if err != nil {
		return nil, false, errTampered("keyring")
	}
	var kr keyring
	if err := json.Unmarshal(js, &kr); err != nil {
		return nil, false, errTampered("keyring")
	}
	if kr.Firm != c.ref.Firm || kr.Dossier != d || kr.Epoch != epoch || len(kr.Keys[epoch].Key) != 32 {
		return nil, false, errTampered("keyring moved")
	}
	w, err := c.seatPub(ctx, kr.Writer)
	if err != nil {
		return nil, false, errTampered("keyring writer")
	}
	if !verifyBody(w.SeatPublic, labelKeyring, key, js, sig) {
		return nil, false, errTampered("keyring signature")
	}
	return &kr, w.RevokedAt != 0, nil
}

// writeKeyring writes epoch kr.Epoch of d for kr.Seats.
func (c *Client) writeKeyring(ctx context.Context, kr *keyring) error {
	c.mu.Lock()
	var to []SeatPublic
	for _, s := range kr.Seats {
		rs, ok := c.state.Roster.seat(s)
		if !ok || rs.RevokedAt != 0 {
			c.mu.Unlock()
			return errUnknownSeat(s)
		}
		to = append(to, rs.SeatPublic)
	}
	kr.Writer, kr.RosterVersion, kr.Firm = c.id.ID(), c.state.RosterVersion, c.ref.Firm
	c.mu.Unlock()
	key := c.keyringKey(kr.Dossier, kr.Epoch)
	body, err := signedBody(c.id, labelKeyring, key, kr)
	if err != nil {
		return err
	}
	data, err := sealAge(to, body)
	if err != nil {
		return err
	}
	if _, err := c.st.Put(ctx, key, data, objstore.Cond{IfAbsent: true}); err != nil {
		return wrapStore(err)
	}
	c.mu.Lock()
	ds := c.state.Dossiers[kr.Dossier]
	if ds == nil {
		ds = &DossierState{Epochs: map[uint32]EpochKey{}}
		c.state.Dossiers[kr.Dossier] = ds
	}
	for e, k := range kr.Keys {
		ds.Epochs[e] = k
	}
	ds.KeyringEpoch, ds.Seats = kr.Epoch, kr.Seats
	c.mu.Unlock()
	return nil
}

func newKey() ([]byte, error) {
	k := make([]byte, 32)
	_, err := rand.Read(k)
	return k, err
}

// seatSet returns seats with this seat and the founder added, sorted,
// without duplicates: the founder is on every dossier (it revokes).
func (c *Client) seatSet(seats []SeatID) []SeatID {
	out := append(slices.Clone(seats), c.id.ID(), c.ref.Founder.ID)
	slices.Sort(out)
	return slices.Compact(out)
}

// CreateDossier creates a dossier readable by seats (this seat and the
// founder are always added) and gives this seat its lease.
func (c *Client) CreateDossier(ctx context.Context, seats []SeatID) (DossierID, error) {
	c.op.Lock()
	defer c.op.Unlock()
	d, err := newDossierID()
	if err != nil {
		return "", err
	}
	k, err := newKey()
	if err != nil {
		return "", err
	}
	all := c.seatSet(seats)
	kr := &keyring{Dossier: d, Epoch: 1, Seats: all, Keys: map[uint32]EpochKey{1: {Key: k, FromSeq: 1, Seats: all}}}
	if err := c.writeKeyring(ctx, kr); err != nil {
		return "", err
	}
	if _, err := c.takeLease(ctx, d, DefaultLease, false); err != nil {
		return "", err
	}
	return d, nil
}

// Grant lets seat read and edit dossier d from now on, history included
// (a new epoch whose keyring is wrapped for it too). The caller takes the
// dossier's lease for the time of the change.
func (c *Client) Grant(ctx context.Context, d DossierID, seat SeatID) error {
	c.op.Lock()
	defer c.op.Unlock()
	if _, err := c.seatPub(ctx, seat); err != nil {
		return err
	}
	if err := c.refreshKeys(ctx, d, nil); err != nil {
		return err
	}
	c.mu.Lock()
	seats := append(slices.Clone(c.state.Dossiers[d].Seats), seat)
	c.mu.Unlock()
	return c.rotate(ctx, d, seats)
}

// rotate starts a new epoch of d for seats: a new key, wrapped for them,
// used from the next chain position on. It takes d's lease meanwhile
// (breaking another seat's: rotating is the founder's or a granting seat's
// administrative act; the holder's write in flight, if any, fails its
// condition and becomes a proposal), then hands the lease back.
//
// The next position is claimed first, by an empty change sealed with the
// new key (If-None-Match), and only then is the keyring saying where the
// new epoch starts written. The other order loses a race: a holder that
// checked its lease just before the forced take-over can still write that
// position with the old key, and a keyring already naming it as the new
// epoch's start would make that change look written with a superseded key
// to every reader. Here, a position taken meanwhile is simply skipped (the
// change was written before the new key existed) and the next one claimed.
// A rotation interrupted between its marker and its keyring (the store
// gone) leaves the dossier unreadable past the marker until the rotating
// seat runs rotate again (Revoke again, say): it finds its own marker at
// the head and writes the missing keyring first.
func (c *Client) rotate(ctx context.Context, d DossierID, seats []SeatID) error {
	prev, err := c.takeLease(ctx, d, DefaultLease, true)
	if err != nil {
		return err
	}
	all := c.seatSet(seats)
	for attempt := 0; ; attempt++ {
		head, prevHash, headEpoch, err := c.chainHead(ctx, d)
		if err != nil {
			return err
		}
		c.mu.Lock()
		ds := c.state.Dossiers[d]
		keys := maps.Clone(ds.Epochs)
		known := ds.KeyringEpoch
		c.mu.Unlock()
		if headEpoch > known {
			// Our own marker whose keyring was never written: write it.
			if err := c.writeKeyring(ctx, &keyring{Dossier: d, Epoch: headEpoch, Seats: keys[headEpoch].Seats, Keys: keys}); err != nil {
				return err
			}
			continue
		}
		epoch := known + 1
		nk, err := newKey()
		if err != nil {
			return err
		}
		keys[epoch] = EpochKey{Key: nk, FromSeq: head + 1, Seats: all}
		c.mu.Lock()
		ds.Epochs[epoch] = keys[epoch] // the marker is sealed with it; kept if the keyring write fails
		c.mu.Unlock()
		data, err := c.sealChange(d, head+1, epoch, prevHash, nil)
		if err == nil {
			_, err = c.st.Put(ctx, c.changeKey(d, head+1), data, objstore.Cond{IfAbsent: true})
		}
		if err != nil {
			c.mu.Lock()
			delete(ds.Epochs, epoch) // no marker with it: the key was never used
			c.mu.Unlock()
			if errors.Is(err, objstore.ErrPrecondition) && attempt < 8 {
				continue // the position was taken meanwhile (before the new key existed)
			}
			return wrapStore(err)
		}
		if err := c.writeKeyring(ctx, &keyring{Dossier: d, Epoch: epoch, Seats: all, Keys: keys}); err != nil {
			return err
		}
		break
	}
	if prev.Holder != "" && prev.Holder != c.id.ID() && !prev.holderRevoked && !prev.free(c.Now()) {
		_, err = c.handOver(ctx, d, prev.Holder, prev.Expires.Sub(c.Now()))
		return err
	}
	return nil
}

// chainHead returns d's last position on the store, the hash of its object
// and the epoch it was sealed with (checked; 0, nil, 0 for an empty chain).
func (c *Client) chainHead(ctx context.Context, d DossierID) (uint64, []byte, uint32, error) {
	changes, err := c.st.List(ctx, c.dossierPrefix(d)+"c/", "")
	if err != nil {
		return 0, nil, 0, wrapStore(err)
	}
	head := uint64(len(changes))
	if head == 0 {
		return 0, nil, 0, nil
	}
	if changes[head-1] != c.changeKey(d, head) {
		return 0, nil, 0, errMissing("change")
	}
	data, _, err := c.st.Get(ctx, changes[head-1])
	if err != nil {
		return 0, nil, 0, wrapStore(err)
	}
	ch, err := c.openChange(ctx, d, head, data, nil)
	if err != nil {
		return 0, nil, 0, err
	}
	return head, hashOf(data), ch.Epoch, nil
}
