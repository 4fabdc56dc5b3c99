package sandbox

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path"
	"runtime"
	"sync"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
)

// Options configure New.
type Options struct {
	// Dir holds the sandbox's state (Badger store in Dir/db). Required.
	Dir string
	// Key is the 32-byte encryption key of the store. The desktop app
	// derives one from its vault; the standalone command uses
	// LoadOrCreateKey(Dir).
	Key []byte
	// Seed is the configuration; nil means DemoSeed().
	Seed *Seed
	// Faults to inject (none by default).
	Faults Faults
	// RNGSeed seeds the RNG of the OTP codes and of the faults; 0 picks a
	// random seed. Tokens and IDs always come from crypto/rand.
	RNGSeed uint64
	// Logger receives the access log and the store's warnings; nil
	// discards them. Access log lines hold the method, the path, the status
	// and the duration: never a password, token, OTP or file content.
	Logger *slog.Logger
	// LogOTP also writes every OTP sent to Logger (standalone sandbox only).
	LogOTP bool
	// OnOTP, if set, is called with every message put in the sandbox inbox
	// (the desktop app shows it).
	OnOTP func(InboxMessage)
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
	// InboxToken, if set, opens the HTTP inbox (GET /sandbox/v1/inbox) to
	// requests carrying "Authorization: Bearer <InboxToken>" (the standalone
	// sandbox prints it at start). Empty: the HTTP inbox is off, and the
	// codes are read in-process only (Inbox, OnOTP: the desktop app).
	InboxToken string
	// Workers bounds the deposits validated at the same time; 0 means half
	// of GOMAXPROCS (at least 1), so that validation in the background leaves
	// CPU to the calls.
	Workers int
}

// Rules of the sandbox's login (documented in the package doc).
const (
	MaxPasswordFailures = 5
	LockoutDuration     = time.Minute
	ChallengeTTL        = 5 * time.Minute
	MaxOTPTries         = 3
	inboxSize           = 20
	maxJSONBody         = 64 << 10
)

// Server is the sandbox platform. It is safe for concurrent use.
type Server struct {
	opt     Options
	faultMu sync.RWMutex // guards opt.Faults (SetFaults)
	seed    *Seed
	log     *slog.Logger
	now     func() time.Time
	rng     *lockedRand
	db      *badger.DB
	start   time.Time
	handler http.Handler

	accounts  map[string]*Account            // by login
	mandates  map[string]map[string]api.Role // login → affiliation → role
	employers map[string]*Employer           // by affiliation

	locks     keyedMutex
	counterMu sync.Mutex

	mu       sync.Mutex
	pending  map[string]time.Time // deposit id → next due time
	inflight map[string]bool
	failures map[string]int // wrong passwords of unknown logins
	ln       net.Listener
	srv      *http.Server

	kick   chan struct{}
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	sem    chan struct{}
	bodies chan struct{} // deposit bodies being read (MaxBodyReaders)
	once   sync.Once
}

// New opens (or creates) the sandbox's state in opts.Dir and starts
// processing the deposits left pending. Serve it with Serve,
// ListenAndServe or Start; stop it with Close.
func New(opts Options) (*Server, error) {
	if opts.Dir == "" {
		return nil, ioErr(errors.New("no data folder"))
	}
	if err := opts.Faults.check(); err != nil {
		return nil, err
	}
	seed := opts.Seed
	if seed == nil {
		seed = DemoSeed()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Workers <= 0 {
		opts.Workers = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if opts.RNGSeed == 0 {
		var b [8]byte
		_, _ = crand.Read(b[:])
		opts.RNGSeed = binary.LittleEndian.Uint64(b[:]) | 1
	}
	db, err := openDB(opts.Dir, opts.Key, opts.Logger)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opt: opts, seed: seed, log: opts.Logger, now: opts.Now, rng: newRand(opts.RNGSeed), db: db,
		start:    opts.Now(),
		accounts: map[string]*Account{}, mandates: map[string]map[string]api.Role{}, employers: map[string]*Employer{},
		pending: map[string]time.Time{}, inflight: map[string]bool{}, failures: map[string]int{},
		kick: make(chan struct{}, 1), sem: make(chan struct{}, opts.Workers), bodies: make(chan struct{}, MaxBodyReaders),
	}
	for i := range seed.Employers {
		s.employers[seed.Employers[i].Affiliation] = &seed.Employers[i]
	}
	for i := range seed.Accounts {
		a := &seed.Accounts[i]
		s.accounts[a.Login] = a
		m := map[string]api.Role{}
		for _, md := range a.Mandates {
			m[md.Affiliation] = md.Role
		}
		s.mandates[a.Login] = m
	}
	if err := s.loadPending(); err != nil {
		db.Close()
		return nil, err
	}
	s.handler = s.routes()
	s.srv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: HeaderTimeout,
		ReadTimeout:       BodyTimeout,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(opts.Logger.Handler(), slog.LevelWarn),
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.wg.Add(1)
	go s.worker()
	return s, nil
}

// Handler returns the HTTP handler of the sandbox (to mount it elsewhere).
func (s *Server) Handler() http.Handler { return s.handler }

// Serve answers on l until Close; it returns nil after Close. At most
// MaxConnections connections are served at once.
func (s *Server) Serve(l net.Listener) error {
	l = newLimitListener(l, MaxConnections)
	s.mu.Lock()
	s.ln = l
	s.mu.Unlock()
	err := s.srv.Serve(l)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// ListenAndServe listens on addr (e.g. "127.0.0.1:8787") and serves until Close.
func (s *Server) ListenAndServe(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return ioErr(err)
	}
	return s.Serve(l)
}

// Start listens on addr and serves in the background; it returns the base
// URL ("http://127.0.0.1:PORT"). Use "127.0.0.1:0" for any free port.
func (s *Server) Start(addr string) (string, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return "", ioErr(err)
	}
	go s.Serve(l)
	return "http://" + l.Addr().String(), nil
}

