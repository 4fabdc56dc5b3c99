package desktop

import (
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

// A batch cancelled after its first employer reports the others cancelled,
// and batch:done says so.
func TestBatchCancel(t *testing.T) {
	var e *env
	var opID string
	cancelled := false
	e = newEnv(t, func(o *Options) {
		o.NoSandbox = true
		emit := o.Emit
		o.Emit = func(name string, data any) {
			emit(name, data)
			if name == EventBatchProgress && !cancelled {
				cancelled = true
				e.core.Ops().Cancel(data.(Progress).OpID)
			}
		}
	})
	if _, err := e.core.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	var ids []string
	e.session(t, func(s *Session) {
		for i, aff := range []string{"1234567", "2000016", "3000023", "4000030"} {
			er, err := s.Store.Employers().Create(domain.Employer{Affiliation: aff, Name: string(rune('A' + i))})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, er.ID)
		}
	})
	var err error
	if opID, err = e.core.StartBatch(ids, testPeriod()); err != nil {
		t.Fatal(err)
	}
	e.rec.waitFor(t, 10*time.Second, "batch:done", func() bool { return len(e.rec.named(EventBatchDone)) > 0 })
	done := e.rec.named(EventBatchDone)[0].(BatchDone)
	if done.OpID != opID || !done.Cancelled || len(done.Results) != len(ids) {
		t.Fatalf("done %+v", done)
	}
	n := 0
	for _, r := range done.Results {
		if r.State == "cancelled" {
			n++
		}
	}
	if n != len(ids)-1 {
		t.Errorf("%d employers cancelled, want %d: %+v", n, len(ids)-1, done.Results)
	}
	if e.core.Ops().Busy() {
		t.Error("operation still registered")
	}
	// Unregistered before batch:done is sent, not after (a Cancel right
	// after the event once found it still registered under -race).
	if e.core.Ops().Cancel(opID) {
		t.Error("the finished batch could still be cancelled after batch:done")
	}
	// Locked: no batch.
	e.core.Lock(ReasonUser)
	if _, err := e.core.StartBatch(ids, testPeriod()); !isCode(err, CodeLocked) {
		t.Errorf("batch while locked: %v", err)
	}
}
