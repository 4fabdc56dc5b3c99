package desktop

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/firm/objstore"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/keyring"
	"github.com/tasrih/tasrih/internal/store"
)

// The firm mode on the desktop: this seat's identity, the firm's store
// settings, and the link between the employers of the local store and the
// firm's dossiers (internal/firm). Everything the seat keeps (its secret
// keys, the firm's reference, the sync state with the dossier keys, which
// employer is which dossier) lives in the encrypted store (store.FirmState),
// never in a plain file; the store's secret key lives in the OS keyring.
//
// One employer is one dossier. A seat publishes the records of a dossier it
// holds the lease of (Publish, Sync); the changes of other seats are written
// into the local store as they are (ids, states and idempotency keys kept).
// An employer whose dossier another seat holds is read-only here
// (CheckEditable); changes made without the lease (offline) are kept as a
// proposal, shown, and sent or discarded by a person.

// keyringService is the OS keyring service of the firm store's secret key.
const keyringService = "tasrih-firm-store"

// FirmSettings say where the firm's object store is. Nothing here is secret:
// the secret key is given once and kept in the OS keyring.
type FirmSettings struct {
	Endpoint  string `json:"endpoint"`
	Bucket    string `json:"bucket"`
	Region    string `json:"region"`
	AccessKey string `json:"access_key"`
}

func (s FirmSettings) check() error {
	u, err := url.Parse(strings.TrimSpace(s.Endpoint))
	switch {
	case s.Endpoint == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return errFirmSettings("endpoint")
	case strings.TrimSpace(s.Bucket) == "":
		return errFirmSettings("bucket")
	case strings.TrimSpace(s.AccessKey) == "":
		return errFirmSettings("access_key")
	}
	return nil
}

func (s FirmSettings) keyringUser() string {
	return strings.TrimSpace(s.Endpoint) + "|" + strings.TrimSpace(s.Bucket) + "|" + strings.TrimSpace(s.AccessKey)
}

// firmSaved is what the seat keeps in the encrypted store.
type firmSaved struct {
	Settings FirmSettings    `json:"settings"`
	Identity string          `json:"identity,omitempty"` // firm.Identity.Marshal
	Ref      string          `json:"ref,omitempty"`      // firm.Ref.String once set up
	State    json.RawMessage `json:"state,omitempty"`
	// Employers maps each employer of the local store that is a dossier
	// to its dossier.
	Employers map[string]firm.DossierID `json:"employers,omitempty"`
	// Sent is, per dossier, the digest of each record as the firm's store
	// has it: a record whose local digest differs is a local change.
	Sent map[firm.DossierID]map[string]string `json:"sent,omitempty"`
	// AuditNext is, per dossier, the sequence of this store's audit chain
	// from which its entries are not sent yet (firm_audit.go).
	AuditNext map[firm.DossierID]uint64 `json:"audit_next,omitempty"`
	// Leases are the leases last seen (the read-only check works offline).
	Leases   map[firm.DossierID]seenLease `json:"leases,omitempty"`
	LastSync time.Time                    `json:"last_sync"`
	// Bundles are, per dossier, the position of the last bundle exported
	// (sender) or imported (receiver).
	Bundles map[firm.DossierID]uint64 `json:"bundles,omitempty"`
	// Clashes are the dossiers not received because their employer has
	// the affiliation number of another local employer (its id).
	Clashes map[firm.DossierID]string `json:"clashes,omitempty"`
}

type seenLease struct {
	Holder     firm.SeatID `json:"holder"`
	HolderName string      `json:"holder_name"`
	Since      time.Time   `json:"since"`
	Expires    time.Time   `json:"expires"`
}

// FirmOptions tune the firm service (tests plug in an in-memory store).
type FirmOptions struct {
	// OpenStore connects to the object store (nil: objstore.Open).
	OpenStore func(objstore.Config) (objstore.Store, error)
	// LeaseTTL is how long a taken lease lasts (0: firm.DefaultLease).
	LeaseTTL time.Duration
}

