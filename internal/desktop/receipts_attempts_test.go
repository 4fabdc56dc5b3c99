package desktop

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"

	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/store"
)

// TestRecordAPIAttempt: what the outbox tells the hook becomes an attempt
// with the right outcome and the platform's answer; a call the app
// cancelled itself is not recorded.
func TestRecordAPIAttempt(t *testing.T) {
	st, d, _ := manualFixture(t)
	sub := store.Submission{ID: "0190f0e0-0000-7000-8000-000000000001", DeclarationID: d.ID}
	for _, tc := range []struct {
		name    string
		a       outbox.Attempt
		ok      bool
		outcome store.AttemptOutcome
		answer  []string
	}{
		{"network", outbox.Attempt{Action: "deposit", Err: &api.Error{Code: api.CodeNetwork, Message: "dial tcp 10.0.0.1:443: connection refused"}},
			true, store.OutcomeNetworkError, []string{"network", "connection refused"}},
		{"maintenance", outbox.Attempt{Action: "deposit", Err: &api.Error{Code: api.CodeMaintenance, Status: 503, Message: "maintenance"}},
			true, store.OutcomePlatformErr, []string{"maintenance (HTTP 503)"}},
		{"cancelled", outbox.Attempt{Action: "deposit", Err: &api.Error{Code: api.CodeCanceled}}, false, "", nil},
		{"received", outbox.Attempt{Action: "deposit", Status: api.StatusReceived, DepositID: "D-42"},
			true, store.OutcomeReceived, []string{"deposit_id=D-42", "status=received"}},
		{"accepted", outbox.Attempt{Action: "result", Status: api.StatusAccepted, Deposit: &api.Deposit{DepositID: "D-42", Status: api.StatusAccepted,
			AcknowledgementNumber: "ACK-1", PaymentReference: "PAY-1"}}, true, store.OutcomeAccepted, []string{"acknowledgement=ACK-1", "payment_reference=PAY-1"}},
		{"rejected", outbox.Attempt{Action: "result", Status: api.StatusRejected, Deposit: &api.Deposit{DepositID: "D-43", Status: api.StatusRejected,
			ControlReport: []api.ControlItem{{Severity: api.SeverityError}, {Severity: api.SeverityError}, {Severity: api.SeverityWarning}}}},
			true, store.OutcomeRejected, []string{"control_report_errors=2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.a.Submission = sub
			before := len(attemptsOf(t, st, d.ID))
			got, ok, err := RecordAPIAttempt(st, tc.a)
			if err != nil || ok != tc.ok {
				t.Fatalf("ok %v, err %v", ok, err)
			}
			after := attemptsOf(t, st, d.ID)
			if !tc.ok {
				if len(after) != before {
					t.Error("a cancelled call was recorded")
				}
				return
			}
			if len(after) != before+1 || got.Outcome != tc.outcome || got.Channel != store.ChannelAPI || got.SubmissionID != sub.ID || got.SHA256 != d.SHA256 {
				t.Fatalf("attempt %+v", got)
			}
			for _, w := range tc.answer {
				if !strings.Contains(got.Answer, w) {
					t.Errorf("answer %q lacks %q", got.Answer, w)
				}
			}
		})
	}
}

// TestRecordPortalFailure: "the portal did not work" is a failed manual
// attempt with its note and screenshot; a fake image is refused.
func TestRecordPortalFailure(t *testing.T) {
	st, d, _ := manualFixture(t)
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)
	a, err := RecordPortalFailure(st, d.ID, "  erreur 502 sur damancom.ma  ", png)
	if err != nil {
		t.Fatal(err)
	}
	if a.Channel != store.ChannelManual || a.Outcome != store.OutcomePortalDown || !a.Outcome.Failed() || a.Note != "erreur 502 sur damancom.ma" || !a.HasScreenshot || a.Operator != "test" {
		t.Errorf("attempt %+v", a)
	}
	if _, err := RecordPortalFailure(st, d.ID, "", []byte("GIF89a")); err == nil {
		t.Error("a GIF was accepted")
	}
}

