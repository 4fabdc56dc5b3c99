package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/importer"
	"github.com/tasrih/tasrih/internal/keyring/keyringtest"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/credentials"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/tasrih/tasrih/internal/workspace"
)

var subPeriod = domain.Period{Year: 2026, Month: time.October}

const (
	subLogin    = "fiduciaire"
	subPassword = "mot-de-passe-de-test"
)

// subEnv is a data folder with a vault and a store, and a sandbox platform
// whose one-time codes are typed on the command's standard input.
type subEnv struct {
	t    *testing.T
	dir  string
	srv  *sandbox.Server
	base string
	otps chan string // codes sent by the sandbox
	kr   *keyringtest.Fake
}

func subAff(i int) string { return decltest.Affiliation(610000 + i) }

func newSubEnv(t *testing.T, employers int) *subEnv {
	t.Helper()
	vault.UseCheapKDFForTests(t)
	e := &subEnv{t: t, dir: t.TempDir(), otps: make(chan string, 16), kr: keyringtest.New()}
	old := platformKeyring
	platformKeyring = e.kr
	t.Cleanup(func() { platformKeyring = old })
	if code, o, er := runWith(t, map[string]string{envPassphrase: testPass}, "", "vault", "init", "--data", e.dir); code != ExitOK {
		t.Fatalf("vault init: %s %s", o, er)
	}
	seed := &sandbox.Seed{Version: sandbox.SeedVersion, ProcessingDelay: 0, TokenTTL: time.Hour, Preetablis: map[string][]byte{}}
	acc := sandbox.Account{Login: subLogin, Password: subPassword, OTPChannel: api.OTPSMS, OTPDestination: "+212600000099"}
	for i := 0; i < employers; i++ {
		seed.Employers = append(seed.Employers, sandbox.Employer{Affiliation: subAff(i), Name: "SOCIETE CLI", Employees: 3})
		acc.Mandates = append(acc.Mandates, sandbox.Mandate{Affiliation: subAff(i), Role: api.RoleEmployer})
		seed.Preetablis[subAff(i)+"/"+subPeriod.String()] = decltest.PreetabliBytes(subAff(i), subPeriod, 3, uint64(i+1))
	}
	seed.Accounts = []sandbox.Account{acc}
	srv, err := sandbox.New(sandbox.Options{Dir: t.TempDir(), Key: bytes.Repeat([]byte{4}, sandbox.KeySize), Seed: seed, RNGSeed: 5,
		OnOTP: func(m sandbox.InboxMessage) { e.otps <- m.Code }})
	if err != nil {
		t.Fatal(err)
	}
	e.base, err = srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e.srv = srv
	t.Cleanup(func() { srv.Close() })
	return e
}

// withStore opens the workspace (the command must not be running).
func (e *subEnv) withStore(fn func(st *store.Store)) {
	e.t.Helper()
	v, err := vault.Open(e.dir, vault.Options{})
	if err != nil {
		e.t.Fatal(err)
	}
	u, err := v.UnlockPassphrase(testPass)
	if err != nil {
		e.t.Fatal(err)
	}
	ws, err := workspace.Open(e.dir, u, store.Options{})
	if err != nil {
		e.t.Fatal(err)
	}
	defer ws.Close()
	fn(ws.Store)
}

// declare stores employer i with a ready DS built on preRaw.
func (e *subEnv) declare(i int, preRaw []byte, profile domain.PlatformProfile) {
	e.t.Helper()
	pre, rep := declaration.ReadPreetabli(preRaw)
	if !rep.Valid() {
		e.t.Fatal(rep.Findings)
	}
	rows, err := importer.ReadPayroll("paie.csv", bytes.NewReader(decltest.PayrollCSV(&pre.File, 1, 9)))
	if err != nil {
		e.t.Fatal(err)
	}
	res, err := declaration.Build(importer.DeclarationInput(pre, rows, func(l int) string { return fmt.Sprint(l) }))
	if err != nil || res.Bytes == nil {
		e.t.Fatal(err)
	}
	e.withStore(func(st *store.Store) {
		er, err := st.Employers().Create(domain.Employer{Affiliation: subAff(i), Name: "Société CLI", PlatformProfile: profile})
		if err != nil {
			e.t.Fatal(err)
		}
		if _, err := st.Declarations().Create(store.Declaration{EmployerID: er.ID, Period: subPeriod, Kind: store.KindPrincipal,
			Status: store.StatusReady, FileName: res.FileName, Bytes: res.Bytes}); err != nil {
			e.t.Fatal(err)
		}
	})
}