// Firm is the firm mode of a Core. Its methods run one at a time.
type Firm struct {
	core *Core
	opts FirmOptions

	mu        sync.Mutex
	sess      *Session // the session saved and client belong to
	saved     firmSaved
	id        *firm.Identity
	client    *firm.Client
	reachable bool
	lastErr   string // code of the last failed store call ("" after a success)

	guard atomic.Pointer[guardView] // what FirmEditable reads (firm_dossiers.go)
}

// SetFirmOptions replaces the firm service's options (before first use).
func (c *Core) SetFirmOptions(o FirmOptions) {
	f := c.Firm()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opts = o
	f.client = nil
}

// Firm returns the firm mode of the Core.
func (c *Core) Firm() *Firm {
	c.firmOnce.Do(func() { c.firm = &Firm{core: c} })
	return c.firm
}

// forget drops what the firm service holds of a session that locked.
func (f *Firm) forget() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sess, f.client, f.id, f.saved = nil, nil, nil, firmSaved{}
	f.guard.Store(nil)
}

func (f *Firm) leaseTTL() time.Duration {
	if f.opts.LeaseTTL > 0 {
		return f.opts.LeaseTTL
	}
	return firm.DefaultLease
}

// use runs fn with the session and the seat's saved state loaded; f.mu is
// held.
func (f *Firm) use(fn func(s *Session) error) error {
	return f.core.Use(func(s *Session) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		if err := f.load(s); err != nil {
			return err
		}
		return fn(s)
	})
}

func (f *Firm) load(s *Session) error {
	if f.sess == s {
		return nil
	}
	b, err := s.Store.FirmState()
	if err != nil {
		return err
	}
	var sv firmSaved
	if b != nil {
		if err := json.Unmarshal(b, &sv); err != nil {
			return err
		}
	}
	var id *firm.Identity
	if sv.Identity != "" {
		if id, err = firm.ParseIdentity(sv.Identity); err != nil {
			return err
		}
	}
	f.sess, f.saved, f.id, f.client = s, sv, id, nil
	f.refreshGuard()
	return nil
}

// persist writes the saved state (with the client's) in tx.
func (f *Firm) persist(tx *store.Tx) error {
	if f.client != nil {
		st, err := f.client.State().Marshal()
		if err != nil {
			return err
		}
		f.saved.State = st
	}
	b, err := json.Marshal(f.saved)
	if err != nil {
		return err
	}
	if err := tx.SetFirmState(b); err != nil {
		return err
	}
	f.refreshGuard()
	return nil
}

func (f *Firm) save(s *Session) error {
	return s.Store.Update(f.persist)
}

// note records whether the store answered.
func (f *Firm) note(err error) error {
	switch {
	case err == nil:
		f.reachable, f.lastErr = true, ""
	case i18n.Code(err) == firm.CodeUnavailable || errors.Is(err, objstore.ErrUnavailable):
		f.reachable, f.lastErr = false, firm.CodeUnavailable
	default:
		f.reachable, f.lastErr = true, i18n.Code(err)
	}
	return err
}

func (f *Firm) openStore(ctx context.Context, set FirmSettings, secret string) (objstore.Store, error) {
	cfg := objstore.Config{Endpoint: strings.TrimSpace(set.Endpoint), Bucket: strings.TrimSpace(set.Bucket),
		AccessKey: strings.TrimSpace(set.AccessKey), SecretKey: secret, Region: strings.TrimSpace(set.Region)}
	if f.opts.OpenStore != nil {
		return f.opts.OpenStore(cfg)
	}
	st, err := objstore.Open(cfg)
	if err != nil {
		return nil, errFirmSettings("endpoint")
	}
	return st, nil
}

func (f *Firm) keyring() keyring.Bounded {
	return keyring.New(f.core.opts.Keyring, keyringTimeout(f.core.opts.Vault))
}

