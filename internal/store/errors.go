package store

import (
	"encoding/json"
	"errors"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Stable error codes of the store. Every error the store returns to a caller is
// an *i18n.Error carrying one of them (validation errors carry CodeValidation).
const (
	CodeLocked          = "store.locked"
	CodeWrongKey        = "store.wrong_key"
	CodeBadKey          = "store.bad_key"
	CodeClosed          = "store.closed"
	CodeNotFound        = "store.not_found"
	CodeAffiliationUsed = "store.affiliation_taken"
	CodeImmatUsed       = "store.immatriculation_taken"
	CodeCINUsed         = "store.cin_taken"
	CodeIdemUsed        = "store.idempotency_key_taken"
	CodeEmployerInUse   = "store.employer_in_use"
	CodeReadOnly        = "store.read_only"
	CodeTooLarge        = "store.too_large"
	CodeIO              = "store.io"
	CodeCorrupt         = "store.corrupt"
	CodeSchemaTooNew    = "store.schema_too_new"
	CodeMigration       = "store.migration_failed"
	CodeFrozen          = "store.declaration_frozen"
	CodeNotReady        = "store.declaration_not_ready"
	CodeAuditBroken     = "store.audit_broken"
	CodeValidation      = "validation.failed"
)

// Sentinel causes, reachable with errors.Is through the *i18n.Error wrappers.
var (
	ErrLocked       = errors.New("store: directory already open")
	ErrWrongKey     = errors.New("store: wrong encryption key")
	ErrClosed       = errors.New("store: closed")
	ErrNotFound     = errors.New("store: not found")
	ErrDuplicate    = errors.New("store: duplicate")
	ErrInUse        = errors.New("store: still referenced")
	ErrReadOnly     = errors.New("store: read-only transaction")
	ErrFrozen       = errors.New("store: declaration frozen")
	ErrSchemaTooNew = errors.New("store: schema newer than this program")
	ErrCorrupt      = errors.New("store: corrupt record")
)

var (
	msgLocked = i18n.Text{
		FR: "les données sont déjà ouvertes par une autre instance de Tasrih : fermez-la ou revenez à sa fenêtre",
		AR: "البيانات مفتوحة مسبقاً من طرف نسخة أخرى من Tasrih: أغلقها أو عد إلى نافذتها",
		EN: "the data is already open in another instance of Tasrih: close it or switch to its window",
	}
	msgWrongKey = i18n.Text{
		FR: "clé de chiffrement incorrecte : ces données ont été créées avec une autre clé",
		AR: "مفتاح التشفير غير صحيح: أُنشئت هذه البيانات بمفتاح آخر",
		EN: "wrong encryption key: this data was created with another key",
	}
	msgBadKey = i18n.Text{
		FR: "clé de chiffrement invalide : 32 octets attendus",
		AR: "مفتاح تشفير غير صالح: المتوقع 32 بايت",
		EN: "invalid encryption key: 32 bytes expected",
	}
	msgClosed = i18n.Text{
		FR: "les données sont fermées (verrouillage) : déverrouillez pour continuer",
		AR: "البيانات مغلقة (قفل): افتح القفل للمتابعة",
		EN: "the data is closed (locked): unlock to continue",
	}
	msgAffiliationUsed = i18n.Text{
		FR: "un employeur avec ce numéro d'affiliation existe déjà",
		AR: "يوجد مشغل بنفس رقم الانخراط",
		EN: "an employer with this affiliation number already exists",
	}
	msgImmatUsed = i18n.Text{
		FR: "un salarié de cet employeur a déjà ce numéro d'immatriculation",
		AR: "يوجد أجير لدى هذا المشغل بنفس رقم التسجيل",
		EN: "an employee of this employer already has this registration number",
	}
	msgCINUsed = i18n.Text{
		FR: "un salarié de cet employeur a déjà ce numéro de CIN",
		AR: "يوجد أجير لدى هذا المشغل بنفس رقم البطاقة الوطنية",
		EN: "an employee of this employer already has this ID card number",
	}
	msgIdemUsed = i18n.Text{
		FR: "cette clé d'idempotence est déjà utilisée par une autre soumission",
		AR: "مفتاح عدم التكرار هذا مستعمل في إرسال آخر",
		EN: "this idempotency key is already used by another submission",
	}
	msgReadOnly = i18n.Text{
		FR: "modification impossible dans une lecture seule",
		AR: "لا يمكن التعديل أثناء القراءة فقط",
		EN: "cannot write in a read-only transaction",
	}
	msgTooLarge = i18n.Text{
		FR: "opération trop volumineuse pour être enregistrée en une fois : découpez-la",
		AR: "العملية كبيرة جداً لتسجيلها دفعة واحدة: قسّمها",
		EN: "operation too large to be saved at once: split it",
	}
	msgIO = i18n.Text{
		FR: "erreur d'accès aux données chiffrées",
		AR: "خطأ في الوصول إلى البيانات المشفرة",
		EN: "error accessing the encrypted data",
	}
	msgCorrupt = i18n.Text{
		FR: "enregistrement illisible dans les données (%s) : restaurez une sauvegarde",
		AR: "سجل غير مقروء في البيانات (%s): استرجع نسخة احتياطية",
		EN: "unreadable record in the data (%s): restore a backup",
	}
	msgSchemaTooNew = i18n.Text{
		FR: "ces données viennent d'une version plus récente de Tasrih (schéma %d, cette version connaît %d) : mettez Tasrih à jour",
		AR: "هذه البيانات من إصدار أحدث من Tasrih (المخطط %d، هذا الإصدار يعرف %d): حدّث Tasrih",
		EN: "this data comes from a newer version of Tasrih (schema %d, this version knows %d): update Tasrih",
	}
	msgMigration = i18n.Text{
		FR: "la mise à jour des données vers le schéma %d a échoué ; rien n'a été modifié",
		AR: "فشل تحديث البيانات إلى المخطط %d؛ لم يتم تغيير أي شيء",
		EN: "upgrading the data to schema %d failed; nothing was changed",
	}
	msgFrozen = i18n.Text{
		FR: "cette déclaration est figée (statut « %s ») : son fichier ne peut plus changer",
		AR: "هذا التصريح مجمد (الحالة « %s »): لا يمكن تغيير ملفه",
		EN: "this declaration is frozen (status %q): its file can no longer change",
	}
)

// Entity names used in "not found" messages, in the three languages.
var entityNames = map[string]i18n.Text{
	kindEmployer:    {FR: "employeur", AR: "المشغل", EN: "employer"},
	kindEmployee:    {FR: "salarié", AR: "الأجير", EN: "employee"},
	kindPreetabli:   {FR: "préétabli", AR: "التصريح المعد مسبقاً", EN: "pre-filled list"},
	kindDeclaration: {FR: "déclaration", AR: "التصريح", EN: "declaration"},
	kindSubmission:  {FR: "soumission", AR: "الإرسال", EN: "submission"},
	kindReceipt:     {FR: "accusé de réception", AR: "وصل الاستلام", EN: "receipt"},
	kindMonthLines:  {FR: "lignes du mois", AR: "سطور الشهر", EN: "month lines"},
}

// notFound returns the store.not_found error for an entity kind. The entity's
// name in each language is the argument, so each translation reads naturally.
func notFound(kind string) error {
	n := entityNames[kind]
	msg := i18n.Text{
		FR: capitalize(n.FR) + " introuvable",
		AR: n.AR + " غير موجود",
		EN: capitalize(n.EN) + " not found",
	}
	return i18n.Wrap(ErrNotFound, CodeNotFound, msg)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

func jsonDecode(b []byte, v any, what string) error {
	if err := json.Unmarshal(b, v); err != nil {
		return errCorrupt(what, err)
	}
	return nil
}

// IsNotFound reports whether err says a record does not exist.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

func errIO(err error) error { return i18n.Wrap(err, CodeIO, msgIO) }

func errCorrupt(what string, err error) error {
	return i18n.Wrap(errors.Join(ErrCorrupt, err), CodeCorrupt, msgCorrupt, what)
}

func errClosed() error { return i18n.Wrap(ErrClosed, CodeClosed, msgClosed) }
