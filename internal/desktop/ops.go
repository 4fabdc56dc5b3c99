package desktop

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"
)

// MaxProgressRate is the most progress events one operation sends per second
// (tiny-rdm habit: the UI is told often enough to move a bar, never flooded).
const MaxProgressRate = 10

// DefaultProgressInterval is the least time between two progress events of one
// operation (1 s / MaxProgressRate).
const DefaultProgressInterval = time.Second / MaxProgressRate

// Progress is the payload of a progress event (import:progress,
// batch:progress, zip:progress…).
type Progress struct {
	OpID string `json:"op_id"`
	// Done and Total count the units of work; Total is -1 when unknown
	// (a streamed spreadsheet being read).
	Done  int `json:"done"`
	Total int `json:"total"`
	// Phase names the step when an operation has several ("preview",
	// "apply"); empty otherwise.
	Phase string `json:"phase,omitempty"`
	// Result is the outcome of the last unit done, when the operation has
	// one per unit (the batch close: one employer).
	Result any `json:"result,omitempty"`
}

// Throttle lets through at most one event per interval, and always the final
// one. The zero value lets everything through. It is safe for concurrent use.
type Throttle struct {
	Interval time.Duration
	Now      func() time.Time // nil: time.Now

	mu   sync.Mutex
	last time.Time
	sent bool
}

// Allow reports whether an event may be sent now; final events (the last
// unit of work) are always allowed.
func (t *Throttle) Allow(final bool) bool {
	now := time.Now
	if t.Now != nil {
		now = t.Now
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	n := now()
	if final || !t.sent || n.Sub(t.last) >= t.Interval {
		t.last, t.sent = n, true
		return true
	}
	return false
}

// Op is one long operation: an id the UI holds, a context cancelled by
// Ops.Cancel (or when the session locks), and throttled progress events.
// Value holds what the operation keeps between two calls (an import preview
// waiting for its confirmation).
type Op struct {
	ID    string
	Kind  string
	event string
	emit  func(string, any)
	ctx   context.Context
	stop  context.CancelFunc
	thr   Throttle

	mu    sync.Mutex
	value any
	phase string
}

// Context is cancelled when the operation is cancelled or finished.
func (op *Op) Context() context.Context { return op.ctx }

// SetValue keeps v with the operation.
func (op *Op) SetValue(v any) {
	op.mu.Lock()
	op.value = v
	op.mu.Unlock()
}

// Value returns what SetValue kept.
func (op *Op) Value() any {
	op.mu.Lock()
	defer op.mu.Unlock()
	return op.value
}

// SetPhase names the current step in the following progress events.
func (op *Op) SetPhase(p string) {
	op.mu.Lock()
	op.phase = p
	op.mu.Unlock()
}

// Progress sends a progress event, at most MaxProgressRate per second; the
// event of the last unit (done == total, total ≥ 0) is always sent.
// result is the outcome of that unit, if any.
func (op *Op) Progress(done, total int, result any) {
	if op.event == "" || op.emit == nil {
		return
	}
	if !op.thr.Allow(total >= 0 && done >= total) {
		return
	}
	op.mu.Lock()
	phase := op.phase
	op.mu.Unlock()
	op.emit(op.event, Progress{OpID: op.ID, Done: done, Total: total, Phase: phase, Result: result})
}

// ProgressFunc adapts Progress to the func(done, total int) callbacks of the
// engine (importer, receipt.ExportZIP).
func (op *Op) ProgressFunc() func(done, total int) {
	return func(done, total int) { op.Progress(done, total, nil) }
}

// Ops is the registry of the operations of a session. It is safe for
// concurrent use.
type Ops struct {
	emit     func(string, any)
	interval time.Duration
	now      func() time.Time

	mu  sync.Mutex
	ops map[string]*Op
	wg  sync.WaitGroup
}

// NewOps returns a registry whose operations send their events to emit (nil:
// none) at most once per interval (0: DefaultProgressInterval). now is the
// clock of the throttle (nil: time.Now).
func NewOps(emit func(string, any), interval time.Duration, now func() time.Time) *Ops {
	if interval <= 0 {
		interval = DefaultProgressInterval
	}
	return &Ops{emit: emit, interval: interval, now: now, ops: map[string]*Op{}}
}

// New registers an operation of kind whose progress events are named event
// ("" : none). Its context derives from parent. Call Finish (or Go) to
// unregister it.
func (o *Ops) New(parent context.Context, kind, event string) *Op {
	ctx, stop := context.WithCancel(parent)
	op := &Op{ID: newID(), Kind: kind, event: event, emit: o.emit, ctx: ctx, stop: stop,
		thr: Throttle{Interval: o.interval, Now: o.now}}
	o.mu.Lock()
	o.ops[op.ID] = op
	o.mu.Unlock()
	return op
}

// Go runs fn in a goroutine and unregisters the operation when it returns.
func (o *Ops) Go(op *Op, fn func(op *Op)) {
	o.wg.Add(1)
	go func() {
		defer o.wg.Done()
		defer o.Finish(op)
		fn(op)
	}()
}

// Get returns the registered operation id of kind, or op.unknown.
func (o *Ops) Get(id, kind string) (*Op, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	op, ok := o.ops[id]
	if !ok || (kind != "" && op.Kind != kind) {
		return nil, UnknownOpError()
	}
	return op, nil
}

// Finish unregisters an operation and releases its context; calling it
// again does nothing.
func (o *Ops) Finish(op *Op) {
	o.mu.Lock()
	delete(o.ops, op.ID)
	o.mu.Unlock()
	op.stop()
}

// Cancel cancels the operation id; it reports whether it was running.
// The operation stays registered until it finishes.
func (o *Ops) Cancel(id string) bool {
	o.mu.Lock()
	op, ok := o.ops[id]
	o.mu.Unlock()
	if ok {
		op.stop()
	}
	return ok
}

// CancelAll cancels and unregisters every operation (the session locks),
// then waits for those started with Go to return.
func (o *Ops) CancelAll() {
	o.mu.Lock()
	ops := o.ops
	o.ops = map[string]*Op{}
	o.mu.Unlock()
	for _, op := range ops {
		op.stop()
	}
	o.wg.Wait()
}

// Busy reports whether an operation started with Go is still running (or a
// registered one of any kind is): the idle timer waits for them.
func (o *Ops) Busy() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, op := range o.ops {
		if op.ctx.Err() == nil && op.running() {
			return true
		}
	}
	return false
}

func (op *Op) running() bool {
	op.mu.Lock()
	defer op.mu.Unlock()
	return op.phase != phaseWaiting
}

// phaseWaiting marks an operation that holds a value between two calls (a
// preview waiting for the user) without working: it does not keep the
// session awake.
const phaseWaiting = "waiting"

// Wait marks the operation as idle until its next SetPhase.
func (op *Op) Wait() { op.SetPhase(phaseWaiting) }

func newID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
