package store

import "github.com/tasrih/tasrih/internal/i18n"

// fieldLabels names every validated field (by its JSON name) in French,
// Arabic and English. A test checks that every field carrying a validate tag
// in the store's records has an entry.
var fieldLabels = map[string]i18n.Text{
	// Employer
	"affiliation":        {FR: "Numéro d'affiliation", AR: "رقم الانخراط", EN: "Affiliation number"},
	"name":               {FR: "Raison sociale", AR: "الاسم التجاري", EN: "Company name"},
	"ice":                {FR: "ICE", AR: "المعرف الموحد للمقاولة (ICE)", EN: "ICE (company identifier)"},
	"if":                 {FR: "Identifiant fiscal", AR: "التعريف الضريبي", EN: "Tax identifier (IF)"},
	"rc":                 {FR: "Registre de commerce", AR: "السجل التجاري", EN: "Trade register (RC)"},
	"activity":           {FR: "Activité", AR: "النشاط", EN: "Activity"},
	"address":            {FR: "Adresse", AR: "العنوان", EN: "Address"},
	"city":               {FR: "Ville", AR: "المدينة", EN: "City"},
	"postal_code":        {FR: "Code postal", AR: "الرمز البريدي", EN: "Postal code"},
	"agency":             {FR: "Code agence CNSS", AR: "رمز وكالة الصندوق الوطني للضمان الاجتماعي", EN: "CNSS agency code"},
	"platform_profile":   {FR: "Mode de dépôt", AR: "طريقة الإيداع", EN: "Submission profile"},
	"deadline_overrides": {FR: "Échéance reportée", AR: "أجل مؤجل", EN: "Deadline override"},
	"period":             {FR: "Période", AR: "الفترة", EN: "Period"},
	"date":               {FR: "Date", AR: "التاريخ", EN: "Date"},
	"note":               {FR: "Note", AR: "ملاحظة", EN: "Note"},
	// Employee
	"employer_id":     {FR: "Employeur", AR: "المشغل", EN: "Employer"},
	"immatriculation": {FR: "Numéro d'immatriculation", AR: "رقم التسجيل", EN: "CNSS registration number"},
	"cin":             {FR: "CIN", AR: "رقم البطاقة الوطنية", EN: "National ID card number (CIN)"},
	"last_name":       {FR: "Nom", AR: "الاسم العائلي", EN: "Last name"},
	"first_name":      {FR: "Prénom", AR: "الاسم الشخصي", EN: "First name"},
	"birth_date":      {FR: "Date de naissance", AR: "تاريخ الازدياد", EN: "Birth date"},
	"hire_date":       {FR: "Date d'embauche", AR: "تاريخ التشغيل", EN: "Hire date"},
	"exit_date":       {FR: "Date de sortie", AR: "تاريخ المغادرة", EN: "Exit date"},
	"job_title":       {FR: "Fonction", AR: "الوظيفة", EN: "Job title"},
	"monthly_gross":   {FR: "Salaire brut mensuel", AR: "الأجر الإجمالي الشهري", EN: "Monthly gross salary"},
	"children":        {FR: "Nombre d'enfants", AR: "عدد الأطفال", EN: "Number of children"},
	"rib":             {FR: "RIB / IBAN", AR: "رقم الحساب البنكي (RIB / IBAN)", EN: "Bank account (RIB / IBAN)"},
	// Month line
	"lines":       {FR: "Ligne", AR: "السطر", EN: "Line"},
	"employee_id": {FR: "Salarié", AR: "الأجير", EN: "Employee"},
	"days":        {FR: "Jours déclarés", AR: "الأيام المصرح بها", EN: "Declared days"},
	"gross":       {FR: "Salaire brut", AR: "الأجر الإجمالي", EN: "Gross salary"},
	"situation":   {FR: "Situation", AR: "الوضعية", EN: "Situation"},
	// Préétabli
	"file_name":   {FR: "Nom du fichier", AR: "اسم الملف", EN: "File name"},
	"raw":         {FR: "Contenu du fichier", AR: "محتوى الملف", EN: "File content"},
	"transfer_id": {FR: "Identifiant de transfert", AR: "معرف التحويل", EN: "Transfer id"},
	"employees":   {FR: "Nombre de salariés", AR: "عدد الأجراء", EN: "Number of employees"},
	// Declaration and findings
	"kind":     {FR: "Type de déclaration", AR: "نوع التصريح", EN: "Declaration kind"},
	"sequence": {FR: "Numéro de déclaration complémentaire", AR: "رقم التصريح التكميلي", EN: "Complementary declaration number"},
	"status":   {FR: "Statut", AR: "الحالة", EN: "Status"},
	"bytes":    {FR: "Contenu du fichier", AR: "محتوى الملف", EN: "File content"},
	"findings": {FR: "Constat", AR: "ملاحظة المراقبة", EN: "Finding"},
	"rule":     {FR: "Règle", AR: "القاعدة", EN: "Rule"},
	"severity": {FR: "Gravité", AR: "درجة الخطورة", EN: "Severity"},
	"record":   {FR: "Enregistrement", AR: "التسجيلة", EN: "Record"},
	"line":     {FR: "Ligne", AR: "السطر", EN: "Line"},
	"field":    {FR: "Champ", AR: "الحقل", EN: "Field"},
	"employee": {FR: "Salarié", AR: "الأجير", EN: "Employee"},
	// Submission and receipt
	"declaration_id":         {FR: "Déclaration", AR: "التصريح", EN: "Declaration"},
	"profile":                {FR: "Mode de dépôt", AR: "طريقة الإيداع", EN: "Submission profile"},
	"idempotency_key":        {FR: "Clé d'idempotence", AR: "مفتاح عدم التكرار", EN: "Idempotency key"},
	"state":                  {FR: "État", AR: "الحالة", EN: "State"},
	"attempts":               {FR: "Nombre de tentatives", AR: "عدد المحاولات", EN: "Number of attempts"},
	"last_error":             {FR: "Dernière erreur", AR: "آخر خطأ", EN: "Last error"},
	"deposit_id":             {FR: "Référence du dépôt", AR: "مرجع الإيداع", EN: "Deposit reference"},
	"acknowledgement_number": {FR: "Numéro d'accusé de réception", AR: "رقم وصل الاستلام", EN: "Acknowledgement number"},
	"payment_reference":      {FR: "Référence de paiement", AR: "مرجع الأداء", EN: "Payment reference"},
	"submission_id":          {FR: "Soumission", AR: "الإرسال", EN: "Submission"},
	"pdf":                    {FR: "Document PDF", AR: "وثيقة PDF", EN: "PDF document"},
}

