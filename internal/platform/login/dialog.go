package login

import (
	"context"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
)

// CodeNoChallenge: a code was sent while no login waits for one.
const CodeNoChallenge = "login.no_challenge"

var msgNoChallenge = i18n.Text{
	FR: "aucune connexion n'attend de code : connectez-vous d'abord",
	AR: "لا يوجد تسجيل دخول ينتظر رمزاً: سجّل الدخول أولاً",
	EN: "no login is waiting for a code: log in first",
}

// DialogTimeout bounds a login started by Dialog.Start: a dialog closed
// without a code ends its flow then.
const DialogTimeout = 10 * time.Minute

// Dialog runs one Flow per profile for a request/response interface (the
// desktop's bound methods): Start gives the challenge to show, Code sends a
// typed code. The password comes with Start (or from the keyring); a
// missing one ends the flow with the keyring's error, for the dialog to ask
// it. It is safe for concurrent use.
type Dialog struct {
	Flow *Flow
	// Context bounds every flow (the desktop's session: a lock ends the
	// pending logins); nil: context.Background().
	Context context.Context

	mu      sync.Mutex
	pending map[domain.PlatformProfile]*pendingLogin
}

type step struct {
	ch    api.Challenge
	retry error // the platform's answer to the previous code
	done  bool
	err   error // with done: the flow's result
}

type pendingLogin struct {
	codes  chan string
	steps  chan step
	cancel context.CancelFunc
}

// dialogPrompter is the Prompter of one pending login.
type dialogPrompter struct{ p *pendingLogin }

func (d dialogPrompter) Password(_ context.Context, _ string, why error) (string, bool, error) {
	return "", false, why // the dialog asks, then calls Start again with the password
}

func (d dialogPrompter) Code(ctx context.Context, ch api.Challenge, retry error) (string, error) {
	select {
	case d.p.steps <- step{ch: ch, retry: retry}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	select {
	case c := <-d.p.codes:
		return c, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Tell: the dialog shows no notice; a password the keyring refused is
// typed again at the next login.
func (dialogPrompter) Tell(Notice, error) {}

// Start begins req's login (a pending one of the same profile is dropped)
// and returns the challenge whose code Code expects, or the error that
// ended the flow before (wrong password, no password saved…).
func (d *Dialog) Start(ctx context.Context, req Request) (api.Challenge, error) {
	base := d.Context
	if base == nil {
		base = context.Background()
	}
	fctx, cancel := context.WithTimeout(base, DialogTimeout)
	p := &pendingLogin{codes: make(chan string), steps: make(chan step, 2), cancel: cancel}
	key := req.Profile
	d.mu.Lock()
	if d.pending == nil {
		d.pending = map[domain.PlatformProfile]*pendingLogin{}
	}
	if old := d.pending[key]; old != nil {
		old.cancel()
	}
	d.pending[key] = p
	d.mu.Unlock()
	go func() {
		err := d.Flow.Run(fctx, req, dialogPrompter{p})
		p.steps <- step{done: true, err: err}
	}()
	s, err := d.next(ctx, key, p)
	if err != nil {
		return api.Challenge{}, err
	}
	return s.ch, nil
}

// Code sends the one-time code of profile's pending login. nil: the session
// is open. An api.CodeInvalidOTP error with the login still pending: type
// another code; any other error ended the login (log in again).
func (d *Dialog) Code(ctx context.Context, profile domain.PlatformProfile, code string) error {
	d.mu.Lock()
	p := d.pending[profile]
	d.mu.Unlock()
	if p == nil {
		return i18n.New(CodeNoChallenge, msgNoChallenge)
	}
	select {
	case p.codes <- code:
	case s := <-p.steps: // the flow ended meanwhile (timeout, replaced)
		d.drop(profile, p)
		if s.err == nil {
			return i18n.New(CodeNoChallenge, msgNoChallenge)
		}
		return s.err
	case <-ctx.Done():
		return ctx.Err()
	}
	s, err := d.next(ctx, profile, p)
	if err != nil {
		return err
	}
	return s.retry
}

// Pending reports whether profile has a login waiting for a code.
func (d *Dialog) Pending(profile domain.PlatformProfile) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.pending[profile] != nil
}

// next waits for the flow's next step; a finished flow is dropped and its
// result returned as the error (nil: logged in, with an empty step).
func (d *Dialog) next(ctx context.Context, key domain.PlatformProfile, p *pendingLogin) (step, error) {
	select {
	case s := <-p.steps:
		if s.done {
			d.drop(key, p)
			return step{}, s.err
		}
		return s, nil
	case <-ctx.Done():
		return step{}, ctx.Err()
	}
}

func (d *Dialog) drop(key domain.PlatformProfile, p *pendingLogin) {
	p.cancel()
	d.mu.Lock()
	if d.pending[key] == p {
		delete(d.pending, key)
	}
	d.mu.Unlock()
}
