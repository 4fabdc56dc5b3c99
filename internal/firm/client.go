package firm

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/firm/objstore"
)

// Ref is what a seat needs to join a firm besides the store's address and
// credentials: the firm's id (the prefix of its objects) and the founder's
// public keys (the roster must be signed by them). The founder hands it to
// each invited seat with its invitation accepted.
type Ref struct {
	Firm    string     `json:"firm"`
	Founder SeatPublic `json:"founder"`
}

// String encodes the reference as one line of text (nothing secret).
func (r Ref) String() string {
	b, _ := json.Marshal(r)
	return "tasrih-firm1:" + base64.RawURLEncoding.EncodeToString(b)
}

// ParseRef reads what Ref.String wrote.
func ParseRef(s string) (Ref, error) {
	var r Ref
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), "tasrih-firm1:")
	if !ok {
		return r, errBadSeat(errors.New("not a firm reference"))
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil {
		return r, errBadSeat(err)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, errBadSeat(err)
	}
	if err := r.Founder.valid(); err != nil || !validFirmID(r.Firm) {
		return r, errBadSeat(fmt.Errorf("bad firm reference: %v", err))
	}
	return r, nil
}

func validFirmID(s string) bool {
	return len(s) == 24 && strings.Trim(s, "0123456789abcdef") == ""
}

// Roster is the firm's list of seats, signed by the founder and encrypted
// for the active seats. Version only grows; a seat refuses an older one.
type Roster struct {
	Firm    string       `json:"firm"`
	Version uint64       `json:"version"`
	Seats   []RosterSeat `json:"seats"`
	At      time.Time    `json:"at"`
}

// RosterSeat is a seat of the roster. A revoked seat stays listed, so that
// what it signed before its revocation can still be checked.
type RosterSeat struct {
	SeatPublic
	// RevokedAt is the roster version that revoked the seat (0: active).
	RevokedAt uint64 `json:"revoked_at,omitempty"`
}

func (r *Roster) seat(id SeatID) (RosterSeat, bool) {
	for _, s := range r.Seats {
		if s.ID == id {
			return s, true
		}
	}
	return RosterSeat{}, false
}

func (r *Roster) active() []SeatPublic {
	var out []SeatPublic
	for _, s := range r.Seats {
		if s.RevokedAt == 0 {
			out = append(out, s.SeatPublic)
		}
	}
	return out
}

// Client is one seat's connection to its firm's store. Its methods may be
// called from several goroutines; they run one at a time.
type Client struct {
	id  *Identity
	st  objstore.Store
	ref Ref
	// Now is the clock leases are judged by (time.Now by default).
	Now func() time.Time

	op         sync.Mutex // one public operation at a time
	mu         sync.Mutex // guards state
	state      *State
	rosterETag string
	lastLease  Lease // the lease takeLease last wrote
}

// check refuses a store that ignores conditional writes.
func check(ctx context.Context, st objstore.Store, firm string) error {
	if err := objstore.CheckConditional(ctx, st, firm+"/"); err != nil {
		if errors.Is(err, objstore.ErrNoConditionalWrites) {
			return errNoConditional(err)
		}
		return wrapStore(err)
	}
	return nil
}

// Create founds a firm on st with id as its first seat (and its founder,
// the one seat that invites and revokes). It checks first that the store
// honours conditional writes.
func Create(ctx context.Context, st objstore.Store, id *Identity) (*Client, error) {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	firm := fmt.Sprintf("%x", b)
	if err := check(ctx, st, firm); err != nil {
		return nil, err
	}
	c := &Client{id: id, st: st, ref: Ref{Firm: firm, Founder: id.Public()}, Now: time.Now,
		state: &State{Firm: firm, Dossiers: map[DossierID]*DossierState{}}}
	r := &Roster{Firm: firm, Version: 1, Seats: []RosterSeat{{SeatPublic: id.Public()}}, At: c.Now().UTC()}
	if err := c.putRoster(ctx, r, objstore.Cond{IfAbsent: true}); err != nil {
		return nil, err
	}
	return c, nil
}