func (e *subEnv) good(i int) []byte {
	return decltest.PreetabliBytes(subAff(i), subPeriod, 3, uint64(i+1))
}

// otpFeed types on standard input: first the given lines, then every code
// the sandbox sends (a wrong one when wrong is set).
type otpFeed struct {
	r     *io.PipeReader
	w     *io.PipeWriter
	wrong bool
	done  chan struct{}
	once  sync.Once
}

func (e *subEnv) feed(wrong bool, first ...string) *otpFeed {
	for drained := false; !drained; { // codes of earlier runs are stale
		select {
		case <-e.otps:
		default:
			drained = true
		}
	}
	r, w := io.Pipe()
	f := &otpFeed{r: r, w: w, wrong: wrong, done: make(chan struct{})}
	go func() {
		for _, s := range first {
			if _, err := io.WriteString(w, s+"\n"); err != nil {
				return
			}
		}
		for {
			select {
			case code := <-e.otps:
				if f.wrong {
					code = "000000"
				}
				for i := 0; i < 3; i++ {
					if _, err := io.WriteString(w, code+"\n"); err != nil {
						return
					}
					if !f.wrong {
						break
					}
				}
			case <-f.done:
				return
			}
		}
	}()
	return f
}

func (f *otpFeed) close() {
	f.once.Do(func() { close(f.done); f.w.Close(); f.r.Close() })
}

// submit runs `tasrih submit` with the standard input fed by f.
func (e *subEnv) submit(f *otpFeed, env map[string]string, args ...string) (int, string, string) {
	e.t.Helper()
	defer f.close()
	full := map[string]string{envPassphrase: testPass}
	for k, v := range env {
		full[k] = v
	}
	var out, errb bytes.Buffer
	code := RunEnv(&Env{Ctx: context.Background(), Args: append([]string{"submit", "--data", e.dir, "--poll", "20ms"}, args...),
		Stdin: f.r, Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return full[k] }})
	return code, out.String(), errb.String()
}

func (e *subEnv) pwEnv() map[string]string {
	return map[string]string{envPlatformPassword: subPassword}
}

func TestSubmitAccepted(t *testing.T) {
	e := newSubEnv(t, 2)
	e.declare(0, e.good(0), "")
	code, out, errs := e.submit(e.feed(false), e.pwEnv(), "--affiliation", subAff(0), "--period", "202610", "--wait",
		"--login", subLogin, "--platform-url", e.base, "--remember-password")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"en file d'attente", "envoi (tentative 1)", "reçue par la plateforme", "acceptée", "accusé de réception n° SBX", "montant dû"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q missing from:\n%s", want, out)
		}
	}
	if strings.Contains(out+errs, subPassword) {
		t.Fatal("the password was printed")
	}
	if got := e.kr.Secrets()[credentials.Service+"/sandbox/"+subLogin]; got != subPassword {
		t.Fatal("--remember-password did not save the password in the keyring")
	}
	// Again: already accepted, nothing sent.
	code, out, _ = e.submit(e.feed(false), nil, "--affiliation", subAff(0), "--period", "202610", "--platform-url", e.base)
	if code != ExitOK || !strings.Contains(out, "déjà acceptée") {
		t.Fatalf("second run: %d\n%s", code, out)
	}

	// Employer 1, without --wait, password and login from the keyring and
	// the store (only the one-time code is typed), messages in English.
	e.declare(1, e.good(1), "")
	code, out, errs = e.submit(e.feed(false), nil, "--affiliation", subAff(1), "--period", "202610", "--platform-url", e.base, "--lang", "en")
	if code != ExitOK || !strings.Contains(out, "Declaration deposited") || strings.Contains(errs, "Password not read") {
		t.Fatalf("no --wait: %d\n%s\n%s", code, out, errs)
	}
	e.withStore(func(st *store.Store) {
		er, _ := st.Employers().FindByAffiliation(subAff(1))
		decls, _ := st.Declarations().List(er.ID, subPeriod)
		subs, _ := st.Submissions().ListByDeclaration(decls[0].ID)
		if len(subs) != 1 || subs[0].DepositID == "" {
			t.Fatalf("%+v", subs)
		}
	})
	// --wait later resumes the same submission.
	code, out, _ = e.submit(e.feed(false), nil, "--affiliation", subAff(1), "--period", "202610", "--platform-url", e.base, "--wait")
	if code != ExitOK || !strings.Contains(out, "(reprise)") || !strings.Contains(out, "acceptée") {
		t.Fatalf("resume: %d\n%s", code, out)
	}
}

