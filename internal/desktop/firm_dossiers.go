package desktop

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

// recordDigest is what tells a local change: the record's encoding, except
// for a submission's retry bookkeeping (last error, next attempt, update
// time), which a seat's outbox changes while it waits for the seat holding
// the dossier, and which is no change of the dossier.
func recordDigest(r firm.Record) string {
	if r.Kind == firm.KindSubmission {
		var s store.Submission
		if json.Unmarshal(r.Value, &s) == nil {
			s.LastError, s.NextAttemptAt, s.UpdatedAt = "", time.Time{}, time.Time{}
			if b, err := json.Marshal(s); err == nil {
				return digest(b)
			}
		}
	}
	return digest(r.Value)
}

func (f *Firm) dossierOf(employerID string) (firm.DossierID, error) {
	d, ok := f.saved.Employers[employerID]
	if !ok {
		return "", i18n.New(CodeFirmNotShared, msgFirmNotShared)
	}
	return d, nil
}

func (f *Firm) employerOf(d firm.DossierID) string {
	for er, dd := range f.saved.Employers {
		if dd == d {
			return er
		}
	}
	return ""
}

func (f *Firm) mapDossier(employerID string, d firm.DossierID) {
	if f.saved.Employers == nil {
		f.saved.Employers = map[string]firm.DossierID{}
	}
	f.saved.Employers[employerID] = d
}

func (f *Firm) sentOf(d firm.DossierID) map[string]string {
	if f.saved.Sent == nil {
		f.saved.Sent = map[firm.DossierID]map[string]string{}
	}
	m := f.saved.Sent[d]
	if m == nil {
		m = map[string]string{}
		f.saved.Sent[d] = m
	}
	return m
}

func (f *Firm) seeLease(l firm.Lease) {
	if f.saved.Leases == nil {
		f.saved.Leases = map[firm.DossierID]seenLease{}
	}
	f.saved.Leases[l.Dossier] = seenLease{Holder: l.Holder, HolderName: l.HolderName, Since: l.Since, Expires: l.Expires}
}

// heldByMe reports whether the lease last seen of d is this seat's and live.
func (f *Firm) heldByMe(d firm.DossierID) bool {
	l, ok := f.saved.Leases[d]
	return ok && f.id != nil && l.Holder == f.id.ID() && f.core.now().Before(l.Expires)
}

// localChanges returns the records of employerID that differ from what the
// firm's store has.
func (f *Firm) localChanges(s *Session, employerID string, d firm.DossierID) ([]firm.Record, error) {
	recs, err := dossierRecords(s.Store, employerID)
	if err != nil {
		return nil, err
	}
	sent := f.sentOf(d)
	var out []firm.Record
	here := map[string]bool{}
	for _, r := range recs {
		here[recordID(r)] = true
		if sent[recordID(r)] != recordDigest(r) {
			out = append(out, r)
		}
	}
	// An employee the store has and this seat no longer has was erased
	// here (law 09-08): the erasure travels as a tombstone.
	ids := make([]string, 0, len(sent))
	for id := range sent {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		kind, key, _ := strings.Cut(id, "/")
		if here[id] || kind != firm.KindEmployee {
			continue
		}
		b, err := json.Marshal(tombstone{EmployerID: employerID})
		if err != nil {
			return nil, err
		}
		out = append(out, firm.Record{Kind: kind, Key: key, Value: b, Deleted: true})
	}
	// The seat's audit entries about the dossier go with its changes
	// while it holds the dossier (a seat that does not hold it keeps them
	// until it does: they make no proposal of their own).
	if f.heldByMe(d) {
		ar, err := f.auditChanges(s.Store, employerID, d, recs, f.saved.AuditNext[d])
		if err != nil {
			return nil, err
		}
		out = append(out, ar...)
	}
	return out, nil
}

// markSent records recs as what the firm's store has.
func (f *Firm) markSent(d firm.DossierID, recs []firm.Record) {
	sent := f.sentOf(d)
	for _, r := range recs {
		if r.Kind == firm.KindAudit {
			f.markAuditSent(d, r)
			continue
		}
		if r.Deleted {
			delete(sent, recordID(r))
			continue
		}
		sent[recordID(r)] = recordDigest(r)
	}
}

