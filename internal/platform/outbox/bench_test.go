package outbox_test

import (
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/store"
)

// BenchmarkOutboxDrain300: 300 queued declarations drained by the worker
// (deposit, polls, acceptance, deposit results and audit entries in the
// encrypted store with synchronous writes) against a fault-free sandbox
// that answers at once (processing delay 0). Target < 60 s. Two settings:
// the production defaults (poll every 5 s, 4 submissions at once) and the
// tests' fast polling (10 ms, 8 at once).
func BenchmarkOutboxDrain300(b *testing.B) {
	b.Run("defaults", func(b *testing.B) {
		benchDrain(b, func(o *outbox.Options) {
			o.PollInterval, o.Concurrency, o.Backoff = 0, 0, outbox.Backoff{}
		})
	})
	b.Run("fastpoll", func(b *testing.B) { benchDrain(b, func(o *outbox.Options) {}) })
}

func benchDrain(b *testing.B, tune func(*outbox.Options)) {
	const n = 300
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e := newEnv(b, testSeed(n, 0, time.Hour), sandbox.Faults{})
		tune(&e.opts)
		e.w.Stop()
		w := newWorker(b, e)
		e.login(w)
		for _, d := range e.prepare(w, n) {
			if _, _, err := w.Enqueue(d.ID, ""); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start := time.Now()
		if err := w.Start(bg); err != nil {
			b.Fatal(err)
		}
		// Wait on the events (polling the store would weigh on the measure).
		done, timeout := 0, time.After(5*time.Minute)
		for done < n {
			select {
			case ev := <-e.ev.ch:
				if ev.Kind == outbox.EventState && ev.State.Terminal() {
					done++
				}
			case <-timeout:
				b.Fatalf("gave up after 5 min: %d of %d answered", done, n)
			}
		}
		elapsed := time.Since(start)
		b.StopTimer()
		w.Stop()
		pend, _ := e.st.Submissions().ListPending()
		subs := 0
		for _, ev := range e.ev.list() {
			if ev.State == store.SubAccepted {
				subs++
			}
		}
		if len(pend) != 0 || subs != n {
			b.Fatalf("%d pending, %d accepted", len(pend), subs)
		}
		b.ReportMetric(float64(n)/elapsed.Seconds(), "decl/s")
		b.StartTimer()
	}
}
