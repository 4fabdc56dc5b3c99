package vault

import (
	"errors"
	"os"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := &Limiter{Now: func() time.Time { return now }}
	wrong := errWrongSecret()

	for i := range 3 { // three free attempts
		if err := l.Check(); err != nil {
			t.Fatalf("attempt %d: %v", i, err)
		}
		l.Record(wrong)
	}
	if l.Wait() != 0 {
		t.Fatal("delay before the free attempts are used up")
	}
	// Then 1 s, 2 s, 4 s… up to 5 min.
	for i, want := range []time.Duration{1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300} {
		l.Record(wrong)
		if got := l.Wait(); got != want*time.Second {
			t.Fatalf("failure %d: wait %v, want %v", 4+i, got, want*time.Second)
		}
		err := l.Check()
		wantCode(t, err, CodeTooManyAttempts)
		if !errors.Is(err, ErrTooManyAttempts) {
			t.Fatal("not errors.Is ErrTooManyAttempts")
		}
		now = now.Add(want * time.Second)
		if err := l.Check(); err != nil {
			t.Fatalf("still limited after the delay: %v", err)
		}
	}
	// Other errors do not count; a success resets.
	n := l.Failures()
	l.Record(errKeyringUnavailable(errors.New("x")))
	l.Record(errIO(errors.New("disk full")))
	if l.Failures() != n {
		t.Fatal("a non-secret error counted")
	}
	l.Record(errRecoveryFormat())
	if l.Failures() != n+1 {
		t.Fatal("a malformed recovery code did not count")
	}
	l.Record(nil)
	if l.Failures() != 0 || l.Wait() != 0 {
		t.Fatal("success did not reset")
	}
}

func TestLimiterCustom(t *testing.T) {
	now := time.Unix(0, 0)
	l := &Limiter{FreeAttempts: 1, BaseDelay: 10 * time.Second, MaxDelay: 15 * time.Second, Now: func() time.Time { return now }}
	l.Record(errWrongSecret())
	if l.Wait() != 0 {
		t.Fatal("first failure is free")
	}
	l.Record(errWrongSecret())
	if l.Wait() != 10*time.Second {
		t.Fatal(l.Wait())
	}
	l.Record(errWrongSecret())
	if l.Wait() != 15*time.Second {
		t.Fatal(l.Wait())
	}
}

func TestLimiterMessage(t *testing.T) {
	err := errTooManyAttempts(1500 * time.Millisecond)
	if err.Error() != "trop de tentatives : réessayez dans 2 s" {
		t.Fatal(err)
	}
}

// TestLimiterPersists: the wait survives a restart (a new Limiter on the
// same file), a success clears the file, and a forged or garbage file can
// neither crash it nor impose more than the ceiling.
func TestLimiterPersists(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	l := &Limiter{Path: LimiterFile(dir), Now: clock}
	for range 5 {
		l.Record(errWrongSecret())
	}
	want := l.Wait()
	if want <= 0 {
		t.Fatal("no wait after 5 failures")
	}
	l2 := &Limiter{Path: LimiterFile(dir), Now: clock}
	if got := l2.Wait(); got != want || l2.Failures() != 5 {
		t.Fatalf("after a restart: wait %v failures %d, want %v 5", got, l2.Failures(), want)
	}
	l2.Record(nil)
	if _, err := os.Stat(LimiterFile(dir)); !os.IsNotExist(err) {
		t.Fatalf("state file kept after a success: %v", err)
	}
	if w := (&Limiter{Path: LimiterFile(dir), Now: clock}).Wait(); w != 0 {
		t.Fatalf("wait %v after a success", w)
	}
	os.WriteFile(LimiterFile(dir), []byte(`{"failures":9,"next":"2099-01-01T00:00:00Z"}`), 0o600)
	if w := (&Limiter{Path: LimiterFile(dir), Now: clock}).Wait(); w != 5*time.Minute {
		t.Fatalf("forged far wait: %v, want the 5 min ceiling", w)
	}
	os.WriteFile(LimiterFile(dir), []byte("garbage"), 0o600)
	if w := (&Limiter{Path: LimiterFile(dir), Now: clock}).Wait(); w != 0 {
		t.Fatalf("garbage file: %v", w)
	}
}