// countRecords counts the dossier's records in recs, not the audit entries
// that go with them.
func countRecords(recs []firm.Record) int {
	n := 0
	for _, r := range recs {
		if r.Kind != firm.KindAudit {
			n++
		}
	}
	return n
}

// publish sends employerID's local changes as one change of its dossier.
// Without the lease (or behind the store), they become a proposal
// (firm.conflict) and are not proposed again. It returns how many records
// were sent (the audit entries that go with them not counted).
func (f *Firm) publish(ctx context.Context, s *Session, c *firm.Client, employerID string) (int, error) {
	d, err := f.dossierOf(employerID)
	if err != nil {
		return 0, err
	}
	changed, err := f.localChanges(s, employerID, d)
	if err != nil || len(changed) == 0 {
		return 0, err
	}
	_, err = c.Push(ctx, d, changed)
	var conflict *firm.Conflict
	switch {
	case err == nil, errors.As(err, &conflict), i18n.Code(err) == firm.CodeUnavailable:
		// Sent, kept as a proposal, or in flight (sent again byte for
		// byte by the next sync): either way, not a change any more.
		f.markSent(d, changed)
	}
	if serr := f.save(s); err == nil {
		err = serr
	}
	if err != nil {
		if errors.As(err, &conflict) {
			// Kept as a proposal (Sync counts them): the store answered,
			// nothing failed.
			f.note(nil)
			return countRecords(changed), err
		}
		return 0, f.note(err)
	}
	return countRecords(changed), f.note(nil)
}

// applyChange writes a change of another seat into the store, with the
// firm's state, in one transaction; the records' local digests become the
// ones the store has. A change applied again (a crash before the state was
// kept) writes the same records again: the replication is idempotent.
func (f *Firm) applyChange(s *Session, ch firm.Change) error {
	var er string
	err := s.Store.Update(func(tx *store.Tx) error {
		var err error
		if er, err = applyRecords(tx, ch.Records, f.id.ID(), ch.Writer); err != nil {
			return err
		}
		if er != "" {
			f.mapDossier(er, ch.Dossier)
		}
		return f.persist(tx)
	})
	if err != nil || er == "" {
		return err
	}
	local, err := dossierRecords(s.Store, er)
	if err != nil {
		return err
	}
	ids := map[string]bool{}
	var gone []firm.Record
	for _, r := range ch.Records {
		ids[recordID(r)] = true
		if r.Deleted {
			gone = append(gone, r)
		}
	}
	f.markSent(ch.Dossier, append(slices.DeleteFunc(local, func(r firm.Record) bool { return !ids[recordID(r)] }), gone...))
	return nil
}

// Share makes employerID a dossier of the firm (the first time: a new
// dossier, its lease taken by this seat and every record published) and
// allows the seats given on it (the founder is always allowed).
func (f *Firm) Share(ctx context.Context, employerID string, seats []string) (FirmDossier, error) {
	var out FirmDossier
	err := f.use(func(s *Session) error {
		if _, err := s.Store.Employers().Get(employerID); err != nil {
			return err
		}
		c, err := f.connect(ctx)
		if err != nil {
			return err
		}
		d, shared := f.saved.Employers[employerID]
		if !shared {
			ids := make([]firm.SeatID, len(seats))
			for i, id := range seats {
				ids[i] = firm.SeatID(id)
			}
			if d, err = c.CreateDossier(ctx, ids); err != nil {
				return f.note(err)
			}
			f.mapDossier(employerID, d)
			l, err := c.TakeLease(ctx, d, f.leaseTTL())
			if err != nil {
				return f.note(err)
			}
			f.seeLease(l)
		} else {
			for _, id := range seats {
				if err := c.Grant(ctx, d, firm.SeatID(id)); err != nil {
					return f.note(err)
				}
			}
		}
		if !shared || f.heldByMe(d) {
			if _, err := f.publish(ctx, s, c, employerID); err != nil {
				return err
			}
		}
		if err := f.save(s); err != nil {
			return err
		}
		out, err = f.row(s, c, employerID, nil)
		return err
	})
	return out, err
}