// connect returns the client, joining the firm with the saved state the
// first time in a session.
func (f *Firm) connect(ctx context.Context) (*firm.Client, error) {
	if f.client != nil {
		return f.client, nil
	}
	if f.saved.Ref == "" || f.id == nil {
		return nil, i18n.New(CodeFirmNotSetUp, msgFirmNotSetUp)
	}
	ref, err := firm.ParseRef(f.saved.Ref)
	if err != nil {
		return nil, err
	}
	secret, err := f.keyring().Get(ctx, keyringService, f.saved.Settings.keyringUser())
	if keyring.IsNotFound(err) {
		return nil, i18n.Wrap(err, CodeFirmNoSecret, msgFirmNoSecret)
	}
	if err != nil {
		return nil, err
	}
	st, err := f.openStore(ctx, f.saved.Settings, secret)
	if err != nil {
		return nil, err
	}
	var state *firm.State
	if len(f.saved.State) > 0 {
		if state, err = firm.UnmarshalState(f.saved.State); err != nil {
			return nil, err
		}
	}
	c, err := firm.Join(ctx, st, f.id, ref, state)
	if err := f.note(err); err != nil {
		return nil, err
	}
	c.Now = f.core.now
	f.client = c
	return c, nil
}

// FirmSeat is a seat of the firm as the Cabinet screen lists it.
type FirmSeat struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Founder bool   `json:"founder"`
	Revoked bool   `json:"revoked"`
	Me      bool   `json:"me"`
}

// FirmStatus is the firm mode of this seat, for the Cabinet screen. It
// holds no secret (the invitation and the reference are public keys and
// ids).
type FirmStatus struct {
	// SetUp: this seat belongs to a firm. HasSeat: it has its keys (it can
	// show its invitation line while it waits to be invited).
	SetUp      bool         `json:"set_up"`
	HasSeat    bool         `json:"has_seat"`
	SeatID     string       `json:"seat_id"`
	SeatName   string       `json:"seat_name"`
	Invitation string       `json:"invitation"`
	Founder    bool         `json:"founder"`
	Ref        string       `json:"ref"`
	Settings   FirmSettings `json:"settings"`
	Seats      []FirmSeat   `json:"seats"`
	// Reachable: the last call to the store answered; LastError is the
	// code of the last failed call ("" after a success).
	Reachable bool      `json:"reachable"`
	LastError string    `json:"last_error"`
	LastSync  time.Time `json:"last_sync" ts_type:"string"`
	Dossiers  int       `json:"dossiers"`
}

func (f *Firm) status() FirmStatus {
	st := FirmStatus{SetUp: f.saved.Ref != "", HasSeat: f.id != nil, Settings: f.saved.Settings,
		Reachable: f.reachable, LastError: f.lastErr, LastSync: f.saved.LastSync, Dossiers: len(f.saved.Employers)}
	if f.id != nil {
		st.SeatID, st.SeatName, st.Invitation = string(f.id.ID()), f.id.Public().Name, f.id.Public().Invitation()
	}
	if ref, err := firm.ParseRef(f.saved.Ref); err == nil {
		st.Ref = f.saved.Ref
		st.Founder = f.id != nil && ref.Founder.ID == f.id.ID()
	}
	var roster firm.Roster
	if f.client != nil {
		roster = f.client.Roster()
	} else if s, err := firm.UnmarshalState(f.saved.State); err == nil && s.Roster != nil {
		roster = *s.Roster
	}
	ref, _ := firm.ParseRef(f.saved.Ref)
	for _, s := range roster.Seats {
		st.Seats = append(st.Seats, FirmSeat{ID: string(s.ID), Name: s.Name, Founder: s.ID == ref.Founder.ID,
			Revoked: s.RevokedAt != 0, Me: f.id != nil && s.ID == f.id.ID()})
	}
	return st
}

// Status returns the firm mode of this seat, without calling the store.
func (f *Firm) Status() (FirmStatus, error) {
	var out FirmStatus
	err := f.use(func(*Session) error { out = f.status(); return nil })
	return out, err
}

