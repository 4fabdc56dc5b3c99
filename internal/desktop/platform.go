package desktop

import (
	"context"
	"encoding/base32"
	"sort"
	"strings"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
	platformlogin "github.com/tasrih/tasrih/internal/platform/login"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/vault"
)

// Profile describes a platform profile for the submit screen.
type Profile struct {
	ID   domain.PlatformProfile `json:"id"`
	Kind ProfileKind            `json:"kind"`
	// Available: the profile has an endpoint (always true for manual).
	Available bool   `json:"available"`
	BaseURL   string `json:"base_url,omitempty"`
	// HasSession: logged in (an access token in memory).
	HasSession bool `json:"has_session"`
	// Waiting counts the submissions parked until a login.
	Waiting int `json:"waiting"`
	// Logins are the logins known for the profile (never a password).
	Logins []string `json:"logins"`
	// DemoLogin and DemoPassword are the demo account of the embedded
	// sandbox (training only), shown in the login dialog.
	DemoLogin    string `json:"demo_login,omitempty"`
	DemoPassword string `json:"demo_password,omitempty"`
}

// Profiles lists the sandbox profile, the remote profiles the employers use
// and the manual deposit.
func (s *Session) Profiles(demo bool) []Profile {
	ids := []domain.PlatformProfile{domain.ProfileSandbox}
	var remotes []string
	ep := s.endpoints(remoteNames(s.Store)...)
	for name := range ep.Remote {
		remotes = append(remotes, name)
	}
	if ers, err := s.Store.Employers().List(); err == nil {
		for _, e := range ers {
			if e.PlatformProfile.IsRemote() {
				remotes = append(remotes, e.PlatformProfile.RemoteName())
			}
		}
	}
	sort.Strings(remotes)
	for i, r := range remotes {
		if i == 0 || remotes[i-1] != r {
			ids = append(ids, domain.RemoteProfile(r))
		}
	}
	ids = append(ids, domain.ProfileManual)
	out := make([]Profile, 0, len(ids))
	for _, id := range ids {
		p := Profile{ID: id, Logins: []string{}}
		switch {
		case id == domain.ProfileManual:
			p.Kind, p.Available = KindManual, true
		case id == domain.ProfileSandbox:
			p.Kind = KindSandbox
			if demo && s.Sandbox != nil {
				p.DemoLogin, p.DemoPassword = s.SandboxLogin, s.SandboxPassword
			}
		default:
			p.Kind = KindRemote
		}
		if p.Kind != KindManual {
			if u, err := ep.BaseURL(id); err == nil {
				p.Available, p.BaseURL = true, u
			}
			p.HasSession, p.Waiting = s.Outbox.HasSession(id), s.Outbox.Waiting(id)
			if l, err := s.Creds.Logins(id); err == nil && l != nil {
				p.Logins = l
			}
		}
		out = append(out, p)
	}
	return out
}

// Login sends login and password to the platform of profile; the platform
// sends a one-time code and the login waits for VerifyOTP (the one login
// flow, internal/platform/login). An empty password is read from the OS
// keyring (credentials.not_saved or credentials.keyring_unavailable: ask the
// user). remember keeps a typed password in the keyring once the platform
// opened the session; a keyring that does not answer then is not an error of
// the login (the login is still listed).
func (s *Session) Login(ctx context.Context, profile domain.PlatformProfile, login, password string, remember bool) (api.Challenge, error) {
	return s.loginDialog().Start(ctx, platformlogin.Request{Profile: profile, Login: login, Password: password, Remember: remember})
}

// VerifyOTP sends the one-time code of the profile's pending login; the
// parked submissions of the profile then resume. A wrong code
// (platform.invalid_otp) leaves the login pending; after the third one the
// challenge is dead (log in again).
func (s *Session) VerifyOTP(ctx context.Context, profile domain.PlatformProfile, code string) error {
	return s.loginDialog().Code(ctx, profile, code)
}

// loginDialog returns the session's login dialog, created at the first use
// (the outbox and the credentials are ready by then).
func (s *Session) loginDialog() *platformlogin.Dialog {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	if s.logins == nil {
		s.logins = &platformlogin.Dialog{Flow: &platformlogin.Flow{Platform: s.Outbox, Keyring: s.Creds}, Context: s.ctx}
	}
	return s.logins
}

// SandboxInbox returns the one-time codes the embedded sandbox sent to
// login, newest first.
func (s *Session) SandboxInbox(login string) ([]sandbox.InboxMessage, error) {
	if s.Sandbox == nil {
		return nil, i18n.New(CodeNoSandbox, msgNoSandbox)
	}
	msgs, err := s.Sandbox.Inbox(login)
	if msgs == nil {
		msgs = []sandbox.InboxMessage{}
	}
	return msgs, err
}

// SandboxPreetabli downloads the préétabli the embedded sandbox publishes for
// an affiliation and period, logged in with its training account
// (SandboxLogin) and the code of its inbox read in-process (training and tests: the end-to-end test imports this file so
// that the sandbox accepts the declaration built on it).
func (s *Session) SandboxPreetabli(ctx context.Context, aff string, p domain.Period) ([]byte, error) {
	if s.Sandbox == nil {
		return nil, i18n.New(CodeNoSandbox, msgNoSandbox)
	}
	cl, err := client.New(s.SandboxURL, client.Options{})
	if err != nil {
		return nil, err
	}
	ch, err := cl.Login(ctx, s.SandboxLogin, s.SandboxPassword)
	if err != nil {
		return nil, err
	}
	msgs, err := s.Sandbox.Inbox(s.SandboxLogin)
	if err != nil {
		return nil, err
	}
	for _, m := range msgs {
		if m.ChallengeID == ch.ChallengeID {
			if _, err := cl.VerifyOTP(ctx, ch.ChallengeID, m.Code); err != nil {
				return nil, err
			}
			return cl.Preetabli(ctx, aff, p)
		}
	}
	return nil, i18n.New(CodeNoChallenge, msgNoChallenge)
}

// sandboxPasswordInfo is the HKDF label of the embedded sandbox's passwords.
const sandboxPasswordInfo = "tasrih/desktop/sandbox-password/v1/"

// EmbeddedSeed is the seed of the embedded sandbox: the demo accounts and
// employers of sandbox.DemoSeed, with per-install passwords instead of the
// documented demo/demo, so that another local program or a web page cannot
// log in. Each password is derived (HKDF-SHA256) from the vault's MAC
// sub-key: random for each installation, kept by the vault (never written
// in clear), the same at every unlock.
func EmbeddedSeed(k *vault.Keys) (*sandbox.Seed, error) {
	seed := sandbox.DemoSeed()
	enc := base32.StdEncoding.WithPadding(base32.NoPadding)
	for i := range seed.Accounts {
		a := &seed.Accounts[i]
		b := make([]byte, 10)
		k.ExpandMAC(sandboxPasswordInfo+a.Login, b)
		p := strings.ToLower(enc.EncodeToString(b)) // 16 characters, 80 bits
		a.Password = p[0:4] + "-" + p[4:8] + "-" + p[8:12] + "-" + p[12:16]
		clear(b)
	}
	return seed, nil
}

// ProfileKind is what a platform profile reaches: the embedded sandbox, a
// remote platform API, or the manual deposit on the portal.
type ProfileKind string

// The kinds of platform profile.
const (
	KindSandbox ProfileKind = "sandbox"
	KindRemote  ProfileKind = "remote"
	KindManual  ProfileKind = "manual"
)

// ProfileKinds lists them (bound as a TypeScript enum).
var ProfileKinds = []ProfileKind{KindSandbox, KindRemote, KindManual}
