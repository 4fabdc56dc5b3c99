package firm_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/firm/objstore"
	"github.com/tasrih/tasrih/internal/i18n"
)

func changeKey(c *firm.Client, d firm.DossierID, seq uint64) string {
	return fmt.Sprintf("%s/d/%s/c/%016x", c.Ref().Firm, d, seq)
}

func leaseKey(c *firm.Client, d firm.DossierID) string {
	return fmt.Sprintf("%s/d/%s/lease", c.Ref().Firm, d)
}

func TestSetupRefusesAStoreWithoutConditionalWrites(t *testing.T) {
	lax := objstore.NewMem()
	lax.IgnoreConditions = true
	_, err := firm.Create(context.Background(), lax, mustIdentity(t, "Amine"))
	wantCode(t, err, firm.CodeNoConditional)
	if !errors.Is(err, objstore.ErrNoConditionalWrites) {
		t.Fatalf("cause lost: %v", err)
	}
	// Joining is refused too, before anything is read.
	good := objstore.NewMem()
	cs := seats(t, good, "Amine")
	_, err = firm.Join(context.Background(), lax, mustIdentity(t, "Fatima"), cs[0].Ref(), nil)
	wantCode(t, err, firm.CodeNoConditional)
}

func TestThreeSeatsSyncAPortfolio(t *testing.T) {
	forEach(t, func(t *testing.T, st objstore.Store) {
		ctx := ctxT(t)
		cs := seats(t, st, "Amine", "Fatima", "Karim")
		a, b, c := cs[0], cs[1], cs[2]
		d1 := mustDossier(t, a, b.Seat(), c.Seat())
		d2 := mustDossier(t, a, b.Seat()) // not Karim's
		mustSeq(t)(a.Push(ctx, d1, []firm.Record{rec(firm.KindEmployer, "emp", "Atlas SARL"), rec(firm.KindEmployee, "e1", "Salma")}))
		mustSeq(t)(a.Push(ctx, d2, []firm.Record{rec(firm.KindEmployer, "emp", "Rif Transport")}))
		rb, rc := newReplica(), newReplica()
		must(t, b.Sync(ctx, rb, nil))
		must(t, c.Sync(ctx, rc, nil))
		if v, _ := rb.get(d2, firm.KindEmployer, "emp"); v != "Rif Transport" {
			t.Fatalf("Fatima's d2 = %q", v)
		}
		if v, _ := rc.get(d1, firm.KindEmployee, "e1"); v != "Salma" {
			t.Fatalf("Karim's d1 = %q", v)
		}
		if _, ok := rc.get(d2, firm.KindEmployer, "emp"); ok || len(rc.dossiers()) != 1 {
			t.Fatalf("Karim reads a dossier he was not given: %v", rc.dossiers())
		}
		// Amine hands d1 to Fatima, who edits; both others see it.
		l, err := a.HandOver(ctx, d1, b.Seat(), time.Hour)
		must(t, err)
		if l.Holder != b.Seat() || l.HolderName != "Fatima" {
			t.Fatalf("hand-over lease = %+v", l)
		}
		mustSeq(t)(b.Push(ctx, d1, []firm.Record{rec(firm.KindEmployee, "e1", "Salma B."), rec(firm.KindEmployee, "e2", "Youssef")}))
		// Amine lost the lease: his edit is a proposal, not sent.
		_, err = a.Push(ctx, d1, []firm.Record{rec(firm.KindEmployee, "e1", "overwrite")})
		wantCode(t, err, firm.CodeConflict)
		var cf *firm.Conflict
		if !errors.As(err, &cf) || cf.Lease.Holder != b.Seat() || len(a.Proposals(d1)) != 1 {
			t.Fatalf("conflict = %+v, proposals %v", cf, a.Proposals(d1))
		}
		ra := newReplica()
		must(t, a.Sync(ctx, ra, nil))
		must(t, c.Sync(ctx, rc, nil))
		for _, r := range []*replica{ra, rc} {
			if v, _ := r.get(d1, firm.KindEmployee, "e1"); v != "Salma B." {
				t.Fatalf("d1/e1 = %q after Fatima's change", v)
			}
			r.checkOnce(t)
		}
		rb.checkOnce(t)
		// The dashboard: Fatima holds d1; Amine has a proposal on it.
		ov, err := a.Overview(ctx)
		must(t, err)
		if len(ov) != 2 {
			t.Fatalf("overview = %+v", ov)
		}
		for _, s := range ov {
			if s.Dossier == d1 && (s.Lease.HolderName != "Fatima" || s.Proposals != 1 || s.Head != 2 || s.Applied != 2) {
				t.Fatalf("d1 status = %+v", s)
			}
		}
		ovc, err := c.Overview(ctx)
		must(t, err)
		if len(ovc) != 1 || ovc[0].Dossier != d1 {
			t.Fatalf("Karim's overview = %+v", ovc)
		}
		// A second sync brings nothing again.
		n := rc.n
		must(t, c.Sync(ctx, rc, nil))
		if rc.n != n {
			t.Fatal("a second sync applied changes again")
		}
	})
}

