package store

import "github.com/tasrih/tasrih/internal/i18n"

// Audit actions written by the store and by its callers (the outbox, the
// manual deposit, the backup restore). The declaration's status changes
// take their action from internal/lifecycle (Transition.Audit). Every
// action has its label in auditActionLabels: the journal shows the label in
// the user's language, the raw action only as a hint.
const (
	ActionStoreCreate               = "store.create"
	ActionSchemaMigrate             = "schema.migrate"
	ActionAuditKeyed                = "audit.keyed"
	ActionAuditRollbackAcknowledged = "audit.rollback_acknowledged"
	ActionEmployerCreate            = "employer.create"
	ActionEmployerUpdate            = "employer.update"
	ActionEmployerDelete            = "employer.delete"
	ActionEmployeeCreate            = "employee.create"
	ActionEmployeeUpdate            = "employee.update"
	ActionEmployeeErase             = "employee.erase"
	ActionPreetabliImport           = "preetabli.import"
	ActionMonthLinesReplace         = "month_lines.replace"
	ActionMonthLinesSet             = "month_lines.set"
	ActionDeclarationCreate         = "declaration.create"
	ActionDeclarationUpdate         = "declaration.update"
	ActionDeclarationExportManual   = "declaration.export_manual"
	ActionSubmissionCreate          = "submission.create"
	ActionSubmissionUpdate          = "submission.update"
	ActionSubmissionRetry           = "submission.retry"
	ActionSubmissionLoginRequired   = "submission.login_required"
	ActionSubmissionCancel          = "submission.cancel"
	ActionSubmissionResubmit        = "submission.resubmit"
	ActionReceiptCreate             = "receipt.create"
	ActionDepositResultPut          = "deposit_result.put"
	ActionManualDepositRecord       = "manual_deposit.record"
	ActionDepositAttemptRecord      = "deposit_attempt.record"
	ActionDeadlineExtensionSet      = "deadline_extension.set"
	ActionDeadlineExtensionDelete   = "deadline_extension.delete"
	ActionPlatformLoginAdd          = "platform_login.add"
	ActionPlatformLoginRemove       = "platform_login.remove"
	ActionFirmApply                 = "firm.apply" // a record received from another seat of the firm
	ActionBackupRestore             = "backup.restore"
)

// Entities of audit entries written outside the store.
const (
	EntityDeclaration = kindDeclaration
	EntitySubmission  = kindSubmission
	EntityBackup      = kindBackup
)

