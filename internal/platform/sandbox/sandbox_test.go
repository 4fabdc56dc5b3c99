package sandbox

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
)

var (
	affDemo  = decltest.Affiliation(123456) // demo, employer
	affDemo2 = decltest.Affiliation(200001) // demo, mandataire
	affOther = decltest.Affiliation(400003) // demo2 only
)

func TestEndToEndAccepted(t *testing.T) {
	clk := newClock()
	e := start(t, Options{Now: clk.Now})
	ctx := context.Background()
	sess := e.login(t, DemoLogin, DemoPassword)
	if len(sess.Affiliations) != 3 || sess.ExpiresIn != 900 || e.c.Token() == "" {
		t.Fatalf("session: %+v", sess)
	}
	affs, err := e.c.Affiliations(ctx)
	if err != nil || !slices.Equal(affs, sess.Affiliations) || affs[0] != (api.Affiliation{Affiliation: affDemo, Name: "ATLAS DEMO SARL", Role: api.RoleEmployer}) {
		t.Fatalf("affiliations: %+v %v", affs, err)
	}
	pre, err := e.c.Preetabli(ctx, affDemo, testPeriod)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := e.c.Preetabli(ctx, affDemo, testPeriod)
	if !bytes.Equal(pre, again) {
		t.Fatal("the published préétabli changed")
	}
	res := buildDS(t, pre, 3, 1)
	key := newKey()
	rec, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, key, res.Bytes)
	if err != nil || rec.Status != api.StatusReceived || rec.SHA256 != res.SHA256 || !rec.ReceivedAt.Equal(clk.Now()) {
		t.Fatalf("deposit: %+v %v", rec, err)
	}
	wantStatus := func(want api.Status) api.Deposit {
		t.Helper()
		d, err := e.c.GetDeposit(ctx, rec.DepositID)
		if err != nil || d.Status != want {
			t.Fatalf("status %s, want %s (%v)", d.Status, want, err)
		}
		return d
	}
	d := wantStatus(api.StatusReceived)
	if d.ProcessedAt != nil || d.Totals != nil || d.AcknowledgementNumber != "" {
		t.Fatalf("received deposit has a verdict: %+v", d)
	}
	clk.Advance(time.Second)
	wantStatus(api.StatusProcessing)
	clk.Advance(time.Second)
	d = wantStatus(api.StatusAccepted)

	g := res.Decl.GrandTotals
	if *d.Totals != (api.Totals{Employees: g.Count, Days: g.Days, Real: g.Real, Capped: g.Capped}) {
		t.Fatalf("totals %+v, want %+v", d.Totals, g)
	}
	if d.AmountDue.Total != res.Estimate.Total || len(d.AmountDue.Branches) != len(res.Estimate.Branches) {
		t.Fatalf("amount due %+v, estimate %+v", d.AmountDue, res.Estimate)
	}
	var sum domain.Money
	for i, b := range d.AmountDue.Branches {
		eb := res.Estimate.Branches[i]
		if b.Branch != eb.Branch || b.Base != eb.Base || b.Rate != eb.EmployerRate+eb.EmployeeRate || b.Amount != eb.Employer+eb.Employee {
			t.Errorf("branch %+v, estimate %+v", b, eb)
		}
		sum += b.Amount
	}
	if sum != d.AmountDue.Total || d.AmountDue.Total <= 0 {
		t.Fatalf("branches sum %v, total %v", sum, d.AmountDue.Total)
	}
	if !strings.HasPrefix(d.AcknowledgementNumber, "SBX-202602-") || !strings.HasPrefix(d.PaymentReference, "SBX"+affDemo+"202602") ||
		d.ProcessedAt == nil || d.Kind != api.KindPrincipal || d.Affiliation != affDemo || d.Period != testPeriod {
		t.Fatalf("verdict: %+v", d)
	}
	for _, it := range d.ControlReport {
		if it.Severity != api.SeverityWarning {
			t.Fatalf("accepted with a blocking item %+v", it)
		}
	}

	// A complementary declaration after the accepted principal one.
	dsc := buildDSC(t, pre, 1, 2)
	crec, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindComplementary, 1, newKey(), dsc.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(2 * time.Second)
	cd, err := e.c.GetDeposit(ctx, crec.DepositID)
	if err != nil || cd.Status != api.StatusAccepted || cd.Totals.Employees != 2 || cd.Sequence != 1 || cd.AcknowledgementNumber == d.AcknowledgementNumber {
		t.Fatalf("complementary: %+v %v", cd, err)
	}
	list, err := e.c.ListDeposits(ctx, affDemo, testPeriod)
	if err != nil || len(list) != 2 || list[0].DepositID != rec.DepositID || list[1].DepositID != crec.DepositID {
		t.Fatalf("list: %+v %v", list, err)
	}
	if other, _ := e.c.ListDeposits(ctx, affDemo, testPeriod.Prev()); len(other) != 0 {
		t.Fatalf("other period listed: %+v", other)
	}

	// The log holds no secret and no file content.
	log := e.log.String()
	last, _ := decltest.Name(0)
	for _, secret := range []string{DemoPassword + `"`, e.c.Token(), e.lastSent(t, DemoLogin), last, res.Decl.Lines[0].Immat} {
		if strings.Contains(log, secret) {
			t.Errorf("the log contains a secret or personal data (%d bytes long)", len(secret))
		}
	}
	if !strings.Contains(log, "path=/v1/deposits/"+rec.DepositID) {
		t.Errorf("no access log line")
	}
}