func mustDossier(t testing.TB, c *firm.Client, seats ...firm.SeatID) firm.DossierID {
	t.Helper()
	d, err := c.CreateDossier(ctxT(t), seats)
	if err != nil {
		t.Fatalf("create dossier: %v", err)
	}
	return d
}

func TestLeaseContention(t *testing.T) {
	forEach(t, func(t *testing.T, st objstore.Store) {
		ctx := ctxT(t)
		cs := seats(t, st, "Amine", "Fatima")
		a, b := cs[0], cs[1]
		d := mustDossier(t, a, b.Seat())
		must(t, a.Release(ctx, d))
		must(t, b.Pull(ctx, d, newReplica()))
		wins := map[firm.SeatID]int{}
		for round := range 100 {
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, c := range []*firm.Client{a, b} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = c.TakeLease(ctx, d, time.Hour)
				}()
			}
			wg.Wait()
			var winner *firm.Client
			for i, err := range errs {
				switch {
				case err == nil:
					if winner != nil {
						t.Fatalf("round %d: both seats won", round)
					}
					winner = cs[i]
				case errors.Is(err, firm.ErrLeaseHeld):
					var le *firm.LeaseError
					if !errors.As(err, &le) || le.Lease.Holder == cs[i].Seat() {
						t.Fatalf("round %d: loser told %+v", round, le)
					}
				default:
					t.Fatalf("round %d: %v", round, err)
				}
			}
			if winner == nil {
				t.Fatalf("round %d: nobody won", round)
			}
			wins[winner.Seat()]++
			l, err := a.LeaseOf(ctx, d)
			must(t, err)
			if l.Holder != winner.Seat() {
				t.Fatalf("round %d: store says %s holds it, winner was %s", round, l.Holder, winner.Seat())
			}
			must(t, winner.Release(ctx, d))
		}
		t.Logf("wins: %v", wins)
	})
}

func TestLeaseExpiryAndHandOver(t *testing.T) {
	st := objstore.NewMem()
	ctx := ctxT(t)
	cs := seats(t, st, "Amine", "Fatima")
	a, b := cs[0], cs[1]
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	a.Now, b.Now = clock, clock
	d := mustDossier(t, a, b.Seat())
	_, err := a.TakeLease(ctx, d, time.Hour)
	must(t, err)
	_, err = b.TakeLease(ctx, d, time.Hour)
	wantCode(t, err, firm.CodeLeaseHeld)
	// Fatima cannot hand over what she does not hold.
	_, err = b.HandOver(ctx, d, b.Seat(), time.Hour)
	wantCode(t, err, firm.CodeNotHolder)
	now = now.Add(61 * time.Minute) // Amine's lease ran out
	l, err := b.TakeLease(ctx, d, time.Hour)
	must(t, err)
	if l.Holder != b.Seat() {
		t.Fatalf("after expiry: %+v", l)
	}
	_, err = a.Push(ctx, d, []firm.Record{rec(firm.KindAudit, "x", "y")})
	wantCode(t, err, firm.CodeConflict)
}

