package keyring_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/keyring"
	"github.com/tasrih/tasrih/internal/keyring/keyringtest"
)

var bg = context.Background()

func TestDefaultTimeout(t *testing.T) {
	if keyring.DefaultTimeout != 3*time.Second {
		t.Fatalf("DefaultTimeout = %v, security.md says ~3 s", keyring.DefaultTimeout)
	}
	// A zero timeout means the default, not "no timeout" nor "fail at once".
	got, err := keyring.Call(bg, 0, func() (int, error) { return 7, nil })
	if err != nil || got != 7 {
		t.Fatal(got, err)
	}
}

func TestCall(t *testing.T) {
	boom := errors.New("boom")
	for _, tc := range []struct {
		name    string
		ctx     func(t *testing.T) context.Context
		timeout time.Duration
		f       func() (string, error)
		want    string
		wantErr error
	}{
		{"value", nil, time.Second, func() (string, error) { return "v", nil }, "v", nil},
		{"error kept as is", nil, time.Second, func() (string, error) { return "", boom }, "", boom},
		{"timeout", nil, 30 * time.Millisecond, func() (string, error) { time.Sleep(2 * time.Second); return "late", nil }, "", keyring.ErrTimeout},
		{"panic", nil, time.Second, func() (string, error) { panic("dbus") }, "", keyring.ErrPanic},
		{"cancelled", func(t *testing.T) context.Context {
			ctx, cancel := context.WithCancel(bg)
			cancel()
			return ctx
		}, time.Hour, func() (string, error) { time.Sleep(2 * time.Second); return "late", nil }, "", context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := bg
			if tc.ctx != nil {
				ctx = tc.ctx(t)
			}
			start := time.Now()
			got, err := keyring.Call(ctx, tc.timeout, tc.f)
			if got != tc.want || !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Fatalf("got %q, %v; want %q, %v", got, err, tc.want, tc.wantErr)
			}
			if time.Since(start) > time.Second {
				t.Fatalf("Call waited %v for a call that blocks", time.Since(start))
			}
		})
	}
}

func TestBounded(t *testing.T) {
	f := keyringtest.New()
	b := keyring.New(f, time.Second)
	if _, err := b.Get(bg, "svc", "u"); !errors.Is(err, keyring.ErrUnavailable) || !keyring.IsNotFound(err) {
		t.Fatalf("missing entry: %v", err)
	}
	if err := b.Set(bg, "svc", "u", "s3cret"); err != nil {
		t.Fatal(err)
	}
	if s, err := b.Get(bg, "svc", "u"); err != nil || s != "s3cret" {
		t.Fatal(s, err)
	}
	if err := b.Delete(bg, "svc", "u"); err != nil {
		t.Fatal(err)
	}
	if err := b.Delete(bg, "svc", "u"); err != nil {
		t.Fatalf("deleting a missing entry: %v", err)
	}
	if f.Len() != 0 {
		t.Fatal("entry left")
	}

	f.FailWith(keyringtest.ErrFake)
	for name, err := range map[string]error{
		"get":    func() error { _, err := b.Get(bg, "svc", "u"); return err }(),
		"set":    b.Set(bg, "svc", "u", "x"),
		"delete": b.Delete(bg, "svc", "u"),
	} {
		if !errors.Is(err, keyring.ErrUnavailable) || !errors.Is(err, keyringtest.ErrFake) || keyring.IsNotFound(err) {
			t.Errorf("%s with no Secret Service: %v", name, err)
		}
	}
}

func TestBoundedBlocked(t *testing.T) {
	b := keyring.New(keyringtest.Blocking(t), 50*time.Millisecond)
	start := time.Now()
	_, err := b.Get(bg, "svc", "u")
	if !errors.Is(err, keyring.ErrUnavailable) || !errors.Is(err, keyring.ErrTimeout) {
		t.Fatal(err)
	}
	if err := b.Set(bg, "svc", "u", "x"); !errors.Is(err, keyring.ErrTimeout) {
		t.Fatal(err)
	}
	if err := b.Delete(bg, "svc", "u"); !errors.Is(err, keyring.ErrTimeout) {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("three bounded calls took %v against a keyring that blocks 10 s", d)
	}
}

// The zero Bounded uses the OS keyring (here go-keyring's process-wide mock).
func TestBoundedOSMock(t *testing.T) {
	keyring.MockInit()
	var b keyring.Bounded
	if err := b.Set(bg, "tasrih-test", "u", "pw"); err != nil {
		t.Fatal(err)
	}
	if s, err := b.Get(bg, "tasrih-test", "u"); err != nil || s != "pw" {
		t.Fatal(s, err)
	}
	if err := b.Delete(bg, "tasrih-test", "u"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Get(bg, "tasrih-test", "u"); !keyring.IsNotFound(err) {
		t.Fatalf("after Delete: %v", err)
	}
	keyring.MockInitWithError(keyringtest.ErrFake)
	t.Cleanup(keyring.MockInit)
	if _, err := b.Get(bg, "tasrih-test", "u"); !errors.Is(err, keyring.ErrUnavailable) || keyring.IsNotFound(err) {
		t.Fatal(err)
	}
}