func TestWorkerProcessesWithoutPolling(t *testing.T) {
	// Real clock, no delay: the worker alone moves the deposit to its verdict.
	seed := DemoSeed()
	seed.ProcessingDelay = 0
	e := start(t, Options{Seed: seed, Now: time.Now})
	e.login(t, DemoLogin, DemoPassword)
	ctx := context.Background()
	pre, _ := e.c.Preetabli(ctx, affDemo2, testPeriod)
	rec, err := e.c.Deposit(ctx, affDemo2, testPeriod, api.KindPrincipal, 0, newKey(), buildDS(t, pre, 1, 2).Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Status != api.StatusReceived {
		t.Fatalf("202 status %s", rec.Status)
	}
	final := waitFinal(t, e, rec.DepositID)
	if final.Status != api.StatusAccepted {
		t.Fatalf("%+v", final)
	}
}

// waitFinal waits for the worker (not the lazy path of GET: it reads the
// store directly) to reach a verdict.
func waitFinal(t testing.TB, e *env, id string) api.Deposit {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var rec depositRecord
		err := e.srv.db.View(func(txn *badgerTxn) error { _, err := getJSON(txn, kDeposit(id), &rec); return err })
		if err != nil {
			t.Fatal(err)
		}
		if rec.Status.Final() {
			return rec.Deposit
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the worker never processed the deposit")
	return api.Deposit{}
}

func TestRejectedThenNewPrincipal(t *testing.T) {
	clk := newClock()
	e := start(t, Options{Now: clk.Now})
	e.login(t, DemoLogin, DemoPassword)
	ctx := context.Background()
	pre, _ := e.c.Preetabli(ctx, affDemo, testPeriod)
	res := buildDS(t, pre, 2, 3)

	// Break the control sum of the first B02 line: CTR-LINE and CTR-TOTALS.
	bad := bytes.Clone(res.Bytes)
	line3 := bytes.SplitAfter(bad, []byte("\n"))[2]
	if string(line3[:3]) != "B02" {
		t.Fatal("line 3 is not a B02")
	}
	off := 2*(cnssfile.RecordLen+1) + 155 // last digit of S_Ctr
	bad[off] = '0' + (bad[off]-'0'+1)%10
	rec, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, newKey(), bad)
	if err != nil {
		t.Fatal(err)
	}
	// While it is received or processing, a second principal is already_declared.
	if _, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, newKey(), res.Bytes); api.CodeOf(err) != api.CodeAlreadyDeclared {
		t.Fatalf("second principal while the first is received: %v", err)
	}
	clk.Advance(2 * time.Second)
	d, err := e.c.GetDeposit(ctx, rec.DepositID)
	if err != nil || d.Status != api.StatusRejected || d.Totals != nil || d.AmountDue != nil || d.AcknowledgementNumber != "" {
		t.Fatalf("rejected: %+v %v", d, err)
	}
	var ctr *api.ControlItem
	for i, it := range d.ControlReport {
		if it.Rule == declaration.CtrLine {
			ctr = &d.ControlReport[i]
		}
	}
	if ctr == nil || ctr.Severity != api.SeverityError || ctr.Line != 3 || ctr.Field != "S_Ctr" || ctr.Message == "" {
		t.Fatalf("control report: %+v", d.ControlReport)
	}
	// After a definitive rejection, a new principal declaration is allowed.
	rec2, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, newKey(), res.Bytes)
	if err != nil || rec2.DepositID == rec.DepositID {
		t.Fatalf("new principal after rejection: %v", err)
	}
	clk.Advance(2 * time.Second)
	if d2, _ := e.c.GetDeposit(ctx, rec2.DepositID); d2.Status != api.StatusAccepted {
		t.Fatalf("second principal: %+v", d2)
	}
}