// NewSeat makes this seat's keys for the person name (once: a second call
// keeps the keys and returns the same invitation line), to hand the
// invitation to the firm's founder.
func (f *Firm) NewSeat(name string) (FirmStatus, error) {
	var out FirmStatus
	err := f.use(func(s *Session) error {
		if f.id == nil {
			name = strings.TrimSpace(name)
			if name == "" || len(name) > 80 {
				return errFirmSettings("name")
			}
			id, err := firm.NewIdentity(name)
			if err != nil {
				return err
			}
			f.id, f.saved.Identity = id, id.Marshal()
			if err := f.save(s); err != nil {
				f.id, f.saved.Identity = nil, ""
				return err
			}
		}
		out = f.status()
		return nil
	})
	return out, err
}

// setup checks the settings, keeps the secret in the keyring and runs fn
// on the store; on success the settings and fn's client are saved.
func (f *Firm) setup(ctx context.Context, s *Session, set FirmSettings, secret string, fn func(objstore.Store) (*firm.Client, error)) error {
	if f.saved.Ref != "" {
		return i18n.New(CodeFirmSetUp, msgFirmSetUp)
	}
	if f.id == nil {
		return errFirmSettings("name")
	}
	if err := set.check(); err != nil {
		return err
	}
	if secret == "" {
		return errFirmSettings("secret_key")
	}
	st, err := f.openStore(ctx, set, secret)
	if err != nil {
		return err
	}
	c, err := fn(st)
	if err := f.note(err); err != nil {
		return err
	}
	if err := f.keyring().Set(ctx, keyringService, set.keyringUser(), secret); err != nil {
		return err
	}
	c.Now = f.core.now
	f.client, f.saved.Settings, f.saved.Ref = c, set, c.Ref().String()
	return f.save(s)
}

// Create founds a firm on the store of set, with this seat as founder.
// The store must honour conditional writes (firm.no_conditional_writes
// otherwise, and nothing is kept).
func (f *Firm) Create(ctx context.Context, set FirmSettings, secret string) (FirmStatus, error) {
	var out FirmStatus
	err := f.use(func(s *Session) error {
		err := f.setup(ctx, s, set, secret, func(st objstore.Store) (*firm.Client, error) {
			if s3, ok := st.(*objstore.S3); ok {
				if err := s3.EnsureBucket(ctx); err != nil {
					return nil, err
				}
			}
			return firm.Create(ctx, st, f.id)
		})
		out = f.status()
		return err
	})
	return out, err
}

// Join joins the firm of ref (the line its founder gave) on the store of
// set; the founder must have invited this seat first.
func (f *Firm) Join(ctx context.Context, set FirmSettings, secret, refLine string) (FirmStatus, error) {
	var out FirmStatus
	err := f.use(func(s *Session) error {
		ref, err := firm.ParseRef(refLine)
		if err != nil {
			return err
		}
		err = f.setup(ctx, s, set, secret, func(st objstore.Store) (*firm.Client, error) {
			return firm.Join(ctx, st, f.id, ref, nil)
		})
		out = f.status()
		return err
	})
	return out, err
}

// Invite adds the seat of an invitation line to the firm (founder only) and
// returns the firm's reference line to hand back to it.
func (f *Firm) Invite(ctx context.Context, invitation string) (FirmStatus, error) {
	var out FirmStatus
	err := f.use(func(s *Session) error {
		pub, err := firm.ParseInvitation(invitation)
		if err != nil {
			return err
		}
		c, err := f.connect(ctx)
		if err != nil {
			return err
		}
		if err := f.note(c.Invite(ctx, pub)); err != nil {
			return err
		}
		out = f.status()
		return f.save(s)
	})
	return out, err
}

// Revoke removes a seat from the firm (founder only): every dossier it was
// on is re-keyed.
func (f *Firm) Revoke(ctx context.Context, seat string) (FirmStatus, error) {
	var out FirmStatus
	err := f.use(func(s *Session) error {
		c, err := f.connect(ctx)
		if err != nil {
			return err
		}
		err = f.note(c.Revoke(ctx, firm.SeatID(seat)))
		if serr := f.save(s); err == nil {
			err = serr
		}
		out = f.status()
		return err
	})
	return out, err
}
