package desktop

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tasrih/tasrih/internal/backup"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/keyring"
	"github.com/tasrih/tasrih/internal/memwipe"
	"github.com/tasrih/tasrih/internal/monthly"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/credentials"
	platformlogin "github.com/tasrih/tasrih/internal/platform/login"
	"github.com/tasrih/tasrih/internal/platform/manual"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/settings"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/tasrih/tasrih/internal/workspace"
)

// Names of the events sent through Options.Emit.
const (
	// EventLocked: the session locked ({reason}); the UI drops every piece of
	// state it holds and shows the lock screen.
	EventLocked = "session:locked"
	// EventUnlocked: the session unlocked ({method}).
	EventUnlocked = "session:unlocked"
	// EventOutbox: a submission changed (outbox.Event).
	EventOutbox = "outbox:event"
	// EventLoginRequired: a profile needs a login ({profile}).
	EventLoginRequired = "outbox:login_required"
	// EventSandboxOTP: the embedded sandbox sent a one-time code ({login});
	// the code itself is read with the sandbox inbox.
	EventSandboxOTP = "sandbox:otp"
	// EventReceipt: a receipt was stored ({receipt_id, declaration_id}).
	EventReceipt = "receipt:created"
)

// Lock reasons of EventLocked.
const (
	ReasonIdle    = "idle"
	ReasonUser    = "user"
	ReasonRestore = "restore"
	ReasonExit    = "exit"
)

// Locked is the payload of EventLocked.
type Locked struct {
	Reason string `json:"reason"`
}

// Unlocked is the payload of EventUnlocked.
type Unlocked struct {
	Method vault.Method `json:"method"`
}

// ProfileEvent is the payload of EventLoginRequired.
type ProfileEvent struct {
	Profile domain.PlatformProfile `json:"profile"`
}

// OTPEvent is the payload of EventSandboxOTP.
type OTPEvent struct {
	Login string `json:"login"`
}

// ReceiptEvent is the payload of EventReceipt.
type ReceiptEvent struct {
	ReceiptID     string `json:"receipt_id"`
	DeclarationID string `json:"declaration_id"`
}

// Options configure a Core. Dir is required; the rest has defaults fit for
// the application.
type Options struct {
	// Dir is the data folder (vault.json, store/, settings.json, sandbox/).
	Dir string
	// Vault tunes the vault (keyring, Argon2id parameters of new wraps).
	Vault vault.Options
	// Store tunes the store (actor, logger).
	Store store.Options
	// Params is the parameter table; nil means params.Default().
	Params *params.Table
	// Emit receives the events for the UI; nil drops them. It is called from
	// many goroutines and must return quickly.
	Emit func(name string, data any)
	// AfterFunc makes the idle timer (nil: time.AfterFunc).
	AfterFunc AfterFunc
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// ProgressInterval is the least time between two progress events of one
	// operation (0: DefaultProgressInterval).
	ProgressInterval time.Duration
	// Logger receives internal failures (ids and codes only); nil: discarded.
	Logger *slog.Logger
	// Getenv reads the environment (remote platform URLs); nil: os.Getenv.
	Getenv func(string) string

	// NoSandbox does not start the embedded sandbox platform.
	NoSandbox bool
	// SandboxSeed configures the embedded sandbox (nil: sandbox.DemoSeed()).
	SandboxSeed *sandbox.Seed
	// SandboxAddr is where the embedded sandbox listens (default
	// 127.0.0.1:0, any free loopback port).
	SandboxAddr string
	// Outbox tunes the worker (Dialer, OnEvent and OnAccepted are set by
	// the Core; the rest is passed on).
	Outbox outbox.Options
	// Keyring keeps platform passwords (nil: Vault.Keyring, else the OS keyring).
	Keyring keyring.Keyring
}