func TestIntakeMismatchRejected(t *testing.T) {
	clk := newClock()
	e := start(t, Options{Now: clk.Now})
	e.login(t, DemoLogin, DemoPassword)
	ctx := context.Background()
	pre, _ := e.c.Preetabli(ctx, affDemo, testPeriod)
	ds := buildDS(t, pre, 0, 4).Bytes
	// The file of affDemo deposited for affDemo2: rejected with HDR-CONSISTENCY.
	rec, err := e.c.Deposit(ctx, affDemo2, testPeriod, api.KindPrincipal, 0, newKey(), ds)
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(2 * time.Second)
	d, _ := e.c.GetDeposit(ctx, rec.DepositID)
	if d.Status != api.StatusRejected || !hasRule(d, declaration.HdrConsistency) {
		t.Fatalf("%+v", d)
	}
}

func hasRule(d api.Deposit, rule string) bool {
	for _, it := range d.ControlReport {
		if it.Rule == rule {
			return true
		}
	}
	return false
}

func TestIdempotencyAndOrderRules(t *testing.T) {
	clk := newClock()
	e := start(t, Options{Now: clk.Now})
	e.login(t, DemoLogin, DemoPassword)
	ctx := context.Background()
	pre, _ := e.c.Preetabli(ctx, affDemo, testPeriod)
	ds := buildDS(t, pre, 1, 5)
	dsc := buildDSC(t, pre, 1, 1)

	// Complementary before any principal.
	_, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindComplementary, 1, newKey(), dsc.Bytes)
	if api.CodeOf(err) != api.CodePrincipalMissing || api.IsRetryable(err) {
		t.Fatalf("principal_missing: %v", err)
	}
	if msg := i18n.Message(err, i18n.EN); !strings.Contains(msg, "principal declaration") {
		t.Fatalf("message: %q", msg)
	}

	key := newKey()
	first, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, key, ds.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	h.Set("Authorization", "Bearer "+e.c.Token())
	h.Set(api.HeaderIdempotencyKey, key)
	h.Set(api.HeaderContentSHA256, ds.SHA256)
	u := e.base + "/v1/affiliations/" + affDemo + "/periods/202602/declarations?kind=principal&sequence=0"
	if st, _, _ := rawCall(t, "POST", u, h, ds.Bytes); st != http.StatusOK {
		t.Fatalf("replay answered %d, want 200", st)
	}
	replay, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, key, ds.Bytes)
	if err != nil || replay.DepositID != first.DepositID || !replay.ReceivedAt.Equal(first.ReceivedAt) {
		t.Fatalf("replay: %+v %v", replay, err)
	}
	// The same key with other bytes.
	other := buildDS(t, pre, 2, 6)
	if _, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, key, other.Bytes); api.CodeOf(err) != api.CodeIdempotencyConflict {
		t.Fatalf("conflict: %v", err)
	}
	// The same key for another affiliation.
	if _, err := e.c.Deposit(ctx, affDemo2, testPeriod, api.KindPrincipal, 0, key, ds.Bytes); api.CodeOf(err) != api.CodeIdempotencyConflict {
		t.Fatalf("conflict across affiliations: %v", err)
	}
	// Another key, same period: already declared.
	if _, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, newKey(), ds.Bytes); api.CodeOf(err) != api.CodeAlreadyDeclared {
		t.Fatalf("already_declared: %v", err)
	}
	// A complementary while the principal is only received: allowed.
	c1, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindComplementary, 1, newKey(), dsc.Bytes)
	if err != nil {
		t.Fatalf("DSC1 after a received principal: %v", err)
	}
	if _, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindComplementary, 1, newKey(), dsc.Bytes); api.CodeOf(err) != api.CodeAlreadyDeclared {
		t.Fatalf("second DSC1: %v", err)
	}
	clk.Advance(3 * time.Second)
	if d, _ := e.c.GetDeposit(ctx, c1.DepositID); d.Status != api.StatusAccepted {
		t.Fatalf("DSC1: %+v", d)
	}
	// Still already declared once accepted.
	if _, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, newKey(), ds.Bytes); api.CodeOf(err) != api.CodeAlreadyDeclared {
		t.Fatalf("already_declared after acceptance: %v", err)
	}
}

