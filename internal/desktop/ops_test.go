package desktop

import (
	"context"
	"github.com/tasrih/tasrih/internal/i18n"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestThrottle(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	th := Throttle{Interval: 100 * time.Millisecond, Now: clk.now}
	steps := []struct {
		after time.Duration
		final bool
		want  bool
	}{
		{0, false, true}, // the first event always goes
		{50 * time.Millisecond, false, false},
		{49 * time.Millisecond, false, false},
		{1 * time.Millisecond, false, true}, // 100 ms after the first
		{10 * time.Millisecond, true, true}, // the final one always goes
		{10 * time.Millisecond, false, false},
		{200 * time.Millisecond, false, true},
	}
	for i, s := range steps {
		clk.advance(s.after)
		if got := th.Allow(s.final); got != s.want {
			t.Errorf("step %d: Allow = %v, want %v", i, got, s.want)
		}
	}
}

// At most MaxProgressRate events per second of work, every one with the
// op_id, and the last unit always reported.
func TestProgressRate(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	rec := newRecorder()
	ops := NewOps(rec.emit, 0, clk.now)
	op := ops.New(context.Background(), "x", "x:progress")
	const total = 5000
	for i := 1; i <= total; i++ {
		clk.advance(time.Millisecond) // 5 s of work
		op.Progress(i, total, nil)
	}
	evs := rec.named("x:progress")
	if max := 5*MaxProgressRate + 1; len(evs) > max || len(evs) < 5*MaxProgressRate-1 {
		t.Errorf("%d events for 5 s of work, want about %d", len(evs), max)
	}
	for _, e := range evs {
		if p := e.(Progress); p.OpID != op.ID || p.Total != total {
			t.Fatalf("event %+v", p)
		}
	}
	if last := evs[len(evs)-1].(Progress); last.Done != total {
		t.Errorf("last event %+v, want done = total", last)
	}
	// Unknown totals (a streamed sheet) are throttled the same way.
	op2 := ops.New(context.Background(), "x", "x:progress")
	op2.SetPhase("preview")
	f := op2.ProgressFunc()
	for i := range 100 {
		f(i, -1)
	}
	n := 0
	for _, e := range rec.named("x:progress") {
		if p := e.(Progress); p.OpID == op2.ID {
			n++
			if p.Phase != "preview" || p.Total != -1 {
				t.Errorf("event %+v", p)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d events without the clock moving, want 1", n)
	}
}

func TestOpsCancel(t *testing.T) {
	ops := NewOps(nil, 0, nil)
	if ops.Cancel("nope") {
		t.Error("cancelled an unknown operation")
	}
	if _, err := ops.Get("nope", ""); !isCode(err, CodeUnknownOp) {
		t.Errorf("Get unknown: %v", err)
	}
	started := make(chan struct{})
	stopped := make(chan struct{})
	op := ops.New(context.Background(), "batch", "")
	ops.Go(op, func(op *Op) {
		close(started)
		<-op.Context().Done()
		close(stopped)
	})
	<-started
	if !ops.Busy() {
		t.Error("not busy while an operation runs")
	}
	if _, err := ops.Get(op.ID, "import"); !isCode(err, CodeUnknownOp) {
		t.Error("Get with another kind found it")
	}
	if !ops.Cancel(op.ID) {
		t.Fatal("Cancel did not find it")
	}
	<-stopped
	ops.CancelAll() // waits for the goroutine
	if ops.Busy() {
		t.Error("busy after the end")
	}
	if _, err := ops.Get(op.ID, ""); err == nil {
		t.Error("finished operation still registered")
	}
	// A waiting operation (a preview kept for the user) keeps its value and
	// does not count as work.
	w := ops.New(context.Background(), "import", "")
	w.SetValue(42)
	w.Wait()
	if ops.Busy() {
		t.Error("a waiting preview keeps the session awake")
	}
	if got, _ := ops.Get(w.ID, "import"); got.Value() != 42 {
		t.Error("value lost")
	}
	ops.CancelAll()
	if w.Context().Err() == nil {
		t.Error("CancelAll left a context alive")
	}
	if _, err := ops.Get(w.ID, ""); err == nil {
		t.Error("CancelAll left an operation registered")
	}
}

func isCode(err error, code string) bool { return err != nil && i18n.Code(err) == code }

func TestIdle(t *testing.T) {
	ft := &fakeTimers{}
	expired := 0
	busy := false
	i := NewIdle(ft.after, func() { expired++ }, func() bool { return busy })
	i.Touch() // not running: nothing armed
	if ft.last() != nil {
		t.Fatal("Touch armed a stopped timer")
	}
	i.Start(5 * time.Minute)
	first := ft.last()
	i.Touch()
	if !first.stopped || ft.last() == first || ft.last().d != 5*time.Minute {
		t.Fatal("Touch did not restart the delay")
	}
	// A stale timer firing after it was replaced does nothing.
	first.f()
	if expired != 0 {
		t.Fatal("a replaced timer locked the session")
	}
	busy = true
	ft.fire()
	if expired != 0 || ft.last().stopped {
		t.Fatal("expired while busy, or did not re-arm")
	}
	busy = false
	ft.fire()
	if expired != 1 {
		t.Fatalf("expired %d times", expired)
	}
	if ft.fire() {
		t.Error("re-armed after expiry")
	}
	i.Start(time.Minute)
	i.Stop()
	if ft.fire() {
		t.Error("armed after Stop")
	}
	if i.Timeout() != time.Minute {
		t.Error("timeout")
	}
}