// Core is the session of one data folder: locked, or unlocked with its
// workspace and the services that run while it is. Every method is safe for
// concurrent use; methods that need the store return session.locked while
// locked.
type Core struct {
	opts  Options
	dir   string
	ops   *Ops
	idle  *Idle
	limit vault.Limiter
	now   func() time.Time

	// mu guards sess: bound calls hold it for reading while they use the
	// session, Lock holds it for writing.
	mu   sync.RWMutex
	sess *Session

	bmu    sync.Mutex
	banner string // keyring.unavailable after a failed keyring call, else ""

	firmOnce sync.Once
	firm     *Firm // the firm mode (firm.go)

	// holdSnapshots, a test hook (SetSnapshotHold), keeps a running
	// snapshot at its first record until it is cancelled or released.
	holdSnapshots atomic.Bool
}

// SetSnapshotHold makes every snapshot, once it has reported its first
// progress, wait there until it is cancelled or the hold is lifted: the
// end-to-end test cancels a snapshot of a small vault, which otherwise ends
// before any Cancel click. Only the dev build's Testing service calls it.
func (c *Core) SetSnapshotHold(on bool) { c.holdSnapshots.Store(on) }

// Session is what exists while the vault is unlocked. Its fields are valid
// only inside the function given to Core.Use.
type Session struct {
	WS      *workspace.Workspace
	Store   *store.Store
	Month   *monthly.Service
	Outbox  *outbox.Worker
	Manual  *manual.Service
	Creds   *credentials.Credentials
	Params  *params.Table
	Sandbox *sandbox.Server // nil when the embedded sandbox is off or failed
	// SandboxURL is the base URL of the embedded sandbox ("" if none).
	SandboxURL string
	// SandboxLogin and SandboxPassword are the embedded sandbox's training
	// account: per-install credentials (EmbeddedSeed), shown in the login
	// dialog, never demo/demo.
	SandboxLogin, SandboxPassword string
	// Endpoints are the platform URLs of the outbox.
	Endpoints outbox.Endpoints

	getenv func(string) string

	cmu    sync.Mutex
	logins *platformlogin.Dialog // the pending platform logins (platform.go)
	ctx    context.Context       // ends when the session locks
	cancel context.CancelFunc
}

