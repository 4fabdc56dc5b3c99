package outbox

import (
	"errors"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Error codes of the outbox (the platform's own codes are "platform.<code>",
// see package api).
const (
	CodeLoginRequired     = "platform.login_required"
	CodeManualProfile     = "outbox.manual_profile"
	CodeNoEndpoint        = "outbox.no_endpoint"
	CodeAlreadyAccepted   = "outbox.already_accepted"
	CodeUseResubmit       = "outbox.use_resubmit"
	CodeNotSubmittable    = "outbox.not_submittable"
	CodeResubmitRefused   = "outbox.resubmit_refused"
	CodeCorrupt           = "outbox.corrupt"
	CodePreetabliInvalid  = "outbox.preetabli_invalid"
	CodePreetabliMismatch = "outbox.preetabli_mismatch"
	CodeRunning           = "outbox.running"
	CodeNoImporter        = "outbox.no_importer"
	CodeCancelRefused     = "outbox.cancel_refused"
)

// Sentinel causes.
var (
	// ErrLoginRequired: the profile has no session (log in, then SetSession).
	ErrLoginRequired = errors.New("outbox: login required")
	// ErrRefused: Enqueue or Resubmit refused for the declaration's state.
	ErrRefused = errors.New("outbox: refused")
	// ErrPreetabliInvalid: the downloaded préétabli has blocking findings.
	ErrPreetabliInvalid = errors.New("outbox: invalid préétabli")
)

var (
	msgLoginRequired = i18n.Text{
		FR: "connexion à la plateforme nécessaire : identifiez-vous (mot de passe puis code à usage unique) pour continuer ; rien n'est perdu en attendant",
		AR: "يلزم تسجيل الدخول إلى المنصة: عرّف بنفسك (كلمة المرور ثم الرمز المؤقت) للمتابعة؛ لا يضيع شيء في الانتظار",
		EN: "a login to the platform is needed: sign in (password, then one-time code) to go on; nothing is lost meanwhile",
	}
	msgManualProfile = i18n.Text{
		FR: "cet employeur dépose à la main sur damancom.ma : exportez le fichier (tasrih manual export) au lieu de le soumettre",
		AR: "هذا المشغل يودع يدوياً على damancom.ma: صدّر الملف (tasrih manual export) بدل إرساله",
		EN: "this employer deposits by hand on damancom.ma: export the file (tasrih manual export) instead of submitting it",
	}
	msgNoSandbox = i18n.Text{
		FR: "adresse du bac à sable inconnue : lancez « tasrih sandbox » et donnez son adresse (--platform-url ou TASRIH_PLATFORM_URL)",
		AR: "عنوان بيئة التجربة غير معروف: شغّل « tasrih sandbox » وأعط عنوانها (--platform-url أو TASRIH_PLATFORM_URL)",
		EN: "sandbox address unknown: run \"tasrih sandbox\" and give its address (--platform-url or TASRIH_PLATFORM_URL)",
	}
	msgNoRemote = i18n.Text{
		FR: "aucune adresse configurée pour la plateforme « %s » (Réglages › Plateformes, --platform-url ou %s)",
		AR: "لا يوجد عنوان مضبوط للمنصة « %s » (الإعدادات › المنصات، --platform-url أو %s)",
		EN: "no address configured for platform %q (Settings › Platforms, --platform-url or %s)",
	}
	msgBadProfile = i18n.Text{
		FR: "mode de dépôt invalide « %s » : sandbox, manual ou remote:<nom>",
		AR: "طريقة إيداع غير صالحة « %s »: sandbox أو manual أو remote:<الاسم>",
		EN: "invalid submission profile %q: sandbox, manual or remote:<name>",
	}
	msgAlreadyAccepted = i18n.Text{
		FR: "cette déclaration a déjà été acceptée par la plateforme",
		AR: "سبق أن قبلت المنصة هذا التصريح",
		EN: "the platform already accepted this declaration",
	}
	msgUseResubmit = i18n.Text{
		FR: "cette déclaration a déjà été soumise et refusée (état « %s ») : relancez une nouvelle soumission explicitement (Resubmit, tasrih submit --resubmit)",
		AR: "سبق إرسال هذا التصريح ورُفض (الحالة « %s »): أطلق إرسالاً جديداً بشكل صريح (Resubmit، tasrih submit --resubmit)",
		EN: "this declaration was already submitted and refused (state %q): start a new submission explicitly (Resubmit, tasrih submit --resubmit)",
	}
	msgNotSubmittable = i18n.Text{
		FR: "cette déclaration ne peut pas être soumise dans son état actuel (« %s »)",
		AR: "لا يمكن إرسال هذا التصريح في حالته الحالية (« %s »)",
		EN: "this declaration cannot be submitted in its current status (%q)",
	}
	msgNoBytes = i18n.Text{
		FR: "cette déclaration n'a pas de fichier : générez-la d'abord",
		AR: "لا يوجد ملف لهذا التصريح: أنشئه أولاً",
		EN: "this declaration has no file: generate it first",
	}
	msgResubmitRefused = i18n.Text{
		FR: "nouvelle soumission refusée : elle n'est possible qu'après un refus définitif de la plateforme (état actuel « %s »)",
		AR: "رُفض الإرسال الجديد: لا يكون ممكناً إلا بعد رفض نهائي من المنصة (الحالة الحالية « %s »)",
		EN: "new submission refused: it is only possible after a definitive refusal by the platform (current state %q)",
	}
	msgNeverSubmitted = i18n.Text{
		FR: "nouvelle soumission refusée : cette déclaration n'a jamais été soumise (soumettez-la normalement)",
		AR: "رُفض الإرسال الجديد: لم يسبق إرسال هذا التصريح (أرسله بشكل عادي)",
		EN: "new submission refused: this declaration was never submitted (submit it normally)",
	}
	msgCorrupt = i18n.Text{
		FR: "le fichier de la déclaration ne correspond plus à l'empreinte de sa soumission : rien n'est envoyé, restaurez une sauvegarde",
		AR: "ملف التصريح لم يعد يطابق بصمة إرساله: لن يُرسل شيء، استرجع نسخة احتياطية",
		EN: "the declaration file no longer matches its submission's digest: nothing is sent, restore a backup",
	}
	msgPreetabliInvalid = i18n.Text{
		FR: "le préétabli reçu de la plateforme a %d erreur(s) bloquante(s) : il n'a pas été enregistré",
		AR: "الملف المعد مسبقاً الوارد من المنصة به %d خطأ(أخطاء) مانع(ة): لم يُسجَّل",
		EN: "the préétabli received from the platform has %d blocking error(s): it was not saved",
	}
	msgPreetabliMismatch = i18n.Text{
		FR: "la plateforme a envoyé le préétabli de %s au lieu de celui de %s : il n'a pas été enregistré",
		AR: "أرسلت المنصة الملف المعد مسبقاً لـ%s بدل الملف الخاص بـ%s: لم يُسجَّل",
		EN: "the platform sent the préétabli of %s instead of %s: it was not saved",
	}
	msgCancelRefused = i18n.Text{
		FR: "cet envoi ne peut plus être annulé (état %s, %d tentative(s)) : seule la réponse de la plateforme peut le régler",
		AR: "لم يعد بالإمكان إلغاء هذا الإرسال (الحالة %s، %d محاولة): وحده رد المنصة يحسمه",
		EN: "this submission can no longer be cancelled (state %s, %d attempt(s)): only the platform's answer can settle it",
	}
	msgNoImporter = i18n.Text{
		FR: "cette version ne sait pas enregistrer un préétabli téléchargé : importez le fichier à la main",
		AR: "هذه النسخة لا تستطيع حفظ ملف معد مسبقاً محمَّل: استورد الملف يدوياً",
		EN: "this build cannot store a downloaded préétabli: import the file by hand",
	}
	msgRunning = i18n.Text{
		FR: "l'envoi des déclarations est déjà en cours",
		AR: "إرسال التصريحات جارٍ بالفعل",
		EN: "sending declarations is already running",
	}
)

// PreetabliError is FetchPreetabli's refusal of a préétabli with blocking
// findings; reach it with errors.As to show the findings.
type PreetabliError struct {
	Report *declaration.Report
}

func (e *PreetabliError) Error() string {
	return msgPreetabliInvalid.Format(i18n.FR, e.Report.Errors())
}

// Unwrap makes errors.Is(err, ErrPreetabliInvalid) hold.
func (e *PreetabliError) Unwrap() error { return ErrPreetabliInvalid }

func loginRequired() error { return i18n.Wrap(ErrLoginRequired, CodeLoginRequired, msgLoginRequired) }
