package store

import (
	"bytes"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

// A dossier read on one store and replicated on another arrives with its
// ids, states and idempotency keys, and the second store's indexes work.
func TestReplicateRoundTrip(t *testing.T) {
	a, b := openTest(t), openTest(t)
	er := must[domain.Employer](t)(a.Employers().Create(sampleEmployer(1)))
	ee := must[domain.Employee](t)(a.Employees().Create(sampleEmployee(er.ID, 1)))
	if err := a.Periods().SetLine(er.ID, p202601, domain.MonthLine{EmployeeID: ee.ID, Days: 26, Gross: 500000}); err != nil {
		t.Fatal(err)
	}
	d := must[Declaration](t)(a.Declarations().Create(sampleDecl(er.ID, nil)))
	sub := must[Submission](t)(a.Submissions().Enqueue(d.ID))

	if err := b.Employers().Replicate(er); err != nil {
		t.Fatal(err)
	}
	if err := b.Employees().Replicate(ee); err != nil {
		t.Fatal(err)
	}
	periods := must[[]domain.Period](t)(a.Periods().LinePeriods(er.ID))
	if len(periods) != 1 || periods[0] != p202601 {
		t.Fatalf("LinePeriods = %v", periods)
	}
	lines := must[[]domain.MonthLine](t)(a.Periods().Lines(er.ID, p202601))
	if err := b.Periods().ReplaceLines(er.ID, p202601, lines); err != nil {
		t.Fatal(err)
	}
	decls := must[[]Declaration](t)(a.Declarations().ListEmployer(er.ID))
	if len(decls) != 1 {
		t.Fatalf("ListEmployer = %d declarations", len(decls))
	}
	full := must[Declaration](t)(a.Declarations().Get(decls[0].ID))
	if err := b.Declarations().Replicate(full); err != nil {
		t.Fatal(err)
	}
	subs := must[[]Submission](t)(a.Submissions().ListEmployer(er.ID))
	if len(subs) != 1 || subs[0].IdempotencyKey != sub.IdempotencyKey {
		t.Fatalf("ListEmployer submissions = %+v", subs)
	}
	if err := b.Submissions().Replicate(subs[0]); err != nil {
		t.Fatal(err)
	}

	got := must[domain.Employer](t)(b.Employers().FindByAffiliation(er.Affiliation))
	if got.ID != er.ID {
		t.Fatalf("affiliation index on b: %s, want %s", got.ID, er.ID)
	}
	if n := must[int](t)(b.Employees().Count(er.ID)); n != 1 {
		t.Fatalf("count on b = %d", n)
	}
	if e := must[domain.Employee](t)(b.Employees().FindByCIN(er.ID, ee.CIN)); e.ID != ee.ID {
		t.Fatalf("CIN index on b: %s", e.ID)
	}
	bd := must[Declaration](t)(b.Declarations().Get(d.ID))
	if !bytes.Equal(bd.Bytes, full.Bytes) || bd.Status != full.Status || bd.Status != StatusQueued {
		t.Fatalf("declaration on b: status %s, %d bytes", bd.Status, len(bd.Bytes))
	}
	bs := must[Submission](t)(b.Submissions().Get(sub.ID))
	if bs.IdempotencyKey != sub.IdempotencyKey || bs.State != sub.State {
		t.Fatalf("submission on b: %+v", bs)
	}
	// The declaration is queued on b too: it cannot be enqueued again there.
	if _, err := b.Submissions().Enqueue(d.ID); err == nil {
		t.Fatal("b enqueued a declaration already submitted on a")
	}
	// Applying the same records twice changes nothing (a change applied again).
	if err := b.Employees().Replicate(ee); err != nil {
		t.Fatal(err)
	}
	if n := must[int](t)(b.Employees().Count(er.ID)); n != 1 {
		t.Fatalf("count after a second apply = %d", n)
	}
	if err := b.Submissions().Replicate(subs[0]); err != nil {
		t.Fatal(err)
	}
}

// Replicated records that clash with local ones are refused, not merged.
func TestReplicateRefusesClashes(t *testing.T) {
	a, b := openTest(t), openTest(t)
	er := must[domain.Employer](t)(a.Employers().Create(sampleEmployer(1)))
	// b has its own employer with the same affiliation number.
	if _, err := b.Employers().Create(sampleEmployer(1)); err != nil {
		t.Fatal(err)
	}
	wantCode(t, b.Employers().Replicate(er), CodeAffiliationUsed)

	c := openTest(t)
	if err := c.Employers().Replicate(er); err != nil {
		t.Fatal(err)
	}
	d := must[Declaration](t)(a.Declarations().Create(sampleDecl(er.ID, nil)))
	sub := must[Submission](t)(a.Submissions().Enqueue(d.ID))
	full := must[Declaration](t)(a.Declarations().Get(d.ID))
	if err := c.Declarations().Replicate(full); err != nil {
		t.Fatal(err)
	}
	// Another submission id claiming the same idempotency key.
	other := sub
	other.ID = newID()
	if err := c.Submissions().Replicate(sub); err != nil {
		t.Fatal(err)
	}
	wantCode(t, c.Submissions().Replicate(other), CodeIdemUsed)
	// An employee of an employer the store does not have.
	ee := sampleEmployee(newID(), 1)
	ee.ID = newID()
	if err := c.Employees().Replicate(ee); !IsNotFound(err) {
		t.Fatalf("employee of an unknown employer: %v", err)
	}
}

func TestFirmStateKept(t *testing.T) {
	s := openTest(t)
	if b := must[[]byte](t)(s.FirmState()); b != nil {
		t.Fatalf("fresh store: %q", b)
	}
	if err := s.Update(func(tx *Tx) error { return tx.SetFirmState([]byte(`{"x":1}`)) }); err != nil {
		t.Fatal(err)
	}
	if b := must[[]byte](t)(s.FirmState()); string(b) != `{"x":1}` {
		t.Fatalf("FirmState = %q", b)
	}
	if err := s.Update(func(tx *Tx) error { return tx.SetFirmState(nil) }); err != nil {
		t.Fatal(err)
	}
	if b := must[[]byte](t)(s.FirmState()); b != nil {
		t.Fatalf("after removal: %q", b)
	}
}

// Préétablis, receipts and manual-deposit evidence arrive with their bytes,
// digests and ids; a préétabli whose bytes do not match its digest is
// refused.
func TestReplicateDocuments(t *testing.T) {
	p202602 := domain.Period{Year: 2026, Month: time.February}
	a, b := openTest(t), openTest(t)
	er := must[domain.Employer](t)(a.Employers().Create(sampleEmployer(1)))
	raw := bytes.Repeat([]byte("A02 raw line\n"), 50)
	must[Preetabli](t)(a.Periods().ImportPreetabli(Preetabli{EmployerID: er.ID, Period: p202601, FileName: "AFFEBDS.txt", Raw: raw, TransferID: "12345672601001", Employees: 2}))
	d := must[Declaration](t)(a.Declarations().Create(sampleDecl(er.ID, nil)))
	sub := must[Submission](t)(a.Submissions().Enqueue(d.ID))
	rc := must[Receipt](t)(a.Receipts().Create(Receipt{DeclarationID: d.ID, SubmissionID: sub.ID, PDF: []byte("%PDF-1.7 reçu")}))
	d2 := must[Declaration](t)(a.Declarations().Create(Declaration{EmployerID: er.ID, Period: p202602, Kind: KindPrincipal, FileName: "DS2.txt", Bytes: []byte("B00\n")}))
	md := must[ManualDeposit](t)(a.ManualDeposits().Record(ManualDeposit{DeclarationID: d2.ID, DepositReference: "DAM-1",
		DepositDate: domain.Date{Year: 2026, Month: time.March, Day: 5}, ControlReportPDF: []byte("%PDF controle")}))

	noErr(t, b.Employers().Replicate(er))
	periods := must[[]domain.Period](t)(a.Periods().PreetabliPeriods(er.ID))
	if len(periods) != 1 || periods[0] != p202601 {
		t.Fatalf("PreetabliPeriods = %v", periods)
	}
	pre := must[Preetabli](t)(a.Periods().Preetabli(er.ID, p202601))
	bad := pre
	bad.Raw = append([]byte("X"), pre.Raw...)
	if err := b.Periods().ReplicatePreetabli(bad); err == nil {
		t.Fatal("a préétabli whose bytes do not match its digest was accepted")
	}
	noErr(t, b.Periods().ReplicatePreetabli(pre))
	for _, id := range []string{d.ID, d2.ID} {
		noErr(t, b.Declarations().Replicate(must[Declaration](t)(a.Declarations().Get(id))))
	}
	noErr(t, b.Submissions().Replicate(must[Submission](t)(a.Submissions().Get(sub.ID))))
	noErr(t, b.Receipts().Replicate(must[Receipt](t)(a.Receipts().Get(rc.ID))))
	noErr(t, b.ManualDeposits().Replicate(must[ManualDeposit](t)(a.ManualDeposits().Get(d2.ID))))

	if got := must[Preetabli](t)(b.Periods().Preetabli(er.ID, p202601)); !bytes.Equal(got.Raw, raw) || got.SHA256 != pre.SHA256 || !got.ImportedAt.Equal(pre.ImportedAt) {
		t.Fatalf("préétabli on b: %+v", got)
	}
	if got := must[Receipt](t)(b.Receipts().Get(rc.ID)); string(got.PDF) != "%PDF-1.7 reçu" || got.SubmissionID != sub.ID {
		t.Fatalf("receipt on b: %+v", got)
	}
	if l := must[[]Receipt](t)(b.Receipts().ListByDeclaration(d.ID)); len(l) != 1 {
		t.Fatalf("receipts of the declaration on b: %d", len(l))
	}
	if got := must[ManualDeposit](t)(b.ManualDeposits().Get(d2.ID)); got.DepositReference != "DAM-1" || string(got.ControlReportPDF) != "%PDF controle" || !got.RecordedAt.Equal(md.RecordedAt) {
		t.Fatalf("manual deposit on b: %+v", got)
	}
	if got := must[Declaration](t)(b.Declarations().Get(d2.ID)); got.Status != StatusManual {
		t.Fatalf("declaration status on b: %s", got.Status)
	}
	// A receipt for a declaration b does not have is refused.
	orphan := rc
	orphan.ID, orphan.DeclarationID, orphan.SubmissionID = newID(), newID(), ""
	if err := b.Receipts().Replicate(orphan); !IsNotFound(err) {
		t.Fatalf("orphan receipt: %v", err)
	}
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
