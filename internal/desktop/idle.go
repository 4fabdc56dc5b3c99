package desktop

import (
	"sync"
	"time"
)

// Timer is what Idle needs of a timer (*time.Timer is one).
type Timer interface{ Stop() bool }

// AfterFunc starts a timer that calls f after d (time.AfterFunc; tests pass a
// fake one they fire by hand).
type AfterFunc func(d time.Duration, f func()) Timer

func realAfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// Idle calls OnExpire once when Touch was not called for the timeout while it
// runs, unless Busy says work is going on (it then waits another period).
// It is safe for concurrent use.
type Idle struct {
	after    AfterFunc
	onExpire func()
	busy     func() bool

	mu      sync.Mutex
	timeout time.Duration
	timer   Timer
	gen     uint64
	running bool
}

// NewIdle returns a stopped idle timer. after nil means time.AfterFunc,
// busy nil means never busy.
func NewIdle(after AfterFunc, onExpire func(), busy func() bool) *Idle {
	if after == nil {
		after = realAfterFunc
	}
	return &Idle{after: after, onExpire: onExpire, busy: busy}
}

// Start arms the timer with timeout (re-arms it if running).
func (i *Idle) Start(timeout time.Duration) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.timeout, i.running = timeout, true
	i.arm()
}

// Touch records user activity: the timeout starts again.
func (i *Idle) Touch() {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.running {
		i.arm()
	}
}

// SetTimeout changes the timeout; a running timer starts again with it.
func (i *Idle) SetTimeout(timeout time.Duration) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.timeout = timeout
	if i.running {
		i.arm()
	}
}

// Timeout returns the current timeout.
func (i *Idle) Timeout() time.Duration {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.timeout
}

// Stop disarms the timer.
func (i *Idle) Stop() {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.running = false
	i.gen++
	if i.timer != nil {
		i.timer.Stop()
		i.timer = nil
	}
}

// arm (re)starts the timer; i.mu is held. A generation number discards a
// timer that fires after it was replaced.
func (i *Idle) arm() {
	if i.timer != nil {
		i.timer.Stop()
	}
	i.gen++
	gen := i.gen
	i.timer = i.after(i.timeout, func() { i.fire(gen) })
}

func (i *Idle) fire(gen uint64) {
	i.mu.Lock()
	if !i.running || gen != i.gen {
		i.mu.Unlock()
		return
	}
	if i.busy != nil && i.busy() {
		i.arm()
		i.mu.Unlock()
		return
	}
	i.running = false
	i.timer = nil
	i.mu.Unlock()
	if i.onExpire != nil {
		i.onExpire()
	}
}
