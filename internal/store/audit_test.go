package store

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// populate makes one change of every audited kind.
func populate(t *testing.T, s *Store) {
	t.Helper()
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	er.City = "Rabat"
	must[domain.Employer](t)(s.Employers().Update(er))
	e := must[domain.Employee](t)(s.Employees().Create(sampleEmployee(er.ID, 1)))
	e.JobTitle = "Caissier"
	must[domain.Employee](t)(s.Employees().Update(e))
	must[Preetabli](t)(s.Periods().ImportPreetabli(Preetabli{EmployerID: er.ID, Period: p202601, Raw: []byte("A00")}))
	if err := s.Periods().ReplaceLines(er.ID, p202601, []domain.MonthLine{{EmployeeID: e.ID, Days: 26, Gross: domain.MAD(4000)}}); err != nil {
		t.Fatal(err)
	}
	d := must[Declaration](t)(s.Declarations().Create(sampleDecl(er.ID, nil)))
	sub := must[Submission](t)(s.Submissions().Enqueue(d.ID))
	sub.State = SubSending
	must[Submission](t)(s.Submissions().Update(sub))
	must[Receipt](t)(s.Receipts().Create(Receipt{DeclarationID: d.ID, PDF: []byte("%PDF")}))
	tmp := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(2)))
	if err := s.Employers().Delete(tmp.ID); err != nil {
		t.Fatal(err)
	}
}

func TestAuditRecordsEveryChange(t *testing.T) {
	s := openTest(t)
	populate(t, s)
	entries := must[[]AuditEntry](t)(s.AuditEntries(1, 1000))
	var actions []string
	for i, e := range entries {
		if e.Seq != uint64(i+1) || e.Who != "tester" || e.Time.IsZero() || len(e.Hash) != 64 {
			t.Fatalf("entry %d: %+v", i, e)
		}
		actions = append(actions, e.Action)
	}
	want := "store.create employer.create employer.update employee.create employee.update preetabli.import " +
		"month_lines.replace declaration.create declaration.queue submission.create submission.update " +
		"receipt.create employer.create employer.delete"
	if got := strings.Join(actions, " "); got != want {
		t.Fatalf("actions:\n got %s\nwant %s", got, want)
	}
	// before/after hold the records (as JSON); declarations without their bytes.
	var upd domain.Employee
	if err := json.Unmarshal(entries[4].After, &upd); err != nil || upd.JobTitle != "Caissier" {
		t.Fatalf("employee.update after: %s", entries[4].After)
	}
	if strings.Contains(string(entries[7].After), `"bytes"`) {
		t.Fatalf("declaration bytes copied into the audit log")
	}
	if n, broken, err := s.VerifyAudit(); err != nil || broken != -1 || n != len(entries) {
		t.Fatalf("VerifyAudit = %d, %d, %v", n, broken, err)
	}
	// Paging.
	page := must[[]AuditEntry](t)(s.AuditEntries(5, 3))
	if len(page) != 3 || page[0].Seq != 5 || page[2].Seq != 7 {
		t.Fatalf("page: %d entries from %d", len(page), page[0].Seq)
	}
}

// rawSet and rawDelete write below the store's API, as an attacker or a disk
// fault would.
func rawSet(t *testing.T, s *Store, key, val []byte) {
	t.Helper()
	if err := s.Update(func(tx *Tx) error { return tx.putRaw(key, val) }); err != nil {
		t.Fatal(err)
	}
}

func rawDelete(t *testing.T, s *Store, key []byte) {
	t.Helper()
	if err := s.Update(func(tx *Tx) error { return tx.del(key) }); err != nil {
		t.Fatal(err)
	}
}

func rawEntry(t *testing.T, s *Store, seq uint64) AuditEntry {
	t.Helper()
	var e AuditEntry
	if err := s.View(func(tx *Tx) error { return tx.get(keyAudit(seq), "audit", &e) }); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestAuditTamperDetected(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(t *testing.T, s *Store)
		broken int
	}{
		{"after changed", func(t *testing.T, s *Store) {
			e := rawEntry(t, s, 5)
			if e.Personal == "" {
				t.Fatal("entry 5 (employee update) has no personal digest")
			}
			e.Personal = strings.Repeat("0", 64) // the digest of other personal values
			b, _ := json.Marshal(e)
			rawSet(t, s, keyAudit(5), b)
		}, 5},
		{"who changed and rehashed", func(t *testing.T, s *Store) {
			e := rawEntry(t, s, 3)
			e.Who = "someone-else"
			e.Hash, _ = e.computeHash(s.auditKey)
			b, _ := json.Marshal(e)
			rawSet(t, s, keyAudit(3), b)
		}, 4},
		{"entry removed", func(t *testing.T, s *Store) { rawDelete(t, s, keyAudit(7)) }, 7},
		{"tail removed", func(t *testing.T, s *Store) { rawDelete(t, s, keyAudit(14)) }, 14},
		{"garbage entry", func(t *testing.T, s *Store) { rawSet(t, s, keyAudit(2), []byte("{not json")) }, 2},
		{"first entry's prev", func(t *testing.T, s *Store) {
			e := rawEntry(t, s, 1)
			e.Prev = strings.Repeat("0", 64)
			e.Hash, _ = e.computeHash(s.auditKey)
			b, _ := json.Marshal(e)
			rawSet(t, s, keyAudit(1), b)
		}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			populate(t, s)
			n, broken, err := s.VerifyAudit()
			if err != nil || broken != -1 || n != 14 {
				t.Fatalf("before tampering: %d %d %v", n, broken, err)
			}
			tc.tamper(t, s)
			_, broken, err = s.VerifyAudit()
			if err != nil {
				t.Fatal(err)
			}
			if broken != tc.broken {
				t.Fatalf("first broken link %d, want %d", broken, tc.broken)
			}
			wantCode(t, AuditBrokenError(broken), CodeAuditBroken)
		})
	}
}

func TestAuditCustomEntry(t *testing.T) {
	s := openTest(t)
	var seq uint64
	err := s.Update(func(tx *Tx) error {
		var err error
		seq, err = tx.Audit("submission.retry", "submission", "x", nil, map[string]any{"reason": "maintenance", "attempt": 2})
		return err
	})
	if err != nil || seq != 2 {
		t.Fatalf("Audit: %d %v", seq, err)
	}
	if _, broken, _ := s.VerifyAudit(); broken != -1 {
		t.Fatalf("broken %d", broken)
	}
}