// Join opens the firm ref on st for the seat id, with the state it saved
// last time (nil for a seat's first time). The founder must have invited
// the seat. It checks that the store honours conditional writes.
func Join(ctx context.Context, st objstore.Store, id *Identity, ref Ref, state *State) (*Client, error) {
	if state == nil {
		state = &State{Firm: ref.Firm, Dossiers: map[DossierID]*DossierState{}}
	}
	if state.Firm != ref.Firm {
		return nil, errors.New("firm: the saved state belongs to another firm")
	}
	if err := check(ctx, st, ref.Firm); err != nil {
		return nil, err
	}
	c := &Client{id: id, st: st, ref: ref, Now: time.Now, state: state}
	if err := c.loadRoster(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// Ref returns the firm's reference, to give to invited seats.
func (c *Client) Ref() Ref { return c.ref }

// Seat returns this seat's id.
func (c *Client) Seat() SeatID { return c.id.ID() }

// State returns a copy of what the seat must persist (in its vault).
func (c *Client) State() *State {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, _ := json.Marshal(c.state)
	s, _ := UnmarshalState(b)
	return s
}

// Roster returns the roster as last read.
func (c *Client) Roster() Roster {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state.Roster == nil {
		return Roster{}
	}
	return *c.state.Roster
}

func (c *Client) rosterKey() string { return c.ref.Firm + "/roster" }
func (c *Client) dossierPrefix(d DossierID) string {
	return c.ref.Firm + "/d/" + string(d) + "/"
}
func (c *Client) keyringKey(d DossierID, e uint32) string {
	return fmt.Sprintf("%sk/%08x", c.dossierPrefix(d), e)
}
func (c *Client) changeKey(d DossierID, seq uint64) string {
	return fmt.Sprintf("%sc/%016x", c.dossierPrefix(d), seq)
}
func (c *Client) leaseKey(d DossierID) string { return c.dossierPrefix(d) + "lease" }

const (
	labelRoster  = "tasrih firm roster v1"
	labelKeyring = "tasrih firm keyring v1"
	labelChange  = "tasrih firm change v1"
	labelLease   = "tasrih firm lease v1"
	labelBundle  = "tasrih firm bundle v1"
)

func (c *Client) putRoster(ctx context.Context, r *Roster, cond objstore.Cond) error {
	body, err := signedBody(c.id, labelRoster, c.rosterKey(), r)
	if err != nil {
		return err
	}
	data, err := sealAge(r.active(), body)
	if err != nil {
		return err
	}
	etag, err := c.st.Put(ctx, c.rosterKey(), data, cond)
	if err != nil {
		return wrapStore(err)
	}
	c.mu.Lock()
	c.state.Roster, c.state.RosterVersion, c.rosterETag = r, r.Version, etag
	c.mu.Unlock()
	return nil
}

func (c *Client) loadRoster(ctx context.Context) error {
	data, etag, err := c.st.Get(ctx, c.rosterKey())
	if errors.Is(err, objstore.ErrNotFound) {
		return errMissing("roster")
	}
	if err != nil {
		return wrapStore(err)
	}
	body, err := openAge(c.id, data)
	if errors.Is(err, errNotRecipient) {
		return errNotMember()
	}
	if err != nil {
		return errTampered("roster")
	}
	js, sig, err := splitBody(body)
	if err != nil || !verifyBody(c.ref.Founder, labelRoster, c.rosterKey(), js, sig) {
		return errTampered("roster")
	}
	var r Roster
	if err := json.Unmarshal(js, &r); err != nil || r.Firm != c.ref.Firm {
		return errTampered("roster")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if r.Version < c.state.RosterVersion {
		return errRollback(fmt.Sprintf("roster %d < %d", r.Version, c.state.RosterVersion))
	}
	me, ok := r.seat(c.id.ID())
	if !ok || me.RevokedAt != 0 {
		return errNotMember()
	}
	c.state.Roster, c.state.RosterVersion, c.rosterETag = &r, r.Version, etag
	return nil
}

// seatPub returns a seat of the roster, reloading the roster once if the
// seat is unknown (it may have been invited since).
func (c *Client) seatPub(ctx context.Context, id SeatID) (RosterSeat, error) {
	c.mu.Lock()
	s, ok := c.state.Roster.seat(id)
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	if err := c.loadRoster(ctx); err != nil {
		return RosterSeat{}, err
	}
	c.mu.Lock()
	s, ok = c.state.Roster.seat(id)
	c.mu.Unlock()
	if !ok {
		return RosterSeat{}, errUnknownSeat(id)
	}
	return s, nil
}

// Invite adds a seat to the firm (founder only). The seat can then Join
// and read the dossiers it is granted.
func (c *Client) Invite(ctx context.Context, seat SeatPublic) error {
	if err := seat.valid(); err != nil {
		return errBadSeat(err)
	}
	c.op.Lock()
	defer c.op.Unlock()
	return c.changeRoster(ctx, func(r *Roster) bool {
		for i, s := range r.Seats {
			if s.ID == seat.ID {
				if s.RevokedAt == 0 {
					return false
				}
				r.Seats[i].RevokedAt = 0 // invited again
				return true
			}
		}
		r.Seats = append(r.Seats, RosterSeat{SeatPublic: seat})
		return true
	})
}

func (c *Client) changeRoster(ctx context.Context, edit func(*Roster) bool) error {
	if c.id.ID() != c.ref.Founder.ID {
		return errNotFounder()
	}
	for attempt := 0; ; attempt++ {
		if err := c.loadRoster(ctx); err != nil {
			return err
		}
		c.mu.Lock()
		b, _ := json.Marshal(c.state.Roster)
		etag := c.rosterETag
		c.mu.Unlock()
		var r Roster
		_ = json.Unmarshal(b, &r)
		if !edit(&r) {
			return nil
		}
		r.Version++
		r.At = c.Now().UTC()
		err := c.putRoster(ctx, &r, objstore.Cond{IfMatch: etag})
		if errors.Is(err, objstore.ErrPrecondition) && attempt < 3 {
			continue
		}
		return err
	}
}

// Revoke removes a seat from the firm (founder only): the roster is
// rewritten without it, and every dossier it could read gets a new key
// that it is not given, so it cannot read anything written from then on
// (what it read before, it keeps: that cannot be taken back). Its lease,
// if any, is broken.
func (c *Client) Revoke(ctx context.Context, seat SeatID) error {
	if seat == c.ref.Founder.ID {
		return errNotFounder()
	}
	c.op.Lock()
	defer c.op.Unlock()
	// Read every dossier's keys while the seat is still a member (its
	// keyrings are refused once it is revoked, until re-keyed).
	dossiers, err := c.listDossiers(ctx)
	if err != nil {
		return err
	}
	for _, d := range dossiers {
		// A failure here (the store away, a dossier refused) leaves that
		// dossier with the keys already known; the rotation below says.
		_ = c.refreshKeys(ctx, d.id, d.keyrings)
	}
	found := false
	err = c.changeRoster(ctx, func(r *Roster) bool {
		for i, s := range r.Seats {
			if s.ID == seat {
				found = true
				if s.RevokedAt == 0 {
					r.Seats[i].RevokedAt = r.Version + 1
					return true
				}
			}
		}
		return false // already revoked: a second call finishes the re-keying
	})
	if err != nil {
		return err
	}
	if !found {
		return errUnknownSeat(seat)
	}
	var errs []error
	for _, d := range dossiers {
		c.mu.Lock()
		ds := c.state.Dossiers[d.id]
		if ds == nil || len(ds.Epochs) == 0 {
			c.mu.Unlock()
			continue
		}
		allowed := ds.allows(seat)
		seats := slices.DeleteFunc(slices.Clone(ds.Seats), func(s SeatID) bool { return s == seat })
		c.mu.Unlock()
		if allowed {
			if err := c.rotate(ctx, d.id, seats); err != nil {
				errs = append(errs, fmt.Errorf("dossier %s: %w", d.id, err))
			}
		}
	}
	return errors.Join(errs...)
}
