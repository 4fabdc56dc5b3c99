package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/lifecycle"
)

func sampleDecl(employerID string, findings []Finding) Declaration {
	return Declaration{
		EmployerID: employerID,
		Period:     p202601,
		Kind:       KindPrincipal,
		FileName:   "DS_1000001_202601.txt",
		Bytes:      bytes.Repeat([]byte("B00\n"), 10),
		Findings:   findings,
	}
}

func TestPreetabliAndLines(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	a := must[domain.Employee](t)(s.Employees().Create(sampleEmployee(er.ID, 1)))
	b := must[domain.Employee](t)(s.Employees().Create(sampleEmployee(er.ID, 2)))
	p := s.Periods()

	if _, err := p.Preetabli(er.ID, p202601); !IsNotFound(err) {
		t.Fatalf("Preetabli before import: %v", err)
	}
	raw := bytes.Repeat([]byte("A02 raw line\n"), 5000) // > ValueThreshold: value log
	pre := must[Preetabli](t)(p.ImportPreetabli(Preetabli{EmployerID: er.ID, Period: p202601, FileName: "AFFEBDS_1000001_202601.txt", Raw: raw, TransferID: "12345672601001", Employees: 2}))
	sum := sha256.Sum256(raw)
	if pre.SHA256 != hex.EncodeToString(sum[:]) || pre.ImportedAt.IsZero() {
		t.Fatalf("import summary: %+v", pre)
	}
	got := must[Preetabli](t)(p.Preetabli(er.ID, p202601))
	if !bytes.Equal(got.Raw, raw) || got.TransferID != "12345672601001" || got.Employees != 2 {
		t.Fatalf("Preetabli round trip failed")
	}
	_, err := p.ImportPreetabli(Preetabli{EmployerID: er.ID, Period: p202601, Raw: raw, TransferID: "12"})
	wantCode(t, err, CodeValidation)

	lines := []domain.MonthLine{
		{EmployeeID: a.ID, Days: 26, Gross: domain.MAD(8000)},
		{EmployeeID: b.ID, Situation: domain.SitLeft},
	}
	if err := p.ReplaceLines(er.ID, p202601, lines); err != nil {
		t.Fatal(err)
	}
	l := must[[]domain.MonthLine](t)(p.Lines(er.ID, p202601))
	if len(l) != 2 || l[0].Immatriculation != a.Immatriculation || l[1].Situation != domain.SitLeft {
		t.Fatalf("Lines = %+v", l)
	}
	if err := p.SetLine(er.ID, p202601, domain.MonthLine{EmployeeID: b.ID, Days: 10, Gross: domain.MAD(3000)}); err != nil {
		t.Fatal(err)
	}
	l = must[[]domain.MonthLine](t)(p.Lines(er.ID, p202601))
	if len(l) != 2 || l[1].Days != 10 || l[1].Situation != domain.SitNormal {
		t.Fatalf("SetLine did not replace: %+v", l)
	}

	// Invalid lines: everything is reported, nothing is written.
	bad := []domain.MonthLine{
		{EmployeeID: a.ID, Days: 27, Gross: -5, Situation: "MA"},
		{EmployeeID: "01a20b12-cfbd-7939-b26d-220ccbd4998b", Days: 1},
	}
	err = p.ReplaceLines(er.ID, p202601, bad)
	wantCode(t, err, CodeValidation)
	want := []string{"lines[0].days", "lines[0].gross", "lines[0].situation"}
	fe := FieldErrors(err)
	if len(fe) != len(want) {
		t.Fatalf("field errors %+v", fe)
	}
	for i := range want {
		if fe[i].Field != want[i] {
			t.Fatalf("field %d = %s, want %s", i, fe[i].Field, want[i])
		}
	}
	if fe[0].Msg.FR != "Ligne n° 1 — Jours déclarés : entre 0 et 26 jours" {
		t.Fatalf("message: %q", fe[0].Msg.FR)
	}
	err = p.ReplaceLines(er.ID, p202601, bad[1:])
	wantCode(t, err, CodeValidation)
	if fe := FieldErrors(err); len(fe) != 1 || fe[0].Code != "validation.unknown_employee" {
		t.Fatalf("unknown employee: %+v", fe)
	}
	err = p.ReplaceLines(er.ID, p202601, []domain.MonthLine{lines[0], lines[0]})
	if fe := FieldErrors(err); len(fe) != 1 || fe[0].Code != "validation.duplicate_employee" || fe[0].Field != "lines[1].employee_id" {
		t.Fatalf("duplicate employee: %+v", fe)
	}
	if l2 := must[[]domain.MonthLine](t)(p.Lines(er.ID, p202601)); len(l2) != 2 || l2[1].Days != 10 {
		t.Fatalf("refused lines changed the period")
	}
	// Replacing by nothing clears the period.
	if err := p.ReplaceLines(er.ID, p202601, nil); err != nil {
		t.Fatal(err)
	}
	if l := must[[]domain.MonthLine](t)(p.Lines(er.ID, p202601)); len(l) != 0 {
		t.Fatalf("lines left: %d", len(l))
	}
}