// Publish sends the local changes of employerID's dossier; it returns how
// many records went. Without the lease they are kept as a proposal
// (firm.conflict).
func (f *Firm) Publish(ctx context.Context, employerID string) (int, error) {
	var n int
	err := f.use(func(s *Session) error {
		c, err := f.connect(ctx)
		if err != nil {
			return err
		}
		n, err = f.publish(ctx, s, c, employerID)
		return err
	})
	return n, err
}

// SyncResult says what a sync did.
type SyncResult struct {
	Applied   int `json:"applied"`   // changes of other seats written here
	Published int `json:"published"` // records of this seat sent
	// Proposed counts the records changed here on dossiers another seat
	// holds: kept as proposals.
	Proposed int `json:"proposed"`
	// Clashes counts the dossiers not received for an affiliation number
	// another employer of this seat has (FirmDossier.Clash says which).
	Clashes int       `json:"clashes"`
	At      time.Time `json:"at" ts_type:"string"`
}

// affiliationClash returns the local employer whose affiliation number
// the employer of ch has, when applying ch failed for that reason.
func affiliationClash(s *Session, ch firm.Change, err error) string {
	if i18n.Code(err) != store.CodeAffiliationUsed {
		return ""
	}
	for _, r := range ch.Records {
		if r.Kind != firm.KindEmployer {
			continue
		}
		var e domain.Employer
		if json.Unmarshal(r.Value, &e) != nil {
			continue
		}
		e.Normalize()
		ers, lerr := s.Store.Employers().List()
		if lerr != nil {
			return ""
		}
		for _, l := range ers {
			if l.ID != e.ID && l.Affiliation == e.Affiliation {
				return l.ID
			}
		}
	}
	return ""
}