func TestLoginErrors(t *testing.T) {
	clk := newClock()
	e := start(t, Options{Now: clk.Now})
	ctx := context.Background()
	_, err := e.c.Login(ctx, DemoLogin, "wrong")
	if api.CodeOf(err) != api.CodeInvalidCredentials || api.IsRetryable(err) {
		t.Fatalf("wrong password: %v", err)
	}
	for l, want := range map[i18n.Lang]string{
		i18n.FR: "identifiant ou mot de passe incorrect",
		i18n.AR: "اسم المستخدم أو كلمة المرور غير صحيحة",
		i18n.EN: "wrong login or password",
	} {
		if got := i18n.Message(err, l); got != want {
			t.Errorf("%s: %q", l, got)
		}
	}
	if i18n.Code(err) != "platform.invalid_credentials" {
		t.Fatalf("code %q", i18n.Code(err))
	}
	for i := 2; i < MaxPasswordFailures; i++ {
		if _, err := e.c.Login(ctx, DemoLogin, "wrong"); api.CodeOf(err) != api.CodeInvalidCredentials {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	_, err = e.c.Login(ctx, DemoLogin, "wrong")
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Code != api.CodeTooManyAttempts || ae.Status != 429 || ae.RetryAfter != LockoutDuration || !ae.Retryable {
		t.Fatalf("lockout: %+v", err)
	}
	clk.Advance(30 * time.Second)
	_, err = e.c.Login(ctx, DemoLogin, DemoPassword)
	if api.CodeOf(err) != api.CodeTooManyAttempts || api.RetryAfter(err) != 30*time.Second {
		t.Fatalf("right password while locked: %v", err)
	}
	if !strings.Contains(i18n.Message(err, i18n.FR), "30 s") {
		t.Fatalf("message: %q", i18n.Message(err, i18n.FR))
	}
	clk.Advance(30 * time.Second)
	e.login(t, DemoLogin, DemoPassword)
	// Unknown logins answer like a wrong password.
	if _, err := e.c.Login(ctx, "nobody", "x"); api.CodeOf(err) != api.CodeInvalidCredentials {
		t.Fatalf("unknown login: %v", err)
	}
	if msgs := e.inbox(t, "nobody"); len(msgs) != 0 {
		t.Fatal("inbox of an unknown login")
	}
}

func TestOTPErrors(t *testing.T) {
	clk := newClock()
	e := start(t, Options{Now: clk.Now})
	ctx := context.Background()
	ch, err := e.c.Login(ctx, DemoLogin2, DemoPassword2)
	if err != nil || ch.OTPChannel != api.OTPEmail || ch.OTPDestination != "c********@exemple.ma" || ch.ExpiresIn != 300 {
		t.Fatalf("challenge: %+v %v", ch, err)
	}
	code := e.inbox(t, DemoLogin2)[0].Code
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		t.Fatalf("OTP %q", code)
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	for i := 1; i <= 2; i++ {
		if _, err := e.c.VerifyOTP(ctx, ch.ChallengeID, wrong); api.CodeOf(err) != api.CodeInvalidOTP {
			t.Fatalf("wrong OTP %d: %v", i, err)
		}
	}
	if _, err := e.c.VerifyOTP(ctx, ch.ChallengeID, wrong); api.CodeOf(err) != api.CodeChallengeExpired {
		t.Fatalf("third wrong OTP: %v", err)
	}
	if _, err := e.c.VerifyOTP(ctx, ch.ChallengeID, code); api.CodeOf(err) != api.CodeChallengeExpired {
		t.Fatalf("right OTP on a dead challenge: %v", err)
	}
	if e.c.Token() != "" {
		t.Fatal("token set by a failed OTP")
	}
	// A challenge expires after 5 minutes; a used one cannot be reused.
	ch, _ = e.c.Login(ctx, DemoLogin2, DemoPassword2)
	clk.Advance(ChallengeTTL)
	if n := len(e.inbox(t, DemoLogin2)); n != 0 {
		t.Fatalf("the inbox shows %d expired codes", n)
	}
	if _, err := e.c.VerifyOTP(ctx, ch.ChallengeID, e.lastSent(t, DemoLogin2)); api.CodeOf(err) != api.CodeChallengeExpired {
		t.Fatalf("late OTP: %v", err)
	}
	ch, _ = e.c.Login(ctx, DemoLogin2, DemoPassword2)
	code = e.inbox(t, DemoLogin2)[0].Code
	if _, err := e.c.VerifyOTP(ctx, ch.ChallengeID, code); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.VerifyOTP(ctx, ch.ChallengeID, code); api.CodeOf(err) != api.CodeChallengeExpired {
		t.Fatalf("OTP reused: %v", err)
	}
	// Used, dead and expired codes are not shown: the inbox only holds the
	// live code.
	if n := len(e.inbox(t, DemoLogin2)); n != 0 {
		t.Fatalf("inbox shows %d used or dead codes", n)
	}
	ch, _ = e.c.Login(ctx, DemoLogin2, DemoPassword2)
	if msgs := e.inbox(t, DemoLogin2); len(msgs) != 1 || msgs[0].ChallengeID != ch.ChallengeID {
		t.Fatalf("inbox %+v, want the live code only", msgs)
	}
}

func TestMandatesAndPeriods(t *testing.T) {
	clk := newClock()
	e := start(t, Options{Now: clk.Now})
	ctx := context.Background()
	// No session yet.
	if _, err := e.c.Affiliations(ctx); api.CodeOf(err) != api.CodeTokenExpired {
		t.Fatalf("no token: %v", err)
	}
	e.login(t, DemoLogin, DemoPassword)
	for _, tc := range []struct {
		aff  string
		per  domain.Period
		code api.Code
	}{
		{affOther, testPeriod, api.CodeNotMandated},
		{"7654321", testPeriod, api.CodeUnknownAffiliation},
		{"12", testPeriod, api.CodeUnknownAffiliation},
		{affDemo, domain.NewPeriod(2026, 4), api.CodeNotPublished},
		{affDemo, domain.NewPeriod(2020, 1), api.CodeNotPublished},
		{affDemo, domain.NewPeriod(2026, 3), ""},
	} {
		_, err := e.c.Preetabli(ctx, tc.aff, tc.per)
		if api.CodeOf(err) != tc.code {
			t.Errorf("préétabli %s %s: %v, want %s", tc.aff, tc.per, err, tc.code)
		}
		_, err = e.c.Deposit(ctx, tc.aff, tc.per, api.KindPrincipal, 0, newKey(), []byte("x"))
		if want := tc.code; want != "" && api.CodeOf(err) != want {
			t.Errorf("deposit %s %s: %v, want %s", tc.aff, tc.per, err, want)
		}
	}
	if _, err := e.c.ListDeposits(ctx, affOther, testPeriod); api.CodeOf(err) != api.CodeNotMandated {
		t.Fatalf("list: %v", err)
	}
	// demo2 cannot see demo's deposit.
	pre, _ := e.c.Preetabli(ctx, affDemo, testPeriod)
	rec, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, newKey(), buildDS(t, pre, 0, 7).Bytes)
	if err != nil {
		t.Fatal(err)
	}
	e.login(t, DemoLogin2, DemoPassword2)
	if _, err := e.c.GetDeposit(ctx, rec.DepositID); api.CodeOf(err) != api.CodeNotFound {
		t.Fatalf("other account's deposit: %v", err)
	}
	if _, err := e.c.GetDeposit(ctx, "not-a-deposit"); api.CodeOf(err) != api.CodeNotFound {
		t.Fatalf("unknown deposit: %v", err)
	}
}

func TestTokenExpiry(t *testing.T) {
	clk := newClock()
	seed := DemoSeed()
	seed.TokenTTL = time.Minute
	e := start(t, Options{Now: clk.Now, Seed: seed})
	s := e.login(t, DemoLogin, DemoPassword)
	if s.ExpiresIn != 60 {
		t.Fatalf("expires_in %d", s.ExpiresIn)
	}
	ctx := context.Background()
	clk.Advance(59 * time.Second)
	if _, err := e.c.Affiliations(ctx); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Second)
	_, err := e.c.Affiliations(ctx)
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Code != api.CodeTokenExpired || ae.Status != 401 || ae.Retryable {
		t.Fatalf("expired: %+v", err)
	}
	if !strings.Contains(i18n.Message(err, i18n.EN), "log in again") {
		t.Fatalf("message %q", i18n.Message(err, i18n.EN))
	}
	e.c.SetToken("forged")
	if _, err := e.c.Affiliations(ctx); api.CodeOf(err) != api.CodeTokenExpired {
		t.Fatalf("forged token: %v", err)
	}
}

