package outbox

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/store"
)

// Client is what the outbox needs of a platform; *client.Client is one.
type Client interface {
	Login(ctx context.Context, login, password string) (api.Challenge, error)
	VerifyOTP(ctx context.Context, challengeID, code string) (api.Session, error)
	Token() string
	SetToken(token string)
	Preetabli(ctx context.Context, aff string, p domain.Period) ([]byte, error)
	Deposit(ctx context.Context, aff string, p domain.Period, kind api.Kind, seq int, idempotencyKey string, body []byte) (api.DepositReceived, error)
	GetDeposit(ctx context.Context, id string) (api.Deposit, error)
}

var _ Client = (*client.Client)(nil)

// Dialer returns the client of a platform profile. The worker calls it once
// per profile and keeps the client (and its session) for its whole life.
type Dialer func(profile domain.PlatformProfile) (Client, error)

// Defaults of Options.
const (
	DefaultBackoffBase  = 2 * time.Second
	DefaultBackoffMax   = 5 * time.Minute
	DefaultPollInterval = 5 * time.Second
	DefaultCallTimeout  = 60 * time.Second
	DefaultConcurrency  = 4
)

// Backoff is exponential backoff with full jitter: the n-th retry waits a
// uniformly random duration in [0, min(Max, Base·2^(n−1))].
type Backoff struct {
	Base time.Duration `json:"base"`
	Max  time.Duration `json:"max"`
}

// Ceiling returns the largest wait of retry n (n ≥ 1).
func (b Backoff) Ceiling(n int) time.Duration {
	if n < 1 {
		n = 1
	}
	c := b.Base
	for i := 1; i < n && c < b.Max; i++ {
		c *= 2
	}
	return min(c, b.Max)
}

// Delay returns the wait before retry n, drawn from r.
func (b Backoff) Delay(n int, r *mrand.Rand) time.Duration {
	c := b.Ceiling(n)
	if c <= 0 {
		return 0
	}
	return time.Duration(r.Int64N(int64(c) + 1))
}

// Options tune New. Dialer is required.
// Attempt is one attempt to deposit, as OnAttempt sees it.
type Attempt struct {
	Submission store.Submission
	// Action is "deposit" (the file sent) or "result" (the verdict).
	Action string
	// Status is the platform's status of the deposit ("" after an error).
	Status api.Status
	// DepositID is the platform's number of the deposit ("" after an error).
	DepositID string
	// Deposit is the platform's verdict (Action "result").
	Deposit *api.Deposit
	// Err is the error of the call (network or platform).
	Err error
}

// attempt tells OnAttempt.
func (w *Worker) attempt(a Attempt) {
	if w.o.OnAttempt != nil {
		w.o.OnAttempt(a)
	}
}

type Options struct {
	// Dialer gives the client of each profile (Endpoints.Dialer).
	Dialer Dialer
	// OnEvent receives every event after it was committed. It is called from
	// the worker's goroutines (and from Enqueue/Resubmit): it must be safe
	// for concurrent use and return quickly (the app forwards to the UI).
	OnEvent func(Event)
	// OnAccepted is called once a submission is accepted (after the commit),
	// with the submission and the platform's deposit; the receipt generator
	// plugs in here.
	OnAccepted func(sub store.Submission, dep api.Deposit)
	// ImportPreetabli stores a préétabli FetchPreetabli downloaded and
	// checked, as an import of the file would (monthly.Service.ImportPreetabli,
	// which also creates the préétabli's employees unknown to the store; the
	// desktop layer plugs it in, so that the platform layer never depends on
	// the month service). Nil: FetchPreetabli refuses (outbox.no_importer).
	ImportPreetabli func(employerID, fileName string, raw []byte, p domain.Period) (store.Preetabli, error)
	// OnAttempt, when set, is told of every attempt to deposit: each call
	// sending the file (with the platform's status or the error) and the
	// platform's verdict. It is called from the worker, after the commit;
	// the deposit-attempt log plugs in here.
	OnAttempt func(Attempt)
	// BeforeDeposit, when set, is asked before a submission is first sent
	// (no deposit id yet); an error keeps it queued and it is tried again
	// after the backoff ceiling. The firm mode plugs in here: a dossier
	// shared by several seats is sent only by the seat holding its lease,
	// once the submission and its idempotency key are on the firm's store.
	BeforeDeposit func(ctx context.Context, sub store.Submission) error
	// Backoff of retries (defaults DefaultBackoffBase, DefaultBackoffMax).
	Backoff Backoff
	// PollInterval between two polls of a deposit (DefaultPollInterval).
	PollInterval time.Duration
	// CallTimeout bounds each call on top of the client's own (DefaultCallTimeout).
	CallTimeout time.Duration
	// Concurrency is the number of submissions carried at once (DefaultConcurrency).
	Concurrency int
	// Seed seeds the jitter (0: a random seed).
	Seed uint64
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Logger receives internal errors (store failures), with ids and codes
	// only. Nil: discarded.
	Logger *slog.Logger
}

