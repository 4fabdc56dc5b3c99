package desktop

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/store"
)

// chain returns s's own audit chain, checked intact.
func (s *seat) chain(t *testing.T) []store.AuditEntry {
	t.Helper()
	var out []store.AuditEntry
	s.session(t, func(ss *Session) {
		n, broken, err := ss.Store.VerifyAudit()
		if err != nil || broken != -1 {
			t.Fatalf("%s's audit chain: %d entries, broken at %d, %v", s.name, n, broken, err)
		}
		if out, err = ss.Store.AuditEntries(1, 1<<20); err != nil || len(out) != n {
			t.Fatalf("%s's audit entries: %d of %d, %v", s.name, len(out), n, err)
		}
	})
	return out
}

func (s *seat) journal(t *testing.T, er string) []FirmJournalRow {
	t.Helper()
	j, err := s.f.Journal(er)
	if err != nil {
		t.Fatalf("%s's journal: %v", s.name, err)
	}
	return j
}

// A dossier's audit entries travel: Karim's entries reach Fatima as remote
// entries with Karim as their writer, Fatima's own chain still verifies and
// holds none of them, what Fatima received never goes back, and an erased
// employee's values go nowhere.
func TestFirmAuditTravels(t *testing.T) {
	seats := firmOf(t, "Karim", "Fatima")
	karim, fatima := seats[0], seats[1]
	ctx := context.Background()
	er, ids := employerWith(t, karim, 2)
	karim.rename(t, er, ids[1], "SECRETNOM")
	// An employer that is not a dossier has no journal.
	if _, err := fatima.f.Journal(er); err == nil {
		t.Fatal("a journal of no dossier")
	}
	// What would leave Karim's seat: his entries about the dossier, no
	// employee value (his store still has them, in its erasable records).
	err := karim.f.use(func(ss *Session) error {
		recs, err := dossierRecords(ss.Store, er)
		if err != nil {
			return err
		}
		ar, err := karim.f.auditChanges(ss.Store, er, "d", recs, 1)
		if len(ar) != 4 {
			t.Errorf("karim would send %d entries, want 4", len(ar))
		}
		for _, r := range ar {
			if strings.Contains(string(r.Value), "NOM") || strings.Contains(string(r.Value), decltest.Immat(1)) {
				t.Errorf("an audit record carries an employee's values: %s", r.Value)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := karim.f.Share(ctx, er, []string{fatima.status(t).SeatID}); err != nil {
		t.Fatal(err)
	}
	before := len(fatima.chain(t))
	fatima.sync(t)

	// Karim's entries about the dossier, each once, with Karim as writer
	// and his chain's hash.
	kID, fID := karim.status(t).SeatID, fatima.status(t).SeatID
	own := map[uint64]store.AuditEntry{}
	for _, e := range karim.chain(t) {
		own[e.Seq] = e
	}
	j := fatima.journal(t, er)
	actions := map[string]int{}
	for _, e := range j {
		k, ok := own[e.Seq]
		if e.Writer != kID || e.WriterName != "Karim" || e.EmployerID != er || !ok || k.Hash != e.Hash || k.Action != e.Action || k.EntityID != e.EntityID || k.Personal != e.Personal || !k.Time.Equal(e.Time) {
			t.Fatalf("fatima's remote entry %+v, karim's %+v", e, k)
		}
		actions[e.Action]++
		// The journal speaks the user's language: each row carries the
		// labels of its action and object (the table of the seat's own journal).
		if e.ActionLabel.FR == "" || e.ActionLabel.AR == "" || e.ActionLabel.EN == "" || e.EntityLabel.EN == "" {
			t.Errorf("remote entry %s on %s without its labels: %+v / %+v", e.Action, e.Entity, e.ActionLabel, e.EntityLabel)
		}
	}
	if actions["employer.create"] != 1 || actions["employee.create"] != 2 || actions["employee.update"] != 1 || len(j) != 4 {
		t.Fatalf("fatima's journal of the dossier: %v", actions)
	}
	for _, e := range j {
		if e.Entity == "employee" && e.Personal == "" {
			t.Fatalf("an employee entry without its keyed digest: %+v", e)
		}
	}

	// Fatima's own chain verifies (chain does) and has only her
	// firm.apply entries more: no entry of Karim's entered it.
	mine := fatima.chain(t)
	applied := 0
	for _, e := range mine[before:] {
		if e.Action != store.ActionFirmApply {
			t.Fatalf("fatima's chain got %s (entry %d)", e.Action, e.Seq)
		}
		applied++
	}
	if applied == 0 || len(fatima.journal(t, er)) != 4 {
		t.Fatalf("fatima's chain: %d firm.apply entries", applied)
	}
	// Received twice (a change applied again) is kept once.
	fatima.sync(t)
	if len(fatima.journal(t, er)) != 4 {
		t.Fatal("a second sync doubled the journal")
	}

	// Fatima takes the dossier and edits: only her own entry goes to
	// Karim; nothing she received goes back, nor her firm.apply entries.
	if _, err := karim.f.HandOver(ctx, er, fID); err != nil {
		t.Fatal(err)
	}
	fatima.sync(t)
	fatima.rename(t, er, ids[0], "BENANI")
	if res := fatima.sync(t); res.Published != 1 {
		t.Fatalf("fatima published %d records", res.Published)
	}
	karim.sync(t)
	kj := karim.journal(t, er)
	if len(kj) != 1 || kj[0].Writer != fID || kj[0].WriterName != "Fatima" || kj[0].Action != "employee.update" || kj[0].EntityID != ids[0] {
		t.Fatalf("karim's journal: %+v", kj)
	}
	if len(fatima.journal(t, er)) != 4 {
		t.Fatal("fatima's own entry came back to her as a remote one")
	}
	karim.chain(t)

	// Fatima erases the employee: the erasure's entry travels, and no
	// value of the employee is in anyone's journal.
	fatima.session(t, func(ss *Session) {
		if err := ss.Store.Employees().Erase(er, ids[1]); err != nil {
			t.Fatal(err)
		}
	})
	fatima.sync(t)
	karim.sync(t)
	kj = karim.journal(t, er)
	if kj[len(kj)-1].Action != "employee.erase" || kj[len(kj)-1].EntityID != ids[1] {
		t.Fatalf("karim's journal after the erasure: %+v", kj)
	}
	for _, s := range seats {
		b, _ := json.Marshal(s.journal(t, er))
		if strings.Contains(string(b), "SECRETNOM") || strings.Contains(string(b), "NOM\"") {
			t.Fatalf("%s's journal holds the erased employee's values: %s", s.name, b)
		}
		s.chain(t)
	}
}

// An audit record claiming another seat than the change's writer, or that
// does not decode, is refused with the whole change; one of this seat's own
// is not kept as a remote entry.
func TestFirmAuditRecordsRefused(t *testing.T) {
	s := newSeat(t, "Karim")
	er, _ := employerWith(t, s, 0)
	val := func(seq uint64) []byte {
		b, _ := json.Marshal(auditRecord{EmployerID: er, Seq: seq, Action: "employer.update", Entity: "employer", EntityID: er, Hash: "h"})
		return b
	}
	apply := func(r firm.Record, self, writer firm.SeatID) error {
		var err error
		s.session(t, func(ss *Session) {
			err = ss.Store.Update(func(tx *store.Tx) error { _, err := applyRecords(tx, []firm.Record{r}, self, writer); return err })
		})
		return err
	}
	for name, r := range map[string]firm.Record{
		"forged writer": {Kind: firm.KindAudit, Key: "mallory/1", Value: val(1)},
		"seq mismatch":  {Kind: firm.KindAudit, Key: "alice/2", Value: val(1)},
		"no seq":        {Kind: firm.KindAudit, Key: "alice", Value: val(1)},
		"garbage":       {Kind: firm.KindAudit, Key: "alice/1", Value: []byte("{")},
	} {
		if err := apply(r, "me", "alice"); err == nil {
			t.Errorf("%s: applied", name)
		}
	}
	if err := apply(firm.Record{Kind: firm.KindAudit, Key: "me/1", Value: val(1)}, "me", ""); err != nil {
		t.Fatal(err)
	}
	if err := apply(firm.Record{Kind: firm.KindAudit, Key: "alice/1", Value: val(1)}, "me", "alice"); err != nil {
		t.Fatal(err)
	}
	s.session(t, func(ss *Session) {
		got, err := ss.Store.RemoteAudit(er)
		if err != nil || len(got) != 1 || got[0].Writer != "alice" {
			t.Fatalf("remote entries: %+v %v", got, err)
		}
	})
}
