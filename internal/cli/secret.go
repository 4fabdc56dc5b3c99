package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/tasrih/tasrih/internal/workspace"
)

// Environment variables that hold secrets for scripts.
const (
	envPassphrase    = "TASRIH_PASSPHRASE"
	envNewPassphrase = "TASRIH_NEW_PASSPHRASE"
	envRecoveryCode  = "TASRIH_RECOVERY_CODE"
)

var (
	msgNoSecret = i18n.Text{
		FR: "aucune phrase de passe : tapez-la à l'invite, ou définissez %s pour un script",
		AR: "لا توجد عبارة مرور: اكتبها عند الطلب أو عرّف %s للسكربت",
		EN: "no passphrase: type it at the prompt, or set %s in a script",
	}
	msgMismatch = i18n.Text{
		FR: "les deux saisies ne correspondent pas",
		AR: "الإدخالان غير متطابقين",
		EN: "the two entries do not match",
	}
	txtPassPrompt      = i18n.Text{FR: "Phrase de passe : ", AR: "عبارة المرور: ", EN: "Passphrase: "}
	txtNewPrompt       = i18n.Text{FR: "Nouvelle phrase de passe : ", AR: "عبارة المرور الجديدة: ", EN: "New passphrase: "}
	txtConfirmPrompt   = i18n.Text{FR: "Confirmez la phrase de passe : ", AR: "أكد عبارة المرور: ", EN: "Confirm the passphrase: "}
	txtRecoveryPrompt  = i18n.Text{FR: "Code de secours : ", AR: "رمز الاسترداد: ", EN: "Recovery code: "}
	txtKeyringFallback = i18n.Text{
		FR: "Trousseau du système indisponible (%s) : la phrase de passe est demandée.",
		AR: "سلسلة مفاتيح النظام غير متاحة (%s): تُطلب عبارة المرور.",
		EN: "System keyring unavailable (%s): asking for the passphrase.",
	}
)

// secrets reads secrets from an environment variable, else from the terminal
// without echo, else one line of standard input (for pipes).
type secrets struct {
	env  *Env
	lang i18n.Lang
	in   *bufio.Reader
}

// newSecrets protects the process (Env.protect) before any secret is read.
func newSecrets(env *Env, l i18n.Lang) *secrets {
	env.protect()
	return &secrets{env: env, lang: l}
}

func (s *secrets) read(envVar string, prompt i18n.Text) (string, error) {
	if v := s.env.Getenv(envVar); v != "" {
		return v, nil
	}
	if f, ok := s.env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(s.env.Stderr, prompt.In(s.lang))
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(s.env.Stderr)
		if err != nil {
			return "", err
		}
		if len(b) == 0 {
			return "", i18n.New("cli.no_secret", msgNoSecret, envVar)
		}
		return string(b), nil
	}
	if s.in == nil {
		if s.env.Stdin == nil {
			return "", i18n.New("cli.no_secret", msgNoSecret, envVar)
		}
		s.in = bufio.NewReader(s.env.Stdin)
	}
	line, err := s.in.ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" && (err == nil || err == io.EOF) {
		return "", i18n.New("cli.no_secret", msgNoSecret, envVar)
	}
	if err != nil && err != io.EOF {
		return "", err
	}
	return line, nil
}

// readNew reads a new passphrase: from envVar, or typed twice.
func (s *secrets) readNew(envVar string) (string, error) {
	if v := s.env.Getenv(envVar); v != "" {
		return v, vault.CheckPassphrase(v)
	}
	p, err := s.read("", txtNewPrompt)
	if err != nil {
		return "", err
	}
	if err := vault.CheckPassphrase(p); err != nil {
		return "", err
	}
	again, err := s.read("", txtConfirmPrompt)
	if err != nil {
		return "", err
	}
	if again != p {
		return "", i18n.New("cli.mismatch", msgMismatch)
	}
	return p, nil
}

// unlockOptions choose how an existing vault is unlocked.
type unlockOptions struct {
	recovery   bool // ask for the recovery code instead of the passphrase
	noKeyring  bool // do not try the OS keyring
	passphrase *string
}

// unlock opens the vault of dir: TASRIH_PASSPHRASE, else (unless told
// otherwise) the OS keyring when the vault is remembered, else the prompt.
func unlock(env *Env, l i18n.Lang, dir string, o unlockOptions) (*vault.Unlocked, error) {
	if !workspace.Exists(dir) {
		return nil, workspace.NoVault(dir)
	}
	v, err := vault.Open(dir, vault.Options{})
	if err != nil {
		return nil, err
	}
	s := newSecrets(env, l)
	if o.recovery {
		code, err := s.read(envRecoveryCode, txtRecoveryPrompt)
		if err != nil {
			return nil, err
		}
		return v.UnlockRecovery(code)
	}
	if env.Getenv(envPassphrase) == "" && !o.noKeyring && v.Info().Remembered {
		ctx, cancel := context.WithTimeout(env.Ctx, 4*time.Second)
		u, err := v.UnlockKeyring(ctx)
		cancel()
		if err == nil {
			return u, nil
		}
		fmt.Fprintln(env.Stderr, txtKeyringFallback.Format(l, i18n.Message(err, l)))
	}
	p, err := s.read(envPassphrase, txtPassPrompt)
	if err != nil {
		return nil, err
	}
	if o.passphrase != nil {
		*o.passphrase = p
	}
	return v.UnlockPassphrase(p)
}

// openWorkspace unlocks the vault of dir and opens its store.
func openWorkspace(env *Env, l i18n.Lang, dir string) (*workspace.Workspace, error) {
	u, err := unlock(env, l, dir, unlockOptions{})
	if err != nil {
		return nil, err
	}
	w, err := workspace.Open(dir, u, store.Options{})
	if err != nil {
		u.Lock()
		return nil, err
	}
	return w, nil
}

// dataDirFlag is the --data option shared by the commands that use the store.
func dataDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	return workspace.DefaultDir()
}

// isWrongSecret reports whether err means a wrong passphrase or recovery code.
func isWrongSecret(err error) bool { return errors.Is(err, vault.ErrWrongSecret) }
