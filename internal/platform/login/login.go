package login

import (
	"context"
	"errors"
	"strings"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/credentials"
)

// MaxCodeTries is the number of one-time codes the platform accepts for one
// challenge (platform-api.md): the flow asks for the code at most that often.
const MaxCodeTries = 3

// Platform is the part of the platform client the flow uses
// (outbox.Worker: VerifyOTP opens the session of the profile).
type Platform interface {
	Login(ctx context.Context, profile domain.PlatformProfile, login, password string) (api.Challenge, error)
	VerifyOTP(ctx context.Context, profile domain.PlatformProfile, challengeID, code string) (api.Session, error)
}

// Keyring is the part of credentials.Credentials the flow uses.
type Keyring interface {
	Load(ctx context.Context, profile domain.PlatformProfile, login string) (string, error)
	Save(ctx context.Context, profile domain.PlatformProfile, login, password string) error
	AddLogin(profile domain.PlatformProfile, login string) error
}

// Notice is what the flow tells the Prompter.
type Notice int

const (
	// LoggedIn: the platform opened the session.
	LoggedIn Notice = iota + 1
	// PasswordSaved: the typed password is now in the keyring.
	PasswordSaved
	// PasswordNotSaved: the user asked to remember the password but the
	// keyring refused it (the error says why); the login is listed anyway.
	PasswordNotSaved
)

// Prompter is the user's side of the flow: the dialog of the desktop app,
// the terminal (or environment) of the command line.
type Prompter interface {
	// Password asks the password of login; why is the keyring's answer
	// (credentials.not_saved or credentials.keyring_unavailable). remember:
	// the user asks to keep it in the keyring. An error ends the flow.
	Password(ctx context.Context, login string, why error) (password string, remember bool, err error)
	// Code asks the one-time code of ch; retry is the platform's answer to
	// the previous code of this challenge (nil the first time). An error
	// ends the flow.
	Code(ctx context.Context, ch api.Challenge, retry error) (string, error)
	// Tell reports what happened; err is set with PasswordNotSaved.
	Tell(n Notice, err error)
}

// Request is one login.
type Request struct {
	Profile domain.PlatformProfile
	Login   string
	// Password typed up front (the desktop dialog); empty: read it from the
	// keyring, else ask the Prompter.
	Password string
	// Remember keeps a typed password in the keyring after the login.
	Remember bool
}

// Flow logs in to a platform. It holds no state between runs.
type Flow struct {
	Platform Platform
	Keyring  Keyring
}

// Run logs req.Login in to req.Profile's platform, asking p what it needs.
// Errors: the keyring's (credentials.invalid), the Prompter's, the
// platform's (api.CodeInvalidCredentials, api.CodeInvalidOTP after the last
// try, api.CodeChallengeExpired…).
func (f *Flow) Run(ctx context.Context, req Request, p Prompter) error {
	login := strings.TrimSpace(req.Login)
	password, remember, typed := req.Password, req.Remember, req.Password != ""
	if !typed {
		pw, kerr := f.Keyring.Load(ctx, req.Profile, login)
		switch {
		case kerr == nil:
			password = pw
		case errors.Is(kerr, credentials.ErrNotSaved) || errors.Is(kerr, credentials.ErrUnavailable):
			pw, rem, err := p.Password(ctx, login, kerr)
			if err != nil {
				return err
			}
			password, remember, typed = pw, rem || remember, true
		default:
			return kerr
		}
	}
	ch, err := f.Platform.Login(ctx, req.Profile, login, password)
	if err != nil {
		return err
	}
	var retry error
	for try := 1; ; try++ {
		code, err := p.Code(ctx, ch, retry)
		if err != nil {
			return err
		}
		_, err = f.Platform.VerifyOTP(ctx, req.Profile, ch.ChallengeID, strings.TrimSpace(code))
		if err == nil {
			break
		}
		if api.CodeOf(err) != api.CodeInvalidOTP || try >= MaxCodeTries {
			return err
		}
		retry = err
	}
	p.Tell(LoggedIn, nil)
	if typed && remember {
		if err := f.Keyring.Save(ctx, req.Profile, login, password); err != nil {
			p.Tell(PasswordNotSaved, err)
			_ = f.Keyring.AddLogin(req.Profile, login)
			return nil
		}
		p.Tell(PasswordSaved, nil)
		return nil
	}
	_ = f.Keyring.AddLogin(req.Profile, login) // the login, never the password
	return nil
}
