package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

func TestEveryCodeHasThreeLanguages(t *testing.T) {
	seen := map[Code]bool{}
	for _, c := range Codes {
		if seen[c] {
			t.Fatalf("code %s listed twice", c)
		}
		seen[c] = true
		m, ok := messages[c]
		if !ok {
			t.Fatalf("no message for %s", c)
		}
		if m.FR == "" || m.AR == "" || m.EN == "" || m.FR == m.EN || m.AR == m.FR {
			t.Errorf("%s: incomplete or untranslated message %+v", c, m)
		}
		e := &Error{Code: c, Status: c.HTTPStatus()}
		if got := i18n.Code(e); got != "platform."+string(c) {
			t.Errorf("i18n.Code(%s) = %q", c, got)
		}
		for _, l := range i18n.Langs {
			if msg := i18n.Message(e, l); msg != m.In(l) {
				t.Errorf("i18n.Message(%s, %s) = %q, want %q", c, l, msg, m.In(l))
			}
		}
	}
	for c, m := range msgRetryIn {
		if !seen[c] || m.FR == "" || m.AR == "" || m.EN == "" || !strings.Contains(m.AR, "%s") {
			t.Errorf("retry message of %s incomplete", c)
		}
	}
}

func TestServerCodesHaveStatus(t *testing.T) {
	for _, c := range Codes {
		client := c == CodeNetwork || c == CodeCanceled || c == CodeBadResponse
		if st := c.HTTPStatus(); (st == 0) != client {
			t.Errorf("%s: status %d", c, st)
		}
	}
	if New(CodeInternal, "").Retryable != true || New(CodeTooManyAttempts, "").Retryable != true || New(CodeInvalidOTP, "").Retryable {
		t.Fatal("New retryable flags")
	}
}

func TestMessagesWithRetryAfter(t *testing.T) {
	e := &Error{Code: CodeMaintenance, Status: 503, Retryable: true, RetryAfter: 90 * time.Second}
	want := map[i18n.Lang]string{
		i18n.FR: "la plateforme est en maintenance : nouvel essai possible dans 90 s",
		i18n.AR: "المنصة في طور الصيانة: يمكن إعادة المحاولة بعد 90 ثانية",
		i18n.EN: "the platform is under maintenance: try again in 90 s",
	}
	for l, w := range want {
		if got := i18n.Message(e, l); got != w {
			t.Errorf("%s: %q, want %q", l, got, w)
		}
	}
	e.RetryAfter = 10 * time.Minute
	if got := e.In(i18n.EN); !strings.HasSuffix(got, "10 min") {
		t.Errorf("minutes: %q", got)
	}
	wrapped := fmt.Errorf("dépôt 7: %w", &Error{Code: CodeInvalidCredentials, Status: 401})
	if got := i18n.Message(wrapped, i18n.EN); got != "dépôt 7: wrong login or password" {
		t.Errorf("wrapped: %q", got)
	}
	unknown := &Error{Code: "quota_exceeded", Status: 402, Message: "quota"}
	if got := unknown.In(i18n.EN); got != `the platform answered error "quota_exceeded" (HTTP 402): quota` {
		t.Errorf("unknown: %q", got)
	}
	br := &Error{Code: CodeBadRequest, Status: 400, Message: "sequence must be 1-9"}
	if got := br.In(i18n.FR); got != "requête refusée par la plateforme : sequence must be 1-9" {
		t.Errorf("bad_request: %q", got)
	}
}

type netErr struct{}

func (netErr) Error() string   { return "dial" }
func (netErr) Timeout() bool   { return true }
func (netErr) Temporary() bool { return true }

var _ net.Error = netErr{}