func TestSubmitRejected(t *testing.T) {
	e := newSubEnv(t, 1)
	e.declare(0, decltest.PreetabliBytes(subAff(0), subPeriod, 4, 777), "") // not the published préétabli
	code, out, errs := e.submit(e.feed(false), e.pwEnv(), "--affiliation", subAff(0), "--period", "202610", "--wait",
		"--login", subLogin, "--platform-url", e.base)
	if code != ExitFindings || !strings.Contains(out, "rejetée") || !strings.Contains(out, "Compte rendu de contrôle") || !strings.Contains(out, "ERREUR") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	// --resubmit: a new key, rejected again (same file).
	code, out, _ = e.submit(e.feed(false), e.pwEnv(), "--affiliation", subAff(0), "--period", "202610", "--wait",
		"--login", subLogin, "--platform-url", e.base, "--resubmit")
	if code != ExitFindings || !strings.Contains(out, "rejetée") {
		t.Fatalf("resubmit: %d\n%s", code, out)
	}
	e.withStore(func(st *store.Store) {
		er, _ := st.Employers().FindByAffiliation(subAff(0))
		decls, _ := st.Declarations().List(er.ID, subPeriod)
		subs, _ := st.Submissions().ListByDeclaration(decls[0].ID)
		if len(subs) != 2 || subs[0].IdempotencyKey == subs[1].IdempotencyKey {
			t.Fatalf("%d submissions", len(subs))
		}
	})
}

func TestSubmitErrors(t *testing.T) {
	e := newSubEnv(t, 2)
	e.declare(0, e.good(0), "")
	e.declare(1, e.good(1), domain.ProfileManual)
	base := []string{"--affiliation", subAff(0), "--period", "202610", "--login", subLogin, "--platform-url", e.base}
	for _, tc := range []struct {
		name  string
		env   map[string]string
		feed  func() *otpFeed // made in the subtest: one reader of the codes at a time
		args  []string
		wants []string
	}{
		{"wrong password", map[string]string{envPlatformPassword: "faux"}, func() *otpFeed { return e.feed(false) }, base, []string{"identifiant ou mot de passe incorrect"}},
		{"wrong password (ar)", map[string]string{envPlatformPassword: "faux"}, func() *otpFeed { return e.feed(false) }, append([]string{"--lang", "ar"}, base...), []string{"اسم المستخدم أو كلمة المرور غير صحيحة"}},
		{"wrong password (en)", map[string]string{envPlatformPassword: "faux"}, func() *otpFeed { return e.feed(false) }, append([]string{"--lang", "en"}, base...), []string{"wrong login or password"}},
		{"wrong code three times", e.pwEnv(), func() *otpFeed { return e.feed(true) }, base, []string{"code à usage unique incorrect", "a expiré ou a été refusé trop de fois"}},
		{"wrong code from the environment", map[string]string{envPlatformPassword: subPassword, envOTP: "000000"}, func() *otpFeed { return e.feed(false) }, base, []string{"code à usage unique incorrect"}},
		{"no code", e.pwEnv(), func() *otpFeed { return e.feed(false, "") }, base, []string{envOTP}},
		{"insecure URL", e.pwEnv(), func() *otpFeed { return e.feed(false) }, []string{"--affiliation", subAff(0), "--period", "202610", "--platform-url", "http://203.0.113.9:8787"}, []string{"HTTPS obligatoire"}},
		{"no sandbox address", e.pwEnv(), func() *otpFeed { return e.feed(false) }, []string{"--affiliation", subAff(0), "--period", "202610"}, []string{"tasrih sandbox"}},
		{"unknown employer", e.pwEnv(), func() *otpFeed { return e.feed(false) }, []string{"--affiliation", "1234567", "--period", "202610", "--platform-url", e.base}, []string{"aucun employeur"}},
		{"bad affiliation", e.pwEnv(), func() *otpFeed { return e.feed(false) }, []string{"--affiliation", "12", "--period", "202610"}, []string{"7 chiffres"}},
		{"bad period", e.pwEnv(), func() *otpFeed { return e.feed(false) }, []string{"--affiliation", subAff(0), "--period", "2026-10"}, []string{"AAAAMM"}},
		{"manual employer", e.pwEnv(), func() *otpFeed { return e.feed(false) }, []string{"--affiliation", subAff(1), "--period", "202610", "--platform-url", e.base}, []string{"tasrih manual export"}},
		{"nothing to resubmit", e.pwEnv(), func() *otpFeed { return e.feed(false) }, append([]string{"--resubmit"}, base...), []string{"aucune déclaration refusée"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := e.submit(tc.feed(), tc.env, tc.args...)
			if code != ExitUsage {
				t.Fatalf("exit %d\n%s\n%s", code, out, errs)
			}
			for _, w := range tc.wants {
				if !strings.Contains(errs, w) {
					t.Fatalf("%q missing from:\n%s", w, errs)
				}
			}
		})
	}
	// None of these sent anything: the declaration of employer 0 is still
	// queued at most, never sent twice; the insecure URL queued nothing.
	e.withStore(func(st *store.Store) {
		er, _ := st.Employers().FindByAffiliation(subAff(0))
		decls, _ := st.Declarations().List(er.ID, subPeriod)
		subs, _ := st.Submissions().ListByDeclaration(decls[0].ID)
		if len(subs) != 1 || subs[0].Attempts != 0 {
			t.Fatalf("%+v", subs)
		}
	})
	// The keyring does not answer: said, and the password from the environment works.
	e.kr.FailWith(keyringtest.ErrFake)
	code, out, errs := e.submit(e.feed(false, ""), map[string]string{}, append(base, "--wait")...)
	if code != ExitUsage || !strings.Contains(errs, "trousseau du système ne répond pas") {
		t.Fatalf("keyring down, no password: %d\n%s\n%s", code, out, errs)
	}
	e.kr.FailWith(nil)
	code, out, errs = e.submit(e.feed(false), e.pwEnv(), append(base, "--wait")...)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
}

