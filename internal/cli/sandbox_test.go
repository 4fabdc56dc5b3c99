package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/importer"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
)

type lockedBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type sandboxRun struct {
	cancel         context.CancelFunc
	done           chan int
	stdout, stderr *lockedBuf
	base           string
}

// startSandboxCmd runs `tasrih sandbox` until stop, and waits for its address.
func startSandboxCmd(t *testing.T, args ...string) *sandboxRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &sandboxRun{cancel: cancel, done: make(chan int, 1), stdout: &lockedBuf{}, stderr: &lockedBuf{}}
	go func() {
		r.done <- RunEnv(&Env{Ctx: ctx, Args: append([]string{"sandbox", "--addr", "127.0.0.1:0"}, args...), Stdin: strings.NewReader(""),
			Stdout: r.stdout, Stderr: r.stderr, Getenv: func(string) string { return "" }})
	}()
	re := regexp.MustCompile(`(?:Adresse :|Address:) (http://127\.0\.0\.1:\d+)`)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(r.stdout.String()); m != nil {
			r.base = m[1]
			t.Cleanup(func() { r.stop(t) })
			return r
		}
		select {
		case code := <-r.done:
			t.Fatalf("sandbox exited %d\n%s\n%s", code, r.stdout, r.stderr)
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	t.Fatal("the sandbox never printed its address")
	return nil
}

func (r *sandboxRun) stop(t *testing.T) int {
	r.cancel()
	select {
	case code := <-r.done:
		r.done <- code // a second stop sees it too
		return code
	case <-time.After(30 * time.Second):
		t.Fatal("the sandbox did not stop on cancellation")
		return -1
	}
}

