package store

import (
	"bytes"
	"errors"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// storeHolds reports whether any current value or key of the store contains b.
func storeHolds(t *testing.T, s *Store, b []byte) bool {
	t.Helper()
	found := false
	if err := s.View(func(tx *Tx) error {
		return tx.scan(nil, false, func(k, v []byte) error {
			if bytes.Contains(k, b) || bytes.Contains(v, b) {
				found = true
				return errStop
			}
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	return found
}

// TestEmployeeErase: erasing an employee removes every personal value from
// the store (record, history, index, audit payloads) while the audit chain
// still verifies, the entries stay (marked erased) and the erasure is audited.
func TestEmployeeErase(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	keep := must[domain.Employee](t)(s.Employees().Create(sampleEmployee(er.ID, 2)))
	e := must[domain.Employee](t)(s.Employees().Create(sampleEmployee(er.ID, 1)))
	e.JobTitle = "Caissier"
	e = must[domain.Employee](t)(s.Employees().Update(e))

	personal := [][]byte{[]byte(e.CIN), []byte(e.LastName), []byte(e.RIB), []byte("Caissier")}
	for _, p := range personal {
		if !storeHolds(t, s, p) {
			t.Fatalf("%s not stored before the erasure: the test proves nothing", p)
		}
	}
	// Before the erasure the entries read back whole; the chain only holds digests.
	es := must[[]AuditEntry](t)(s.AuditEntries(1, 100))
	var ids []uint64
	for _, a := range es {
		if a.Entity == kindEmployee && a.EntityID == e.ID {
			ids = append(ids, a.Seq)
			if a.Personal == "" || a.Erased || !bytes.Contains(a.After, []byte(e.CIN)) {
				t.Fatalf("entry %d before erasure: %+v", a.Seq, a)
			}
			if raw := rawEntry(t, s, a.Seq); raw.After != nil || raw.Before != nil {
				t.Fatalf("entry %d stores personal fields in the chain", a.Seq)
			}
		}
	}
	if len(ids) != 2 {
		t.Fatalf("%d audit entries for the employee", len(ids))
	}

	if err := s.Employees().Erase(er.ID, e.ID); err != nil {
		t.Fatal(err)
	}
	for _, p := range personal {
		if storeHolds(t, s, p) {
			t.Errorf("%s still in the store after the erasure", p)
		}
	}
	if _, err := s.Employees().Get(er.ID, e.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("erased employee still found: %v", err)
	}
	if _, broken, err := s.VerifyAudit(); err != nil || broken >= 0 {
		t.Fatalf("chain after erasure: broken %d, %v", broken, err)
	}
	for _, seq := range ids {
		a := must[[]AuditEntry](t)(s.AuditEntries(seq, 1))[0]
		if !a.Erased || a.After != nil || a.Before != nil || a.Personal == "" {
			t.Fatalf("entry %d after erasure: %+v", seq, a)
		}
	}
	head := must[AuditHead](t)(s.AuditHead())
	last := rawEntry(t, s, head.Seq)
	if last.Action != "employee.erase" || last.EntityID != e.ID || bytes.Contains(last.After, []byte(e.CIN)) {
		t.Fatalf("erasure entry %+v", last)
	}
	// The other employee is untouched; the CIN can be used again; a second
	// erase says not found.
	if got := must[domain.Employee](t)(s.Employees().Get(er.ID, keep.ID)); got.CIN != keep.CIN {
		t.Fatal("other employee changed")
	}
	again := sampleEmployee(er.ID, 1)
	must[domain.Employee](t)(s.Employees().Create(again))
	if err := s.Employees().Erase(er.ID, e.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second erase: %v", err)
	}
}