// Amine works a week while Fatima is offline; she then edits without the
// lease (a proposal), syncs, takes the dossier and sends her proposal.
func TestSeatOfflineForAWeek(t *testing.T) {
	forEach(t, func(t *testing.T, st objstore.Store) {
		ctx := ctxT(t)
		cs := seats(t, st, "Amine", "Fatima")
		a, b := cs[0], cs[1]
		now := time.Now().UTC()
		a.Now = func() time.Time { return now }
		b.Now = func() time.Time { return now }
		d := mustDossier(t, a, b.Seat())
		rb := newReplica()
		must(t, b.Sync(ctx, rb, nil))
		saved, err := b.State().Marshal() // Fatima closes the app
		must(t, err)
		for day := range 7 {
			now = now.Add(24 * time.Hour)
			_, err := a.TakeLease(ctx, d, 20*time.Hour)
			must(t, err)
			mustSeq(t)(a.Push(ctx, d, []firm.Record{rec(firm.KindMonthLine, fmt.Sprintf("l%d", day), fmt.Sprint(day))}))
		}
		// Fatima reopens with her saved state, edits before syncing.
		state, err := firm.UnmarshalState(saved)
		must(t, err)
		bid := mustIdentity(t, "unused") // a different seat must not be let in
		if _, err := firm.Join(ctx, st, bid, a.Ref(), nil); i18n.Code(err) != firm.CodeNotMember {
			t.Fatalf("uninvited seat joined: %v", err)
		}
		b2, err := firm.Join(ctx, st, identityOf(t, b), a.Ref(), state)
		must(t, err)
		b2.Now = func() time.Time { return now }
		_, err = b2.Push(ctx, d, []firm.Record{rec(firm.KindMonthLine, "l0", "Fatima's value")})
		wantCode(t, err, firm.CodeConflict)
		props := b2.Proposals(d)
		if len(props) != 1 {
			t.Fatalf("proposals = %v", props)
		}
		must(t, b2.Sync(ctx, rb, nil))
		for day := range 7 {
			if v, _ := rb.get(d, firm.KindMonthLine, fmt.Sprintf("l%d", day)); v != fmt.Sprint(day) {
				t.Fatalf("day %d = %q", day, v)
			}
		}
		rb.checkOnce(t)
		now = now.Add(21 * time.Hour) // Amine's lease lapsed
		_, err = b2.TakeLease(ctx, d, time.Hour)
		must(t, err)
		mustSeq(t)(b2.PushProposal(ctx, d, props[0].ID))
		if len(b2.Proposals(d)) != 0 {
			t.Fatal("proposal kept after it was sent")
		}
		ra := newReplica()
		must(t, a.Sync(ctx, ra, nil))
		if v, _ := ra.get(d, firm.KindMonthLine, "l0"); v != "Fatima's value" {
			t.Fatalf("Amine sees l0 = %q", v)
		}
	})
}

// identities are kept by the test so that a seat can reopen.
var identities sync.Map // SeatID → *firm.Identity

func identityOf(t testing.TB, c *firm.Client) *firm.Identity {
	t.Helper()
	v, ok := identities.Load(c.Seat())
	if !ok {
		t.Fatalf("no identity kept for %s", c.Seat())
	}
	return v.(*firm.Identity)
}

func TestSubmissionTravelsWithTheDossier(t *testing.T) {
	forEach(t, func(t *testing.T, st objstore.Store) {
		ctx := ctxT(t)
		cs := seats(t, st, "Amine", "Fatima")
		a, b := cs[0], cs[1]
		d := mustDossier(t, a, b.Seat())
		mustSeq(t)(a.Push(ctx, d, []firm.Record{rec(firm.KindDeclaration, "2026-02/principal", "ready")}))
		// Amine records the submission before sending; then he is away
		// and Fatima takes over the dossier.
		mustSeq(t)(a.RecordSubmission(ctx, d, "idem-7f3a9c", []byte(`{"period":"2026-02","state":"sending"}`)))
		_, err := a.HandOver(ctx, d, b.Seat(), time.Hour)
		must(t, err)
		rb := newReplica()
		must(t, b.Sync(ctx, rb, nil))
		v, ok := rb.get(d, firm.KindSubmission, "idem-7f3a9c")
		if !ok || v != `{"period":"2026-02","state":"sending"}` {
			t.Fatalf("Fatima does not see the submission and its key: %q %v", v, ok)
		}
	})
}