// withoutClashes drops, from a sync's joined errors, the dossiers held
// back by an affiliation clash (shown on their row, not a failed sync).
func withoutClashes(err error) error {
	if err == nil || errors.Is(err, context.Canceled) {
		return err
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	kept := slices.DeleteFunc(slices.Clone(errs), func(e error) bool { return errors.Is(e, errDossierClash) })
	if len(kept) == len(errs) {
		return err
	}
	return errors.Join(kept...)
}

// Sync sends this seat's writes left in flight and the local changes of
// the dossiers it holds, and brings every dossier it may read up to date.
// progress gets done of total dossiers.
func (f *Firm) Sync(ctx context.Context, progress func(done, total int)) (SyncResult, error) {
	var out SyncResult
	err := f.use(func(s *Session) error {
		c, err := f.connect(ctx)
		if err != nil {
			return err
		}
		sink := firm.SinkFunc(func(ch firm.Change) error {
			if ch.Writer == c.Seat() {
				// This seat's own change, applied here already (a
				// state kept before the write was confirmed).
				return nil
			}
			err := f.applyChange(s, ch)
			if err == nil {
				out.Applied++
				delete(f.saved.Clashes, ch.Dossier)
			} else if local := affiliationClash(s, ch, err); local != "" {
				if f.saved.Clashes == nil {
					f.saved.Clashes = map[firm.DossierID]string{}
				}
				f.saved.Clashes[ch.Dossier] = local
				return errDossierClash
			}
			return err
		})
		serr := withoutClashes(c.Sync(ctx, sink, firm.Progress(progress)))
		out.Clashes = len(f.saved.Clashes)
		if errors.Is(serr, context.Canceled) {
			_ = f.save(s)
			return serr
		}
		if err := f.refreshLeases(ctx, c); err != nil && serr == nil {
			serr = err
		}
		// Local changes go out: as changes of the dossiers this seat
		// holds, as proposals (kept here, shown, never merged) for the
		// others — an edit made offline, a receipt made after a hand-over.
		for er := range f.saved.Employers {
			n, err := f.publish(ctx, s, c, er)
			var conflict *firm.Conflict
			switch {
			case errors.As(err, &conflict):
				out.Proposed += n
			case err != nil && serr == nil:
				serr = err
			default:
				out.Published += n
			}
		}
		if serr == nil {
			out.At = f.core.now().UTC()
			f.saved.LastSync = out.At
		}
		if err := f.save(s); serr == nil {
			serr = err
		}
		if s.Outbox != nil {
			s.Outbox.Kick() // replicated submissions: their states changed
		}
		return f.note(serr)
	})
	return out, err
}

func (f *Firm) refreshLeases(ctx context.Context, c *firm.Client) error {
	all, err := c.Overview(ctx)
	if err != nil {
		return err
	}
	for _, st := range all {
		f.seeLease(st.Lease)
	}
	return nil
}

// Take makes this seat the editor of employerID's dossier (firm.lease_held
// says who holds it otherwise), then brings the dossier up to date.
func (f *Firm) Take(ctx context.Context, employerID string) (FirmDossier, error) {
	return f.leaseOp(ctx, employerID, func(s *Session, c *firm.Client, d firm.DossierID) error {
		l, err := c.TakeLease(ctx, d, f.leaseTTL())
		var le *firm.LeaseError
		if errors.As(err, &le) {
			f.seeLease(le.Lease)
		}
		if err != nil {
			return err
		}
		f.seeLease(l)
		return c.Pull(ctx, d, firm.SinkFunc(func(ch firm.Change) error {
			if ch.Writer == c.Seat() {
				return nil
			}
			return f.applyChange(s, ch)
		}))
	})
}

// depositInFlight refuses to let a dossier go while this seat's outbox is
// carrying one of its declarations: the answer and the receipt are written
// here, and must travel as changes of the dossier, not stay behind as a
// proposal of a seat that no longer holds it.
func depositInFlight(s *Session, employerID string) error {
	subs, err := s.Store.Submissions().ListEmployer(employerID)
	if err != nil {
		return err
	}
	for _, sub := range subs {
		if !sub.State.Terminal() {
			return i18n.New(CodeFirmDepositInFlight, msgFirmDepositInFlight, string(sub.State))
		}
	}
	return nil
}

// HandOver sends this seat's changes of employerID's dossier, then gives
// its lease to seat ("send to Fatima for deposit"). Not while a deposit of
// the dossier is in this seat's outbox (firm.deposit_in_flight).
func (f *Firm) HandOver(ctx context.Context, employerID, seat string) (FirmDossier, error) {
	return f.leaseOp(ctx, employerID, func(s *Session, c *firm.Client, d firm.DossierID) error {
		if err := depositInFlight(s, employerID); err != nil {
			return err
		}
		if _, err := f.publish(ctx, s, c, employerID); err != nil {
			return err
		}
		l, err := c.HandOver(ctx, d, firm.SeatID(seat), f.leaseTTL())
		if err != nil {
			return err
		}
		f.seeLease(l)
		return nil
	})
}

// Release sends this seat's changes, then frees employerID's dossier (not
// while a deposit of it is in this seat's outbox).
func (f *Firm) Release(ctx context.Context, employerID string) (FirmDossier, error) {
	return f.leaseOp(ctx, employerID, func(s *Session, c *firm.Client, d firm.DossierID) error {
		if err := depositInFlight(s, employerID); err != nil {
			return err
		}
		if _, err := f.publish(ctx, s, c, employerID); err != nil {
			return err
		}
		if err := c.Release(ctx, d); err != nil {
			return err
		}
		l, err := c.LeaseOf(ctx, d)
		if err != nil {
			return err
		}
		f.seeLease(l)
		return nil
	})
}

func (f *Firm) leaseOp(ctx context.Context, employerID string, fn func(*Session, *firm.Client, firm.DossierID) error) (FirmDossier, error) {
	var out FirmDossier
	err := f.use(func(s *Session) error {
		d, err := f.dossierOf(employerID)
		if err != nil {
			return err
		}
		c, err := f.connect(ctx)
		if err != nil {
			return err
		}
		err = f.note(fn(s, c, d))
		if serr := f.save(s); err == nil {
			err = serr
		}
		out, _ = f.row(s, c, employerID, nil)
		return err
	})
	return out, err
}

// CheckEditable refuses (firm.read_only, "Dossier tenu par X depuis …") a
// change of employerID while another seat holds its dossier, as last seen.
// An employer that is no dossier, or whose lease is free or this seat's,
// is editable; without the lease, the changes become a proposal at the
// next sync.
func (f *Firm) CheckEditable(employerID string) error {
	return f.use(func(*Session) error { return f.checkEditable(employerID) })
}

func (f *Firm) checkEditable(employerID string) error {
	var me firm.SeatID
	if f.id != nil {
		me = f.id.ID()
	}
	return editable(me, f.saved.Employers, f.saved.Leases, f.core.now(), employerID)
}

func editable(me firm.SeatID, employers map[string]firm.DossierID, leases map[firm.DossierID]seenLease, now time.Time, employerID string) error {
	d, ok := employers[employerID]
	if !ok {
		return nil
	}
	l, ok := leases[d]
	if !ok || l.Holder == "" || (me != "" && l.Holder == me) || !now.Before(l.Expires) {
		return nil
	}
	return errFirmReadOnly(l.HolderName, l.Since)
}

// guardView is a copy of what the read-only check needs, refreshed at
// every save: FirmEditable reads it without waiting for a sync in progress
// (which holds f.mu for its whole run).
type guardView struct {
	sess      *Session
	me        firm.SeatID
	employers map[string]firm.DossierID
	leases    map[firm.DossierID]seenLease
}

// refreshGuard publishes the guard's copy; f.mu is held.
func (f *Firm) refreshGuard() {
	if f.sess == nil {
		f.guard.Store(nil)
		return
	}
	v := &guardView{sess: f.sess, employers: maps.Clone(f.saved.Employers), leases: maps.Clone(f.saved.Leases)}
	if f.id != nil {
		v.me = f.id.ID()
	}
	f.guard.Store(v)
}

// beforeDeposit is the outbox's check before a submission is first sent:
// for a dossier of the firm, this seat must hold its lease (as the store
// says now), and the submission (with its idempotency key) must be on the
// firm's store. A seat that does not hold the dossier never sends it; the
// one that does sends it once the others can see it.
func (f *Firm) beforeDeposit(ctx context.Context, s *Session, sub store.Submission) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.load(s); err != nil {
		return err
	}
	d, ok := f.saved.Employers[sub.EmployerID]
	if !ok {
		return nil
	}
	c, err := f.connect(ctx)
	if err != nil {
		return err
	}
	l, err := c.LeaseOf(ctx, d)
	if err != nil {
		return f.note(err)
	}
	f.seeLease(l)
	if l.Holder != c.Seat() || !f.core.now().Before(l.Expires) {
		_ = f.save(s)
		if l.Holder == "" || !f.core.now().Before(l.Expires) {
			return errFirmReadOnly("—", l.Since)
		}
		return errFirmReadOnly(l.HolderName, l.Since)
	}
	if _, err := f.publish(ctx, s, c, sub.EmployerID); err != nil {
		return err
	}
	// The record must be on the store now (not a proposal, not in flight).
	changed, err := f.localChanges(s, sub.EmployerID, d)
	if err != nil {
		return err
	}
	for _, r := range changed {
		if r.Kind == firm.KindSubmission && r.Key == sub.IdempotencyKey {
			return i18n.New(CodeFirmNotPublished, msgFirmNotPublished)
		}
	}
	if ds := c.State().Dossiers[d]; ds != nil && (ds.Pending != nil || hasSubmissionProposal(ds.Proposals, sub.IdempotencyKey)) {
		return i18n.New(CodeFirmNotPublished, msgFirmNotPublished)
	}
	return nil
}

