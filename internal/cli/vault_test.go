package cli

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/vault"
)

const testPass = "correct horse battery staple 42"

func runWith(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := RunEnv(&Env{Ctx: context.Background(), Args: args, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errb.String()
}

var recoveryRE = regexp.MustCompile(`[A-Z2-9]{5}(-[A-Z2-9]{5}){5}`)

func TestVaultCommands(t *testing.T) {
	vault.UseCheapKDFForTests(t)
	dir := t.TempDir()
	env := map[string]string{envPassphrase: testPass}

	code, out, errs := runWith(t, env, "", "vault", "init", "--data", dir)
	if code != ExitOK {
		t.Fatalf("init: %d %s %s", code, out, errs)
	}
	recovery := recoveryRE.FindString(out)
	if recovery == "" {
		t.Fatalf("no recovery code shown:\n%s", out)
	}
	if code, _, errs = runWith(t, env, "", "vault", "init", "--data", dir); code != ExitUsage || errs == "" {
		t.Errorf("second init: %d %s", code, errs)
	}
	if code, out, _ = runWith(t, env, "", "vault", "verify", "--data", dir); code != ExitOK || !strings.Contains(out, "intact") {
		t.Errorf("verify: %d %s", code, out)
	}
	if code, out, _ = runWith(t, env, "", "audit", "verify", "--data", dir, "--lang", "en"); code != ExitOK || !strings.Contains(out, "Audit log intact") {
		t.Errorf("audit verify: %d %s", code, out)
	}
	// Wrong passphrase: exit 2, one generic message.
	bad := map[string]string{envPassphrase: "wrong horse battery staple 42"}
	if code, _, errs = runWith(t, bad, "", "vault", "verify", "--data", dir); code != ExitUsage || !strings.Contains(errs, "incorrect") {
		t.Errorf("wrong passphrase: %d %s", code, errs)
	}
	// The passphrase can come from a pipe.
	if code, out, errs = runWith(t, nil, testPass+"\n", "vault", "verify", "--data", dir); code != ExitOK {
		t.Errorf("piped passphrase: %d %s %s", code, out, errs)
	}
	// No passphrase at all.
	if code, _, errs = runWith(t, nil, "", "vault", "verify", "--data", dir); code != ExitUsage || !strings.Contains(errs, envPassphrase) {
		t.Errorf("no passphrase: %d %s", code, errs)
	}
	// A weak new passphrase is refused with its reason.
	weak := map[string]string{envPassphrase: testPass, envNewPassphrase: "azerty"}
	if code, _, errs = runWith(t, weak, "", "vault", "passwd", "--data", dir); code != ExitUsage || errs == "" {
		t.Errorf("weak passphrase: %d %s", code, errs)
	}
	// Change the passphrase: the old one stops working.
	next := "une phrase bien plus longue 2026"
	if code, out, errs = runWith(t, map[string]string{envPassphrase: testPass, envNewPassphrase: next}, "", "vault", "passwd", "--data", dir); code != ExitOK {
		t.Fatalf("passwd: %d %s %s", code, out, errs)
	}
	if code, _, _ = runWith(t, env, "", "vault", "verify", "--data", dir); code != ExitUsage {
		t.Errorf("old passphrase still works")
	}
	if code, _, _ = runWith(t, map[string]string{envPassphrase: next}, "", "vault", "verify", "--data", dir); code != ExitOK {
		t.Errorf("new passphrase refused")
	}
	// Forgotten passphrase: the recovery code (any case, spaces) sets a new one.
	rec := map[string]string{envRecoveryCode: strings.ToLower(strings.ReplaceAll(recovery, "-", " ")), envNewPassphrase: testPass}
	if code, out, errs = runWith(t, rec, "", "vault", "passwd", "--recovery", "--data", dir); code != ExitOK {
		t.Fatalf("passwd --recovery: %d %s %s", code, out, errs)
	}
	if code, _, _ = runWith(t, env, "", "vault", "verify", "--data", dir); code != ExitOK {
		t.Errorf("passphrase set by recovery refused")
	}
	if code, _, errs = runWith(t, map[string]string{envRecoveryCode: "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF", envNewPassphrase: next}, "", "vault", "passwd", "--recovery", "--data", dir); code != ExitUsage {
		t.Errorf("wrong recovery code: %d %s", code, errs)
	}
	// The recovery code is single-use: passwd --recovery issued a new one,
	// the old one no longer works.
	recovery2 := recoveryRE.FindString(out)
	if recovery2 == "" || recovery2 == recovery {
		t.Fatalf("passwd --recovery showed no new code:\n%s", out)
	}
	if code, _, errs = runWith(t, rec, "", "vault", "passwd", "--recovery", "--data", dir); code != ExitUsage || !strings.Contains(errs, "incorrect") {
		t.Errorf("spent recovery code accepted again: %d %s", code, errs)
	}
	// vault recovery rotates the code (a re-key): the previous one stops working.
	if code, out, errs = runWith(t, env, "", "vault", "recovery", "--data", dir, "--lang", "en"); code != ExitOK || !strings.Contains(errs, "Re-encrypting: 100 %") {
		t.Fatalf("vault recovery: %d %s %s", code, out, errs)
	}
	recovery3 := recoveryRE.FindString(out)
	if recovery3 == "" || recovery3 == recovery2 {
		t.Fatalf("vault recovery showed no new code:\n%s", out)
	}
	if code, _, _ = runWith(t, map[string]string{envRecoveryCode: recovery2, envNewPassphrase: next}, "", "vault", "passwd", "--recovery", "--data", dir); code != ExitUsage {
		t.Error("rotated recovery code still works")
	}
	// vault rekey --new-passphrase: the old passphrase stops working.
	if code, out, errs = runWith(t, map[string]string{envPassphrase: testPass, envNewPassphrase: next}, "", "vault", "rekey", "--new-passphrase", "--data", dir); code != ExitOK || recoveryRE.FindString(out) == "" {
		t.Fatalf("vault rekey: %d %s %s", code, out, errs)
	}
	if code, _, _ = runWith(t, env, "", "vault", "verify", "--data", dir); code != ExitUsage {
		t.Error("old passphrase works after rekey")
	}
	if code, out, _ = runWith(t, map[string]string{envPassphrase: next}, "", "vault", "verify", "--data", dir); code != ExitOK {
		t.Errorf("verify after rekey: %d %s", code, out)
	}
	// A cancelled re-key (Ctrl+C) changes nothing.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var ob, eb bytes.Buffer
	code = RunEnv(&Env{Ctx: ctx, Args: []string{"vault", "rekey", "--data", dir}, Stdin: strings.NewReader(""), Stdout: &ob, Stderr: &eb,
		Getenv: func(k string) string { return map[string]string{envPassphrase: next}[k] }})
	if code != ExitUsage || !strings.Contains(eb.String(), "annulée") {
		t.Errorf("cancelled rekey: %d %s %s", code, ob.String(), eb.String())
	}
	if code, _, _ = runWith(t, map[string]string{envPassphrase: next}, "", "vault", "verify", "--data", dir); code != ExitOK {
		t.Error("verify after a cancelled rekey")
	}
}

func TestVaultMissing(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"vault", "verify", "--data", dir}, {"audit", "verify", "--data", dir}, {"vault", "passwd", "--data", dir}} {
		code, _, errs := runWith(t, map[string]string{envPassphrase: testPass}, "", args...)
		if code != ExitUsage || !strings.Contains(errs, "vault init") {
			t.Errorf("%v: %d %s", args, code, errs)
		}
	}
	for _, args := range [][]string{{"vault"}, {"vault", "open"}, {"audit"}, {"audit", "check"}} {
		if code, _, _ := runWith(t, nil, "", args...); code != ExitUsage {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}