// New returns the locked session of opts.Dir. It does not touch the disk.
func New(opts Options) (*Core, error) {
	if opts.Dir == "" {
		return nil, errors.New("desktop: no data folder")
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Params == nil {
		opts.Params = params.Default()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.SandboxAddr == "" {
		opts.SandboxAddr = "127.0.0.1:0"
	}
	if opts.Keyring == nil {
		opts.Keyring = opts.Vault.Keyring
	}
	if opts.Vault.Now == nil {
		opts.Vault.Now = opts.Now
	}
	c := &Core{opts: opts, dir: dir, now: opts.Now}
	c.limit.Path, c.limit.Now = vault.LimiterFile(dir), opts.Now // the wait survives a restart
	c.ops = NewOps(c.emit, opts.ProgressInterval, opts.Now)
	c.idle = NewIdle(opts.AfterFunc, func() { _ = c.Lock(ReasonIdle) }, c.ops.Busy)
	return c, nil
}

// Dir returns the absolute data folder.
func (c *Core) Dir() string { return c.dir }

// Ops returns the operation registry of the session.
func (c *Core) Ops() *Ops { return c.ops }

// Params returns the parameter table.
func (c *Core) Params() *params.Table { return c.opts.Params }

// Now returns the current time of the Core's clock.
func (c *Core) Now() time.Time { return c.now() }

func (c *Core) emit(name string, data any) {
	if c.opts.Emit != nil {
		c.opts.Emit(name, data)
	}
}

// Status describes the session for the lock screen. It holds no secret.
type Status struct {
	HasVault   bool   `json:"has_vault"`
	Unlocked   bool   `json:"unlocked"`
	DataDir    string `json:"data_dir"`
	Remembered bool   `json:"remembered"`
	// KeyringBanner is keyring.unavailable when the last keyring call did
	// not answer (the UI says so and asks for the passphrase), else "".
	KeyringBanner   string    `json:"keyring_banner"`
	Lang            i18n.Lang `json:"lang"`
	AutoLockMinutes int       `json:"auto_lock_minutes"`
	// RetryInSeconds is how long the unlock form must wait after too many
	// wrong secrets (0: now).
	RetryInSeconds int `json:"retry_in_seconds"`
	// Method is how the session was unlocked ("" while locked).
	Method vault.Method `json:"method"`
}

// Status returns the state of the session.
func (c *Core) Status() Status {
	st, _ := settings.Load(c.dir)
	s := Status{DataDir: c.dir, Lang: st.Lang, AutoLockMinutes: st.AutoLockMinutes, KeyringBanner: c.keyringBanner()}
	s.HasVault = workspace.Exists(c.dir)
	if s.HasVault {
		if v, err := vault.Open(c.dir, c.opts.Vault); err == nil {
			s.Remembered = v.Info().Remembered
		}
	}
	if w := c.limit.Wait(); w > 0 {
		s.RetryInSeconds = int((w + time.Second - 1) / time.Second)
	}
	c.mu.RLock()
	if c.sess != nil {
		s.Unlocked, s.Method = true, c.sess.WS.Vault.Method()
	}
	c.mu.RUnlock()
	return s
}

func (c *Core) keyringBanner() string {
	c.bmu.Lock()
	defer c.bmu.Unlock()
	return c.banner
}

func (c *Core) setBanner(err error) {
	c.bmu.Lock()
	defer c.bmu.Unlock()
	switch {
	case err == nil:
		c.banner = ""
	case errors.Is(err, vault.ErrKeyringUnavailable) && i18n.Code(err) == vault.CodeKeyringUnavailable:
		c.banner = vault.CodeKeyringUnavailable
	}
}

// Unlocked reports whether the session is unlocked.
func (c *Core) Unlocked() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.sess != nil
}

// Use runs fn with the unlocked session, or returns session.locked. Lock
// waits for fn to return, so fn must not call Lock.
func (c *Core) Use(fn func(s *Session) error) error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.sess == nil {
		return LockedError()
	}
	return fn(c.sess)
}

// Touch records user activity (the idle timer starts again).
func (c *Core) Touch() { c.idle.Touch() }

// CheckPassphrase tells whether p is strong enough for a vault.
func CheckPassphrase(p string) error { return vault.CheckPassphrase(p) }

// Create makes the vault and store of the data folder, unlocks it and
// returns the recovery code (shown once). With remember, the key is also kept
// in the OS keyring; a keyring that does not answer leaves the vault created
// and unlocked, with the banner set.
func (c *Core) Create(passphrase string, remember bool) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sess != nil {
		return "", i18n.New(CodeUnlocked, msgUnlocked)
	}
	if err := vault.CheckPassphrase(passphrase); err != nil {
		return "", err
	}
	ws, code, err := workspace.Create(c.dir, passphrase, c.opts.Vault, c.storeOptions())
	if err != nil {
		return "", err
	}
	if remember {
		ctx, cancel := context.WithTimeout(context.Background(), keyringTimeout(c.opts.Vault))
		err := ws.Vault.Remember(ctx)
		cancel()
		c.setBanner(err)
	}
	c.start(ws)
	return code, nil
}

// UnlockKeyring unlocks with the key kept in the OS keyring. keyring.unavailable
// and vault.not_remembered mean "ask for the passphrase".
func (c *Core) UnlockKeyring(ctx context.Context) error {
	return c.unlock(false, func(v *vault.Vault) (*vault.Unlocked, error) {
		u, err := v.UnlockKeyring(ctx)
		if i18n.Code(err) != vault.CodeNotRemembered {
			c.setBanner(err)
		}
		return u, err
	})
}