func TestSandboxCommand(t *testing.T) {
	dir := t.TempDir()
	r := startSandboxCmd(t, "--data", dir, "--delay", "0s", "--token-ttl", "1h", "--rng-seed", "5", "--maintenance-at", "2001-01-01T00:00:00Z/1m")
	out := r.stdout.String()
	for _, want := range []string{"AUCUNE VALEUR LÉGALE", "identifiant demo, mot de passe demo", "1234567", dir + "/sandbox.key",
		r.base + "/sandbox/v1/inbox?login=", "Traitement des dépôts : 0s", "maintenance-at=2001-01-01T00:00:00Z/1m0s"} {
		if !strings.Contains(out, want) {
			t.Errorf("banner lacks %q:\n%s", want, out)
		}
	}
	ctx := context.Background()
	c, err := client.New(r.base, client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := c.Login(ctx, sandbox.DemoLogin, sandbox.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	// The HTTP inbox needs the token printed at start.
	tm := regexp.MustCompile(`Authorization: Bearer ([0-9a-f]{32})`).FindStringSubmatch(out)
	if tm == nil {
		t.Fatalf("banner lacks the inbox token:\n%s", out)
	}
	inbox := func(token string) (int, string) {
		req, _ := http.NewRequest("GET", r.base+"/sandbox/v1/inbox?login="+sandbox.DemoLogin, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if st, _ := inbox(""); st != http.StatusUnauthorized {
		t.Errorf("inbox without the token: HTTP %d", st)
	}
	if st, body := inbox(tm[1]); st != http.StatusOK || !strings.Contains(body, ch.ChallengeID) {
		t.Errorf("inbox with the token: HTTP %d", st)
	}
	// The OTP is in the log (standalone sandbox), the password and token are not.
	m := regexp.MustCompile(`code=(\d{6})`).FindStringSubmatch(r.stderr.String())
	if m == nil {
		t.Fatalf("no OTP in the log:\n%s", r.stderr)
	}
	if _, err := c.VerifyOTP(ctx, ch.ChallengeID, m[1]); err != nil {
		t.Fatal(err)
	}
	per := domain.NewPeriod(2026, 1)
	aff := decltest.Affiliation(123456)
	raw, err := c.Preetabli(ctx, aff, per)
	if err != nil {
		t.Fatal(err)
	}
	pre, _ := declaration.ReadPreetabli(raw)
	rows, err := importer.ReadPayroll("paie.csv", bytes.NewReader(decltest.PayrollCSV(&pre.File, 2, 1)))
	if err != nil {
		t.Fatal(err)
	}
	res, err := declaration.Build(importer.DeclarationInput(pre, rows, func(l int) string { return fmt.Sprint(l) }))
	if err != nil || res.Bytes == nil {
		t.Fatalf("build: %v", err)
	}
	rec, err := c.Deposit(ctx, aff, per, api.KindPrincipal, 0, uuid.NewString(), res.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	var d api.Deposit
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if d, err = c.GetDeposit(ctx, rec.DepositID); err != nil || d.Status.Final() {
			break
		}
	}
	if err != nil || d.Status != api.StatusAccepted {
		t.Fatalf("deposit: %+v %v", d, err)
	}
	log := r.stderr.String()
	if strings.Contains(log, c.Token()) || strings.Contains(log, `password`) || strings.Contains(log, pre.File.Insured[0].Name) {
		t.Fatal("the log holds a token, a password or personal data")
	}
	if code := r.stop(t); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(r.stdout.String(), "Bac à sable arrêté") {
		t.Fatalf("no stop message:\n%s", r.stdout)
	}

	// Same folder: the deposit and the session are still there.
	r2 := startSandboxCmd(t, "--data", dir, "--lang", "en")
	if !strings.Contains(r2.stdout.String(), "NO LEGAL VALUE") {
		t.Fatalf("English banner:\n%s", r2.stdout)
	}
	c2, _ := client.New(r2.base, client.Options{})
	c2.SetToken(c.Token())
	if d2, err := c2.GetDeposit(ctx, rec.DepositID); err != nil || d2.Status != api.StatusAccepted || d2.AcknowledgementNumber != d.AcknowledgementNumber {
		t.Fatalf("after restart: %+v %v", d2, err)
	}
}

func TestSandboxCommandSeed(t *testing.T) {
	r := startSandboxCmd(t, "--data", t.TempDir(), "--seed", "../platform/sandbox/testdata/seed.example.json", "--fail-rate", "0.25", "--maintenance", "1s/1h", "--latency", "1ms")
	out := r.stdout.String()
	if !strings.Contains(out, "fiduciaire.atlas, gerant@cafe-etoile.ma") || strings.Contains(out, "formation-2026") ||
		!strings.Contains(out, "fail-rate=0.25") || !strings.Contains(out, "maintenance=1s/1h0m0s") || !strings.Contains(out, "Traitement des dépôts : 3s") {
		t.Fatalf("banner:\n%s", out)
	}
}

func TestSandboxCommandUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--addr", "0.0.0.0:8787"}, "cet ordinateur"},
		{[]string{"--addr", "192.168.1.2:8787"}, "cet ordinateur"},
		{[]string{"--addr", "8787"}, "cet ordinateur"},
		{[]string{"--fail-rate", "2"}, "entre 0 et 1"},
		{[]string{"--drop-after-commit", "-1"}, "entre 0 et 1"},
		{[]string{"--maintenance", "60s/10s"}, "DURÉE/PÉRIODE"},
		{[]string{"--maintenance-at", "demain/1h"}, "DÉBUT/DURÉE"},
		{[]string{"--delay", "bientôt"}, "une durée est attendue"},
		{[]string{"--delay", "2h"}, "hors des limites"},
		{[]string{"--token-ttl", "0s"}, "hors des limites"},
		{[]string{"--seed", "absent.json"}, "amorçage"},
		{[]string{"--lang", "de"}, "langue inconnue"},
		{[]string{"extra"}, "argument inattendu"},
	} {
		code, _, stderr := run(t, append([]string{"sandbox", "--data", dir}, tc.args...)...)
		if code != ExitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, stderr, tc.want)
		}
	}
}