func TestManualCommands(t *testing.T) {
	e := newSubEnv(t, 1)
	e.declare(0, e.good(0), domain.ProfileManual)
	out := t.TempDir()
	env := map[string]string{envPassphrase: testPass}
	code, o, er := runWith(t, env, "", "manual", "export", "--data", e.dir, "--affiliation", subAff(0), "--period", "202610", "--out", out)
	if code != ExitOK || !strings.Contains(o, "https://www.damancom.ma/") || !strings.Contains(o, "tasrih manual record") {
		t.Fatalf("export: %d\n%s\n%s", code, o, er)
	}
	path := filepath.Join(out, "DS_"+subAff(0)+"_202610.txt")
	if b, err := os.ReadFile(path); err != nil || len(b) == 0 {
		t.Fatal(err)
	}
	pdf := filepath.Join(out, "cr.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4\ncompte rendu"), 0o600)
	html := filepath.Join(out, "cr.html")
	os.WriteFile(html, []byte("<html>"), 0o600)
	args := []string{"manual", "record", "--data", e.dir, "--affiliation", subAff(0), "--period", "202610"}
	for _, tc := range []struct {
		extra []string
		want  string
	}{
		{[]string{"--reference", "DAM-1"}, "--reference et --date"},
		{[]string{"--reference", "DAM-1", "--date", "2026-11-05"}, "AAAAMMJJ"},
		{[]string{"--reference", "DAM-1", "--date", "20261005"}, "date du dépôt invalide"},
		{[]string{"--reference", "DAM-1", "--date", "20261105", "--report", html}, "PDF"},
		{[]string{"--reference", "DAM-1", "--date", "20261105", "--report", filepath.Join(out, "absent.pdf")}, "introuvable"},
	} {
		code, o, er := runWith(t, env, "", append(args, tc.extra...)...)
		if code != ExitUsage || !strings.Contains(er, tc.want) {
			t.Errorf("%v: %d\n%s\n%s", tc.extra, code, o, er)
		}
	}
	code, o, er = runWith(t, env, "", append(args, "--reference", "DAM-2026-77", "--date", "20261105", "--payment", "PAY-1", "--report", pdf)...)
	if code != ExitOK || !strings.Contains(o, "DAM-2026-77") || !strings.Contains(o, "compte rendu de contrôle joint") {
		t.Fatalf("record: %d\n%s\n%s", code, o, er)
	}
	e.withStore(func(st *store.Store) {
		er, _ := st.Employers().FindByAffiliation(subAff(0))
		decls, _ := st.Declarations().List(er.ID, subPeriod)
		if decls[0].Status != store.StatusManual {
			t.Fatal(decls[0].Status)
		}
		md, err := st.ManualDeposits().Get(decls[0].ID)
		if err != nil || md.PaymentReference != "PAY-1" || !bytes.HasPrefix(md.ControlReportPDF, []byte("%PDF-")) {
			t.Fatal(err)
		}
	})
	if code, _, er := runWith(t, env, "", "manual", "bogus"); code != ExitUsage || !strings.Contains(er, "export ou record") {
		t.Fatal(er)
	}
	if code, _, er := runWith(t, env, "", "manual", "export", "--data", e.dir, "--affiliation", "7654321", "--period", "202610"); code != ExitUsage || !strings.Contains(er, "aucun employeur") {
		t.Fatal(er)
	}
}