// UnlockPassphrase unlocks with the passphrase, rate-limited
// (vault.too_many_attempts says how long to wait).
func (c *Core) UnlockPassphrase(passphrase string) error {
	return c.unlock(true, func(v *vault.Vault) (*vault.Unlocked, error) { return v.UnlockPassphrase(passphrase) })
}

// UnlockRecovery unlocks with the recovery code, rate-limited like the
// passphrase.
func (c *Core) UnlockRecovery(code string) error {
	return c.unlock(true, func(v *vault.Vault) (*vault.Unlocked, error) { return v.UnlockRecovery(code) })
}

func (c *Core) unlock(limited bool, fn func(*vault.Vault) (*vault.Unlocked, error)) error {
	if limited {
		if err := c.limit.Check(); err != nil {
			return err
		}
	}
	if c.Unlocked() {
		return i18n.New(CodeUnlocked, msgUnlocked)
	}
	if !workspace.Exists(c.dir) {
		return i18n.New(CodeNoVault, msgNoVault)
	}
	v, err := vault.Open(c.dir, c.opts.Vault)
	if err != nil {
		return err
	}
	// The derivation (~0.75 s) or the keyring call (up to its timeout) runs
	// without holding c.mu, so that Status answers meanwhile.
	u, err := fn(v)
	if limited {
		c.limit.Record(err)
	}
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sess != nil { // another unlock won the race
		u.Lock()
		return i18n.New(CodeUnlocked, msgUnlocked)
	}
	ws, err := workspace.Open(c.dir, u, c.storeOptions())
	if err != nil {
		u.Lock()
		return err
	}
	c.start(ws)
	return nil
}

func (c *Core) storeOptions() store.Options {
	o := c.opts.Store
	if o.Logger == nil {
		o.Logger = c.opts.Logger
	}
	return o
}

func keyringTimeout(o vault.Options) time.Duration {
	if o.KeyringTimeout > 0 {
		return o.KeyringTimeout
	}
	return vault.DefaultKeyringTimeout
}

// start brings up what runs while unlocked; c.mu is held for writing.
func (c *Core) start(ws *workspace.Workspace) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Session{WS: ws, Store: ws.Store, Params: c.opts.Params, ctx: ctx, cancel: cancel, getenv: c.opts.Getenv}
	s.Month = monthly.New(ws.Store, c.opts.Params)
	s.Creds = credentials.New(ws.Store, credentials.Options{Keyring: c.opts.Keyring})
	if !c.opts.NoSandbox {
		c.startSandbox(s)
	}
	s.Endpoints = outbox.LoadEndpoints(c.opts.Getenv, c.dir, remoteNames(ws.Store)...)
	if s.SandboxURL != "" {
		s.Endpoints.Sandbox = s.SandboxURL
	}
	oo := c.opts.Outbox
	oo.Dialer = s.dialer(client.Options{})
	oo.OnEvent = func(ev outbox.Event) {
		c.emit(EventOutbox, ev)
		if ev.Kind == outbox.EventLoginRequired {
			c.emit(EventLoginRequired, ProfileEvent{Profile: ev.Profile})
		}
	}
	oo.OnAccepted = func(sub store.Submission, dep api.Deposit) {
		if rc, err := ReceiptForDeposit(s.Store, c.opts.Params, sub, dep); err != nil {
			c.opts.Logger.Error("receipt generation failed", "submission", sub.ID, "code", i18n.Code(err))
		} else if rc.ID != "" {
			c.emit(EventReceipt, ReceiptEvent{ReceiptID: rc.ID, DeclarationID: rc.DeclarationID})
		}
	}
	oo.OnAttempt = func(a outbox.Attempt) {
		if _, _, err := RecordAPIAttempt(s.Store, a); err != nil {
			c.opts.Logger.Error("deposit attempt not recorded", "submission", a.Submission.ID, "code", i18n.Code(err))
		}
	}
	if oo.Logger == nil {
		oo.Logger = c.opts.Logger
	}
	oo.BeforeDeposit = func(ctx context.Context, sub store.Submission) error {
		return c.Firm().beforeDeposit(ctx, s, sub)
	}
	oo.ImportPreetabli = func(employerID, name string, raw []byte, p domain.Period) (store.Preetabli, error) {
		out, _, err := s.Month.ImportPreetabli(employerID, name, raw, &p)
		return out, err
	}
	s.Outbox = outbox.New(ws.Store, oo)
	if err := s.Outbox.Start(ctx); err != nil {
		c.opts.Logger.Error("outbox start failed", "code", i18n.Code(err))
	}
	s.Manual = manual.New(ws.Store, manual.Options{Now: c.now, OnRecorded: func(d store.Declaration, md store.ManualDeposit) {
		if rc, err := ReceiptForManual(s.Store, c.opts.Params, d, md); err != nil {
			c.opts.Logger.Error("receipt generation failed", "declaration", d.ID, "code", i18n.Code(err))
		} else if rc.ID != "" {
			c.emit(EventReceipt, ReceiptEvent{ReceiptID: rc.ID, DeclarationID: rc.DeclarationID})
		}
	}})
	c.sess = s
	st, _ := settings.Load(c.dir)
	c.idle.Start(time.Duration(st.AutoLockMinutes) * time.Minute)
	c.emit(EventUnlocked, Unlocked{Method: ws.Vault.Method()})
}