func hasSubmissionProposal(ps []firm.Proposal, key string) bool {
	for _, p := range ps {
		for _, r := range p.Records {
			if r.Kind == firm.KindSubmission && r.Key == key {
				return true
			}
		}
	}
	return false
}

// FirmStage is where a dossier's month stands in the portfolio: what waits
// for whom.
type FirmStage string

// Stages of a dossier's month in the portfolio.
const (
	StagePrepared  FirmStage = "prepared"  // lines entered, no declaration ready
	StageReady     FirmStage = "ready"     // a declaration ready for deposit
	StageSending   FirmStage = "sending"   // queued or sent, no final answer yet
	StageDeposited FirmStage = "deposited" // accepted, or deposited by hand
)

// FirmStages lists the stages (bound as a TypeScript enum).
var FirmStages = []FirmStage{StagePrepared, StageReady, StageSending, StageDeposited}

// FirmDossier is one line of the firm portfolio: an employer's dossier,
// who holds it and since when, and what waits.
type FirmDossier struct {
	EmployerID   string    `json:"employer_id"`
	EmployerName string    `json:"employer_name"`
	Dossier      string    `json:"dossier"`
	Holder       string    `json:"holder"`
	HolderName   string    `json:"holder_name"`
	Since        time.Time `json:"since" ts_type:"string"`
	Expires      time.Time `json:"expires" ts_type:"string"`
	Mine         bool      `json:"mine"`
	Free         bool      `json:"free"`
	Head         uint64    `json:"head"`
	Applied      uint64    `json:"applied"`
	Proposals    int       `json:"proposals"`
	Pending      bool      `json:"pending"`
	Stage        FirmStage `json:"stage"`
	Seats        []string  `json:"seats"`
	// Clash is CodeFirmAffiliationClash when the dossier is not received
	// here: EmployerID is then "" (the dossier's employer is not on this
	// seat), ClashWith is the local employer with its affiliation number
	// and ClashMessage says what to do. "" otherwise.
	Clash        string    `json:"clash"`
	ClashWith    string    `json:"clash_with"`
	ClashMessage i18n.Text `json:"clash_message"`
}