func TestFaults(t *testing.T) {
	t.Run("maintenance", func(t *testing.T) {
		clk := newClock()
		w := Window{From: clk.Now().Add(time.Hour), To: clk.Now().Add(time.Hour + 90*time.Second)}
		e := start(t, Options{Now: clk.Now, Faults: Faults{Maintenance: Maintenance{Every: time.Minute, For: 10 * time.Second, Windows: []Window{w}}}})
		ctx := context.Background()
		_, err := e.c.Login(ctx, DemoLogin, DemoPassword)
		var ae *api.Error
		if !errors.As(err, &ae) || ae.Code != api.CodeMaintenance || ae.Status != 503 || ae.RetryAfter != 10*time.Second || !api.IsRetryable(err) {
			t.Fatalf("maintenance: %+v", err)
		}
		if got := i18n.Message(err, i18n.FR); got != "la plateforme est en maintenance : nouvel essai possible dans 10 s" {
			t.Fatalf("message %q", got)
		}
		// The inbox stays reachable.
		e.inbox(t, DemoLogin)
		clk.Advance(4 * time.Second)
		if _, err := e.c.Login(ctx, DemoLogin, DemoPassword); api.RetryAfter(err) != 6*time.Second {
			t.Fatalf("retry-after after 4 s: %v", err)
		}
		clk.Advance(6 * time.Second)
		e.login(t, DemoLogin, DemoPassword)
		clk.Advance(time.Hour - 10*time.Second + 30*time.Second) // inside the explicit window, outside the periodic one
		if _, err := e.c.Affiliations(ctx); api.CodeOf(err) != api.CodeMaintenance || api.RetryAfter(err) != 60*time.Second {
			t.Fatalf("explicit window: %v", err)
		}
	})
	// SetFaults takes a running platform down and brings it back (the
	// desktop dev build's switch); a malformed setting is refused and the
	// current one kept.
	t.Run("set-faults", func(t *testing.T) {
		e := start(t, Options{})
		ctx := context.Background()
		e.login(t, DemoLogin, DemoPassword)
		if err := e.srv.SetFaults(Faults{FailRate: 1}); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			if _, err := e.c.Affiliations(ctx); api.CodeOf(err) != api.CodeInternal || !api.IsRetryable(err) {
				t.Fatalf("down: %v", err)
			}
		}
		if err := e.srv.SetFaults(Faults{FailRate: 2}); i18n.Code(err) != CodeFault {
			t.Fatalf("rate 2 accepted: %v", err)
		}
		if _, err := e.c.Affiliations(ctx); api.CodeOf(err) != api.CodeInternal {
			t.Fatalf("a refused setting replaced the current one: %v", err)
		}
		if err := e.srv.SetFaults(Faults{}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.c.Affiliations(ctx); err != nil {
			t.Fatalf("back: %v", err)
		}
	})
	t.Run("fail-rate", func(t *testing.T) {
		e := start(t, Options{Faults: Faults{FailRate: 0.5}, RNGSeed: 7})
		fails := 0
		for i := 0; i < 40; i++ {
			_, err := e.c.Login(context.Background(), DemoLogin, DemoPassword)
			switch {
			case err == nil:
			case api.CodeOf(err) == api.CodeInternal && api.IsRetryable(err):
				fails++
			default:
				t.Fatalf("unexpected %v", err)
			}
		}
		if fails < 8 || fails > 32 {
			t.Fatalf("%d failures out of 40 at rate 0.5", fails)
		}
	})
	t.Run("drop-after-commit", func(t *testing.T) {
		clk := newClock()
		e := start(t, Options{Now: clk.Now, Faults: Faults{DropAfterCommit: 0.6}, RNGSeed: 3})
		e.login(t, DemoLogin, DemoPassword)
		ctx := context.Background()
		pre, _ := e.c.Preetabli(ctx, affDemo, testPeriod)
		ds := buildDS(t, pre, 0, 8).Bytes
		key := newKey()
		var rec api.DepositReceived
		drops := 0
		for {
			r, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, key, ds)
			if err == nil {
				rec = r
				break
			}
			if api.CodeOf(err) != api.CodeNetwork || !api.IsRetryable(err) {
				t.Fatalf("drop: %v", err)
			}
			drops++
			if drops > 50 {
				t.Fatal("never answered")
			}
		}
		if drops == 0 {
			t.Fatal("no drop with this RNG seed")
		}
		list, _ := e.c.ListDeposits(ctx, affDemo, testPeriod)
		if len(list) != 1 || list[0].DepositID != rec.DepositID {
			t.Fatalf("retries after drops made %d deposits", len(list))
		}
	})
	t.Run("latency", func(t *testing.T) {
		e := start(t, Options{Faults: Faults{Latency: 30 * time.Millisecond, Jitter: 10 * time.Millisecond}})
		t0 := time.Now()
		e.c.Login(context.Background(), DemoLogin, DemoPassword)
		if d := time.Since(t0); d < 30*time.Millisecond {
			t.Fatalf("answered in %v", d)
		}
	})
	t.Run("bad settings", func(t *testing.T) {
		for _, f := range []Faults{{FailRate: 1.5}, {DropAfterCommit: -0.1}, {Latency: -1}, {Maintenance: Maintenance{Every: time.Second, For: time.Second}}, {Maintenance: Maintenance{For: time.Second}}} {
			if _, err := New(Options{Dir: t.TempDir(), Key: testKey, Faults: f}); i18n.Code(err) != CodeFault {
				t.Errorf("%+v: %v", f, err)
			}
		}
		for _, s := range []string{"10s", "60s/10s", "x/1m", "0s/1m", "10s/10s"} {
			if _, err := ParseMaintenance(s); i18n.Code(err) != CodeFault {
				t.Errorf("ParseMaintenance(%q): %v", s, err)
			}
		}
		if m, err := ParseMaintenance("10s/60s"); err != nil || m.For != 10*time.Second || m.Every != time.Minute {
			t.Errorf("ParseMaintenance: %+v %v", m, err)
		}
		if w, err := ParseWindow("2026-02-01T10:00:00Z/15m"); err != nil || w.To.Sub(w.From) != 15*time.Minute {
			t.Errorf("ParseWindow: %+v %v", w, err)
		}
		if _, err := ParseWindow("tomorrow/15m"); i18n.Code(err) != CodeFault {
			t.Errorf("ParseWindow: %v", err)
		}
	})
}

