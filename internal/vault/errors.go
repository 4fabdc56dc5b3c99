package vault

import (
	"errors"
	"fmt"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Sentinel errors. Every error this package returns is an *i18n.Error whose
// chain holds one of these, so callers can use errors.Is as well as
// i18n.Code.
var (
	ErrNotFound           = errors.New("vault: no vault.json")
	ErrExists             = errors.New("vault: vault already exists")
	ErrCorrupt            = errors.New("vault: vault.json is malformed")
	ErrUnsupported        = errors.New("vault: unsupported vault.json version")
	ErrKDFParams          = errors.New("vault: Argon2id parameters out of range")
	ErrTampered           = errors.New("vault: header MAC mismatch")
	ErrWrongSecret        = errors.New("vault: wrong passphrase or recovery code")
	ErrRecoveryFormat     = errors.New("vault: malformed recovery code")
	ErrWeakPassphrase     = errors.New("vault: weak passphrase")
	ErrLocked             = errors.New("vault: locked")
	ErrReauth             = errors.New("vault: current passphrase required")
	ErrChanged            = errors.New("vault: vault.json changed on disk")
	ErrIO                 = errors.New("vault: I/O error")
	ErrKeyringUnavailable = errors.New("vault: keyring unavailable")
	ErrTooManyAttempts    = errors.New("vault: too many attempts")
)

// Error codes (stable; the frontend and scripts switch on them).
const (
	CodeNotFound           = "vault.not_found"
	CodeExists             = "vault.exists"
	CodeOrphanStore        = "vault.orphan_store"
	CodeCorrupt            = "vault.corrupt"
	CodeTooLarge           = "vault.too_large"
	CodeUnsupported        = "vault.version_unsupported"
	CodeKDFParams          = "vault.kdf_params"
	CodeTampered           = "vault.tampered"
	CodeWrongSecret        = "vault.wrong_secret"
	CodeRecoveryFormat     = "vault.recovery_format"
	CodeLocked             = "vault.locked"
	CodeReauth             = "vault.old_passphrase_required"
	CodeChanged            = "vault.changed_elsewhere"
	CodeIO                 = "vault.io"
	CodeKeyringUnavailable = "keyring.unavailable"
	CodeNotRemembered      = "vault.not_remembered"
	CodeTooManyAttempts    = "vault.too_many_attempts"
)

// Passphrase strength codes (CheckPassphrase).
const (
	CodePassTooShort = "vault.passphrase.too_short"
	CodePassTooLong  = "vault.passphrase.too_long"
	CodePassOneClass = "vault.passphrase.one_class"
	CodePassCommon   = "vault.passphrase.common"
	CodePassSequence = "vault.passphrase.sequence"
	CodePassRepeated = "vault.passphrase.repeated"
	CodePassAppName  = "vault.passphrase.app_name"
)

func errNotFound(dir string, cause error) error {
	return i18n.Wrap(fmt.Errorf("%w: %w", ErrNotFound, cause), CodeNotFound, i18n.Text{
		FR: "aucun coffre dans « %s » : créez-en un d'abord",
		AR: "لا توجد خزنة في « %s »: أنشئ واحدة أولاً",
		EN: "no vault in %q: create one first",
	}, dir)
}

func errExists(dir string) error {
	return i18n.Wrap(ErrExists, CodeExists, i18n.Text{
		FR: "un coffre existe déjà dans « %s »",
		AR: "توجد خزنة بالفعل في « %s »",
		EN: "a vault already exists in %q",
	}, dir)
}

func errOrphanStore(dir string) error {
	return i18n.Wrap(ErrExists, CodeOrphanStore, i18n.Text{
		FR: "« %s » contient déjà des données chiffrées sans leur fichier vault.json : restaurez vault.json depuis une sauvegarde ou choisissez un dossier vide",
		AR: "يحتوي « %s » على بيانات مشفرة بدون ملف vault.json الخاص بها: استرجع vault.json من نسخة احتياطية أو اختر مجلداً فارغاً",
		EN: "%q already holds encrypted data without its vault.json: restore vault.json from a backup or choose an empty folder",
	}, dir)
}

// errCorrupt is the error for a vault.json that cannot be read; detail says
// what is wrong (for logs and support, never a secret).
func errCorrupt(detail string, args ...any) error {
	return i18n.Wrap(fmt.Errorf("%w: "+detail, append([]any{ErrCorrupt}, args...)...), CodeCorrupt, i18n.Text{
		FR: "le fichier vault.json est endommagé ou n'est pas un fichier de coffre Tasrih",
		AR: "ملف vault.json تالف أو ليس ملف خزنة Tasrih",
		EN: "vault.json is damaged or is not a Tasrih vault file",
	})
}

func errTooLarge(size int64) error {
	return i18n.Wrap(fmt.Errorf("%w: larger than %d bytes", ErrCorrupt, maxFileSize), CodeTooLarge, i18n.Text{
		FR: "le fichier vault.json est trop gros (%d octets) : ce n'est pas un fichier de coffre Tasrih",
		AR: "ملف vault.json كبير جداً (%d بايت): ليس ملف خزنة Tasrih",
		EN: "vault.json is too large (%d bytes): it is not a Tasrih vault file",
	}, size)
}

func errUnsupported(v int) error {
	return i18n.Wrap(ErrUnsupported, CodeUnsupported, i18n.Text{
		FR: "ce coffre (format %d) a été créé par une version plus récente de Tasrih : mettez l'application à jour",
		AR: "أُنشئت هذه الخزنة (الصيغة %d) بإصدار أحدث من Tasrih: حدّث التطبيق",
		EN: "this vault (format %d) was made by a newer Tasrih: update the application",
	}, v)
}

func errKDFParams(detail string, args ...any) error {
	return i18n.Wrap(fmt.Errorf("%w: "+detail, append([]any{ErrKDFParams}, args...)...), CodeKDFParams, i18n.Text{
		FR: "les paramètres de dérivation de clé de vault.json sont hors limites : fichier endommagé ou modifié",
		AR: "معاملات اشتقاق المفتاح في vault.json خارج الحدود: الملف تالف أو معدَّل",
		EN: "the key-derivation parameters in vault.json are out of range: the file is damaged or was altered",
	})
}

func errTampered() error {
	return i18n.Wrap(ErrTampered, CodeTampered, i18n.Text{
		FR: "le fichier vault.json a été modifié en dehors de Tasrih : restaurez-le depuis une sauvegarde",
		AR: "عُدِّل ملف vault.json خارج Tasrih: استرجعه من نسخة احتياطية",
		EN: "vault.json was modified outside Tasrih: restore it from a backup",
	})
}

func errWrongSecret() error {
	return i18n.Wrap(ErrWrongSecret, CodeWrongSecret, i18n.Text{
		FR: "phrase de passe ou code de secours incorrect",
		AR: "عبارة المرور أو رمز الاسترداد غير صحيح",
		EN: "wrong passphrase or recovery code",
	})
}

func errRecoveryFormat() error {
	return i18n.Wrap(ErrRecoveryFormat, CodeRecoveryFormat, i18n.Text{
		FR: "un code de secours compte 30 caractères (6 groupes de 5, chiffres 2 à 9 et lettres sauf I et O)",
		AR: "يتكون رمز الاسترداد من 30 حرفاً (6 مجموعات من 5، أرقام من 2 إلى 9 وحروف ما عدا I و O)",
		EN: "a recovery code has 30 characters (6 groups of 5, digits 2 to 9 and letters except I and O)",
	}).WithField("recovery_code")
}

func errLocked() error {
	return i18n.Wrap(ErrLocked, CodeLocked, i18n.Text{
		FR: "le coffre est verrouillé : déverrouillez-le d'abord",
		AR: "الخزنة مقفلة: افتحها أولاً",
		EN: "the vault is locked: unlock it first",
	})
}

func errReauth() error {
	return i18n.Wrap(ErrReauth, CodeReauth, i18n.Text{
		FR: "saisissez la phrase de passe actuelle pour la changer",
		AR: "أدخل عبارة المرور الحالية لتغييرها",
		EN: "enter the current passphrase to change it",
	}).WithField("old_passphrase")
}

func errChanged() error {
	return i18n.Wrap(ErrChanged, CodeChanged, i18n.Text{
		FR: "vault.json a été modifié par un autre programme pendant l'opération : verrouillez puis déverrouillez le coffre et recommencez",
		AR: "عدّل برنامج آخر vault.json أثناء العملية: أقفل الخزنة ثم افتحها وأعد المحاولة",
		EN: "vault.json was changed by another program meanwhile: lock and unlock the vault, then try again",
	})
}

func errIO(err error) error {
	return i18n.Wrap(fmt.Errorf("%w: %w", ErrIO, err), CodeIO, i18n.Text{
		FR: "impossible d'écrire ou de lire le fichier du coffre : %v",
		AR: "تعذرت كتابة ملف الخزنة أو قراءته: %v",
		EN: "cannot write or read the vault file: %v",
	}, err)
}

// errKeyringUnavailable is the banner-friendly "keyring unavailable" error;
// cause says why (timeout, not found, no Secret Service…).
func errKeyringUnavailable(cause error) error {
	return i18n.Wrap(fmt.Errorf("%w: %w", ErrKeyringUnavailable, cause), CodeKeyringUnavailable, i18n.Text{
		FR: "le trousseau du système ne répond pas ou ne contient pas la clé de ce coffre : saisissez votre phrase de passe",
		AR: "سلسلة مفاتيح النظام لا تستجيب أو لا تحتوي على مفتاح هذه الخزنة: أدخل عبارة المرور",
		EN: "the system keyring is not responding or does not hold this vault's key: enter your passphrase",
	})
}

func errKeyringRemember(cause error) error {
	return i18n.Wrap(fmt.Errorf("%w: %w", ErrKeyringUnavailable, cause), CodeKeyringUnavailable, i18n.Text{
		FR: "le trousseau du système ne répond pas : impossible de mémoriser le coffre sur cet ordinateur, la phrase de passe restera demandée",
		AR: "سلسلة مفاتيح النظام لا تستجيب: تعذر حفظ الخزنة على هذا الحاسوب، وستظل عبارة المرور مطلوبة",
		EN: "the system keyring is not responding: the vault cannot be remembered on this computer, the passphrase will still be asked",
	})
}

func errKeyringForget(cause error) error {
	return i18n.Wrap(fmt.Errorf("%w: %w", ErrKeyringUnavailable, cause), CodeKeyringUnavailable, i18n.Text{
		FR: "le coffre n'est plus mémorisé, mais le trousseau du système ne répond pas : sa clé n'a pas pu y être effacée (elle n'ouvre plus ce coffre)",
		AR: "لم تعد الخزنة محفوظة، لكن سلسلة مفاتيح النظام لا تستجيب: تعذر حذف مفتاحها منها (لم يعد يفتح هذه الخزنة)",
		EN: "the vault is no longer remembered, but the system keyring is not responding: its key could not be erased there (it no longer opens this vault)",
	})
}

func errNotRemembered() error {
	return i18n.Wrap(fmt.Errorf("%w: vault not remembered on this computer", ErrKeyringUnavailable), CodeNotRemembered, i18n.Text{
		FR: "ce coffre n'est pas mémorisé sur cet ordinateur : saisissez votre phrase de passe",
		AR: "هذه الخزنة غير محفوظة على هذا الحاسوب: أدخل عبارة المرور",
		EN: "this vault is not remembered on this computer: enter your passphrase",
	})
}

func errTooManyAttempts(wait time.Duration) error {
	secs := int((wait + time.Second - 1) / time.Second)
	return i18n.Wrap(ErrTooManyAttempts, CodeTooManyAttempts, i18n.Text{
		FR: "trop de tentatives : réessayez dans %d s",
		AR: "محاولات كثيرة جداً: أعد المحاولة بعد %d ثانية",
		EN: "too many attempts: try again in %d s",
	}, secs)
}
