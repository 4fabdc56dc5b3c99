package sandbox

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
)

var warnLog = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

// benchSeed is one account mandated for n employers of `employees` people,
// processing at once (validation competes with the uploads).
func benchSeed(n, employees int, delay time.Duration) *Seed {
	s := &Seed{Version: SeedVersion, ProcessingDelay: delay, TokenTTL: time.Hour, Preetablis: map[string][]byte{}}
	acc := Account{Login: "bench", Password: "bench", OTPChannel: api.OTPSMS, OTPDestination: "+212600000000"}
	for i := 0; i < n; i++ {
		aff := decltest.Affiliation(700_000 + i)
		s.Employers = append(s.Employers, Employer{Affiliation: aff, Name: fmt.Sprintf("ENTREPRISE %d", i), Employees: employees})
		acc.Mandates = append(acc.Mandates, Mandate{Affiliation: aff, Role: api.RoleMandataire})
	}
	s.Accounts = []Account{acc}
	return s
}

func benchLogin(b *testing.B, srv *Server, c *client.Client) {
	ctx := context.Background()
	ch, err := c.Login(ctx, "bench", "bench")
	if err != nil {
		b.Fatal(err)
	}
	msgs, _ := srv.Inbox("bench")
	if _, err := c.VerifyOTP(ctx, ch.ChallengeID, msgs[0].Code); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSandbox50Concurrent10k: 50 clients deposit a 10 000-employee DS
// (2.6 MB) at the same time, each for its own employer, over loopback HTTP,
// with validation running as deposits arrive. One iteration = 50 deposits
// on a fresh sandbox. Reports the p50 and p99 latency of a deposit call
// (target p99 < 2 s).
//
// processing=immediate validates each deposit as soon as it is stored (the
// validations compete with the uploads for the CPU); processing=after-3s is
// the default shape (the verdict comes a few seconds later).
func BenchmarkSandbox50Concurrent10k(b *testing.B) {
	b.Run("processing=immediate", func(b *testing.B) { benchSandbox(b, 0) })
	b.Run("processing=after-3s", func(b *testing.B) { benchSandbox(b, 3*time.Second) })
}

func benchSandbox(b *testing.B, delay time.Duration) {
	const n, employees = 50, 10_000
	seed := benchSeed(n, employees, delay)
	per := testPeriod

	// Build the 50 declarations once, on the préétablis the sandbox publishes
	// (they are deterministic: every fresh sandbox publishes the same).
	dir0 := b.TempDir()
	srv0, err := New(Options{Dir: dir0, Key: testKey, Seed: seed})
	if err != nil {
		b.Fatal(err)
	}
	base0, _ := srv0.Start("127.0.0.1:0")
	c0, _ := client.New(base0, client.Options{})
	benchLogin(b, srv0, c0)
	affs := make([]string, n)
	files := make([][]byte, n)
	for i := range n {
		affs[i] = seed.Employers[i].Affiliation
		pre, err := c0.Preetabli(context.Background(), affs[i], per)
		if err != nil {
			b.Fatal(err)
		}
		files[i] = buildDS(b, pre, 20, uint64(i)).Bytes
	}
	srv0.Close()
	b.SetBytes(int64(len(files[0]) * n))
	b.ReportAllocs()

	var lat []time.Duration
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		b.StopTimer()
		dir, err := os.MkdirTemp(b.TempDir(), "it")
		if err != nil {
			b.Fatal(err)
		}
		srv, err := New(Options{Dir: dir, Key: testKey, Seed: seed, Logger: warnLog})
		if err != nil {
			b.Fatal(err)
		}
		base, _ := srv.Start("127.0.0.1:0")
		c, _ := client.New(base, client.Options{})
		benchLogin(b, srv, c)
		ids := make([]string, n)
		durs := make([]time.Duration, n)
		errs := make([]error, n)
		var ready, done sync.WaitGroup
		startGun := make(chan struct{})
		for i := range n {
			ready.Add(1)
			done.Add(1)
			go func() {
				defer done.Done()
				ready.Done()
				<-startGun
				t0 := time.Now()
				rec, err := c.Deposit(context.Background(), affs[i], per, api.KindPrincipal, 0, newKey(), files[i])
				durs[i], ids[i], errs[i] = time.Since(t0), rec.DepositID, err
			}()
		}
		ready.Wait()
		b.StartTimer()
		close(startGun)
		done.Wait()
		b.StopTimer()
		for i, err := range errs {
			if err != nil {
				b.Fatalf("deposit %d: %v", i, err)
			}
		}
		lat = append(lat, durs...)
		if it == 0 { // every deposit is accepted (checked once: it is slow)
			for _, id := range ids {
				for {
					d, err := c.GetDeposit(context.Background(), id)
					if err != nil {
						b.Fatal(err)
					}
					if d.Status == api.StatusAccepted {
						break
					}
					if d.Status == api.StatusRejected {
						b.Fatalf("rejected: %+v", d.ControlReport[:min(3, len(d.ControlReport))])
					}
					time.Sleep(20 * time.Millisecond)
				}
			}
		}
		srv.Close()
		os.RemoveAll(dir)
		b.StartTimer()
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}
