package outbox_test

import (
	"encoding/json"
	"errors"
	mrand "math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/store"
)

func TestBackoffCeiling(t *testing.T) {
	b := outbox.Backoff{Base: 100 * time.Millisecond, Max: 1 * time.Second}
	for _, tc := range []struct {
		n    int
		want time.Duration
	}{
		{0, 100 * time.Millisecond}, {1, 100 * time.Millisecond}, {2, 200 * time.Millisecond},
		{3, 400 * time.Millisecond}, {4, 800 * time.Millisecond}, {5, time.Second}, {60, time.Second}, {1 << 30, time.Second},
	} {
		if got := b.Ceiling(tc.n); got != tc.want {
			t.Errorf("Ceiling(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestBackoffFullJitter(t *testing.T) {
	b := outbox.Backoff{Base: 100 * time.Millisecond, Max: 10 * time.Second}
	r := mrand.New(mrand.NewPCG(1, 2))
	for n := 1; n <= 10; n++ {
		c := b.Ceiling(n)
		var lo, hi bool
		for i := 0; i < 2000; i++ {
			d := b.Delay(n, r)
			if d < 0 || d > c {
				t.Fatalf("Delay(%d) = %v outside [0, %v]", n, d, c)
			}
			lo = lo || d < c/4
			hi = hi || d > 3*c/4
		}
		if !lo || !hi {
			t.Fatalf("Delay(%d) does not spread over [0, %v]", n, c)
		}
	}
	// Seeded: the same sequence.
	r1, r2 := mrand.New(mrand.NewPCG(7, 7)), mrand.New(mrand.NewPCG(7, 7))
	for i := 0; i < 100; i++ {
		if b.Delay(i%8+1, r1) != b.Delay(i%8+1, r2) {
			t.Fatal("not reproducible with a seed")
		}
	}
}

func TestEndpoints(t *testing.T) {
	env := map[string]string{
		outbox.EnvSandboxURL:             "http://127.0.0.1:8787",
		"TASRIH_PLATFORM_URL_CABINET_MA": "https://api.cabinet.example",
	}
	e := outbox.EndpointsFromEnv(func(k string) string { return env[k] }, "cabinet.ma", "absent")
	for _, tc := range []struct {
		profile domain.PlatformProfile
		want    string
		code    string
	}{
		{domain.ProfileSandbox, "http://127.0.0.1:8787", ""},
		{domain.RemoteProfile("cabinet.ma"), "https://api.cabinet.example", ""},
		{domain.RemoteProfile("absent"), "", outbox.CodeNoEndpoint},
		{domain.ProfileManual, "", outbox.CodeManualProfile},
		{"remote:", "", outbox.CodeNoEndpoint},
		{"", "", outbox.CodeNoEndpoint},
	} {
		got, err := e.BaseURL(tc.profile)
		if tc.code != "" {
			wantCode(t, err, tc.code)
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: %q %v", tc.profile, got, err)
		}
	}
	_, err := outbox.Endpoints{}.BaseURL(domain.ProfileSandbox)
	wantCode(t, err, outbox.CodeNoEndpoint)
	if v := outbox.RemoteEnvVar("cab-1.x"); v != "TASRIH_PLATFORM_URL_CAB_1_X" {
		t.Fatal(v)
	}
	// The client's URL policy applies to every profile.
	for _, u := range []string{"http://203.0.113.7", "http://example.ma:8080"} {
		_, err := outbox.Endpoints{Sandbox: u}.Dialer(client.Options{})(domain.ProfileSandbox)
		wantCode(t, err, "platform.insecure_url")
	}
	for _, u := range []string{"http://127.0.0.1:1", "http://[::1]:1", "http://localhost:1", "https://api.example.ma"} {
		if _, err := (outbox.Endpoints{Sandbox: u}).Dialer(client.Options{})(domain.ProfileSandbox); err != nil {
			t.Errorf("%s refused: %v", u, err)
		}
	}
}

func TestEventJSON(t *testing.T) {
	ev := outbox.Event{Kind: outbox.EventRetry, SubmissionID: "s", DeclarationID: "d", State: store.SubSending, Attempt: 2,
		NextAttemptAt: time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC),
		Error:         outbox.NewEventError(&api.Error{Code: api.CodeMaintenance, Status: 503, Retryable: true, RetryAfter: 90 * time.Second})}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"kind":"retry"`, `"state":"sending"`, `"attempt":2`, `"next_attempt_at":"2026-11-01T10:00:00Z"`,
		`"code":"platform.maintenance"`, `"retryable":true`, `"fr":"la plateforme est en maintenance`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s not in %s", want, b)
		}
	}
	wantMessages(t, "maintenance", ev.Error.Message)
	if outbox.NewEventError(nil) != nil {
		t.Fatal("an event error without error")
	}
	if c := outbox.NewEventError(errors.New("plain")).Code; c != "outbox.internal" {
		t.Fatal(c)
	}
}

// Start, Stop, Kick, SetSession and Enqueue from many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	st := openStore(t, t.TempDir())
	fc := &fakeClient{token: "tok"}
	w := outbox.New(st, outbox.Options{Logger: quietLogger(), Backoff: outbox.Backoff{Base: time.Millisecond, Max: 5 * time.Millisecond},
		Dialer: func(domain.PlatformProfile) (outbox.Client, error) { return fc, nil }})
	e := &env{t: t, st: st}
	var decls []store.Declaration
	for i := 0; i < 8; i++ {
		er, _ := st.Employers().Create(domain.Employer{Affiliation: affOf(i), Name: "Test"})
		decls = append(decls, e.declare(er, fakePre(i), 1))
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				if err := w.Start(bg); err != nil && !strings.Contains(err.Error(), "déjà") {
					t.Error(err)
				}
				w.Kick()
				w.SetSession(domain.ProfileSandbox, "tok")
				if j == 0 {
					if _, _, err := w.Enqueue(decls[i].ID, ""); err != nil {
						t.Error(err)
					}
				}
				time.Sleep(time.Millisecond)
				w.Stop()
			}
		}(i)
	}
	wg.Wait()
	w.Stop()
	// The fake platform always fails with a retryable error: all still pending, each under one key.
	pend, _ := st.Submissions().ListPending()
	if len(pend) != 8 {
		t.Fatalf("%d pending", len(pend))
	}
	if _, broken, err := st.VerifyAudit(); err != nil || broken >= 0 {
		t.Fatal(broken, err)
	}
}