// auditActionLabels is the one catalogue of the journal's action labels:
// the store's actions and the lifecycle's transitions.
var auditActionLabels = map[string]i18n.Text{
	ActionStoreCreate:               i18n.Text{FR: "Création du coffre", AR: "إنشاء الخزنة", EN: "Vault created"},
	ActionSchemaMigrate:             i18n.Text{FR: "Mise à jour du format des données", AR: "تحديث صيغة البيانات", EN: "Data format upgraded"},
	ActionAuditKeyed:                i18n.Text{FR: "Journal scellé par clé", AR: "ختم السجل بمفتاح", EN: "Journal sealed with a key"},
	ActionAuditRollbackAcknowledged: i18n.Text{FR: "Retour en arrière des données accepté", AR: "قبول الرجوع إلى نسخة سابقة من البيانات", EN: "Data rollback acknowledged"},
	ActionEmployerCreate:            i18n.Text{FR: "Employeur ajouté", AR: "إضافة مشغّل", EN: "Employer added"},
	ActionEmployerUpdate:            i18n.Text{FR: "Employeur modifié", AR: "تعديل مشغّل", EN: "Employer changed"},
	ActionEmployerDelete:            i18n.Text{FR: "Employeur supprimé", AR: "حذف مشغّل", EN: "Employer deleted"},
	ActionEmployeeCreate:            i18n.Text{FR: "Salarié ajouté", AR: "إضافة أجير", EN: "Employee added"},
	ActionEmployeeUpdate:            i18n.Text{FR: "Salarié modifié", AR: "تعديل أجير", EN: "Employee changed"},
	ActionEmployeeErase:             i18n.Text{FR: "Données du salarié effacées (loi 09-08)", AR: "محو بيانات الأجير (القانون 09-08)", EN: "Employee's data erased (law 09-08)"},
	ActionPreetabliImport:           i18n.Text{FR: "Fichier préétabli importé", AR: "استيراد الملف المعد مسبقا", EN: "Pre-filled file imported"},
	ActionMonthLinesReplace:         i18n.Text{FR: "Paie du mois remplacée", AR: "استبدال أجور الشهر", EN: "Month's payroll replaced"},
	ActionMonthLinesSet:             i18n.Text{FR: "Ligne de paie modifiée", AR: "تعديل سطر من الأجور", EN: "Payroll line changed"},
	ActionDeclarationCreate:         i18n.Text{FR: "Déclaration créée", AR: "إنشاء التصريح", EN: "Declaration created"},
	ActionDeclarationUpdate:         i18n.Text{FR: "Déclaration modifiée", AR: "تعديل التصريح", EN: "Declaration changed"},
	ActionDeclarationExportManual:   i18n.Text{FR: "Fichier exporté pour un dépôt manuel", AR: "تصدير الملف للإيداع اليدوي", EN: "File exported for a manual deposit"},
	ActionSubmissionCreate:          i18n.Text{FR: "Envoi mis en file", AR: "إدراج الإرسال في قائمة الانتظار", EN: "Submission queued"},
	ActionSubmissionUpdate:          i18n.Text{FR: "Envoi mis à jour", AR: "تحديث الإرسال", EN: "Submission updated"},
	ActionSubmissionRetry:           i18n.Text{FR: "Nouvel essai d'envoi prévu", AR: "برمجة محاولة إرسال جديدة", EN: "Submission retry planned"},
	ActionSubmissionLoginRequired:   i18n.Text{FR: "Envoi en attente d'identifiants", AR: "الإرسال في انتظار بيانات الدخول", EN: "Submission waiting for a login"},
	ActionSubmissionCancel:          i18n.Text{FR: "Envoi annulé", AR: "إلغاء الإرسال", EN: "Submission cancelled"},
	ActionSubmissionResubmit:        i18n.Text{FR: "Déclaration renvoyée", AR: "إعادة إرسال التصريح", EN: "Declaration resubmitted"},
	ActionReceiptCreate:             i18n.Text{FR: "Accusé de réception enregistré", AR: "تسجيل وصل الاستلام", EN: "Receipt recorded"},
	ActionDepositResultPut:          i18n.Text{FR: "Résultat du dépôt enregistré", AR: "تسجيل نتيجة الإيداع", EN: "Deposit result recorded"},
	ActionManualDepositRecord:       i18n.Text{FR: "Dépôt manuel enregistré", AR: "تسجيل إيداع يدوي", EN: "Manual deposit recorded"},
	ActionDepositAttemptRecord:      i18n.Text{FR: "Tentative de dépôt enregistrée", AR: "تسجيل محاولة إيداع", EN: "Deposit attempt recorded"},
	ActionDeadlineExtensionSet:      i18n.Text{FR: "Report d'échéance fixé", AR: "تحديد تمديد الأجل", EN: "Deadline extension set"},
	ActionDeadlineExtensionDelete:   i18n.Text{FR: "Report d'échéance supprimé", AR: "حذف تمديد الأجل", EN: "Deadline extension removed"},
	ActionPlatformLoginAdd:          i18n.Text{FR: "Identifiant de la plateforme ajouté", AR: "إضافة معرّف المنصة", EN: "Platform login added"},
	ActionPlatformLoginRemove:       i18n.Text{FR: "Identifiant de la plateforme retiré", AR: "سحب معرّف المنصة", EN: "Platform login removed"},
	ActionFirmApply:                 i18n.Text{FR: "Reçu d'un autre poste du cabinet", AR: "وارد من مركز آخر في المكتب", EN: "Received from another seat of the firm"},
	ActionBackupRestore:             i18n.Text{FR: "Sauvegarde restaurée", AR: "استرجاع نسخة احتياطية", EN: "Backup restored"},
	// The lifecycle's transitions (lifecycle.Transitions).
	"declaration.generate": i18n.Text{FR: "Fichier DS généré", AR: "إنشاء ملف التصريح", EN: "DS file generated"},
	"declaration.outdated": i18n.Text{FR: "Déclaration périmée (mois modifié)", AR: "تصريح متجاوز (تعديل الشهر)", EN: "Declaration outdated (month changed)"},
	"declaration.queue":    i18n.Text{FR: "Déclaration mise en file d'envoi", AR: "إدراج التصريح في قائمة الإرسال", EN: "Declaration queued for sending"},
	"declaration.deposit":  i18n.Text{FR: "Déclaration déposée", AR: "إيداع التصريح", EN: "Declaration deposited"},
	"declaration.accept":   i18n.Text{FR: "Déclaration acceptée", AR: "قبول التصريح", EN: "Declaration accepted"},
	"declaration.reject":   i18n.Text{FR: "Déclaration rejetée", AR: "رفض التصريح", EN: "Declaration rejected"},
	"declaration.resubmit": i18n.Text{FR: "Déclaration remise en file après un rejet", AR: "إعادة إدراج التصريح بعد الرفض", EN: "Declaration queued again after a rejection"},
	"declaration.cancel":   i18n.Text{FR: "Envoi de la déclaration annulé", AR: "إلغاء إرسال التصريح", EN: "Declaration's sending cancelled"},
	"declaration.manual":   i18n.Text{FR: "Déclaration déposée à la main", AR: "إيداع التصريح يدويا", EN: "Declaration deposited by hand"},
}