func stageOf(decls []store.Declaration) FirmStage {
	stage := StagePrepared
	for _, d := range decls {
		switch d.Status {
		case store.StatusReady:
			if stage == StagePrepared {
				stage = StageReady
			}
		case store.StatusQueued, store.StatusSubmitted:
			if stage != StageDeposited {
				stage = StageSending
			}
		case store.StatusAccepted, store.StatusManual:
			stage = StageDeposited
		}
	}
	return stage
}

// row builds the portfolio line of employerID from what the seat knows
// (st, when not nil, is the store's view of the dossier).
func (f *Firm) row(s *Session, c *firm.Client, employerID string, st *firm.DossierStatus) (FirmDossier, error) {
	d, err := f.dossierOf(employerID)
	if err != nil {
		return FirmDossier{}, err
	}
	out := FirmDossier{EmployerID: employerID, Dossier: string(d), Free: true}
	if er, err := s.Store.Employers().Get(employerID); err == nil {
		out.EmployerName = er.Name
	}
	if l, ok := f.saved.Leases[d]; ok && l.Holder != "" && f.core.now().Before(l.Expires) {
		out.Holder, out.HolderName, out.Since, out.Expires, out.Free = string(l.Holder), l.HolderName, l.Since, l.Expires, false
		out.Mine = f.id != nil && l.Holder == f.id.ID()
	}
	if c != nil {
		if ds := c.State().Dossiers[d]; ds != nil {
			out.Applied, out.Proposals, out.Pending = ds.Seq, len(ds.Proposals), ds.Pending != nil
			for _, id := range ds.Seats {
				out.Seats = append(out.Seats, string(id))
			}
		}
	}
	out.Head = out.Applied
	if st != nil {
		out.Head = st.Head
	}
	if decls, err := s.Store.Declarations().ListEmployer(employerID); err == nil {
		out.Stage = stageOf(decls)
	}
	return out, nil
}