func TestDeclarationLifecycle(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	d := must[Declaration](t)(s.Declarations().Create(sampleDecl(er.ID, []Finding{
		{Rule: "SAL-CAP", Severity: SeverityError, Record: "B02", Line: 3, Field: "N_Salaire_Plaf", Employee: "123456785"},
		{Rule: "ID-IMMATRICULATION", Severity: SeverityWarning, Record: "B02", Line: 3},
	})))
	if d.Status != StatusDraft || d.Errors != 1 || d.Warnings != 1 || len(d.SHA256) != 64 {
		t.Fatalf("created: %+v", d)
	}
	// Blocking findings: neither ready nor queued.
	_, err := s.Declarations().SetStatus(d.ID, StatusReady)
	wantCode(t, err, CodeNotReady)
	_, err = s.Submissions().Enqueue(d.ID)
	wantCode(t, err, CodeNotReady)

	// Fix the file: new bytes, no finding.
	d.Bytes = []byte("B00 fixed\n")
	d.Findings = nil
	d = must[Declaration](t)(s.Declarations().Update(d))
	if d.Errors != 0 {
		t.Fatalf("errors not recounted")
	}
	got := must[Declaration](t)(s.Declarations().Get(d.ID))
	if string(got.Bytes) != "B00 fixed\n" {
		t.Fatalf("bytes not replaced: %q", got.Bytes)
	}

	// Freeze and enqueue atomically.
	sub := must[Submission](t)(s.Submissions().Enqueue(d.ID))
	if sub.State != SubQueued || !validID(sub.IdempotencyKey) || sub.SHA256 != d.SHA256 || sub.Profile != domain.ProfileSandbox || sub.EmployerID != er.ID {
		t.Fatalf("submission: %+v", sub)
	}
	frozen := must[Declaration](t)(s.Declarations().Get(d.ID))
	if frozen.Status != StatusQueued || frozen.FrozenAt.IsZero() {
		t.Fatalf("declaration not frozen: %+v", frozen)
	}
	// Frozen: the file cannot change, nor the status go back.
	frozen.Bytes = []byte("other")
	_, err = s.Declarations().Update(frozen)
	wantCode(t, err, CodeFrozen)
	_, err = s.Declarations().SetStatus(d.ID, StatusDraft)
	wantCode(t, err, CodeFrozen)
	_, err = s.Submissions().Enqueue(d.ID)
	wantCode(t, err, CodeFrozen)

	pending := must[[]Submission](t)(s.Submissions().ListPending())
	if len(pending) != 1 || pending[0].ID != sub.ID {
		t.Fatalf("pending: %+v", pending)
	}
	// The worker's progress mirrors onto the declaration.
	sub.State, sub.Attempts, sub.DepositID = SubReceived, 1, "DEP-1"
	sub.IdempotencyKey = "changed" // ignored: the key never changes
	sub = must[Submission](t)(s.Submissions().Update(sub))
	if sub.IdempotencyKey == "changed" {
		t.Fatal("idempotency key changed")
	}
	if st := must[Declaration](t)(s.Declarations().Get(d.ID)).Status; st != StatusSubmitted {
		t.Fatalf("declaration status %s, want submitted", st)
	}
	sub.State = SubAccepted
	must[Submission](t)(s.Submissions().Update(sub))
	if st := must[Declaration](t)(s.Declarations().Get(d.ID)).Status; st != StatusAccepted {
		t.Fatalf("declaration status %s, want accepted", st)
	}
	if p := must[[]Submission](t)(s.Submissions().ListPending()); len(p) != 0 {
		t.Fatalf("accepted submission still pending")
	}
	if l := must[[]Submission](t)(s.Submissions().ListByDeclaration(d.ID)); len(l) != 1 || l[0].DepositID != "DEP-1" {
		t.Fatalf("ListByDeclaration: %+v", l)
	}

	// Receipts.
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0}, 100<<10)...)
	rc := must[Receipt](t)(s.Receipts().Create(Receipt{DeclarationID: d.ID, SubmissionID: sub.ID, PDF: pdf, Sandbox: true}))
	if g := must[Receipt](t)(s.Receipts().Get(rc.ID)); !bytes.Equal(g.PDF, pdf) || !g.Sandbox {
		t.Fatal("receipt round trip failed")
	}
	if l := must[[]Receipt](t)(s.Receipts().ListByDeclaration(d.ID)); len(l) != 1 || l[0].PDF != nil {
		t.Fatalf("receipt list: %+v", l)
	}
	_, err = s.Receipts().Create(Receipt{DeclarationID: d.ID})
	wantCode(t, err, CodeValidation)

	// List of the period, without bytes.
	if l := must[[]Declaration](t)(s.Declarations().List(er.ID, p202601)); len(l) != 1 || l[0].Bytes != nil {
		t.Fatalf("List: %+v", l)
	}
}