// auditEntityLabels names the kinds of records audit entries are about.
var auditEntityLabels = map[string]i18n.Text{
	kindEmployer:          i18n.Text{FR: "Employeur", AR: "المشغّل", EN: "Employer"},
	kindEmployee:          i18n.Text{FR: "Salarié", AR: "الأجير", EN: "Employee"},
	kindEmployeeErased:    i18n.Text{FR: "Salarié effacé", AR: "أجير ممحو", EN: "Erased employee"},
	kindPreetabli:         i18n.Text{FR: "Préétabli", AR: "الملف المعد مسبقا", EN: "Pre-filled file"},
	kindMonthLines:        i18n.Text{FR: "Paie du mois", AR: "أجور الشهر", EN: "Month's payroll"},
	kindDeclaration:       i18n.Text{FR: "Déclaration", AR: "التصريح", EN: "Declaration"},
	kindSubmission:        i18n.Text{FR: "Envoi", AR: "الإرسال", EN: "Submission"},
	kindReceipt:           i18n.Text{FR: "Accusé de réception", AR: "وصل الاستلام", EN: "Receipt"},
	kindSchema:            i18n.Text{FR: "Coffre", AR: "الخزنة", EN: "Vault"},
	kindPlatformLogin:     i18n.Text{FR: "Identifiant de la plateforme", AR: "معرّف المنصة", EN: "Platform login"},
	kindDepositResult:     i18n.Text{FR: "Résultat du dépôt", AR: "نتيجة الإيداع", EN: "Deposit result"},
	kindManualDeposit:     i18n.Text{FR: "Dépôt manuel", AR: "إيداع يدوي", EN: "Manual deposit"},
	kindDepositAttempt:    i18n.Text{FR: "Tentative de dépôt", AR: "محاولة إيداع", EN: "Deposit attempt"},
	kindDeadlineExtension: i18n.Text{FR: "Report d'échéance", AR: "تمديد الأجل", EN: "Deadline extension"},
	kindBackup:            i18n.Text{FR: "Sauvegarde", AR: "النسخة الاحتياطية", EN: "Backup"},
}

// AuditActionLabel is the label of an audit action in the three languages;
// false for an action the catalogue does not know (e.g. written by a later
// version), which the journal shows raw.
func AuditActionLabel(action string) (i18n.Text, bool) {
	t, ok := auditActionLabels[action]
	return t, ok
}

// AuditEntityLabel is the label of the kind of record an audit entry is
// about; false for an unknown kind.
func AuditEntityLabel(entity string) (i18n.Text, bool) {
	t, ok := auditEntityLabels[entity]
	return t, ok
}