// Dossiers lists the firm's dossiers this seat has, with the store's view
// of their leases (the last one seen when the store does not answer:
// FirmStatus.Reachable says so).
func (f *Firm) Dossiers(ctx context.Context) ([]FirmDossier, error) {
	var out []FirmDossier
	err := f.use(func(s *Session) error {
		c, err := f.connect(ctx)
		if err != nil && i18n.Code(err) != firm.CodeUnavailable {
			return err
		}
		byDossier := map[firm.DossierID]*firm.DossierStatus{}
		if c != nil {
			all, err := c.Overview(ctx)
			if f.note(err) == nil {
				for i := range all {
					f.seeLease(all[i].Lease)
					byDossier[all[i].Dossier] = &all[i]
				}
				_ = f.save(s)
			}
		}
		ers := make([]string, 0, len(f.saved.Employers))
		for er := range f.saved.Employers {
			ers = append(ers, er)
		}
		slices.Sort(ers)
		for _, er := range ers {
			row, err := f.row(s, c, er, byDossier[f.saved.Employers[er]])
			if err != nil {
				return err
			}
			out = append(out, row)
		}
		ds := make([]string, 0, len(f.saved.Clashes))
		for d := range f.saved.Clashes {
			ds = append(ds, string(d))
		}
		slices.Sort(ds)
		for _, d := range ds {
			local := f.saved.Clashes[firm.DossierID(d)]
			name := "—"
			if er, err := s.Store.Employers().Get(local); err == nil {
				name = er.Name
			}
			row := FirmDossier{Dossier: d, Clash: CodeFirmAffiliationClash, ClashWith: local, Free: true}
			for _, l := range []i18n.Lang{i18n.FR, i18n.AR, i18n.EN} {
				txt := msgFirmAffiliationClash.Format(l, name)
				switch l {
				case i18n.FR:
					row.ClashMessage.FR = txt
				case i18n.AR:
					row.ClashMessage.AR = txt
				default:
					row.ClashMessage.EN = txt
				}
			}
			if st := byDossier[firm.DossierID(d)]; st != nil {
				row.Head = st.Head
				if l := st.Lease; l.Holder != "" && f.core.now().Before(l.Expires) {
					row.Holder, row.HolderName, row.Since, row.Expires, row.Free = string(l.Holder), l.HolderName, l.Since, l.Expires, false
				}
			}
			out = append(out, row)
		}
		return nil
	})
	return out, err
}

// FirmProposal is a set of changes kept on this seat, not sent.
type FirmProposal struct {
	ID      string         `json:"id"`
	At      time.Time      `json:"at" ts_type:"string"`
	BaseSeq uint64         `json:"base_seq"`
	Records int            `json:"records"`
	Kinds   map[string]int `json:"kinds"` // records by kind
}

// Proposals lists the proposals of employerID's dossier.
func (f *Firm) Proposals(ctx context.Context, employerID string) ([]FirmProposal, error) {
	var out []FirmProposal
	err := f.use(func(s *Session) error {
		d, err := f.dossierOf(employerID)
		if err != nil {
			return err
		}
		c, err := f.connect(ctx)
		if err != nil {
			return err
		}
		for _, p := range c.Proposals(d) {
			fp := FirmProposal{ID: p.ID, At: p.At, BaseSeq: p.BaseSeq, Records: len(p.Records), Kinds: map[string]int{}}
			for _, r := range p.Records {
				fp.Kinds[r.Kind]++
			}
			out = append(out, fp)
		}
		return nil
	})
	return out, err
}

// ApplyProposal sends a proposal a person chose to keep: the seat takes the
// dossier's lease, brings it up to date, sends the proposal as a new change
// and writes its records here again (the update may have replaced them).
func (f *Firm) ApplyProposal(ctx context.Context, employerID, id string) (FirmDossier, error) {
	return f.leaseOp(ctx, employerID, func(s *Session, c *firm.Client, d firm.DossierID) error {
		var prop *firm.Proposal
		for _, p := range c.Proposals(d) {
			if p.ID == id {
				prop = &p
				break
			}
		}
		if prop == nil {
			return i18n.New(CodeFirmNoProposal, msgFirmNoProposal)
		}
		l, err := c.TakeLease(ctx, d, f.leaseTTL())
		if err != nil {
			return err
		}
		f.seeLease(l)
		sink := firm.SinkFunc(func(ch firm.Change) error {
			if ch.Writer == c.Seat() {
				return nil
			}
			return f.applyChange(s, ch)
		})
		if err := c.Pull(ctx, d, sink); err != nil {
			return err
		}
		if _, err := c.PushProposal(ctx, d, id); err != nil {
			return err
		}
		return f.applyChange(s, firm.Change{Dossier: d, Records: prop.Records})
	})
}

