package desktop

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/tasrih/tasrih/internal/domain"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Error codes of this package (stable; the frontend switches on them).
const (
	CodeLocked       = "session.locked"
	CodeUnlocked     = "session.already_unlocked"
	CodeNoVault      = "session.no_vault"
	CodeOtherApp     = "store.locked"
	CodeUnknownOp    = "op.unknown"
	CodeCancelled    = "op.cancelled"
	CodeNoSandbox    = "sandbox.unavailable"
	CodeNotSandbox   = "submissions.not_sandbox"
	CodeNoChallenge  = "submissions.no_challenge"
	CodeBadPeriod    = "period.invalid"
	CodeBadDate      = "date.invalid"
	CodeFile         = "file.unreadable"
	CodeFileTooLarge = "file.too_large"
	CodeUnreadable   = "declaration.unreadable"
	CodeWrite        = "file.write"
)

// Sentinel causes, reachable with errors.Is through the *i18n.Error wrappers.
var (
	ErrLocked    = errors.New("desktop: session locked")
	ErrUnknownOp = errors.New("desktop: unknown operation")
	ErrOtherApp  = errors.New("desktop: data folder used by another Tasrih")
)

var (
	msgLocked = i18n.Text{
		FR: "la session est verrouillée : déverrouillez le coffre pour continuer",
		AR: "الجلسة مقفلة: افتح الخزنة للمتابعة",
		EN: "the session is locked: unlock the vault to continue",
	}
	msgUnlocked = i18n.Text{
		FR: "le coffre est déjà déverrouillé",
		AR: "الخزنة مفتوحة بالفعل",
		EN: "the vault is already unlocked",
	}
	msgNoVault = i18n.Text{
		FR: "aucun coffre dans ce dossier de données : créez-en un",
		AR: "لا توجد خزنة في مجلد البيانات هذا: أنشئ واحدة",
		EN: "no vault in this data folder: create one",
	}
	msgOtherApp = i18n.Text{
		FR: "Tasrih est déjà ouvert sur ce dossier de données (%s) : utilisez la fenêtre déjà ouverte, ou fermez-la avant de relancer",
		AR: "تصريح مفتوح بالفعل على مجلد البيانات هذا (%s): استعمل النافذة المفتوحة أو أغلقها قبل إعادة التشغيل",
		EN: "Tasrih is already open on this data folder (%s): use the window already open, or close it before starting again",
	}
	msgUnknownOp = i18n.Text{
		FR: "cette opération n'existe plus (terminée, annulée ou session verrouillée) : recommencez-la",
		AR: "هذه العملية لم تعد موجودة (انتهت أو أُلغيت أو قُفلت الجلسة): أعد تشغيلها",
		EN: "this operation no longer exists (finished, cancelled or session locked): start it again",
	}
	msgCancelled = i18n.Text{
		FR: "opération annulée",
		AR: "أُلغيت العملية",
		EN: "operation cancelled",
	}
	msgBadPeriod = i18n.Text{
		FR: "période invalide « %s » : attendu AAAAMM, par exemple 202601",
		AR: "فترة غير صالحة « %s »: المتوقع AAAAMM، مثلاً 202601",
		EN: "invalid period %q: expected YYYYMM, e.g. 202601",
	}
	msgBadDate = i18n.Text{
		FR: "date invalide « %s » : attendu AAAAMMJJ, par exemple 20260131",
		AR: "تاريخ غير صالح « %s »: المتوقع AAAAMMJJ، مثلاً 20260131",
		EN: "invalid date %q: expected YYYYMMDD, e.g. 20260131",
	}
	msgFile = i18n.Text{
		FR: "impossible de lire le fichier « %s » : vérifiez qu'il existe et que vous pouvez l'ouvrir",
		AR: "تعذرت قراءة الملف « %s »: تحقق من وجوده ومن إمكانية فتحه",
		EN: "cannot read the file %q: check that it exists and that you can open it",
	}
	msgUnreadableDecl = i18n.Text{
		FR: "le fichier de la déclaration enregistrée est illisible : générez-la à nouveau",
		AR: "ملف التصريح المحفوظ غير مقروء: أعد توليده",
		EN: "the stored declaration file cannot be read: generate it again",
	}
	msgWrite = i18n.Text{
		FR: "impossible d'écrire le fichier « %s » : vérifiez le dossier choisi et l'espace disque",
		AR: "تعذرت كتابة الملف « %s »: تحقق من المجلد المختار ومن المساحة المتاحة",
		EN: "cannot write the file %q: check the chosen folder and the free disk space",
	}
	msgNoChallenge = i18n.Text{
		FR: "aucune connexion en attente de code pour ce profil : reconnectez-vous avec votre identifiant et votre mot de passe",
		AR: "لا يوجد اتصال ينتظر رمزاً لهذا الملف: أعد الاتصال باسم المستخدم وكلمة المرور",
		EN: "no login is waiting for a code on this profile: log in again with your login and password",
	}
	msgNoSandbox = i18n.Text{
		FR: "la plateforme d'entraînement intégrée n'a pas démarré : redémarrez Tasrih ; si cela persiste, signalez-le",
		AR: "منصة التدريب المدمجة لم تشتغل: أعد تشغيل تصريح، وإن استمر الأمر فأبلغ عنه",
		EN: "the built-in training platform did not start: restart Tasrih; if it persists, please report it",
	}
	msgFileTooLarge = i18n.Text{
		FR: "le fichier « %s » est trop volumineux (plus de %d Mo)",
		AR: "الملف « %s » كبير جداً (أكثر من %d م.ب)",
		EN: "the file %q is too large (more than %d MB)",
	}
)

// LockedError is the error of every operation that needs the unlocked store
// while the session is locked (code session.locked).
func LockedError() error { return i18n.Wrap(ErrLocked, CodeLocked, msgLocked) }

// OtherAppError is the error of a second app on the same data folder (code
// store.locked, as the store's own refusal).
func OtherAppError(dir string) error { return i18n.Wrap(ErrOtherApp, CodeOtherApp, msgOtherApp, dir) }

// UnknownOpError is the error for an operation id that is not (or no longer)
// registered.
func UnknownOpError() error { return i18n.Wrap(ErrUnknownOp, CodeUnknownOp, msgUnknownOp) }

// CancelledError is the error of an operation cancelled by the user.
func CancelledError(cause error) error { return i18n.Wrap(cause, CodeCancelled, msgCancelled) }

func errUnreadable() error { return i18n.New(CodeUnreadable, msgUnreadableDecl) }

// ParsePeriod reads an "AAAAMM" period from the UI (code period.invalid).
func ParsePeriod(s string) (domain.Period, error) {
	p, err := domain.ParsePeriod(s)
	if err != nil {
		return p, i18n.Wrap(err, CodeBadPeriod, msgBadPeriod, s).WithField("period")
	}
	return p, nil
}

// ParseDate reads an "AAAAMMJJ" date from the UI (code date.invalid).
func ParseDate(s string) (domain.Date, error) {
	d, err := domain.ParseDate(s)
	if err != nil {
		return d, i18n.Wrap(err, CodeBadDate, msgBadDate, s)
	}
	return d, nil
}

// ReadFile reads a file the user chose, up to max bytes (file.unreadable,
// file.too_large). The path is not in the error's text beyond its base name.
func ReadFile(path string, max int64) ([]byte, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, i18n.Wrap(err, CodeFile, msgFile, name)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, i18n.Wrap(err, CodeFile, msgFile, name)
	}
	if int64(len(b)) > max {
		return nil, i18n.New(CodeFileTooLarge, msgFileTooLarge, name, max>>20)
	}
	return b, nil
}
