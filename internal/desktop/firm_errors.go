package desktop

import (
	"errors"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Codes of the firm mode's desktop errors (the firm package has its own:
// firm.unavailable, firm.lease_held, firm.conflict, …).
const (
	CodeFirmNotSetUp   = "firm.not_set_up"
	CodeFirmSetUp      = "firm.already_set_up"
	CodeFirmSettings   = "firm.bad_settings"
	CodeFirmReadOnly   = "firm.read_only"
	CodeFirmNotShared  = "firm.not_shared"
	CodeFirmNoSecret   = "firm.no_secret"
	CodeFirmNoProposal = "firm.no_proposal"
	// CodeFirmNotPublished: a deposit waits until its submission is on
	// the firm's store (the outbox tries again).
	CodeFirmNotPublished = "firm.not_published"
	// CodeFirmDepositInFlight: a dossier is not handed over or released
	// while this seat's outbox carries one of its deposits.
	CodeFirmDepositInFlight = "firm.deposit_in_flight"
	// CodeFirmAffiliationClash: a dossier of the firm carries the
	// affiliation number of another employer of this seat; it is not
	// received here (the other dossiers are) until one of them changes.
	CodeFirmAffiliationClash = "firm.affiliation_clash"
)

// ErrFirmReadOnly is the cause of CodeFirmReadOnly (errors.Is).
var ErrFirmReadOnly = errors.New("desktop: dossier held by another seat")

var (
	msgFirmNotSetUp = i18n.Text{
		FR: "le mode cabinet n'est pas configuré sur ce poste : créez le cabinet ou rejoignez-le",
		AR: "وضع المكتب غير مهيأ على هذا الجهاز: أنشئ المكتب أو انضم إليه",
		EN: "firm mode is not set up on this computer: create the firm or join it",
	}
	msgFirmSetUp = i18n.Text{
		FR: "ce poste fait déjà partie d'un cabinet",
		AR: "هذا الجهاز عضو بالفعل في مكتب",
		EN: "this computer already belongs to a firm",
	}
	msgFirmSettings = i18n.Text{
		FR: "paramètres du stockage incomplets ou invalides : %s",
		AR: "إعدادات التخزين ناقصة أو غير صالحة: %s",
		EN: "store settings incomplete or invalid: %s",
	}
	msgFirmReadOnly = i18n.Text{
		FR: "Dossier tenu par %s depuis le %s : il est en lecture seule sur ce poste ; demandez-lui de vous l'envoyer ou attendez qu'il le libère",
		AR: "الملف بيد %s منذ %s: هو للقراءة فقط على هذا الجهاز؛ اطلب منه إرساله إليك أو انتظر تحريره",
		EN: "Dossier held by %s since %s: it is read-only on this computer; ask them to send it to you or wait until they release it",
	}
	msgFirmNotShared = i18n.Text{
		FR: "cet employeur n'est pas encore un dossier du cabinet",
		AR: "هذا المشغل ليس بعد ملفا من ملفات المكتب",
		EN: "this employer is not a dossier of the firm yet",
	}
	msgFirmNoSecret = i18n.Text{
		FR: "la clé secrète du stockage du cabinet est introuvable dans le trousseau du système : saisissez-la à nouveau dans l'écran Cabinet",
		AR: "المفتاح السري لتخزين المكتب غير موجود في حافظة النظام: أدخله من جديد في شاشة المكتب",
		EN: "the firm store's secret key is not in the system keyring: enter it again on the Firm screen",
	}
	msgFirmNotPublished = i18n.Text{
		FR: "l'envoi attend que la soumission soit enregistrée sur le stockage du cabinet (pour qu'aucun autre poste ne la dépose à nouveau)",
		AR: "الإرسال ينتظر تسجيل الإيداع في تخزين المكتب (حتى لا يودعه جهاز آخر مرة ثانية)",
		EN: "the deposit waits until the submission is recorded on the firm's store (so that no other seat deposits it again)",
	}
	msgFirmDepositInFlight = i18n.Text{
		FR: "un dépôt de ce dossier est en cours sur ce poste (état : %s) : attendez la réponse de la plateforme (ou annulez l'envoi) avant de céder le dossier",
		AR: "إيداع لهذا الملف جارٍ على هذا الجهاز (الحالة: %s): انتظر جواب المنصة (أو ألغِ الإرسال) قبل التخلي عن الملف",
		EN: "a deposit of this dossier is in progress on this computer (state: %s): wait for the platform's answer (or cancel the sending) before letting the dossier go",
	}
	msgFirmAffiliationClash = i18n.Text{
		FR: "Ce dossier du cabinet porte le même numéro d'affiliation que l'employeur « %s » déjà présent sur ce poste : il n'est pas reçu ici (les autres dossiers le sont). Corrigez le numéro de l'un des deux, ou supprimez l'employeur de ce poste s'il fait double emploi avec le dossier, puis synchronisez",
		AR: "ملف المكتب هذا يحمل نفس رقم الانخراط الخاص بالمشغل « %s » الموجود بالفعل على هذا الجهاز: لم يُستقبل هنا (الملفات الأخرى استُقبلت). صحح رقم أحدهما، أو احذف المشغل من هذا الجهاز إن كان نسخة مكررة من الملف، ثم زامن",
		EN: "This firm dossier has the same affiliation number as the employer “%s” already on this computer: it is not received here (the other dossiers are). Correct the number of one of them, or delete the employer from this computer if it duplicates the dossier, then sync",
	}
	msgFirmNoProposal = i18n.Text{
		FR: "cette proposition n'existe plus (déjà envoyée ou écartée)",
		AR: "هذا الاقتراح لم يعد موجودا (أرسل أو استبعد)",
		EN: "this proposal no longer exists (already sent or discarded)",
	}
)

func errFirmSettings(what string) error {
	return i18n.New(CodeFirmSettings, msgFirmSettings, what).WithField(what)
}

func errFirmReadOnly(holder string, since time.Time) error {
	return i18n.Wrap(ErrFirmReadOnly, CodeFirmReadOnly, msgFirmReadOnly, holder, since.Local().Format("02/01/2006 15:04"))
}

// errDossierClash is what the sync's sink returns for a change it did not
// apply because of an affiliation clash (recorded in firmSaved.Clashes):
// that dossier waits, the sync of the others is not an error.
var errDossierClash = errors.New("desktop: dossier clashes with a local employer")
