package desktop

import (
	"context"
	"errors"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/credentials"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/profiles"
)

// CodeProfileInUse: a remote profile chosen by employers cannot be deleted.
const CodeProfileInUse = "profiles.in_use"

var msgProfileInUse = i18n.Text{
	FR: "la plateforme « %s » est choisie par %d employeur(s) : changez d'abord leur mode de dépôt",
	AR: "المنصة « %s » مختارة من طرف %d مشغّل(ين): غيّر طريقة إيداعهم أولاً",
	EN: "platform %q is chosen by %d employer(s): change their submission profile first",
}

// PasswordPresence is whether the OS keyring holds a saved login's password.
type PasswordPresence string

// Keyring presence of a saved login's password.
const (
	PasswordSaved    PasswordPresence = "yes"
	PasswordNotSaved PasswordPresence = "no"
	PasswordUnknown  PasswordPresence = "unknown" // the keyring did not answer
)

// PasswordPresences lists the presences (bound as a TypeScript enum).
var PasswordPresences = []PasswordPresence{PasswordSaved, PasswordNotSaved, PasswordUnknown}

// ProfileLogin is a login known for a profile and whether the OS keyring
// holds its password (never the password itself).
type ProfileLogin struct {
	Login string           `json:"login"`
	Saved PasswordPresence `json:"saved"`
}

// PlatformProfile is a profile as the Settings screen shows it.
type PlatformProfile struct {
	ID   domain.PlatformProfile `json:"id"`
	Name string                 `json:"name"`
	// Builtin is the embedded sandbox (its address cannot be edited).
	Builtin bool `json:"builtin"`
	// BaseURL is the saved address ("" for a sandbox that is not running).
	BaseURL string `json:"base_url"`
	// EnvURL is the address an environment variable gives instead ("" if none).
	EnvURL string `json:"env_url,omitempty"`
	// Employers counts the employers that chose the profile.
	Employers int            `json:"employers"`
	Logins    []ProfileLogin `json:"logins"`
}

// endpoints returns the platform URLs now: the environment, then the remote
// profiles saved in the data folder, and the running sandbox.
func (s *Session) endpoints(names ...string) outbox.Endpoints {
	ep := outbox.LoadEndpoints(s.getenv, s.WS.Dir, names...)
	ep.Sandbox = s.Endpoints.Sandbox
	return ep
}

// dialer is the outbox's Dialer: it reads the saved profiles when the
// worker first needs a profile's client, so that a profile added in
// Settings is usable at once (a changed address applies at the next unlock:
// the worker keeps a client, and its session, per profile).
func (s *Session) dialer(opts client.Options) outbox.Dialer {
	return func(p domain.PlatformProfile) (outbox.Client, error) {
		return s.endpoints(p.RemoteName()).Dialer(opts)(p)
	}
}

func (s *Session) employerCounts() map[domain.PlatformProfile]int {
	n := map[domain.PlatformProfile]int{}
	if ers, err := s.Store.Employers().List(); err == nil {
		for _, e := range ers {
			n[e.PlatformProfile]++
		}
	}
	return n
}

// PlatformProfiles lists the sandbox and the saved remote profiles, with
// their logins and whether the keyring holds each password. After a
// keyring failure the remaining logins are "unknown" without asking again
// (each call waits the keyring's timeout).
func (s *Session) PlatformProfiles(ctx context.Context) ([]PlatformProfile, error) {
	saved, err := profiles.Load(s.WS.Dir)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(saved))
	for i, r := range saved {
		names[i] = r.Name
	}
	env := outbox.EndpointsFromEnv(s.getenv, names...)
	counts := s.employerCounts()
	out := []PlatformProfile{{ID: domain.ProfileSandbox, Name: string(domain.ProfileSandbox), Builtin: true, BaseURL: s.Endpoints.Sandbox}}
	for _, r := range saved {
		out = append(out, PlatformProfile{ID: r.Profile(), Name: r.Name, BaseURL: r.BaseURL, EnvURL: env.Remote[r.Name]})
	}
	keyringDown := false
	for i := range out {
		p := &out[i]
		p.Employers = counts[p.ID]
		p.Logins = []ProfileLogin{}
		logins, err := s.Creds.Logins(p.ID)
		if err != nil {
			return nil, err
		}
		for _, l := range logins {
			pl := ProfileLogin{Login: l, Saved: PasswordUnknown}
			if !keyringDown {
				ok, err := s.Creds.Saved(ctx, p.ID, l)
				switch {
				case err == nil && ok:
					pl.Saved = PasswordSaved
				case err == nil:
					pl.Saved = PasswordNotSaved
				case errors.Is(err, credentials.ErrUnavailable):
					keyringDown = true
				default:
					return nil, err
				}
			}
			p.Logins = append(p.Logins, pl)
		}
	}
	return out, nil
}

// DeletePlatformProfile removes a saved remote profile that no employer
// uses, then forgets its logins and their passwords (best effort: a keyring
// that does not answer keeps them, and the error says so).
func (s *Session) DeletePlatformProfile(ctx context.Context, name string) error {
	id := domain.RemoteProfile(name)
	if n := s.employerCounts()[id]; n > 0 {
		return i18n.New(CodeProfileInUse, msgProfileInUse, name, n)
	}
	if err := profiles.Delete(s.WS.Dir, name); err != nil {
		return err
	}
	logins, _ := s.Creds.Logins(id)
	var kerr error
	for _, l := range logins {
		if err := s.Creds.Delete(ctx, id, l); err != nil && kerr == nil {
			kerr = err
		}
	}
	return kerr
}

// TestPlatform tests the connection to a base URL (the one typed in the
// form, or a saved profile's) with profiles.TestTimeout.
func (s *Session) TestPlatform(ctx context.Context, baseURL string) (client.Reach, error) {
	return profiles.Test(ctx, baseURL, profiles.TestTimeout)
}