func remoteNames(st *store.Store) []string {
	ers, err := st.Employers().List()
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, e := range ers {
		if e.PlatformProfile.IsRemote() && !seen[e.PlatformProfile.RemoteName()] {
			seen[e.PlatformProfile.RemoteName()] = true
			out = append(out, e.PlatformProfile.RemoteName())
		}
	}
	return out
}

// SandboxDir is the folder of the embedded sandbox's state in a data folder.
func SandboxDir(dir string) string { return filepath.Join(dir, "sandbox") }

// sandboxKeyInfo is the HKDF label of the embedded sandbox's store key.
const sandboxKeyInfo = "tasrih/desktop/sandbox-store/v1"

// SandboxKey derives the encryption key of the embedded sandbox's store from
// the vault's MAC sub-key: the sandbox keeps copies of the declarations sent
// to it (real names when a user trains with their own data), so its state is
// as protected as the store and unreadable while the vault is locked.
func SandboxKey(k *vault.Keys) ([]byte, error) {
	out := make([]byte, sandbox.KeySize)
	k.ExpandMAC(sandboxKeyInfo, out)
	return out, nil
}

// startSandbox opens the embedded sandbox on a loopback port; c.mu is held.
// A failure leaves the sandbox profile without endpoint (outbox.no_endpoint),
// never the session locked. A sandbox folder left by another vault (after a
// restore) cannot be read with this key: it is set aside and a fresh one
// created (training data only).
func (c *Core) startSandbox(s *Session) {
	keys, err := s.WS.Vault.Keys()
	if err != nil {
		return
	}
	key, err := SandboxKey(keys)
	seed := c.opts.SandboxSeed
	if err == nil && seed == nil {
		seed, err = EmbeddedSeed(keys)
	}
	keys.Zero()
	if err != nil {
		return
	}
	dir := SandboxDir(c.dir)
	// No InboxToken: the embedded sandbox has no HTTP inbox; the app reads
	// the codes in-process (Session.SandboxInbox, EventSandboxOTP).
	open := func() (*sandbox.Server, error) {
		return sandbox.New(sandbox.Options{Dir: dir, Key: key, Seed: seed, Logger: c.opts.Logger,
			OnOTP: func(m sandbox.InboxMessage) { c.emit(EventSandboxOTP, OTPEvent{Login: m.Login}) }})
	}
	srv, err := open()
	if err != nil && i18n.Code(err) != sandbox.CodeLocked {
		aside := dir + "-" + c.now().UTC().Format("20060102T150405Z")
		if os.Rename(dir, aside) == nil {
			srv, err = open()
		}
	}
	clear(key)
	if err != nil {
		c.opts.Logger.Error("embedded sandbox failed to open", "code", i18n.Code(err))
		return
	}
	url, err := srv.Start(c.opts.SandboxAddr)
	if err != nil {
		srv.Close()
		c.opts.Logger.Error("embedded sandbox failed to listen", "code", i18n.Code(err))
		return
	}
	s.Sandbox, s.SandboxURL = srv, url
	if len(seed.Accounts) > 0 {
		s.SandboxLogin, s.SandboxPassword = seed.Accounts[0].Login, seed.Accounts[0].Password
	}
}