// A key names one deposit whichever account sends it: a colleague mandated
// for the same employer who repeats the call (same key, same bytes) gets the
// deposit already made, not a new one nor already_declared.
func TestIdempotencyKeyAcrossLogins(t *testing.T) {
	seed := DemoSeed()
	seed.Accounts = append(seed.Accounts, Account{Login: "collegue", Password: "un-autre-mot-de-passe", OTPChannel: api.OTPSMS,
		OTPDestination: "+212600000043", Mandates: []Mandate{{affDemo2, api.RoleMandataire}}})
	e := start(t, Options{Seed: seed, Now: time.Now})
	e.login(t, DemoLogin, DemoPassword)
	ctx := context.Background()
	pre, _ := e.c.Preetabli(ctx, affDemo2, testPeriod)
	ds := buildDS(t, pre, 1, 2)
	key := newKey()
	first, err := e.c.Deposit(ctx, affDemo2, testPeriod, api.KindPrincipal, 0, key, ds.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	e.login(t, "collegue", "un-autre-mot-de-passe")
	again, err := e.c.Deposit(ctx, affDemo2, testPeriod, api.KindPrincipal, 0, key, ds.Bytes)
	if err != nil || again.DepositID != first.DepositID {
		t.Fatalf("the colleague's repeat: %+v %v (first %s)", again, err, first.DepositID)
	}
	deps, err := e.c.ListDeposits(ctx, affDemo2, testPeriod)
	if err != nil || len(deps) != 1 {
		t.Fatalf("deposits %+v %v", deps, err)
	}
}

// TestRejectFault: while Faults.Reject is set every deposit is rejected, with
// the control-report item that says why; once lifted, the same file sent
// again under a new key (the resubmission after a rejection) is accepted.
func TestRejectFault(t *testing.T) {
	seed := DemoSeed()
	seed.ProcessingDelay = 0
	e := start(t, Options{Seed: seed, Now: time.Now})
	e.login(t, DemoLogin, DemoPassword)
	ctx := context.Background()
	pre, _ := e.c.Preetabli(ctx, affDemo2, testPeriod)
	ds := buildDS(t, pre, 1, 2).Bytes
	if err := e.srv.SetFaults(Faults{Reject: true}); err != nil {
		t.Fatal(err)
	}
	rec, err := e.c.Deposit(ctx, affDemo2, testPeriod, api.KindPrincipal, 0, newKey(), ds)
	if err != nil {
		t.Fatal(err)
	}
	got := waitFinal(t, e, rec.DepositID)
	if got.Status != api.StatusRejected || len(got.ControlReport) == 0 {
		t.Fatalf("with Reject: %s, %d control items", got.Status, len(got.ControlReport))
	}
	last := got.ControlReport[len(got.ControlReport)-1]
	if last.Rule != RuleReject || last.Severity != api.Severity(declaration.Error) || !strings.Contains(last.Message, "bac à sable") {
		t.Fatalf("control item %+v", last)
	}
	if got.AcknowledgementNumber != "" {
		t.Fatal("a rejected deposit has an acknowledgement number")
	}
	if err := e.srv.SetFaults(Faults{}); err != nil {
		t.Fatal(err)
	}
	rec2, err := e.c.Deposit(ctx, affDemo2, testPeriod, api.KindPrincipal, 0, newKey(), ds)
	if err != nil {
		t.Fatalf("resubmission after the rejection: %v", err)
	}
	if got := waitFinal(t, e, rec2.DepositID); got.Status != api.StatusAccepted {
		t.Fatalf("after the setting is lifted: %s %+v", got.Status, got.ControlReport)
	}
}
