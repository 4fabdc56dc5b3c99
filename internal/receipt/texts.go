package receipt

import "github.com/tasrih/tasrih/internal/i18n"

// The texts of the documents, in the three languages. The arguments (%s)
// are data: in an Arabic document they are wrapped in a left-to-right
// isolate (doc.data) so that numbers, file names and codes keep their
// direction. Legal identifiers (DS, DSC<n>, B02…, CNSS, DAMANCOM, ICE, CIN)
// are the same in every language.
var (
	txReceiptTitle = i18n.Text{FR: "Reçu de dépôt", AR: "وصل الإيداع", EN: "Deposit receipt"}
	txReceiptMeta  = i18n.Text{FR: "Reçu de dépôt %s", AR: "وصل الإيداع %s", EN: "Deposit receipt %s"}
	txReceiptFoot  = i18n.Text{FR: "Tasrih — reçu de dépôt — %s — affiliation %s", AR: "Tasrih — وصل الإيداع — %s — الانخراط %s", EN: "Tasrih — deposit receipt — %s — affiliation %s"}
	txQRCaption    = i18n.Text{FR: "N° d'accusé + SHA-256", AR: "رقم الإشعار + SHA-256", EN: "Acknowledgement no. + SHA-256"}
	txSubtitle     = i18n.Text{FR: "Déclaration des salaires à la CNSS (DAMANCOM)", AR: "التصريح بالأجور لدى الصندوق الوطني للضمان الاجتماعي (DAMANCOM)", EN: "Salary declaration to the CNSS (DAMANCOM)"}
	txPrincipal    = i18n.Text{FR: "Déclaration principale (DS)", AR: "التصريح الرئيسي (DS)", EN: "Principal declaration (DS)"}
	txComplement   = i18n.Text{FR: "Déclaration complémentaire n° %s (DSC%s)", AR: "التصريح التكميلي رقم %s (DSC%s)", EN: "Complementary declaration no. %s (DSC%s)"}
	txSandboxRcpt  = i18n.Text{FR: "Dépôt d'entraînement (sandbox) : ce reçu n'a aucune valeur légale.", AR: "إيداع تجريبي (sandbox): ليست لهذا الوصل أي قيمة قانونية.", EN: "Training deposit (sandbox): this receipt has no legal value."}
	txManualDecl   = i18n.Text{FR: "Dépôt manuel déclaré par l'utilisateur", AR: "إيداع يدوي صرّح به المستخدم", EN: "Manual deposit declared by the user"}
	txAccepted     = i18n.Text{FR: "Déclaration déposée et acceptée par la plateforme.", AR: "تم إيداع التصريح وقبوله من طرف المنصة.", EN: "Declaration deposited and accepted by the platform."}
	txEmployer     = i18n.Text{FR: "Employeur", AR: "المشغّل", EN: "Employer"}
	txCompanyName  = i18n.Text{FR: "Raison sociale", AR: "الاسم التجاري", EN: "Company name"}
	txAffiliation  = i18n.Text{FR: "N° d'affiliation CNSS", AR: "رقم الانخراط في CNSS", EN: "CNSS affiliation no."}
	txICE          = i18n.Text{FR: "ICE", AR: "التعريف الموحد للمقاولة (ICE)", EN: "ICE"}
	txDeclaration  = i18n.Text{FR: "Déclaration", AR: "التصريح", EN: "Declaration"}
	txType         = i18n.Text{FR: "Type", AR: "النوع", EN: "Type"}
	txPeriod       = i18n.Text{FR: "Période", AR: "الفترة", EN: "Period"}
	txFileDeposit  = i18n.Text{FR: "Fichier déposé", AR: "الملف المودع", EN: "Deposited file"}
	txSHA          = i18n.Text{FR: "Empreinte SHA-256 du fichier", AR: "بصمة SHA-256 للملف", EN: "SHA-256 digest of the file"}
	txLines02      = i18n.Text{FR: "Lignes %s (salariés du préétabli)", AR: "أسطر %s (أجراء القائمة المعدة مسبقاً)", EN: "%s lines (pre-filled employees)"}
	txLines04      = i18n.Text{FR: "Lignes %s (entrants)", AR: "أسطر %s (الوافدون الجدد)", EN: "%s lines (new entrants)"}
	txDays         = i18n.Text{FR: "Jours déclarés", AR: "الأيام المصرح بها", EN: "Declared days"}
	txRealTotal    = i18n.Text{FR: "Salaire réel total", AR: "مجموع الأجر الحقيقي", EN: "Total real salary"}
	txCappedTotal  = i18n.Text{FR: "Salaire plafonné total", AR: "مجموع الأجر المسقف", EN: "Total capped salary"}
	txDeposit      = i18n.Text{FR: "Dépôt", AR: "الإيداع", EN: "Deposit"}
	txAck          = i18n.Text{FR: "N° d'accusé de réception", AR: "رقم الإشعار بالتوصل", EN: "Acknowledgement no."}
	txPayRef       = i18n.Text{FR: "Référence de paiement", AR: "مرجع الأداء", EN: "Payment reference"}
	txDepositedOn  = i18n.Text{FR: "Déposée le", AR: "تاريخ الإيداع", EN: "Deposited on"}
	txAcceptedOn   = i18n.Text{FR: "Acceptée le", AR: "تاريخ القبول", EN: "Accepted on"}
	txOperator     = i18n.Text{FR: "Opérateur", AR: "القائم بالإيداع", EN: "Operator"}
	txDueDate      = i18n.Text{FR: "Date limite de dépôt", AR: "آخر أجل للإيداع", EN: "Filing deadline"}
	txOnTime       = i18n.Text{FR: "Dans les délais", AR: "داخل الأجل", EN: "On time"}
	txYes          = i18n.Text{FR: "Oui", AR: "نعم", EN: "Yes"}
	txNo           = i18n.Text{FR: "Non", AR: "لا", EN: "No"}
	txLate         = i18n.Text{FR: "Non — dépôt après la date limite", AR: "لا — إيداع بعد انقضاء الأجل", EN: "No — deposited after the deadline"}
	txEstimate     = i18n.Text{FR: "Estimation des cotisations", AR: "تقدير الاشتراكات", EN: "Contribution estimate"}
	txQRNote       = i18n.Text{
		FR: "Le QR code contient « %s ». L'empreinte SHA-256 permet de vérifier que le fichier conservé est bien celui qui a été déposé. Heures de Casablanca.",
		AR: "يحتوي رمز QR على «%s». تمكّن بصمة SHA-256 من التحقق من أن الملف المحفوظ هو فعلاً الملف الذي تم إيداعه. الساعات بتوقيت الدار البيضاء.",
		EN: "The QR code contains “%s”. The SHA-256 digest shows that the file kept is the file that was deposited. Casablanca time.",
	}
	txQRFormat    = i18n.Text{FR: "TASRIH|ACK=<n° d'accusé>|SHA256=<empreinte>", AR: "TASRIH|ACK=<…>|SHA256=<…>", EN: "TASRIH|ACK=<acknowledgement no.>|SHA256=<digest>"}
	txManualRef   = i18n.Text{FR: "Référence du dépôt (DAMANCOM)", AR: "مرجع الإيداع (DAMANCOM)", EN: "Deposit reference (DAMANCOM)"}
	txManualDate  = i18n.Text{FR: "Date du dépôt", AR: "تاريخ الإيداع", EN: "Deposit date"}
	txReport      = i18n.Text{FR: "Rapport de contrôle joint", AR: "تقرير المراقبة مرفق", EN: "Control report attached"}
	txRecordedOn  = i18n.Text{FR: "Enregistré dans Tasrih le", AR: "تاريخ التسجيل في Tasrih", EN: "Recorded in Tasrih on"}
	txManualNote  = i18n.Text{FR: "Informations saisies par l'utilisateur après son dépôt sur damancom.ma : seul l'accusé délivré par le portail de la CNSS fait foi.", AR: "معلومات أدخلها المستخدم بعد الإيداع على damancom.ma: وحده الإشعار الصادر عن بوابة CNSS هو المعتمد.", EN: "Information entered by the user after depositing on damancom.ma: only the acknowledgement issued by the CNSS portal is authoritative."}
	txPage        = i18n.Text{FR: "page %s", AR: "صفحة %s", EN: "page %s"}
	txWatermark   = i18n.Text{FR: "SANDBOX — SANS VALEUR LÉGALE", AR: "SANDBOX — بدون قيمة قانونية", EN: "SANDBOX — NO LEGAL VALUE"}
	txSummary     = i18n.Text{FR: "Bordereau récapitulatif", AR: "الجدول التلخيصي", EN: "Declaration summary"}
	txSummaryMeta = i18n.Text{FR: "Bordereau récapitulatif %s", AR: "الجدول التلخيصي %s", EN: "Declaration summary %s"}
	txSummaryFoot = i18n.Text{FR: "Tasrih — bordereau récapitulatif — %s — édité le %s", AR: "Tasrih — الجدول التلخيصي — %s — حُرّر في %s", EN: "Tasrih — declaration summary — %s — issued on %s"}
	txAffShort    = i18n.Text{FR: "Affiliation %s", AR: "الانخراط %s", EN: "Affiliation %s"}
	txSandboxDoc  = i18n.Text{FR: "Document d'entraînement (sandbox) : sans valeur légale", AR: "وثيقة تجريبية (sandbox): بدون قيمة قانونية", EN: "Training document (sandbox): no legal value"}
	txSubtitleSum = i18n.Text{FR: "Déclaration des salaires à la CNSS", AR: "التصريح بالأجور لدى CNSS", EN: "Salary declaration to the CNSS"}
	txEmpDecl     = i18n.Text{FR: "Employeur et déclaration", AR: "المشغّل والتصريح", EN: "Employer and declaration"}
	txAddress     = i18n.Text{FR: "Adresse", AR: "العنوان", EN: "Address"}
	txFile        = i18n.Text{FR: "Fichier", AR: "الملف", EN: "File"}
	txTotals      = i18n.Text{FR: "Totaux de la déclaration", AR: "مجاميع التصريح", EN: "Declaration totals"}
	txRecord      = i18n.Text{FR: "Enregistrement", AR: "التسجيل", EN: "Record"}
	txEmployees   = i18n.Text{FR: "Salariés", AR: "الأجراء", EN: "Employees"}
	txDaysCol     = i18n.Text{FR: "Jours", AR: "الأيام", EN: "Days"}
	txReal        = i18n.Text{FR: "Salaire réel", AR: "الأجر الحقيقي", EN: "Real salary"}
	txCapped      = i18n.Text{FR: "Salaire plafonné", AR: "الأجر المسقف", EN: "Capped salary"}
	txRow03       = i18n.Text{FR: "%s — salariés du préétabli", AR: "%s — أجراء القائمة المعدة مسبقاً", EN: "%s — pre-filled employees"}
	txRow05       = i18n.Text{FR: "%s — entrants", AR: "%s — الوافدون الجدد", EN: "%s — new entrants"}
	txRow06       = i18n.Text{FR: "%s — total général", AR: "%s — المجموع العام", EN: "%s — grand total"}
	txDetail      = i18n.Text{FR: "Détail des lignes", AR: "تفاصيل الأسطر", EN: "Line details"}
	txColNo       = i18n.Text{FR: "N°", AR: "رقم", EN: "No."}
	txColImmat    = i18n.Text{FR: "Immatriculation", AR: "رقم التسجيل", EN: "Registration no."}
	txColCIN      = i18n.Text{FR: "CIN", AR: "CIN", EN: "CIN"}
	txColName     = i18n.Text{FR: "Nom et prénom", AR: "الاسم الكامل", EN: "Full name"}
	txColReal     = i18n.Text{FR: "Salaire réel (MAD)", AR: "الأجر الحقيقي (MAD)", EN: "Real salary (MAD)"}
	txColCapped   = i18n.Text{FR: "Salaire plafonné (MAD)", AR: "الأجر المسقف (MAD)", EN: "Capped salary (MAD)"}
	txColSit      = i18n.Text{FR: "Sit.", AR: "الوضعية", EN: "Sit."}
	txColE        = i18n.Text{FR: "E", AR: "E", EN: "E"}
	txSection02   = i18n.Text{FR: "Salariés du préétabli (lignes %s)", AR: "أجراء القائمة المعدة مسبقاً (أسطر %s)", EN: "Pre-filled employees (%s lines)"}
	txSection04   = i18n.Text{FR: "Entrants (lignes %s)", AR: "الوافدون الجدد (أسطر %s)", EN: "New entrants (%s lines)"}
	txNo02        = i18n.Text{FR: "Aucune ligne %s.", AR: "لا يوجد أي سطر %s.", EN: "No %s line."}
	txNo04        = i18n.Text{FR: "Aucun entrant (ligne %s vide).", AR: "لا يوجد أي وافد جديد (سطر %s فارغ).", EN: "No new entrant (empty %s line)."}
	txTotal02     = i18n.Text{FR: "Total des lignes %s (%s)", AR: "مجموع أسطر %s (%s)", EN: "Total of the %s lines (%s)"}
	txTotal04     = i18n.Text{FR: "Total des lignes %s (%s)", AR: "مجموع أسطر %s (%s)", EN: "Total of the %s lines (%s)"}
	txTotal06     = i18n.Text{FR: "Total général (%s)", AR: "المجموع العام (%s)", EN: "Grand total (%s)"}
	txCountOne    = i18n.Text{FR: "%s : %s salarié", AR: "%s: عدد الأجراء %s", EN: "%s: %s employee"}
	txCountMany   = i18n.Text{FR: "%s : %s salariés", AR: "%s: عدد الأجراء %s", EN: "%s: %s employees"}
	txLegend      = i18n.Text{FR: "Légende", AR: "مفتاح الرموز", EN: "Legend"}
	txLegendText  = i18n.Text{
		FR: "E : entrant — salarié payé ce mois-ci qui ne figure pas au préétabli (ligne %s). Immatriculation %s : pas encore immatriculé (CIN obligatoire) ; %s : main-d'œuvre occasionnelle (salaire plafonné = salaire réel). Montants en dirhams (MAD).",
		AR: "E: وافد جديد — أجير تقاضى أجره هذا الشهر ولا يوجد في القائمة المعدة مسبقاً (سطر %s). رقم التسجيل %s: غير مسجل بعد (CIN إلزامي)؛ %s: يد عاملة عرضية (الأجر المسقف = الأجر الحقيقي). المبالغ بالدرهم (MAD).",
		EN: "E: new entrant — employee paid this month who is not on the pre-filled list (%s line). Registration no. %s: not registered yet (CIN required); %s: casual labour (capped salary = real salary). Amounts in dirhams (MAD).",
	}
	txSituations = i18n.Text{FR: "Situations (colonne « Sit. ») — sans code : mois normal", AR: "الوضعيات (عمود «الوضعية») — بدون رمز: شهر عادي", EN: "Situations (column “Sit.”) — no code: normal month"}
	txBranch     = i18n.Text{FR: "Branche", AR: "الفرع", EN: "Branch"}
	txBase       = i18n.Text{FR: "Assiette", AR: "الوعاء", EN: "Base"}
	txEmpRate    = i18n.Text{FR: "Taux patronal", AR: "نسبة المشغّل", EN: "Employer rate"}
	txEmpShare   = i18n.Text{FR: "Part patronale", AR: "حصة المشغّل", EN: "Employer share"}
	txWkRate     = i18n.Text{FR: "Taux salarial", AR: "نسبة الأجير", EN: "Employee rate"}
	txWkShare    = i18n.Text{FR: "Part salariale", AR: "حصة الأجير", EN: "Employee share"}
	txTotal      = i18n.Text{FR: "Total", AR: "المجموع", EN: "Total"}
	txEstTotal   = i18n.Text{FR: "Total des cotisations estimées", AR: "مجموع الاشتراكات المقدرة", EN: "Total estimated contributions"}
	txEstBases   = i18n.Text{
		FR: "Prestations sociales sur le salaire plafonné ; allocations familiales, AMO et taxe de formation professionnelle sur le salaire réel.",
		AR: "التعويضات الاجتماعية على الأجر المسقف؛ التعويضات العائلية والتأمين الإجباري عن المرض ورسم التكوين المهني على الأجر الحقيقي.",
		EN: "Social benefits on the capped salary; family allowances, AMO and vocational training tax on the real salary.",
	}
	txLangTag = i18n.Text{FR: "fr-MA", AR: "ar-MA", EN: "en-MA"}
)

// whyLang is the msgInvalid reason of an unknown document language.
var whyLang = i18n.Text{
	FR: "langue du document inconnue : fr, ar ou en",
	AR: "لغة الوثيقة غير معروفة: fr أو ar أو en",
	EN: "unknown document language: fr, ar or en",
}

// docLang checks a document's language ("" = French).
func docLang(l i18n.Lang) (i18n.Lang, error) {
	switch l {
	case "":
		return i18n.FR, nil
	case i18n.FR, i18n.AR, i18n.EN:
		return l, nil
	}
	return i18n.FR, invalid(whyLang, "lang")
}