// Lock ends the session: running operations are cancelled, a snapshot is
// taken when the settings ask for one (snapshot_on_exit, also on lock), the
// outbox worker and the embedded sandbox stop, the store is closed and the
// key material zeroed; EventLocked is sent. Then, the session being
// unreachable, the memory that held it is given back to the operating
// system (memwipe.Release): the freed copies of names, CINs, RIBs and the
// passphrase read back as zeros. Locking a locked session does nothing.
func (c *Core) Lock(reason string) error {
	_, err := c.lock(reason, true)
	memwipe.Release()
	return err
}

func (c *Core) lock(reason string, snapshot bool) (string, error) {
	c.ops.CancelAll()
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sess
	if s == nil {
		return "", nil
	}
	c.idle.Stop()
	var path string
	var snapErr error
	if snapshot {
		if st, _ := settings.Load(c.dir); st.SnapshotOnExit {
			path, snapErr = s.WS.Snapshot(st.SnapshotFolder(c.dir), st.SnapshotsKept, reason)
			if snapErr != nil {
				c.opts.Logger.Error("snapshot on lock failed", "code", i18n.Code(snapErr))
			}
		}
	}
	s.cancel()
	s.Outbox.Stop()
	if s.Sandbox != nil {
		s.Sandbox.Close()
	}
	c.Firm().forget()
	err := s.WS.Close()
	c.sess = nil
	c.emit(EventLocked, Locked{Reason: reason})
	if err == nil {
		err = snapErr
	}
	return path, err
}

// Close locks the session for the app's exit (with the exit snapshot) and
// stops the idle timer.
func (c *Core) Close() error {
	err := c.Lock(ReasonExit)
	c.idle.Stop()
	return err
}

// SetAutoLock changes the idle delay of a running session.
func (c *Core) SetAutoLock(minutes int) {
	c.idle.SetTimeout(time.Duration(minutes) * time.Minute)
}

// SetIdleDelay changes the idle delay of a running session to any d, below
// the settings' one-minute floor: for the dev build's Testing service only
// (the end-to-end test waits for a real idle lock); the app's settings go
// through SetAutoLock.
func (c *Core) SetIdleDelay(d time.Duration) { c.idle.SetTimeout(d) }

// SetSandboxFaults replaces the faults the embedded sandbox injects (the
// platform slow or down during a submission): for the dev build's Testing
// service only. Refused when the session is locked, or with
// sandbox.unavailable when it has no embedded sandbox.
func (c *Core) SetSandboxFaults(f sandbox.Faults) error {
	return c.Use(func(s *Session) error {
		if s.Sandbox == nil {
			return i18n.New(CodeNoSandbox, msgNoSandbox)
		}
		return s.Sandbox.SetFaults(f)
	})
}

// ChangePassphrase re-wraps the data key under next.
func (c *Core) ChangePassphrase(current, next string) error {
	return c.Use(func(s *Session) error { return s.WS.Vault.ChangePassphrase(current, next) })
}