func TestDeclarationValidation(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	d := sampleDecl(er.ID, nil)
	d.Kind = KindComplementary // sequence 0 is the principal's
	_, err := s.Declarations().Create(d)
	wantCode(t, err, CodeValidation)
	if fe := FieldErrors(err); len(fe) != 1 || fe[0].Field != "sequence" {
		t.Fatalf("%+v", fe)
	}
	d = sampleDecl(er.ID, []Finding{{Rule: "X", Severity: "fatal"}})
	d.Status = "lost"
	_, err = s.Declarations().Create(d)
	fe := FieldErrors(err)
	if len(fe) != 2 || fe[0].Field != "status" || fe[1].Field != "findings[0].severity" {
		t.Fatalf("%+v", fe)
	}
	if fe[1].Msg.EN != "Finding #1 — Severity: value not allowed (possible values: error, warning, info)" {
		t.Fatalf("message: %q", fe[1].Msg.EN)
	}
}

func TestUpdateIsAtomic(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	d := must[Declaration](t)(s.Declarations().Create(sampleDecl(er.ID, nil)))
	entries, _, _ := s.VerifyAudit()
	boom := errors.New("boom")
	err := s.Update(func(tx *Tx) error {
		if _, err := tx.Declarations().SetStatus(d.ID, StatusQueued); err != nil {
			return err
		}
		if _, err := tx.Submissions().Create(Submission{DeclarationID: d.ID}); err != nil {
			return err
		}
		if _, err := tx.Employees().Create(sampleEmployee(er.ID, 1)); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update returned %v", err)
	}
	if st := must[Declaration](t)(s.Declarations().Get(d.ID)).Status; st != StatusDraft {
		t.Fatalf("rolled-back status is %s", st)
	}
	if l := must[[]Submission](t)(s.Submissions().ListByDeclaration(d.ID)); len(l) != 0 {
		t.Fatal("rolled-back submission exists")
	}
	if n := must[int](t)(s.Employees().Count(er.ID)); n != 0 {
		t.Fatal("rolled-back employee counted")
	}
	if n, broken, _ := s.VerifyAudit(); n != entries || broken != -1 {
		t.Fatalf("audit after rollback: %d entries (was %d), broken %d", n, entries, broken)
	}
	// Writes in a View are refused.
	err = s.View(func(tx *Tx) error {
		_, err := tx.Employers().Create(sampleEmployer(2))
		return err
	})
	wantCode(t, err, CodeReadOnly)
}

func TestListEmployerStatus(t *testing.T) {
	s := openTest(t)
	var ids []string
	for i := 1; i <= 6; i++ {
		ids = append(ids, must[domain.Employer](t)(s.Employers().Create(sampleEmployer(i))).ID)
	}
	emp := must[domain.Employee](t)(s.Employees().Create(sampleEmployee(ids[2], 1)))
	must[domain.Employee](t)(s.Employees().Create(sampleEmployee(ids[2], 2)))
	// 1: nothing. 2: préétabli. 3: lines. 4: draft with errors. 5: queued. 6: accepted.
	must[Preetabli](t)(s.Periods().ImportPreetabli(Preetabli{EmployerID: ids[1], Period: p202601, Raw: []byte("A00"), Employees: 3}))
	if err := s.Periods().ReplaceLines(ids[2], p202601, []domain.MonthLine{{EmployeeID: emp.ID, Days: 26, Gross: domain.MAD(5000)}}); err != nil {
		t.Fatal(err)
	}
	must[Declaration](t)(s.Declarations().Create(sampleDecl(ids[3], []Finding{{Rule: "CTR-LINE", Severity: SeverityError}})))
	d5 := must[Declaration](t)(s.Declarations().Create(sampleDecl(ids[4], nil)))
	must[Submission](t)(s.Submissions().Enqueue(d5.ID))
	d6 := must[Declaration](t)(s.Declarations().Create(sampleDecl(ids[5], nil)))
	sub := must[Submission](t)(s.Submissions().Enqueue(d6.ID))
	sub.State = SubAccepted
	must[Submission](t)(s.Submissions().Update(sub))

	st := must[[]EmployerStatus](t)(s.ListEmployerStatus(p202601))
	want := []PeriodState{StateNotStarted, StatePreetabli, StateInProgress, StateErrors, StateQueued, StateAccepted}
	if len(st) != len(want) {
		t.Fatalf("%d rows", len(st))
	}
	for i, w := range want {
		if st[i].EmployerID != ids[i] || st[i].State != w {
			t.Fatalf("row %d: %s %s, want %s", i, st[i].Name, st[i].State, w)
		}
	}
	if st[2].Employees != 2 || st[2].Lines != 1 || st[1].PreetabliCount != 3 || st[3].Errors != 1 {
		t.Fatalf("counts: %+v", st)
	}
	// Another period: everyone not started.
	for _, r := range must[[]EmployerStatus](t)(s.ListEmployerStatus(p202601.Next())) {
		if r.State != StateNotStarted {
			t.Fatalf("%s in next period: %s", r.Name, r.State)
		}
	}
	_, err := s.ListEmployerStatus(domain.Period{})
	wantCode(t, err, CodeValidation)
	// The derivation covers every status.
	for _, c := range []struct {
		st   DeclStatus
		errs int
		want PeriodState
	}{
		{StatusDraft, 0, StateInProgress}, {StatusDraft, 2, StateErrors}, {StatusReady, 0, StateReady},
		{StatusQueued, 0, StateQueued}, {StatusSubmitted, 0, StateSubmitted}, {StatusAccepted, 0, StateAccepted},
		{StatusRejected, 0, StateRejected}, {StatusManual, 0, StateManual},
	} {
		if got := (periodSummary{Latest: &declDigest{Status: c.st, Errors: c.errs}}).state(); got != c.want {
			t.Fatalf("%s/%d → %s, want %s", c.st, c.errs, got, c.want)
		}
	}
}

func TestErrorsAreTranslated(t *testing.T) {
	s := openTest(t)
	_, err := s.Employers().Get("01a20b12-cfbd-7939-b26d-220ccbd4998b")
	for _, l := range i18n.Langs {
		if i18n.Message(err, l) == "" {
			t.Fatalf("no %s message", l)
		}
	}
	if i18n.Message(err, i18n.EN) != "Employer not found" || i18n.Message(err, i18n.AR) != "المشغل غير موجود" {
		t.Fatalf("messages: %q / %q", i18n.Message(err, i18n.EN), i18n.Message(err, i18n.AR))
	}
}

func TestCollectGarbageKeepsData(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	d := must[Declaration](t)(s.Declarations().Create(sampleDecl(er.ID, nil)))
	for i := 0; i < 40; i++ { // replaced files leave garbage in the value log
		d.Bytes = bytes.Repeat([]byte{byte('a' + i%26)}, 512<<10)
		d = must[Declaration](t)(s.Declarations().Update(d))
	}
	if err := s.CollectGarbage(); err != nil {
		t.Fatal(err)
	}
	got := must[Declaration](t)(s.Declarations().Get(d.ID))
	if !bytes.Equal(got.Bytes, d.Bytes) {
		t.Fatal("latest file lost by garbage collection")
	}
	_ = s.Close()
	wantCode(t, s.CollectGarbage(), CodeClosed)
}

// Issue 15.2: an edit of a generated month outdates its declaration (audited),
// and the outdated file can be neither queued nor recorded as deposited by
// hand; regenerating makes it ready again. A frozen declaration is never
// outdated.
func TestOutdateOnEdit(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	d := sampleDecl(er.ID, nil)
	d.Status = StatusReady
	d = must[Declaration](t)(s.Declarations().Create(d))
	comp := sampleDecl(er.ID, nil)
	comp.Kind, comp.Sequence, comp.FileName = KindComplementary, 1, "DSC1_1000001_202601.txt"
	comp = must[Declaration](t)(s.Declarations().Create(comp))
	other := sampleDecl(er.ID, nil)
	other.Period = p202601.Next()
	other = must[Declaration](t)(s.Declarations().Create(other))

	changed := must[[]Declaration](t)(s.Declarations().Outdate(er.ID, p202601))
	if len(changed) != 2 {
		t.Fatalf("outdated %d declarations, want 2", len(changed))
	}
	for _, id := range []string{d.ID, comp.ID} {
		if st := must[Declaration](t)(s.Declarations().Get(id)).Status; st != StatusOutdated {
			t.Fatalf("%s after the edit: %s", id, st)
		}
	}
	if st := must[Declaration](t)(s.Declarations().Get(other.ID)).Status; st != StatusDraft {
		t.Fatalf("another period was outdated: %s", st)
	}
	entries := must[[]AuditEntry](t)(s.AuditEntries(1, 1<<20))
	n := 0
	for _, e := range entries {
		if e.Action == "declaration.outdated" && (e.EntityID == d.ID || e.EntityID == comp.ID) {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d declaration.outdated audit entries, want 2", n)
	}
	// The month status no longer says ready.
	if st := must[[]EmployerStatus](t)(s.ListEmployerStatus(p202601)); st[0].State != StateInProgress || st[0].DeclarationStatus != StatusOutdated {
		t.Fatalf("portfolio after the edit: %s / %s", st[0].State, st[0].DeclarationStatus)
	}

	// The outdated file is refused for every use.
	_, err := s.Submissions().Enqueue(d.ID)
	wantCode(t, err, lifecycle.CodeOutdated)
	_, err = s.Declarations().SetStatus(d.ID, StatusQueued)
	wantCode(t, err, lifecycle.CodeOutdated)
	_, err = s.ManualDeposits().Record(ManualDeposit{DeclarationID: d.ID, DepositReference: "DAM-1",
		DepositDate: domain.Date{Year: 2026, Month: time.February, Day: 5}})
	wantCode(t, err, lifecycle.CodeOutdated)
	if st := must[Declaration](t)(s.Declarations().Get(d.ID)).Status; st != StatusOutdated {
		t.Fatalf("a refused use changed the status: %s", st)
	}

	// Regenerated: ready again, and it can be queued; once frozen, an edit outdates nothing.
	d = must[Declaration](t)(s.Declarations().Get(d.ID))
	d.Status, d.Bytes = StatusReady, []byte("B00 regenerated\n")
	d = must[Declaration](t)(s.Declarations().Update(d))
	must[Submission](t)(s.Submissions().Enqueue(d.ID))
	changed = must[[]Declaration](t)(s.Declarations().Outdate(er.ID, p202601))
	if len(changed) != 0 {
		t.Fatalf("outdated %d declarations", len(changed))
	}
	if st := must[Declaration](t)(s.Declarations().Get(d.ID)).Status; st != StatusQueued {
		t.Fatalf("a frozen declaration changed on edit: %s", st)
	}
}

// An edit of an employee outdates the generated declarations of every
// period of its employer (not another employer's, not a frozen one).
func TestOutdateEmployer(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	other := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(2)))
	jan := must[Declaration](t)(s.Declarations().Create(sampleDecl(er.ID, nil)))
	feb := sampleDecl(er.ID, nil)
	feb.Period = p202601.Next()
	feb = must[Declaration](t)(s.Declarations().Create(feb))
	sent := sampleDecl(er.ID, nil)
	sent.Period = p202601.Prev()
	sent = must[Declaration](t)(s.Declarations().Create(sent))
	must[Submission](t)(s.Submissions().Enqueue(sent.ID))
	theirs := must[Declaration](t)(s.Declarations().Create(sampleDecl(other.ID, nil)))

	changed := must[[]Declaration](t)(s.Declarations().OutdateEmployer(er.ID))
	if len(changed) != 2 {
		t.Fatalf("outdated %d, want 2", len(changed))
	}
	for id, want := range map[string]DeclStatus{jan.ID: StatusOutdated, feb.ID: StatusOutdated, sent.ID: StatusQueued, theirs.ID: StatusDraft} {
		if got := must[Declaration](t)(s.Declarations().Get(id)).Status; got != want {
			t.Errorf("%s: %s, want %s", id, got, want)
		}
	}
}
