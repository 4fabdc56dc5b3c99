package app

import (
	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/profiles"
)

// Profiles is the bound service of the platform profiles in Settings: the
// embedded sandbox and the remote gateways (name, HTTPS base URL, kept in
// the data folder's platforms.json), a connection test, and whether the OS
// keyring holds each login's password (never the password itself).
type Profiles struct {
	svc *Services
}

// ProfileTest is the answer of Test: whether the platform API answered.
type ProfileTest struct {
	Reach client.Reach `json:"reach"`
}

// List returns the sandbox and the saved remote profiles.
func (p *Profiles) List() ([]desktop.PlatformProfile, error) {
	var out []desktop.PlatformProfile
	err := p.svc.Core.Use(func(ss *desktop.Session) (err error) {
		ctx, cancel := ss.CallContext()
		defer cancel()
		out, err = ss.PlatformProfiles(ctx)
		return err
	})
	return nonNil(out), err
}

// Add saves a new remote profile (errors with their field: name, base_url).
func (p *Profiles) Add(name, baseURL string) (profiles.Remote, error) {
	var out profiles.Remote
	err := p.svc.Core.Use(func(ss *desktop.Session) (err error) {
		out, err = profiles.Add(ss.WS.Dir, profiles.Remote{Name: name, BaseURL: baseURL})
		return err
	})
	return out, err
}

// Update changes the base URL of a saved remote profile.
func (p *Profiles) Update(name, baseURL string) (profiles.Remote, error) {
	var out profiles.Remote
	err := p.svc.Core.Use(func(ss *desktop.Session) (err error) {
		out, err = profiles.Update(ss.WS.Dir, profiles.Remote{Name: name, BaseURL: baseURL})
		return err
	})
	return out, err
}

// Delete removes a remote profile no employer uses, with its saved logins.
func (p *Profiles) Delete(name string) error {
	return p.svc.Core.Use(func(ss *desktop.Session) error {
		ctx, cancel := ss.CallContext()
		defer cancel()
		return ss.DeletePlatformProfile(ctx, name)
	})
}

// Test tries the platform API at baseURL with a short timeout.
func (p *Profiles) Test(baseURL string) (ProfileTest, error) {
	var out ProfileTest
	err := p.svc.Core.Use(func(ss *desktop.Session) error {
		ctx, cancel := ss.CallContext()
		defer cancel()
		r, err := ss.TestPlatform(ctx, baseURL)
		out.Reach = r
		return err
	})
	return out, err
}

// ForgetPassword removes the password of profile and login from the OS
// keyring; the login stays listed.
func (p *Profiles) ForgetPassword(profile, login string) error {
	pr, err := parseProfile(profile)
	if err != nil {
		return err
	}
	return p.svc.Core.Use(func(ss *desktop.Session) error {
		ctx, cancel := ss.CallContext()
		defer cancel()
		return ss.Creds.Forget(ctx, pr, login)
	})
}