func TestRevokedSeat(t *testing.T) {
	forEach(t, func(t *testing.T, st objstore.Store) {
		ctx := ctxT(t)
		cs := seats(t, st, "Amine", "Fatima", "Karim")
		a, b, k := cs[0], cs[1], cs[2]
		d := mustDossier(t, a, b.Seat(), k.Seat())
		mustSeq(t)(a.Push(ctx, d, []firm.Record{rec(firm.KindEmployee, "e1", "before")}))
		rk := newReplica()
		must(t, k.Sync(ctx, rk, nil))
		// Karim made a dossier of his own (its keyring is his).
		dk := mustDossier(t, k, b.Seat())
		mustSeq(t)(k.Push(ctx, dk, []firm.Record{rec(firm.KindEmployer, "emp", "Karim's client")}))
		// Karim holds the lease when he is revoked.
		_, err := a.HandOver(ctx, d, k.Seat(), time.Hour)
		must(t, err)
		must(t, a.Revoke(ctx, k.Seat()))
		must(t, a.Revoke(ctx, k.Seat())) // again: nothing left to do
		if err := a.Revoke(ctx, mustIdentity(t, "Stranger").ID()); i18n.Code(err) != firm.CodeUnknownSeat {
			t.Fatalf("revoking a stranger: %v", err)
		}
		_, err = a.TakeLease(ctx, d, time.Hour) // his lease is void
		must(t, err)
		mustSeq(t)(a.Push(ctx, d, []firm.Record{rec(firm.KindEmployee, "e1", "after revocation")}))
		// Karim can no longer sync, nor read, nor write.
		wantCode(t, k.Sync(ctx, rk, nil), firm.CodeNotMember)
		err = k.Pull(ctx, d, rk)
		wantCode(t, err, firm.CodeNoAccess)
		if v, _ := rk.get(d, firm.KindEmployee, "e1"); v != "before" {
			t.Fatalf("revoked seat read %q", v)
		}
		_, err = k.Push(ctx, d, []firm.Record{rec(firm.KindEmployee, "e1", "sabotage")})
		if err == nil {
			t.Fatal("revoked seat wrote")
		}
		if _, err := firm.Join(ctx, st, identityOf(t, k), a.Ref(), nil); i18n.Code(err) != firm.CodeNotMember {
			t.Fatalf("revoked seat joined again: %v", err)
		}
		// Fatima reads on, history and new.
		rb := newReplica()
		must(t, b.Sync(ctx, rb, nil))
		if v, _ := rb.get(d, firm.KindEmployee, "e1"); v != "after revocation" {
			t.Fatalf("Fatima reads %q", v)
		}
		if v, _ := rb.get(dk, firm.KindEmployer, "emp"); v != "Karim's client" {
			t.Fatalf("Fatima reads Karim's dossier as %q", v)
		}
		// A seat granted after the fact reads the whole history.
		nid := mustIdentity(t, "Nadia")
		must(t, a.Invite(ctx, nid.Public()))
		must(t, a.Grant(ctx, d, nid.ID()))
		n, err := firm.Join(ctx, st, nid, a.Ref(), nil)
		must(t, err)
		rn := newReplica()
		must(t, n.Sync(ctx, rn, nil))
		if v, _ := rn.get(d, firm.KindEmployee, "e1"); v != "after revocation" || len(rn.order[d]) != 2 {
			t.Fatalf("Nadia reads %q, %v", v, rn.order[d])
		}
		// Fatima, who has not synced since Nadia's grant, hands her the
		// dossier: she learns of the grant on the way.
		must(t, a.Release(ctx, d))
		_, err = b.TakeLease(ctx, d, time.Hour)
		must(t, err)
		l, err := b.HandOver(ctx, d, nid.ID(), time.Hour)
		must(t, err)
		if l.HolderName != "Nadia" {
			t.Fatalf("hand-over to Nadia: %+v", l)
		}
		mustSeq(t)(n.Push(ctx, d, []firm.Record{rec(firm.KindEmployee, "e3", "Nadia's")}))
	})
}