// Addr returns the address served ("" before Serve).
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// Close stops serving (in-flight calls get up to 5 s), stops the processing
// and closes the store. Deposits not yet processed are processed at the next
// New on the same folder. Closing twice is a no-op.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if e := s.srv.Shutdown(ctx); e != nil {
			s.srv.Close()
		}
		s.cancel()
		s.wg.Wait()
		if e := s.db.Close(); e != nil {
			err = ioErr(e)
		}
	})
	return err
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/auth/login", s.handleLogin)
	mux.HandleFunc("POST /v1/auth/otp", s.handleOTP)
	mux.HandleFunc("GET /v1/affiliations", s.auth(s.handleAffiliations))
	mux.HandleFunc("GET /v1/affiliations/{aff}/periods/{period}/preetabli", s.auth(s.handlePreetabli))
	mux.HandleFunc("POST /v1/affiliations/{aff}/periods/{period}/declarations", s.auth(s.handleDeposit))
	mux.HandleFunc("GET /v1/deposits/{id}", s.auth(s.handleGetDeposit))
	mux.HandleFunc("GET /v1/affiliations/{aff}/deposits", s.auth(s.handleListDeposits))
	mux.HandleFunc("GET /sandbox/v1/inbox", s.handleInbox)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, api.New(api.CodeNotFound, "no such call: "+r.Method+" "+r.URL.Path))
	})
	// ServeMux redirects unclean paths ("/v1/../x"): answer them not_found
	// instead, so that every answer of the API is JSON.
	clean := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; p == "" || p[0] != '/' || path.Clean(p) != p || r.Method == http.MethodConnect {
			writeError(w, api.New(api.CodeNotFound, "no such call"))
			return
		}
		mux.ServeHTTP(w, r)
	})
	return s.accessLog(s.recoverer(s.guard(s.faults(clean))))
}

// statusWriter records the status and size of an answer for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// accessLog logs one line per call: method, path (never the query, which
// may hold a login), status, answer size and duration. Paths hold
// affiliation numbers, periods and deposit IDs only.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t0 := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			st := sw.status
			if st == 0 {
				st = -1 // connection dropped without an answer
			}
			s.log.Info("sandbox", "method", r.Method, "path", r.URL.Path, "status", st,
				"bytes", sw.bytes, "ms", time.Since(t0).Milliseconds())
		}()
		next.ServeHTTP(sw, r)
	})
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("sandbox: internal error", "path", r.URL.Path)
				writeError(w, api.New(api.CodeInternal, "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// SetFaults replaces the faults the running server injects (Options.Faults
// at New): a test, or the desktop app's dev build, takes the platform down
// and brings it back during a submission. A malformed setting is refused and
// the current one kept. The desktop app calls it only from its dev-only
// Testing service.
func (s *Server) SetFaults(f Faults) error {
	if err := f.check(); err != nil {
		return err
	}
	s.faultMu.Lock()
	s.opt.Faults = f
	s.faultMu.Unlock()
	return nil
}

func (s *Server) currentFaults() Faults {
	s.faultMu.RLock()
	defer s.faultMu.RUnlock()
	return s.opt.Faults
}

// faults injects latency, 5xx answers and maintenance on /v1 calls.
func (s *Server) faults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := s.currentFaults()
		if len(r.URL.Path) < 4 || r.URL.Path[:4] != "/v1/" {
			next.ServeHTTP(w, r)
			return
		}
		if d := f.Latency + time.Duration(s.rng.int64n(int64(f.Jitter))); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		if left := f.Maintenance.in(s.now(), s.start); left > 0 {
			e := api.New(api.CodeMaintenance, "scheduled maintenance of the sandbox")
			e.RetryAfter = left
			writeError(w, e)
			return
		}
		if s.rng.chance(f.FailRate) {
			writeError(w, api.New(api.CodeInternal, "injected failure"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func writeError(w http.ResponseWriter, e *api.Error) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if e.RetryAfter > 0 {
		h.Set(api.HeaderRetryAfter, api.FormatRetryAfter(e.RetryAfter))
	}
	w.WriteHeader(e.Status)
	b, _ := json.Marshal(e.Body())
	w.Write(append(b, '\n'))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, api.New(api.CodeInternal, "encoding"))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func badRequest(msg string) *api.Error { return api.New(api.CodeBadRequest, msg) }

// decodeJSON reads one JSON object strictly: at most 64 KiB, no unknown
// field, nothing after it.
func decodeJSON(r *http.Request, v any) *api.Error {
	data, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxJSONBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return badRequest("JSON body larger than 64 KiB")
		}
		return badRequest("unreadable body")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest("malformed JSON: " + jsonReason(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return badRequest("malformed JSON: data after the object")
	}
	return nil
}

// internal logs a storage error (its text holds opaque keys at most, never
// a value) and returns the 500 answer.
func (s *Server) internal(err error) *api.Error {
	s.log.Error("sandbox: storage error", "error", err.Error())
	var ue *i18n.Error
	msg := "storage error"
	if errors.As(err, &ue) {
		msg = ue.Code
	}
	return api.New(api.CodeInternal, msg)
}