// sizeTagMessages holds the messages of the size tags by the kind of the
// field: [0] text, [1] number, [2] list. %s is the tag's parameter.
var sizeTagMessages = map[string][3]i18n.Text{
	"max": {
		{FR: "%s caractères au plus", AR: "%s حرفاً على الأكثر", EN: "at most %s characters"},
		{FR: "au plus %s", AR: "على الأكثر %s", EN: "at most %s"},
		{FR: "%s éléments au plus", AR: "%s عنصراً على الأكثر", EN: "at most %s items"},
	},
	"min": {
		{FR: "%s caractères au moins", AR: "%s حرفاً على الأقل", EN: "at least %s characters"},
		{FR: "au moins %s", AR: "على الأقل %s", EN: "at least %s"},
		{FR: "%s éléments au moins", AR: "%s عنصراً على الأقل", EN: "at least %s items"},
	},
	"len": {
		{FR: "exactement %s caractères", AR: "%s حرفاً بالضبط", EN: "exactly %s characters"},
		{FR: "doit valoir %s", AR: "يجب أن يساوي %s", EN: "must be %s"},
		{FR: "exactement %s éléments", AR: "%s عنصراً بالضبط", EN: "exactly %s items"},
	},
}

// tagMessages says what is wrong for every other tag. No message repeats the
// refused value: it may be personal data.
var tagMessages = map[string]i18n.Text{
	"required":  {FR: "obligatoire", AR: "إلزامي", EN: "is required"},
	"numeric":   {FR: "chiffres uniquement", AR: "أرقام فقط", EN: "digits only"},
	"alphanum":  {FR: "lettres et chiffres uniquement", AR: "حروف وأرقام فقط", EN: "letters and digits only"},
	"oneof":     {FR: "valeur non autorisée (valeurs possibles : %s)", AR: "قيمة غير مسموح بها (القيم الممكنة: %s)", EN: "value not allowed (possible values: %s)"},
	"opaque_id": {FR: "identifiant invalide", AR: "معرف غير صالح", EN: "invalid identifier"},
	"sha256hex": {FR: "empreinte SHA-256 invalide", AR: "بصمة SHA-256 غير صالحة", EN: "invalid SHA-256 digest"},
	"affiliation": {
		FR: "7 chiffres attendus",
		AR: "المتوقع 7 أرقام",
		EN: "7 digits expected",
	},
	"immatriculation": {
		FR: "9 chiffres attendus",
		AR: "المتوقع 9 أرقام",
		EN: "9 digits expected",
	},
	"cin": {
		FR: "format invalide : 1 ou 2 lettres suivies de 1 à 6 chiffres (ex. BK123456)",
		AR: "صيغة غير صالحة: حرف أو حرفان متبوعان بـ 1 إلى 6 أرقام (مثال BK123456)",
		EN: "invalid format: 1 or 2 letters followed by 1 to 6 digits (e.g. BK123456)",
	},
	"ice": {
		FR: "ICE invalide : 15 chiffres dont la clé (modulo 97) est juste",
		AR: "ICE غير صالح: 15 رقماً بمفتاح صحيح (باقي القسمة على 97)",
		EN: "invalid ICE: 15 digits with a correct key (modulo 97)",
	},
	"if": {
		FR: "7 ou 8 chiffres attendus",
		AR: "المتوقع 7 أو 8 أرقام",
		EN: "7 or 8 digits expected",
	},
	"rib": {
		FR: "RIB de 24 chiffres ou IBAN marocain (MA + 26 chiffres) avec une clé juste attendu",
		AR: "المتوقع رقم حساب من 24 رقماً أو IBAN مغربي (MA + 26 رقماً) بمفتاح صحيح",
		EN: "a 24-digit RIB or a Moroccan IBAN (MA + 26 digits) with a correct key is expected",
	},
	"money": {
		FR: "un montant ne peut pas être négatif",
		AR: "لا يمكن أن يكون المبلغ سالباً",
		EN: "an amount cannot be negative",
	},
	"days": {
		FR: "entre 0 et %s jours",
		AR: "بين 0 و%s يوماً",
		EN: "between 0 and %s days",
	},
	"situation": {
		FR: "code inconnu : vide (mois normal), SO, DE, IT, IL, AT, CS, MS ou MP",
		AR: "رمز غير معروف: فارغ (شهر عادي) أو SO أو DE أو IT أو IL أو AT أو CS أو MS أو MP",
		EN: "unknown code: blank (normal month), SO, DE, IT, IL, AT, CS, MS or MP",
	},
	"period": {
		FR: "période invalide (AAAAMM, années 1950 à 2199)",
		AR: "فترة غير صالحة (AAAAMM، السنوات من 1950 إلى 2199)",
		EN: "invalid period (YYYYMM, years 1950 to 2199)",
	},
	"date": {
		FR: "date invalide (AAAAMMJJ)",
		AR: "تاريخ غير صالح (AAAAMMJJ)",
		EN: "invalid date (YYYYMMDD)",
	},
	"date_or_zero": {
		FR: "date invalide (AAAAMMJJ, ou vide si inconnue)",
		AR: "تاريخ غير صالح (AAAAMMJJ، أو فارغ إن كان مجهولاً)",
		EN: "invalid date (YYYYMMDD, or empty if unknown)",
	},
	"profile": {
		FR: "mode de dépôt invalide : sandbox, manual ou remote:<nom>",
		AR: "طريقة إيداع غير صالحة: sandbox أو manual أو remote:<الاسم>",
		EN: "invalid submission profile: sandbox, manual or remote:<name>",
	},
	"imm_or_cin": {
		FR: "obligatoire quand le numéro d'immatriculation est vide",
		AR: "إلزامي عندما يكون رقم التسجيل فارغاً",
		EN: "required when the CNSS registration number is empty",
	},
	"exit_after_hire": {
		FR: "antérieure à la date d'embauche",
		AR: "سابق لتاريخ التشغيل",
		EN: "is before the hire date",
	},
	"unique_period": {
		FR: "la même période apparaît deux fois",
		AR: "نفس الفترة مكررة مرتين",
		EN: "the same period appears twice",
	},
	"duplicate_employee": {
		FR: "ce salarié a déjà une ligne dans cette période",
		AR: "لهذا الأجير سطر مسبقاً في هذه الفترة",
		EN: "this employee already has a line in this period",
	},
	"unknown_employee": {
		FR: "salarié inconnu chez cet employeur",
		AR: "أجير غير معروف لدى هذا المشغل",
		EN: "unknown employee for this employer",
	},
	"sequence_kind": {
		FR: "0 pour la déclaration principale, 1 à 9 pour une complémentaire",
		AR: "0 للتصريح الرئيسي، ومن 1 إلى 9 للتصريح التكميلي",
		EN: "0 for the principal declaration, 1 to 9 for a complementary one",
	},
	"invalid": {FR: "valeur invalide", AR: "قيمة غير صالحة", EN: "invalid value"},
}
