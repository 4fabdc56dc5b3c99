package credentials

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/keyring"
	"github.com/tasrih/tasrih/internal/store"
)

// Service is the keyring service name of every platform password.
const Service = "tasrih-platform"

// Error codes.
const (
	CodeUnavailable = "credentials.keyring_unavailable"
	CodeNotSaved    = "credentials.not_saved"
	CodeInvalid     = "credentials.invalid"
)

// Sentinel causes, reachable with errors.Is.
var (
	// ErrUnavailable: the keyring does not answer (timeout, no Secret
	// Service…); keyring.ErrUnavailable is in the chain too.
	ErrUnavailable = errors.New("credentials: keyring unavailable")
	// ErrNotSaved: the keyring answered, but holds no password for this login.
	ErrNotSaved = errors.New("credentials: no password saved")
	// ErrInvalid: a profile, login or password that cannot be kept.
	ErrInvalid = errors.New("credentials: invalid")
)

var (
	msgUnavailable = i18n.Text{
		FR: "le trousseau du système ne répond pas : le mot de passe de la plateforme n'y est ni lu ni enregistré, tapez-le à chaque connexion",
		AR: "سلسلة مفاتيح النظام لا تستجيب: لا تُقرأ منها كلمة مرور المنصة ولا تُحفظ فيها، اكتبها عند كل تسجيل دخول",
		EN: "the system keyring does not answer: the platform password is neither read from nor saved to it, type it at each login",
	}
	msgNotSaved = i18n.Text{
		FR: "aucun mot de passe enregistré sur cet ordinateur pour cet identifiant : tapez-le",
		AR: "لا توجد كلمة مرور محفوظة على هذا الحاسوب لاسم المستخدم هذا: اكتبها",
		EN: "no password saved on this computer for this login: type it",
	}
	msgManual = i18n.Text{
		FR: "le dépôt manuel sur damancom.ma n'utilise aucun identifiant enregistré : Tasrih n'automatise jamais le mot de passe du portail",
		AR: "الإيداع اليدوي على damancom.ma لا يستعمل أي معرف محفوظ: لا يقوم Tasrih أبداً بأتمتة كلمة مرور البوابة",
		EN: "the manual deposit on damancom.ma uses no saved login: Tasrih never automates the portal's password",
	}
	msgBadProfile = i18n.Text{
		FR: "mode de dépôt invalide : sandbox ou remote:<nom>",
		AR: "طريقة إيداع غير صالحة: sandbox أو remote:<الاسم>",
		EN: "invalid submission profile: sandbox or remote:<name>",
	}
	msgBadLogin = i18n.Text{
		FR: "identifiant de connexion vide ou trop long (200 caractères au plus, sans retour à la ligne)",
		AR: "اسم المستخدم فارغ أو طويل جداً (200 حرف على الأكثر، بدون رجوع إلى السطر)",
		EN: "login empty or too long (200 characters at most, no line break)",
	}
	msgBadPassword = i18n.Text{
		FR: "mot de passe vide ou trop long (1 024 caractères au plus)",
		AR: "كلمة المرور فارغة أو طويلة جداً (1024 حرفاً على الأكثر)",
		EN: "password empty or too long (1,024 characters at most)",
	}
)

// Limits of what is kept.
const (
	MaxLogin    = 200
	MaxPassword = 1024
)

// Options tune New. The zero value uses the OS keyring with its default timeout.
type Options struct {
	Keyring keyring.Keyring // nil: the OS keyring
	Timeout time.Duration   // ≤ 0: keyring.DefaultTimeout
}

// Credentials reads and writes platform credentials. It is safe for
// concurrent use.
type Credentials struct {
	st *store.Store
	kr keyring.Bounded
}

// New returns the credentials of the workspace whose store is st.
func New(st *store.Store, opts Options) *Credentials {
	return &Credentials{st: st, kr: keyring.New(opts.Keyring, opts.Timeout)}
}

// User returns the keyring user name of a profile's login: "<profile>/<login>"
// (a profile never holds a '/').
func User(profile domain.PlatformProfile, login string) string {
	return string(profile) + "/" + login
}

func checkProfile(profile domain.PlatformProfile) error {
	if profile == domain.ProfileManual {
		return i18n.Wrap(ErrInvalid, CodeInvalid, msgManual).WithField("profile")
	}
	if !profile.Valid() {
		return i18n.Wrap(ErrInvalid, CodeInvalid, msgBadProfile).WithField("profile")
	}
	return nil
}