// Worker is the outbox of one store. It is safe for concurrent use; Start
// and Stop may be called again (a restart resumes from the store).
type Worker struct {
	st *store.Store
	o  Options

	life     sync.Mutex // serialises Start and Stop
	mu       sync.Mutex
	rng      *mrand.Rand
	profiles map[domain.PlatformProfile]*profileState
	sched    map[string]*entry                 // waiting for their time
	inflight map[string]bool                   // being carried by a step
	parked   map[string]domain.PlatformProfile // waiting for a login
	pollFail map[string]int                    // consecutive failed polls
	dirty    bool                              // reload the pending list
	running  bool
	cancel   context.CancelFunc
	done     chan struct{}
	steps    sync.WaitGroup
	wake     chan struct{}
}

type profileState struct {
	client     Client
	needsLogin bool
	notBefore  time.Time // Retry-After window: no call to this platform before
}

type entry struct {
	profile domain.PlatformProfile
	due     time.Time
	soft    bool // after a retryable failure: tried at once when the platform answers again
}

// New returns the outbox worker of st (not started).
func New(st *store.Store, opts Options) *Worker {
	if opts.Backoff.Base <= 0 {
		opts.Backoff.Base = DefaultBackoffBase
	}
	if opts.Backoff.Max <= 0 {
		opts.Backoff.Max = DefaultBackoffMax
	}
	if opts.Backoff.Max < opts.Backoff.Base {
		opts.Backoff.Max = opts.Backoff.Base
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = DefaultPollInterval
	}
	if opts.CallTimeout <= 0 {
		opts.CallTimeout = DefaultCallTimeout
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	seed := opts.Seed
	if seed == 0 {
		var b [8]byte
		_, _ = rand.Read(b[:])
		seed = binary.LittleEndian.Uint64(b[:])
	}
	return &Worker{
		st: st, o: opts,
		rng:      mrand.New(mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		profiles: map[domain.PlatformProfile]*profileState{},
		sched:    map[string]*entry{},
		inflight: map[string]bool{},
		parked:   map[string]domain.PlatformProfile{},
		pollFail: map[string]int{},
		wake:     make(chan struct{}, 1),
	}
}

func (w *Worker) now() time.Time { return w.o.Now() }

func (w *Worker) emit(e Event) {
	if w.o.OnEvent != nil {
		w.o.OnEvent(e)
	}
}

func (w *Worker) signal() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Start launches the worker: it loads every pending submission from the
// store and carries them until Stop or until ctx ends.
func (w *Worker) Start(ctx context.Context) error {
	w.life.Lock()
	defer w.life.Unlock()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.running {
		return i18n.New(CodeRunning, msgRunning)
	}
	ctx, cancel := context.WithCancel(ctx)
	w.running, w.cancel, w.done = true, cancel, make(chan struct{})
	clear(w.sched)
	clear(w.parked)
	clear(w.pollFail)
	w.dirty = true
	go w.loop(ctx, w.done)
	return nil
}

// Stop stops the worker and waits for its calls to end (they are
// cancelled). Submissions stay in the store as they are; the next Start
// resumes them. Stop on a stopped worker does nothing.
func (w *Worker) Stop() {
	w.life.Lock()
	defer w.life.Unlock()
	w.mu.Lock()
	if !w.running {
		w.mu.Unlock()
		return
	}
	cancel, done := w.cancel, w.done
	w.mu.Unlock()
	cancel()
	<-done
	w.steps.Wait()
	w.mu.Lock()
	w.running = false
	w.mu.Unlock()
}

// Kick makes the worker reload the pending submissions from the store now
// (after a change it did not make itself).
func (w *Worker) Kick() {
	w.mu.Lock()
	w.dirty = true
	w.mu.Unlock()
	w.signal()
}

// schedule plans a call for submission id at t.
func (w *Worker) schedule(id string, profile domain.PlatformProfile, t time.Time) {
	w.mu.Lock()
	if !w.inflight[id] {
		delete(w.parked, id)
		w.sched[id] = &entry{profile: profile, due: t}
	}
	w.mu.Unlock()
	w.signal()
}

// profile returns the state of profile, dialing its client the first time.
// Called with w.mu held.
func (w *Worker) profileLocked(profile domain.PlatformProfile) (*profileState, error) {
	if ps, ok := w.profiles[profile]; ok {
		return ps, nil
	}
	if w.o.Dialer == nil {
		return nil, i18n.New(CodeNoEndpoint, msgNoSandbox)
	}
	c, err := w.o.Dialer(profile)
	if err != nil {
		return nil, err
	}
	ps := &profileState{client: c}
	w.profiles[profile] = ps
	return ps, nil
}

func (w *Worker) profile(profile domain.PlatformProfile) (*profileState, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.profileLocked(profile)
}

// Client returns the client of a profile (e.g. to list deposits).
func (w *Worker) Client(profile domain.PlatformProfile) (Client, error) {
	ps, err := w.profile(profile)
	if err != nil {
		return nil, err
	}
	return ps.client, nil
}

// SetSession hands the worker the access token of a profile (after a login
// done elsewhere) and wakes every submission waiting for it. An empty token
// forgets the session.
func (w *Worker) SetSession(profile domain.PlatformProfile, token string) error {
	w.mu.Lock()
	ps, err := w.profileLocked(profile)
	if err != nil {
		w.mu.Unlock()
		return err
	}
	ps.client.SetToken(token)
	ps.needsLogin = token == ""
	if token != "" {
		now := w.now()
		for id, p := range w.parked {
			if p == profile {
				delete(w.parked, id)
				w.sched[id] = &entry{profile: p, due: now}
			}
		}
	}
	w.mu.Unlock()
	w.signal()
	return nil
}

// HasSession reports whether profile has an access token.
func (w *Worker) HasSession(profile domain.PlatformProfile) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	ps, ok := w.profiles[profile]
	return ok && ps.client.Token() != ""
}

// Waiting returns the number of submissions waiting for a login on profile.
func (w *Worker) Waiting(profile domain.PlatformProfile) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, p := range w.parked {
		if p == profile {
			n++
		}
	}
	return n
}

// Login sends login and password to the platform of profile; it answers a
// challenge and sends a one-time code. The password is not kept.
func (w *Worker) Login(ctx context.Context, profile domain.PlatformProfile, login, password string) (api.Challenge, error) {
	ps, err := w.profile(profile)
	if err != nil {
		return api.Challenge{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, w.o.CallTimeout)
	defer cancel()
	return ps.client.Login(ctx, login, password)
}

// VerifyOTP sends the one-time code of a challenge; on success the session
// is set (SetSession) and the waiting submissions resume. The returned
// session has no access token: it stays inside the worker's client.
func (w *Worker) VerifyOTP(ctx context.Context, profile domain.PlatformProfile, challengeID, code string) (api.Session, error) {
	ps, err := w.profile(profile)
	if err != nil {
		return api.Session{}, err
	}
	cctx, cancel := context.WithTimeout(ctx, w.o.CallTimeout)
	defer cancel()
	s, err := ps.client.VerifyOTP(cctx, challengeID, code)
	if err != nil {
		return api.Session{}, err
	}
	if err := w.SetSession(profile, s.AccessToken); err != nil {
		return api.Session{}, err
	}
	s.AccessToken = ""
	return s, nil
}