func attemptsOf(t *testing.T, st *store.Store, declID string) []store.DepositAttempt {
	t.Helper()
	l, err := st.DepositAttempts().List(declID)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestEvidencePackAndExtension: a period-wide CNSS extension moves the
// deadline of the dashboard, the receipt and the evidence; the pack holds
// the attempts, the screenshot and the declaration file, and is the same
// bytes twice.
func TestEvidencePackAndExtension(t *testing.T) {
	st, d, rc := manualFixture(t)
	tab := params.Default()
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
	if _, err := RecordPortalFailure(st, d.ID, "portail en panne", png); err != nil {
		t.Fatal(err)
	}
	legal := tab.DueDate(d.Period)
	ext := legal.AddDays(3)
	if _, err := st.DeadlineExtensions().Set(store.DeadlineExtension{Period: d.Period, Date: ext, Reference: "COM-7"}, legal); err != nil {
		t.Fatal(err)
	}
	er, _ := st.Employers().Get(d.EmployerID)
	if l, due, x, err := EffectiveDeadline(st.DeadlineExtensions(), tab, er, d.Period); err != nil || l != legal || due != ext || x == nil || x.Reference != "COM-7" {
		t.Fatalf("deadline %v %v %+v %v", l, due, x, err)
	}
	dash, err := BuildDashboard(st, tab, d.Period, legal.AddDays(2))
	if err != nil || len(dash.Rows) != 1 || dash.Rows[0].DueDate != ext {
		t.Fatalf("dashboard: %+v %v", dash.Rows, err)
	}
	ev, raw, err := Evidence(st, tab, d.ID, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Attempts) != 1 || ev.Attempts[0].Screenshot == "" || ev.Extension == nil || ev.Extension.Date != ext || ev.Accepted == nil || !ev.Accepted.Manual {
		t.Fatalf("evidence %+v", ev)
	}
	if len(raw) != 2 || raw[0].Name != d.FileName || !bytes.Equal(raw[1].Data, png) {
		t.Fatalf("raw files %+v", raw)
	}
	a, err := EvidencePack(context.Background(), st, tab, d.ID, i18n.AR)
	if err != nil {
		t.Fatal(err)
	}
	b, err := EvidencePack(context.Background(), st, tab, d.ID, i18n.AR)
	if err != nil || !bytes.Equal(a, b) {
		t.Fatalf("not deterministic (%v)", err)
	}
	// The receipt's due date follows the extension too.
	pdf, err := ReceiptPDF(st, tab, rc.ID, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, pdf); !strings.Contains(text, "Filing deadline "+ext.Time().Format("02/01/2006")) {
		t.Errorf("receipt deadline: %s", text)
	}
}

// TestFailedOnly: an employer is flagged while its attempts all failed and
// nothing was deposited, not once the platform answered.
func TestFailedOnly(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "receipt", "testdata", "DS_1234567_202601.txt"))
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, t.TempDir())
	t.Cleanup(func() { st.Close() })
	er, err := st.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Atlas Démo SARL"})
	if err != nil {
		t.Fatal(err)
	}
	p := domain.Period{Year: 2026, Month: time.January}
	d, err := st.Declarations().Create(store.Declaration{EmployerID: er.ID, Period: p, Kind: store.KindPrincipal, FileName: "DS_1234567_202601.txt", Bytes: data})
	if err != nil {
		t.Fatal(err)
	}
	flags := func() bool {
		m, err := FailedOnly(st, p)
		if err != nil {
			t.Fatal(err)
		}
		return m[er.ID]
	}
	if flags() {
		t.Error("flagged without any attempt")
	}
	if _, err := RecordPortalFailure(st, d.ID, "", nil); err != nil {
		t.Fatal(err)
	}
	if !flags() {
		t.Error("not flagged after a failed attempt")
	}
	sub := store.Submission{ID: "0190f0e0-0000-7000-8000-000000000009", DeclarationID: d.ID}
	if _, _, err := RecordAPIAttempt(st, outbox.Attempt{Submission: sub, Action: "deposit", Status: api.StatusReceived, DepositID: "D-1"}); err != nil {
		t.Fatal(err)
	}
	if flags() {
		t.Error("still flagged once the platform received the file")
	}
}