func TestIsRetryable(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("x"), false},
		{New(CodeInternal, ""), true},
		{New(CodeMaintenance, ""), true},
		{New(CodeTooManyAttempts, ""), true},
		{New(CodeTokenExpired, ""), false},
		{New(CodeIdempotencyConflict, ""), false},
		{fmt.Errorf("ctx: %w", New(CodeInternal, "")), true},
		{netErr{}, true},
		{context.DeadlineExceeded, true},
		{context.Canceled, false},
		{&Error{Code: CodeCanceled, Err: context.Canceled}, false},
		{&Error{Code: CodeNetwork, Retryable: true, Err: netErr{}}, true},
	} {
		if got := IsRetryable(tc.err); got != tc.want {
			t.Errorf("IsRetryable(%v) = %v", tc.err, got)
		}
	}
	e := &Error{Code: CodeCanceled, Err: context.Canceled}
	if !errors.Is(e, context.Canceled) || CodeOf(fmt.Errorf("w: %w", e)) != CodeCanceled {
		t.Fatal("unwrap")
	}
	if RetryAfter(fmt.Errorf("w: %w", &Error{RetryAfter: 3 * time.Second})) != 3*time.Second || RetryAfter(errors.New("x")) != 0 {
		t.Fatal("RetryAfter")
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"0", 0}, {"-5", 0}, {"abc", 0}, {"7", 7 * time.Second}, {" 12 ", 12 * time.Second},
		{"999999999", 24 * time.Hour},
		{now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second},
		{now.Add(-30 * time.Second).Format(http.TimeFormat), 0},
	} {
		if got := ParseRetryAfter(tc.in, now); got != tc.want {
			t.Errorf("ParseRetryAfter(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if FormatRetryAfter(1500*time.Millisecond) != "2" || FormatRetryAfter(0) != "1" {
		t.Fatal("FormatRetryAfter")
	}
}

// TestWireNames pins the JSON field names of platform-api.md.
func TestWireNames(t *testing.T) {
	at := time.Date(2026, 2, 3, 9, 30, 0, 0, time.UTC)
	d := Deposit{DepositID: "d1", Affiliation: "1234567", Period: domain.NewPeriod(2026, 1), Kind: KindPrincipal,
		Status: StatusAccepted, ReceivedAt: at, ProcessedAt: &at, SHA256: "ab",
		ControlReport:         []ControlItem{{Rule: "SAL-MINIMUM", Severity: SeverityWarning, Line: 3, Field: "N_Salaire_Reel", Message: "m"}},
		Totals:                &Totals{Employees: 2, Days: 52, Real: 1250000, Capped: 1200000},
		AmountDue:             &AmountDue{Total: 100, Branches: []BranchAmount{{Branch: "PS", Base: 1200000, Rate: 1346, Amount: 100}}},
		AcknowledgementNumber: "A", PaymentReference: "P"}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"deposit_id":"d1","affiliation":"1234567","period":"202601","kind":"principal","sequence":0,"status":"accepted","received_at":"2026-02-03T09:30:00Z","processed_at":"2026-02-03T09:30:00Z","sha256":"ab","control_report":[{"rule":"SAL-MINIMUM","severity":"warning","line":3,"field":"N_Salaire_Reel","message":"m"}],"totals":{"employees":2,"days":52,"real":1250000,"capped":1200000},"amount_due":{"total":100,"branches":[{"branch":"PS","base":1200000,"rate":1346,"amount":100}]},"acknowledgement_number":"A","payment_reference":"P"}`
	if string(b) != want {
		t.Fatalf("Deposit JSON\n got %s\nwant %s", b, want)
	}
	for _, tc := range []struct {
		v    any
		want string
	}{
		{LoginRequest{"l", "p"}, `{"login":"l","password":"p"}`},
		{Challenge{"c", OTPSMS, "+212 6** ** ** 12", 300}, `{"challenge_id":"c","otp_channel":"sms","otp_destination":"+212 6** ** ** 12","expires_in":300}`},
		{OTPRequest{"c", "123456"}, `{"challenge_id":"c","code":"123456"}`},
		{Session{"t", 900, []Affiliation{{"1234567", "X", RoleMandataire}}}, `{"access_token":"t","expires_in":900,"affiliations":[{"affiliation":"1234567","name":"X","role":"mandataire"}]}`},
		{DepositReceived{"d", StatusReceived, at, "ab"}, `{"deposit_id":"d","status":"received","received_at":"2026-02-03T09:30:00Z","sha256":"ab"}`},
		{New(CodeMaintenance, "m").Body(), `{"error":{"code":"maintenance","message":"m","retryable":true}}`},
	} {
		b, _ := json.Marshal(tc.v)
		if string(b) != tc.want {
			t.Errorf("%T: %s, want %s", tc.v, b, tc.want)
		}
	}
}
