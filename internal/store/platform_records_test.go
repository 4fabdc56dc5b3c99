package store

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

func TestPlatformRecordsHaveLabels(t *testing.T) {
	for _, v := range []any{PlatformLogin{}, DepositResult{}, BranchDue{}, ControlFinding{}, ManualDeposit{}} {
		typ := reflect.TypeOf(v)
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			tag := f.Tag.Get("validate")
			if tag == "" {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if l, ok := fieldLabels[name]; !ok || l.FR == "" || l.AR == "" || l.EN == "" {
				t.Errorf("%s.%s (%s): no label in every language", typ.Name(), f.Name, name)
			}
			for _, part := range strings.Split(tag, ",") {
				tg, _, _ := strings.Cut(part, "=")
				if tg == "omitempty" || tg == "dive" {
					continue
				}
				_, ok1 := tagMessages[tg]
				_, ok2 := sizeTagMessages[tg]
				if !ok1 && !ok2 {
					t.Errorf("%s.%s: no message for tag %q", typ.Name(), f.Name, tg)
				}
			}
		}
	}
}

func TestPlatformLogins(t *testing.T) {
	s := openTest(t)
	r := s.PlatformLogins()
	remote := domain.RemoteProfile("cabinet")
	a := must[PlatformLogin](t)(r.Add(domain.ProfileSandbox, " demo@example.ma "))
	if a.Login != "demo@example.ma" || a.ID == "" {
		t.Fatalf("Add: %+v", a)
	}
	must[PlatformLogin](t)(r.Add(remote, "demo@example.ma"))
	b := must[PlatformLogin](t)(r.Add(domain.ProfileSandbox, "autre"))
	again := must[PlatformLogin](t)(r.Add(domain.ProfileSandbox, "demo@example.ma"))
	if again.ID != a.ID || again.CreatedAt != a.CreatedAt {
		t.Fatalf("Add of a known login created another record: %+v", again)
	}
	l := must[[]PlatformLogin](t)(r.List(domain.ProfileSandbox))
	if len(l) != 2 || l[0].ID != a.ID || l[1].ID != b.ID {
		t.Fatalf("List (most recent first): %+v", l)
	}
	if got := must[[]PlatformLogin](t)(r.List(remote)); len(got) != 1 {
		t.Fatalf("remote: %+v", got)
	}
	for _, tc := range []struct {
		profile domain.PlatformProfile
		login   string
	}{{"", "x"}, {"bogus", "x"}, {domain.ProfileSandbox, "  "}, {domain.ProfileSandbox, strings.Repeat("x", 201)}} {
		_, err := r.Add(tc.profile, tc.login)
		wantCode(t, err, CodeValidation)
	}
	if err := r.Remove(domain.ProfileSandbox, "autre"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, r.Remove(domain.ProfileSandbox, "autre"), CodeNotFound)
	if got := must[[]PlatformLogin](t)(r.List(domain.ProfileSandbox)); len(got) != 1 {
		t.Fatalf("after Remove: %+v", got)
	}
	// Logins never appear in keys (they may be e-mail addresses or CNSS numbers).
	if err := s.View(func(tx *Tx) error {
		return tx.scan(nil, true, func(key, _ []byte) error {
			if bytes.Contains(key, []byte("demo@example.ma")) {
				t.Errorf("login in key %q", key)
			}
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
}

// frozenDecl returns an employer's declaration queued with its submission.
func queuedDecl(t *testing.T, s *Store, n int) (domain.Employer, Declaration, Submission) {
	t.Helper()
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(n)))
	d := must[Declaration](t)(s.Declarations().Create(sampleDecl(er.ID, nil)))
	sub := must[Submission](t)(s.Submissions().Enqueue(d.ID))
	return er, d, sub
}

func TestDepositResults(t *testing.T) {
	s := openTest(t)
	_, d, sub := queuedDecl(t, s, 1)
	r := s.DepositResults()
	_, err := r.Get(sub.ID)
	wantCode(t, err, CodeNotFound)
	res := DepositResult{
		SubmissionID: sub.ID, DepositID: "dep-1", Status: "accepted",
		AcknowledgementNumber: "AR-1", PaymentReference: "PAY-1", AmountDue: domain.MAD(1234),
		Branches:      []BranchDue{{Branch: "PS", Base: domain.MAD(6000), Rate: 1346, Amount: domain.MAD(807)}},
		ControlReport: []ControlFinding{{Rule: "ID-AFFILIATION", Severity: "warning", Line: 2, Message: "clé"}},
		ProcessedAt:   time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC),
	}
	got := must[DepositResult](t)(r.Put(res))
	if got.DeclarationID != d.ID || got.RecordedAt.IsZero() {
		t.Fatalf("Put: %+v", got)
	}
	back := must[DepositResult](t)(r.Get(sub.ID))
	if back.AmountDue != domain.MAD(1234) || len(back.Branches) != 1 || back.ControlReport[0].Rule != "ID-AFFILIATION" {
		t.Fatalf("Get: %+v", back)
	}
	for name, bad := range map[string]DepositResult{
		"status":  {SubmissionID: sub.ID, DepositID: "x", Status: "processing"},
		"deposit": {SubmissionID: sub.ID, Status: "accepted"},
		"amount":  {SubmissionID: sub.ID, DepositID: "x", Status: "accepted", AmountDue: -1},
	} {
		_, err := r.Put(bad)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		wantCode(t, err, CodeValidation)
	}
	_, err = r.Put(DepositResult{SubmissionID: "01a20b12-cfbd-7939-b26d-220ccbd4998b", DepositID: "x", Status: "rejected"})
	wantCode(t, err, CodeNotFound)
}

func TestManualDeposits(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	d := must[Declaration](t)(s.Declarations().Create(sampleDecl(er.ID, nil)))
	r := s.ManualDeposits()
	_, err := r.Get(d.ID)
	wantCode(t, err, CodeNotFound)

	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0xfe}, 4000)...)
	ev := ManualDeposit{DeclarationID: d.ID, DepositReference: "DAM-2026-000123",
		DepositDate: domain.Date{Year: 2026, Month: time.February, Day: 5}, PaymentReference: "PAY-9", ControlReportPDF: pdf}
	got := must[ManualDeposit](t)(r.Record(ev))
	if got.SHA256 != d.SHA256 || got.EmployerID != er.ID || got.RecordedAt.IsZero() {
		t.Fatalf("Record: %+v", got)
	}
	if st := must[Declaration](t)(s.Declarations().Get(d.ID)).Status; st != StatusManual {
		t.Fatalf("status %s", st)
	}
	back := must[ManualDeposit](t)(r.Get(d.ID))
	if !bytes.Equal(back.ControlReportPDF, pdf) || back.DepositReference != ev.DepositReference {
		t.Fatal("round trip")
	}
	// Recording again (a typo fixed) replaces the evidence; without a PDF the old one goes.
	ev.DepositReference, ev.ControlReportPDF = "DAM-2026-000124", nil
	must[ManualDeposit](t)(r.Record(ev))
	back = must[ManualDeposit](t)(r.Get(d.ID))
	if back.DepositReference != "DAM-2026-000124" || back.ControlReportPDF != nil {
		t.Fatalf("replace: %+v", back)
	}
	// The audit entry holds no PDF.
	n, broken, err := s.VerifyAudit()
	if err != nil || broken >= 0 {
		t.Fatal(n, broken, err)
	}
	entries := must[[]AuditEntry](t)(s.AuditEntries(1, 1000))
	found := false
	for _, e := range entries {
		if e.Action == "manual_deposit.record" {
			found = true
			if bytes.Contains(e.After, []byte("control_report_pdf")) {
				t.Fatal("PDF in the audit log")
			}
		}
	}
	if !found {
		t.Fatal("no audit entry")
	}

	_, err = r.Record(ManualDeposit{DeclarationID: d.ID})
	wantCode(t, err, CodeValidation)

	// In the outbox: refused.
	_, d2, sub2 := queuedDecl(t, s, 2)
	ev2 := ev
	ev2.DeclarationID = d2.ID
	_, err = r.Record(ev2)
	wantCode(t, err, CodeManualRefused)
	// Accepted by the platform: refused.
	sub2.State = SubAccepted
	must[Submission](t)(s.Submissions().Update(sub2))
	_, err = r.Record(ev2)
	wantCode(t, err, CodeManualRefused)
	if !errors.Is(err, ErrManualRefused) {
		t.Fatal(err)
	}
	// Blocking findings: refused.
	d3 := must[Declaration](t)(s.Declarations().Create(sampleDecl(er.ID, []Finding{{Rule: "CTR-LINE", Severity: SeverityError}})))
	ev3 := ev
	ev3.DeclarationID = d3.ID
	_, err = r.Record(ev3)
	wantCode(t, err, CodeManualRefused)
}