func checkLogin(login string) (string, error) {
	login = strings.TrimSpace(login)
	if login == "" || len(login) > MaxLogin || strings.ContainsAny(login, "\r\n\x00") {
		return "", i18n.Wrap(ErrInvalid, CodeInvalid, msgBadLogin).WithField("login")
	}
	return login, nil
}

func unavailable(err error) error {
	return i18n.Wrap(errors.Join(ErrUnavailable, err), CodeUnavailable, msgUnavailable)
}

// Save keeps password in the OS keyring for profile and login, then adds the
// login to the profile's list in the store. If the keyring does not answer,
// nothing is kept (credentials.keyring_unavailable).
func (c *Credentials) Save(ctx context.Context, profile domain.PlatformProfile, login, password string) error {
	if err := checkProfile(profile); err != nil {
		return err
	}
	login, err := checkLogin(login)
	if err != nil {
		return err
	}
	if password == "" || len(password) > MaxPassword {
		return i18n.Wrap(ErrInvalid, CodeInvalid, msgBadPassword).WithField("password")
	}
	if err := c.kr.Set(ctx, Service, User(profile, login), password); err != nil {
		return unavailable(err)
	}
	_, err = c.st.PlatformLogins().Add(profile, login)
	return err
}

// Load returns the password kept for profile and login. Errors:
// credentials.not_saved (the keyring holds none: ask the user) and
// credentials.keyring_unavailable (the keyring does not answer: ask the user
// and say so).
func (c *Credentials) Load(ctx context.Context, profile domain.PlatformProfile, login string) (string, error) {
	if err := checkProfile(profile); err != nil {
		return "", err
	}
	login, err := checkLogin(login)
	if err != nil {
		return "", err
	}
	pw, err := c.kr.Get(ctx, Service, User(profile, login))
	switch {
	case keyring.IsNotFound(err):
		return "", i18n.Wrap(errors.Join(ErrNotSaved, err), CodeNotSaved, msgNotSaved)
	case err != nil:
		return "", unavailable(err)
	}
	return pw, nil
}

// Delete removes the password of profile and login from the keyring and the
// login from the profile's list. The login leaves the list even when the
// keyring does not answer (the error then says so).
func (c *Credentials) Delete(ctx context.Context, profile domain.PlatformProfile, login string) error {
	if err := checkProfile(profile); err != nil {
		return err
	}
	login, err := checkLogin(login)
	if err != nil {
		return err
	}
	kerr := c.kr.Delete(ctx, Service, User(profile, login))
	if err := c.st.PlatformLogins().Remove(profile, login); err != nil && !store.IsNotFound(err) {
		return err
	}
	if kerr != nil {
		return unavailable(kerr)
	}
	return nil
}

// AddLogin adds login to the profile's list without any password (the user
// types it at each login, e.g. when the keyring is unavailable).
func (c *Credentials) AddLogin(profile domain.PlatformProfile, login string) error {
	if err := checkProfile(profile); err != nil {
		return err
	}
	login, err := checkLogin(login)
	if err != nil {
		return err
	}
	_, err = c.st.PlatformLogins().Add(profile, login)
	return err
}

// Logins returns the logins known for profile, the most recently used first.
func (c *Credentials) Logins(profile domain.PlatformProfile) ([]string, error) {
	if err := checkProfile(profile); err != nil {
		return nil, err
	}
	l, err := c.st.PlatformLogins().List(profile)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(l))
	for i, pl := range l {
		out[i] = pl.Login
	}
	return out, nil
}

// Saved reports whether the OS keyring holds a password for profile and
// login, without returning it. A keyring that does not answer is
// credentials.keyring_unavailable (presence unknown).
func (c *Credentials) Saved(ctx context.Context, profile domain.PlatformProfile, login string) (bool, error) {
	_, err := c.Load(ctx, profile, login)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, ErrNotSaved):
		return false, nil
	}
	return false, err
}

// Forget removes the password of profile and login from the OS keyring and
// keeps the login in the profile's list (the user then types the password
// at each login). Forgetting a password that is not saved is not an error.
func (c *Credentials) Forget(ctx context.Context, profile domain.PlatformProfile, login string) error {
	if err := checkProfile(profile); err != nil {
		return err
	}
	login, err := checkLogin(login)
	if err != nil {
		return err
	}
	if err := c.kr.Delete(ctx, Service, User(profile, login)); err != nil {
		return unavailable(err)
	}
	return nil
}
