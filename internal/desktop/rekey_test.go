package desktop

import (
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/vault"
)

// TestRekeyAndSingleUseRecovery: the desktop re-key keeps the data and the
// session, reports progress; after a recovery-code unlock the new passphrase
// is pending (also across a lock), a plain passphrase change is refused, the
// re-key clears it and the spent code no longer opens the vault.
func TestRekeyAndSingleUseRecovery(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoSandbox = true })
	code1, err := e.core.Create(testPassphrase, false)
	if err != nil {
		t.Fatal(err)
	}
	e.session(t, func(s *Session) {
		if _, err := s.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Société"}); err != nil {
			t.Fatal(err)
		}
	})
	code2, err := e.core.Rekey(testPassphrase, "")
	if err != nil || code2 == "" || code2 == code1 {
		t.Fatalf("Rekey: %q %v", code2, err)
	}
	if !e.core.Unlocked() || len(e.rec.named(EventRekeyProgress)) == 0 {
		t.Fatalf("unlocked %v, progress events %d", e.core.Unlocked(), len(e.rec.named(EventRekeyProgress)))
	}
	e.session(t, func(s *Session) {
		if ers, err := s.Store.Employers().List(); err != nil || len(ers) != 1 {
			t.Fatalf("after re-key: %d employers, %v", len(ers), err)
		}
	})
	if err := e.core.Lock(ReasonUser); err != nil {
		t.Fatal(err)
	}
	if err := e.core.UnlockRecovery(code1); i18n.Code(err) != vault.CodeWrongSecret {
		t.Fatalf("code from before the re-key: %v", err)
	}
	if err := e.core.UnlockRecovery(code2); err != nil {
		t.Fatal(err)
	}
	if !e.core.RecoveryPending() {
		t.Fatal("no new passphrase pending after a recovery unlock")
	}
	if err := e.core.ChangePassphrase("", "Une toute nouvelle phrase 2026"); i18n.Code(err) != "vault.new_passphrase_required" {
		t.Fatalf("plain change after recovery: %v", err)
	}
	e.core.Lock(ReasonUser)
	if !e.core.RecoveryPending() {
		t.Fatal("pending lost across a lock")
	}
	if err := e.core.UnlockRecovery(code2); err != nil {
		t.Fatal(err)
	}
	code3, err := e.core.Rekey("", "Une toute nouvelle phrase 2026")
	if err != nil || code3 == "" {
		t.Fatal(err)
	}
	if e.core.RecoveryPending() {
		t.Fatal("still pending after the new passphrase")
	}
	e.core.Lock(ReasonUser)
	if err := e.core.UnlockRecovery(code2); i18n.Code(err) != vault.CodeWrongSecret {
		t.Fatalf("spent code: %v", err)
	}
	if err := e.core.UnlockPassphrase("Une toute nouvelle phrase 2026"); err != nil {
		t.Fatal(err)
	}
}

// TestUnlockWaitSurvivesRestart: after too many wrong passphrases the wait
// is there at once (Status) and still there for a new Core on the same
// folder (the app restarted).
func TestUnlockWaitSurvivesRestart(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoSandbox = true })
	if _, err := e.core.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	e.core.Lock(ReasonUser)
	for range 4 {
		if err := e.core.UnlockPassphrase("Pas-la-bonne-phrase-99"); i18n.Code(err) != vault.CodeWrongSecret {
			t.Fatalf("wrong passphrase: %v", err)
		}
	}
	if e.core.Status().RetryInSeconds <= 0 {
		t.Fatal("no wait shown right after the failures")
	}
	c2, err := New(e.core.opts)
	if err != nil {
		t.Fatal(err)
	}
	if c2.Status().RetryInSeconds <= 0 {
		t.Fatal("the wait is gone after a restart")
	}
	if err := c2.UnlockPassphrase(testPassphrase); i18n.Code(err) != vault.CodeTooManyAttempts {
		t.Fatalf("restarted app: %v, want too_many_attempts", err)
	}
}