// NewRecoveryCode replaces the recovery code and returns the new one.
func (c *Core) NewRecoveryCode() (string, error) {
	var code string
	err := c.Use(func(s *Session) (err error) { code, err = s.WS.Vault.NewRecoveryCode(); return err })
	return code, err
}

// SetRemember keeps (on) or forgets (off) the key in the OS keyring.
func (c *Core) SetRemember(ctx context.Context, on bool) error {
	return c.Use(func(s *Session) error {
		var err error
		if on {
			err = s.WS.Vault.Remember(ctx)
		} else {
			err = s.WS.Vault.Forget(ctx)
		}
		c.setBanner(err)
		return err
	})
}

// Snapshot writes a backup of the session into the settings' snapshot
// folder (reason "manual", "submission"…). Progress goes out as
// snapshot:progress events (records, both passes of the backup); Ops().Cancel
// (op id) or a lock stops it (backup.cancelled): no file is left and no older
// snapshot is rotated away.
func (c *Core) Snapshot(reason string) (string, error) {
	op := c.ops.New(context.Background(), opSnapshot, EventSnapshotProgress)
	defer c.ops.Finish(op)
	var path string
	err := c.Use(func(s *Session) error {
		st, _ := settings.Load(c.dir)
		var err error
		path, err = s.WS.SnapshotContext(op.Context(), st.SnapshotFolder(c.dir), st.SnapshotsKept, reason,
			func(done, total int64) {
				op.Progress(int(done), int(total), nil)
				for c.holdSnapshots.Load() && op.Context().Err() == nil {
					time.Sleep(20 * time.Millisecond)
				}
			})
		return err
	})
	return path, err
}

// ListSnapshots lists the snapshots of the unlocked vault, oldest first.
func (c *Core) ListSnapshots() ([]backup.SnapshotInfo, error) {
	var out []backup.SnapshotInfo
	err := c.Use(func(s *Session) error {
		st, _ := settings.Load(c.dir)
		var err error
		out, err = backup.ListSnapshots(st.SnapshotFolder(c.dir), s.WS.Vault.Info().ID)
		return err
	})
	if out == nil {
		out = []backup.SnapshotInfo{}
	}
	return out, err
}

// Restore locks the session (with a snapshot of the current data when the
// settings ask for snapshots on exit), replaces the data folder's vault and
// store with the backup at path, and leaves the session locked on the
// restored data. secret is the passphrase, or the recovery code with
// isRecovery, that was valid when the backup was made. Progress goes out as
// restore:progress events (bytes); Ops().Cancel(op id) stops it before the
// swap (backup.cancelled, nothing changes).
func (c *Core) Restore(path, secret string, isRecovery bool) (backup.Restored, error) {
	if err := c.limit.Check(); err != nil {
		return backup.Restored{}, err
	}
	// The folder's instance lock, for the whole restore: no other Tasrih app
	// starts on this folder meanwhile (the app holds it already; a Core
	// running without it takes it here).
	release, err := HoldInstance(c.dir)
	if err != nil {
		return backup.Restored{}, err
	}
	defer release()
	if c.Unlocked() {
		if _, err := c.lock(ReasonRestore, true); err != nil {
			return backup.Restored{}, err
		}
	}
	op := c.ops.New(context.Background(), opRestore, EventRestoreProgress)
	defer c.ops.Finish(op)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sess != nil { // unlocked again meanwhile
		return backup.Restored{}, i18n.New(CodeUnlocked, msgUnlocked)
	}
	progress := func(done, total int64) { op.Progress(int(done), int(total), nil) }
	r, err := backup.RestoreContext(op.Context(), path, c.dir, 0, func(v *vault.Vault) (*vault.Unlocked, error) {
		var u *vault.Unlocked
		var err error
		if isRecovery {
			u, err = v.UnlockRecovery(secret)
		} else {
			u, err = v.UnlockPassphrase(secret)
		}
		c.limit.Record(err)
		return u, err
	}, progress)
	return r, err
}