// DiscardProposal drops a proposal: its changes are not sent, and the
// records it changed are put back here as the dossier has them (read again
// from the firm's store and checked; a record the dossier never had, made
// on this seat only, stays as it is). When the store cannot be read, the
// proposal is kept and the error says why.
func (f *Firm) DiscardProposal(ctx context.Context, employerID, id string) error {
	return f.use(func(s *Session) error {
		d, err := f.dossierOf(employerID)
		if err != nil {
			return err
		}
		c, err := f.connect(ctx)
		if err != nil {
			return err
		}
		want := map[string]bool{}
		found := false
		for _, p := range c.Proposals(d) {
			if p.ID == id {
				found = true
				for _, r := range p.Records {
					want[recordID(r)] = true
				}
			}
		}
		if !found {
			return i18n.New(CodeFirmNoProposal, msgFirmNoProposal)
		}
		theirs, err := c.Latest(ctx, d, want)
		if err != nil {
			return f.note(err)
		}
		if !c.DiscardProposal(d, id) {
			return i18n.New(CodeFirmNoProposal, msgFirmNoProposal)
		}
		if len(theirs) > 0 {
			if err := f.applyChange(s, firm.Change{Dossier: d, Records: theirs}); err != nil {
				return err
			}
		}
		return f.save(s)
	})
}

// Names of the firm mode's events.
const (
	// EventFirmSyncProgress: a sync's advance (Progress: done of total
	// dossiers).
	EventFirmSyncProgress = "firm:sync_progress"
	// EventFirmSyncDone: a sync ended (FirmSyncDone).
	EventFirmSyncDone = "firm:sync_done"
)

const opFirmSync = "firm-sync"

// FirmSyncDone is the payload of EventFirmSyncDone: what the sync did, or
// the code of why it stopped (no personal data).
type FirmSyncDone struct {
	OpID      string     `json:"op_id"`
	Result    SyncResult `json:"result"`
	Cancelled bool       `json:"cancelled"`
	ErrorCode string     `json:"error_code"`
	// Message says why, in the three languages ("" when it went well).
	Message i18n.Text `json:"message"`
}

// StartFirmSync runs Sync in the background with progress events; it
// returns the op id at once (Ops().Cancel stops it).
func (c *Core) StartFirmSync() (string, error) {
	if !c.Unlocked() {
		return "", LockedError()
	}
	op := c.ops.New(context.Background(), opFirmSync, EventFirmSyncProgress)
	c.ops.Go(op, func(op *Op) {
		res, err := c.Firm().Sync(op.Context(), op.ProgressFunc())
		done := FirmSyncDone{OpID: op.ID, Result: res, Cancelled: op.Context().Err() != nil}
		if err != nil {
			done.ErrorCode = i18n.Code(err)
			done.Message = i18n.Text{FR: i18n.Message(err, i18n.FR), AR: i18n.Message(err, i18n.AR), EN: i18n.Message(err, i18n.EN)}
		}
		c.emit(EventFirmSyncDone, done)
	})
	return op.ID, nil
}

// FirmEditable is CheckEditable for a caller already inside Core.Use (the
// bound services' edit methods): the session is s.
func (c *Core) FirmEditable(s *Session, employerID string) error {
	f := c.Firm()
	if v := f.guard.Load(); v != nil && v.sess == s {
		return editable(v.me, v.employers, v.leases, c.now(), employerID)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.load(s); err != nil {
		return err
	}
	return f.checkEditable(employerID)
}

// FirmEditableDeclaration is FirmEditable for the employer of a
// declaration (nil when the declaration is unknown: the method called
// says so itself).
func (c *Core) FirmEditableDeclaration(s *Session, declarationID string) error {
	d, err := s.Store.Declarations().Get(declarationID)
	if err != nil {
		return nil
	}
	return c.FirmEditable(s, d.EmployerID)
}

// FirmEditableSubmission is FirmEditable for the employer of a submission.
func (c *Core) FirmEditableSubmission(s *Session, submissionID string) error {
	sub, err := s.Store.Submissions().Get(submissionID)
	if err != nil {
		return nil
	}
	return c.FirmEditable(s, sub.EmployerID)
}