// The operator's attacks on the objects, each detected.
func TestStoreTamperingDetected(t *testing.T) {
	type setup struct {
		st   objstore.Store
		a, b *firm.Client
		d, o firm.DossierID
	}
	prepare := func(t *testing.T, st objstore.Store) setup {
		ctx := ctxT(t)
		cs := seats(t, st, "Amine", "Fatima")
		a, b := cs[0], cs[1]
		d := mustDossier(t, a, b.Seat())
		o := mustDossier(t, a, b.Seat())
		for i := range 3 {
			mustSeq(t)(a.Push(ctx, d, []firm.Record{rec(firm.KindMonthLine, fmt.Sprint(i), "v")}))
			mustSeq(t)(a.Push(ctx, o, []firm.Record{rec(firm.KindMonthLine, fmt.Sprint(i), "w")}))
		}
		return setup{st, a, b, d, o}
	}
	get := func(t *testing.T, s setup, key string) []byte {
		b, _, err := s.st.Get(ctxT(t), key)
		must(t, err)
		return b
	}
	put := func(t *testing.T, s setup, key string, b []byte) {
		_, err := s.st.Put(ctxT(t), key, b, objstore.Cond{})
		must(t, err)
	}
	cases := []struct {
		name   string
		attack func(t *testing.T, s setup)
		seen   bool // Fatima synced before the attack
		want   error
	}{
		{"flipped byte", func(t *testing.T, s setup) {
			b := get(t, s, changeKey(s.a, s.d, 2))
			b[len(b)/2] ^= 1
			put(t, s, changeKey(s.a, s.d, 2), b)
		}, false, firm.ErrTampered},
		{"reordered", func(t *testing.T, s setup) {
			b2, b3 := get(t, s, changeKey(s.a, s.d, 2)), get(t, s, changeKey(s.a, s.d, 3))
			put(t, s, changeKey(s.a, s.d, 2), b3)
			put(t, s, changeKey(s.a, s.d, 3), b2)
		}, false, firm.ErrTampered},
		{"replayed at a new position", func(t *testing.T, s setup) {
			put(t, s, changeKey(s.a, s.d, 4), get(t, s, changeKey(s.a, s.d, 2)))
		}, true, firm.ErrTampered},
		{"replayed from another dossier", func(t *testing.T, s setup) {
			put(t, s, changeKey(s.a, s.d, 4), get(t, s, changeKey(s.a, s.o, 3)))
		}, true, firm.ErrTampered},
		{"deleted in the middle", func(t *testing.T, s setup) {
			must(t, s.st.Delete(ctxT(t), changeKey(s.a, s.d, 2)))
		}, false, firm.ErrMissing},
		{"deleted at the end (rollback)", func(t *testing.T, s setup) {
			must(t, s.st.Delete(ctxT(t), changeKey(s.a, s.d, 3)))
		}, true, firm.ErrRollback},
		{"lease replayed", func(t *testing.T, s setup) {
			old := get(t, s, leaseKey(s.a, s.d))
			must(t, s.a.Release(ctxT(t), s.d))
			_, err := s.a.TakeLease(ctxT(t), s.d, time.Hour)
			must(t, err)
			_, err = s.b.LeaseOf(ctxT(t), s.d) // Fatima sees the newer lease
			must(t, err)
			put(t, s, leaseKey(s.a, s.d), old)
		}, true, firm.ErrRollback},
		{"roster replayed", func(t *testing.T, s setup) {
			old := get(t, s, s.a.Ref().Firm+"/roster")
			must(t, s.a.Invite(ctxT(t), mustIdentity(t, "Omar").Public()))
			must(t, s.b.Sync(ctxT(t), newReplica(), nil)) // sees the new one
			put(t, s, s.a.Ref().Firm+"/roster", old)
		}, true, firm.ErrRollback},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			forEach(t, func(t *testing.T, st objstore.Store) {
				s := prepare(t, st)
				ctx := ctxT(t)
				r := newReplica()
				if tc.seen {
					must(t, s.b.Sync(ctx, r, nil))
				}
				tc.attack(t, s)
				err := s.b.Sync(ctx, r, nil)
				if err == nil && tc.name == "lease replayed" {
					_, err = s.b.LeaseOf(ctx, s.d)
				}
				if !errors.Is(err, tc.want) {
					t.Fatalf("after %s: %v, want %v", tc.name, err, tc.want)
				}
				// The other dossier is still readable.
				if tc.name != "roster replayed" {
					if v, _ := r.get(s.o, firm.KindMonthLine, "2"); v != "w" {
						t.Fatalf("the untouched dossier was not synced: %q", v)
					}
				}
				r.checkOnce(t)
			})
		})
	}
}

