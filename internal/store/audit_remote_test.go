package store

import (
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

// Remote entries are kept apart from the chain: the chain neither grows
// nor breaks, an entry written twice is one, and an incomplete entry or one
// of an unknown employer is refused.
func TestRemoteAuditApartFromChain(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Atlas"}))
	n0, broken, err := s.VerifyAudit()
	if err != nil || broken != -1 {
		t.Fatal(broken, err)
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	good := RemoteAuditEntry{EmployerID: er.ID, Writer: "seat-a", WriterName: "A", Seq: 7, Time: at, Action: "employee.update", Entity: "employee", EntityID: "x", Hash: "h7"}
	older := good
	older.Seq, older.Time, older.Hash = 3, at.Add(-time.Hour), "h3"
	for _, e := range []RemoteAuditEntry{good, good, older} {
		if err := s.Update(func(tx *Tx) error { return tx.PutRemoteAudit(e) }); err != nil {
			t.Fatal(err)
		}
	}
	for name, e := range map[string]RemoteAuditEntry{
		"no seq":       {EmployerID: er.ID, Writer: "a", Hash: "h"},
		"no hash":      {EmployerID: er.ID, Writer: "a", Seq: 1},
		"no writer":    {EmployerID: er.ID, Seq: 1, Hash: "h"},
		"slash writer": {EmployerID: er.ID, Writer: "a/b", Seq: 1, Hash: "h"},
		"bad employer": {EmployerID: "x", Writer: "a", Seq: 1, Hash: "h"},
		"no employer":  {EmployerID: "01a23b9e-5f4a-7e21-8423-19d7b82ed17e", Writer: "a", Seq: 1, Hash: "h"},
	} {
		if err := s.Update(func(tx *Tx) error { return tx.PutRemoteAudit(e) }); err == nil {
			t.Errorf("%s: kept", name)
		}
	}
	got, err := s.RemoteAudit(er.ID)
	if err != nil || len(got) != 2 || got[0].Hash != "h3" || got[1] != good {
		t.Fatalf("remote entries: %+v %v", got, err)
	}
	if n, broken, err := s.VerifyAudit(); err != nil || broken != -1 || n != n0 {
		t.Fatalf("chain after remote entries: %d entries (was %d), broken at %d, %v", n, n0, broken, err)
	}
	if other, err := s.RemoteAudit("01a23b9e-5f4a-7e21-8423-19d7b82ed17e"); err != nil || len(other) != 0 {
		t.Fatalf("another employer's: %+v %v", other, err)
	}
}
