package login_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/keyring/keyringtest"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/credentials"
	"github.com/tasrih/tasrih/internal/platform/login"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/store"
)

var (
	bg      = context.Background()
	profile = domain.ProfileSandbox
)

const user = sandbox.DemoLogin

// platform adapts a client of the real sandbox (over HTTP) to the flow; it
// counts the sessions opened.
type platform struct {
	c        *client.Client
	mu       sync.Mutex
	sessions int
}

func (p *platform) Login(ctx context.Context, _ domain.PlatformProfile, l, pw string) (api.Challenge, error) {
	return p.c.Login(ctx, l, pw)
}

func (p *platform) VerifyOTP(ctx context.Context, _ domain.PlatformProfile, id, code string) (api.Session, error) {
	s, err := p.c.VerifyOTP(ctx, id, code)
	if err == nil {
		p.mu.Lock()
		p.sessions++
		p.mu.Unlock()
	}
	return s, err
}

type env struct {
	sb    *sandbox.Server
	plat  *platform
	kr    *keyringtest.Fake
	creds *credentials.Credentials
	flow  *login.Flow
}

func newEnv(t *testing.T) *env {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{Dir: t.TempDir(), Key: bytes.Repeat([]byte{3}, sandbox.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	base, err := sb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(base, client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(t.TempDir(), bytes.Repeat([]byte{7}, store.KeySize),
		store.Options{Actor: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	kr := keyringtest.New()
	creds := credentials.New(st, credentials.Options{Keyring: kr})
	e := &env{sb: sb, plat: &platform{c: c}, kr: kr, creds: creds}
	e.flow = &login.Flow{Platform: e.plat, Keyring: creds}
	return e
}

// code returns the live one-time code of challenge id from the sandbox's inbox.
func (e *env) code(t *testing.T, id string) string {
	t.Helper()
	msgs, err := e.sb.Inbox(user)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.ChallengeID == id {
			return m.Code
		}
	}
	t.Fatalf("no code for challenge %s", id)
	return ""
}

// fakePrompter answers like a user: a password, then wrong codes, then the
// right one. It records what it was asked and told, and what the keyring
// held when the code was asked.
type fakePrompter struct {
	t          *testing.T
	e          *env
	password   string
	remember   bool
	wrongCodes int

	passwordAsks []error
	codeAsks     []error // retry of each ask
	told         []login.Notice
	toldErr      error
	savedAtCode  []int // keyring entries when each code was asked
}

func (p *fakePrompter) Password(_ context.Context, l string, why error) (string, bool, error) {
	if l != user {
		p.t.Errorf("password asked for %q", l)
	}
	p.passwordAsks = append(p.passwordAsks, why)
	return p.password, p.remember, nil
}

func (p *fakePrompter) Code(_ context.Context, ch api.Challenge, retry error) (string, error) {
	p.codeAsks = append(p.codeAsks, retry)
	p.savedAtCode = append(p.savedAtCode, p.e.kr.Len())
	if len(p.codeAsks) <= p.wrongCodes {
		right := p.e.code(p.t, ch.ChallengeID)
		wrong := "000000"
		if right == wrong {
			wrong = "111111"
		}
		return wrong, nil
	}
	return " " + p.e.code(p.t, ch.ChallengeID) + "\n", nil
}

func (p *fakePrompter) Tell(n login.Notice, err error) {
	p.told = append(p.told, n)
	if err != nil {
		p.toldErr = err
	}
}

func (e *env) saved(t *testing.T) string {
	t.Helper()
	return e.kr.Secrets()[credentials.Service+"/"+credentials.User(profile, user)]
}

func (e *env) listed(t *testing.T) bool {
	t.Helper()
	l, err := e.creds.Logins(profile)
	if err != nil {
		t.Fatal(err)
	}
	return len(l) == 1 && l[0] == user
}

func TestFlow(t *testing.T) {
	for _, tc := range []struct {
		name       string
		stored     string // password in the keyring before
		keyringErr error  // the keyring fails with it
		req        login.Request
		prompt     fakePrompter
		wantCode   api.Code // the error of Run
		wantAsks   int      // password asks
		wantCodes  int      // code asks
		wantSaved  bool     // the password is in the keyring after
		wantListed bool
		wantTold   []login.Notice
		wantWhy    string
	}{
		{name: "typed and remembered", prompt: fakePrompter{password: sandbox.DemoPassword, remember: true},
			wantAsks: 1, wantCodes: 1, wantSaved: true, wantListed: true, wantWhy: credentials.CodeNotSaved,
			wantTold: []login.Notice{login.LoggedIn, login.PasswordSaved}},
		{name: "typed, not remembered", prompt: fakePrompter{password: sandbox.DemoPassword},
			wantAsks: 1, wantCodes: 1, wantListed: true, wantWhy: credentials.CodeNotSaved,
			wantTold: []login.Notice{login.LoggedIn}},
		{name: "typed up front (dialog) and remembered", req: login.Request{Password: sandbox.DemoPassword, Remember: true},
			wantCodes: 1, wantSaved: true, wantListed: true, wantTold: []login.Notice{login.LoggedIn, login.PasswordSaved}},
		{name: "from the keyring", stored: sandbox.DemoPassword, prompt: fakePrompter{remember: true},
			wantCodes: 1, wantSaved: true, wantListed: true, wantTold: []login.Notice{login.LoggedIn}},
		{name: "wrong password", prompt: fakePrompter{password: "wrong", remember: true},
			wantCode: api.CodeInvalidCredentials, wantAsks: 1, wantWhy: credentials.CodeNotSaved},
		{name: "two wrong codes, then the right one", prompt: fakePrompter{password: sandbox.DemoPassword, remember: true, wrongCodes: 2},
			wantAsks: 1, wantCodes: 3, wantSaved: true, wantListed: true, wantWhy: credentials.CodeNotSaved,
			wantTold: []login.Notice{login.LoggedIn, login.PasswordSaved}},
		{name: "three wrong codes: the challenge is dead", prompt: fakePrompter{password: sandbox.DemoPassword, remember: true, wrongCodes: 3},
			wantCode: api.CodeChallengeExpired, wantAsks: 1, wantCodes: 3, wantWhy: credentials.CodeNotSaved},
		{name: "keyring unavailable, remembered", keyringErr: errors.New("no secret service"), prompt: fakePrompter{password: sandbox.DemoPassword, remember: true},
			wantAsks: 1, wantCodes: 1, wantListed: true, wantWhy: credentials.CodeUnavailable,
			wantTold: []login.Notice{login.LoggedIn, login.PasswordNotSaved}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			if tc.stored != "" {
				if err := e.creds.Save(bg, profile, user, tc.stored); err != nil {
					t.Fatal(err)
				}
			}
			if tc.keyringErr != nil {
				e.kr.FailWith(tc.keyringErr)
			}
			p := tc.prompt
			p.t, p.e = t, e
			req := tc.req
			req.Profile, req.Login = profile, " "+user+" "
			err := e.flow.Run(bg, req, &p)
			if got := api.CodeOf(err); tc.wantCode == "" && err != nil || tc.wantCode != "" && got != tc.wantCode {
				t.Fatalf("Run: %v, want %q", err, tc.wantCode)
			}
			if len(p.passwordAsks) != tc.wantAsks || len(p.codeAsks) != tc.wantCodes {
				t.Fatalf("asked the password %d times and the code %d times, want %d and %d",
					len(p.passwordAsks), len(p.codeAsks), tc.wantAsks, tc.wantCodes)
			}
			if tc.wantWhy != "" && i18n.Code(p.passwordAsks[0]) != tc.wantWhy {
				t.Errorf("password asked because %v, want %s", p.passwordAsks[0], tc.wantWhy)
			}
			for i, r := range p.codeAsks {
				if (i == 0) != (r == nil) || i > 0 && api.CodeOf(r) != api.CodeInvalidOTP {
					t.Errorf("code ask %d with retry %v", i+1, r)
				}
			}
			// The password is never saved before the platform opened the session.
			for i, n := range p.savedAtCode {
				if tc.stored == "" && n != 0 {
					t.Errorf("the keyring held %d entries when code %d was asked", n, i+1)
				}
			}
			e.kr.FailWith(nil)
			if got := e.saved(t); tc.wantSaved != (got == sandbox.DemoPassword) || !tc.wantSaved && got != "" {
				t.Errorf("keyring holds %q, want saved %v", got, tc.wantSaved)
			}
			if e.listed(t) != tc.wantListed {
				t.Errorf("login listed: %v, want %v", !tc.wantListed, tc.wantListed)
			}
			if len(p.told) != len(tc.wantTold) || len(tc.wantTold) > 0 && !equal(p.told, tc.wantTold) {
				t.Errorf("told %v, want %v", p.told, tc.wantTold)
			}
			if (p.toldErr != nil) != (tc.keyringErr != nil && tc.wantSaved == false && len(tc.wantTold) == 2) {
				t.Errorf("told error %v", p.toldErr)
			}
			if tc.wantCode == "" && e.plat.sessions != 1 || tc.wantCode != "" && e.plat.sessions != 0 {
				t.Errorf("%d sessions opened", e.plat.sessions)
			}
		})
	}
}

func equal(a, b []login.Notice) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A login the keyring cannot keep (credentials.invalid) is refused before
// anything is sent or asked.
func TestFlowInvalidLogin(t *testing.T) {
	e := newEnv(t)
	p := &fakePrompter{t: t, e: e, password: sandbox.DemoPassword}
	err := e.flow.Run(bg, login.Request{Profile: profile, Login: strings.Repeat("x", credentials.MaxLogin+1)}, p)
	if i18n.Code(err) != credentials.CodeInvalid || len(p.passwordAsks) != 0 || len(p.codeAsks) != 0 {
		t.Fatalf("%v, %d asks", err, len(p.passwordAsks)+len(p.codeAsks))
	}
}

// The desktop's dialog: Start, then one Code call per typed code.
func TestDialog(t *testing.T) {
	e := newEnv(t)
	d := &login.Dialog{Flow: e.flow}
	if err := d.Code(bg, profile, "123456"); i18n.Code(err) != login.CodeNoChallenge {
		t.Fatalf("code without a login: %v", err)
	}
	// No password typed and none saved: the dialog must ask it.
	if _, err := d.Start(bg, login.Request{Profile: profile, Login: user}); i18n.Code(err) != credentials.CodeNotSaved || d.Pending(profile) {
		t.Fatalf("start without a password: %v", err)
	}
	if _, err := d.Start(bg, login.Request{Profile: profile, Login: user, Password: "wrong"}); api.CodeOf(err) != api.CodeInvalidCredentials || d.Pending(profile) {
		t.Fatalf("wrong password: %v", err)
	}
	ch, err := d.Start(bg, login.Request{Profile: profile, Login: user, Password: sandbox.DemoPassword, Remember: true})
	if err != nil || ch.ChallengeID == "" || !d.Pending(profile) {
		t.Fatalf("start: %v %+v", err, ch)
	}
	right := e.code(t, ch.ChallengeID)
	wrong := "000000"
	if right == wrong {
		wrong = "111111"
	}
	if err := d.Code(bg, profile, wrong); api.CodeOf(err) != api.CodeInvalidOTP || !d.Pending(profile) {
		t.Fatalf("wrong code: %v", err)
	}
	if e.saved(t) != "" {
		t.Fatal("password saved before the login succeeded")
	}
	if err := d.Code(bg, profile, right); err != nil || d.Pending(profile) {
		t.Fatalf("right code: %v", err)
	}
	if e.saved(t) != sandbox.DemoPassword || !e.listed(t) || e.plat.sessions != 1 {
		t.Fatalf("after the login: saved %v, listed %v, %d sessions", e.saved(t) != "", e.listed(t), e.plat.sessions)
	}
	// Three wrong codes in the dialog: the login ends, the page must start again.
	ch, err = d.Start(bg, login.Request{Profile: profile, Login: user, Password: sandbox.DemoPassword})
	if err != nil {
		t.Fatal(err)
	}
	right = e.code(t, ch.ChallengeID)
	wrong = "000000"
	if right == wrong {
		wrong = "111111"
	}
	for i, want := range []api.Code{api.CodeInvalidOTP, api.CodeInvalidOTP, api.CodeChallengeExpired} {
		if err := d.Code(bg, profile, wrong); api.CodeOf(err) != want {
			t.Fatalf("wrong code %d: %v, want %s", i+1, err, want)
		}
	}
	if d.Pending(profile) {
		t.Fatal("a dead challenge is still pending")
	}
	if err := d.Code(bg, profile, right); i18n.Code(err) != login.CodeNoChallenge {
		t.Fatalf("code after the dead challenge: %v", err)
	}
}

// A second Start replaces the pending login of the profile; the first
// challenge's flow ends.
func TestDialogRestart(t *testing.T) {
	e := newEnv(t)
	d := &login.Dialog{Flow: e.flow}
	ch1, err := d.Start(bg, login.Request{Profile: profile, Login: user, Password: sandbox.DemoPassword})
	if err != nil {
		t.Fatal(err)
	}
	ch2, err := d.Start(bg, login.Request{Profile: profile, Login: user, Password: sandbox.DemoPassword})
	if err != nil || ch2.ChallengeID == ch1.ChallengeID {
		t.Fatalf("restart: %v", err)
	}
	if err := d.Code(bg, profile, e.code(t, ch2.ChallengeID)); err != nil {
		t.Fatalf("code of the second challenge: %v", err)
	}
}