func TestBundleRoundTrip(t *testing.T) {
	a, b, m := mustIdentity(t, "Amine"), mustIdentity(t, "Fatima"), mustIdentity(t, "Mallory")
	d := firm.Dossier{ID: "0123456789abcdef0123456789abcdef", Seq: 5, Records: []firm.Record{
		rec(firm.KindEmployer, "emp", "Atlas SARL 8812345"), firm.SubmissionRecord("idem-1", []byte("x")),
	}}
	data, err := firm.ExportBundle(a, b.Public(), d)
	must(t, err)
	if bytes.Contains(data, []byte("Atlas")) || bytes.Contains(data, []byte("idem-1")) {
		t.Fatal("bundle in the clear")
	}
	got, err := firm.ImportBundle(data, b, a.Public(), 0)
	must(t, err)
	if got.ID != d.ID || got.Seq != 5 || len(got.Records) != 2 || string(got.Records[0].Value) != "Atlas SARL 8812345" || got.Records[1].Key != "idem-1" {
		t.Fatalf("round trip = %+v", got)
	}
	// Another seat cannot open it; a forged sender is refused; an altered
	// file is refused; an older bundle than one imported is refused.
	_, err = firm.ImportBundle(data, m, a.Public(), 0)
	wantCode(t, err, firm.CodeBadBundle)
	_, err = firm.ImportBundle(data, b, m.Public(), 0)
	wantCode(t, err, firm.CodeBadBundle)
	forged, err := firm.ExportBundle(m, b.Public(), d)
	must(t, err)
	_, err = firm.ImportBundle(forged, b, a.Public(), 0)
	wantCode(t, err, firm.CodeBadBundle)
	bad := bytes.Clone(data)
	bad[len(bad)-20] ^= 1
	_, err = firm.ImportBundle(bad, b, a.Public(), 0)
	wantCode(t, err, firm.CodeBadBundle)
	_, err = firm.ImportBundle(data, b, a.Public(), 6)
	wantCode(t, err, firm.CodeRollback)
}

func TestInvitationAndIdentityText(t *testing.T) {
	id := mustIdentity(t, "Fatima")
	back, err := firm.ParseIdentity(id.Marshal())
	must(t, err)
	if back.ID() != id.ID() {
		t.Fatal("identity round trip changed the seat")
	}
	other := mustIdentity(t, "Mallory")
	p := id.Public()
	p.SignKey = other.Public().SignKey // claims Fatima's id with Mallory's key
	if _, err := firm.ParseInvitation(p.Invitation()); i18n.Code(err) != firm.CodeBadSeat {
		t.Fatalf("forged invitation accepted: %v", err)
	}
	for _, s := range []string{"", "tasrih-seat1:", "tasrih-seat1:!!", "hello"} {
		if _, err := firm.ParseInvitation(s); i18n.Code(err) != firm.CodeBadSeat {
			t.Fatalf("%q: %v", s, err)
		}
	}
}

// Object names are the layout's and nothing else: hex ids and counters.
func TestObjectNamesRevealNothing(t *testing.T) {
	forEach(t, func(t *testing.T, st objstore.Store) {
		ctx := ctxT(t)
		cs := seats(t, st, "Amine", "Fatima")
		a, b := cs[0], cs[1]
		d := mustDossier(t, a, b.Seat())
		mustSeq(t)(a.Push(ctx, d, []firm.Record{rec(firm.KindEmployer, "1234567", "Atlas SARL, 2026-02")}))
		mustSeq(t)(a.RecordSubmission(ctx, d, "idem-42", nil))
		must(t, a.Grant(ctx, d, b.Seat()))
		keys, err := st.List(ctx, a.Ref().Firm, "")
		must(t, err)
		layout := regexp.MustCompile(`^[0-9a-f]{24}/(roster|d/[0-9a-f]{32}/(k/[0-9a-f]{8}|c/[0-9a-f]{16}|lease))$`)
		for _, k := range keys {
			if !layout.MatchString(k) {
				t.Errorf("object name %q is not of the layout", k)
			}
		}
		if len(keys) < 6 {
			t.Fatalf("only %d objects: %v", len(keys), keys)
		}
	})
}
