package declaration

import (
	"fmt"
	"sync"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
)

// Severity of a finding.
type Severity string

// Severities. An error blocks the deposit; a warning does not.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Severities lists every severity of a finding (Info is a plausibility
// check's: it informs and never blocks).
var Severities = []Severity{Error, Warning, Info}

// Rule is one entry of the catalogue: a stable ID, a severity, a short title
// and a fix hint in each language.
type Rule struct {
	ID       string
	Severity Severity
	Title    i18n.Text
	Hint     i18n.Text
}

// The stable rule IDs of cnss-edi.md §7.
const (
	FmtLength         = "FMT-LENGTH"
	FmtType           = "FMT-TYPE"
	FmtOrder          = "FMT-ORDER"
	FmtNumeric        = "FMT-NUMERIC"
	FmtCharset        = "FMT-CHARSET"
	FmtDate           = "FMT-DATE"
	FmtAlign          = "FMT-ALIGN"
	HdrConsistency    = "HDR-CONSISTENCY"
	HdrTransfer       = "HDR-TRANSFER"
	IDAffiliation     = "ID-AFFILIATION"
	IDImmatriculation = "ID-IMMATRICULATION"
	EmpMissing        = "EMP-MISSING"
	EmpUnknown        = "EMP-UNKNOWN"
	EmpDuplicate      = "EMP-DUPLICATE"
	EmpOrder          = "EMP-ORDER"
	EntPreetabli      = "ENT-PREETABLI"
	DaysRange         = "DAYS-RANGE"
	SalCap            = "SAL-CAP"
	SalMinimum        = "SAL-MINIMUM"
	SitCode           = "SIT-CODE"
	SitNormal         = "SIT-NORMAL"
	SitZero           = "SIT-ZERO"
	SitAF             = "SIT-AF"
	CtrLine           = "CTR-LINE"
	CtrTotals         = "CTR-TOTALS"
	EntName           = "ENT-NAME"
	EntCIN            = "ENT-CIN"
	EntSalary         = "ENT-SALARY"
	PreTotals         = "PRE-TOTALS"
)

// Catalogue lists every rule, in the order of cnss-edi.md §7.
var Catalogue = []Rule{
	{FmtLength, Error,
		i18n.Text{FR: "longueur d'enregistrement", AR: "طول التسجيل", EN: "record length"},
		i18n.Text{FR: "Chaque ligne doit faire exactement 260 caractères : vérifiez que le fichier n'a pas été modifié par un tableur ou un éditeur (accents, tabulations, espaces supprimés).", AR: "يجب أن يتكون كل سطر من 260 حرفاً بالضبط: تحقق من أن الملف لم يُعدَّل ببرنامج جداول أو محرر (حروف معلّمة، علامات جدولة، مسافات محذوفة).", EN: "Every line must be exactly 260 characters: check that the file was not altered by a spreadsheet or editor (accents, tabs, stripped spaces)."}},
	{FmtType, Error,
		i18n.Text{FR: "type d'enregistrement", AR: "نوع التسجيل", EN: "record type"},
		i18n.Text{FR: "Un fichier DS ne contient que des enregistrements B00 à B06, un DSC que E00 à E06, un préétabli que A00 à A03 : vérifiez que vous avez choisi le bon fichier.", AR: "لا يحتوي ملف DS إلا على تسجيلات B00 إلى B06، وملف DSC على E00 إلى E06، والملف المعد مسبقاً على A00 إلى A03: تحقق من اختيار الملف الصحيح.", EN: "A DS file holds only B00–B06 records, a DSC file E00–E06, a préétabli A00–A03: check that you picked the right file."}},
	{FmtOrder, Error,
		i18n.Text{FR: "ordre des enregistrements", AR: "ترتيب التسجيلات", EN: "record order"},
		i18n.Text{FR: "L'ordre attendu est 00, 01, les lignes 02, 03, au moins une ligne 04 (la ligne 04 vide s'il n'y a pas d'entrant), 05 puis 06 : régénérez le fichier avec Tasrih.", AR: "الترتيب المنتظر هو 00 ثم 01 ثم أسطر 02 ثم 03 ثم سطر 04 واحد على الأقل (السطر 04 الفارغ إن لم يكن هناك وافد) ثم 05 ثم 06: أعد توليد الملف بتصريح.", EN: "The expected order is 00, 01, the 02 lines, 03, at least one 04 line (the empty 04 when there are no entrants), 05 then 06: regenerate the file with Tasrih."}},
	{FmtNumeric, Error,
		i18n.Text{FR: "champ numérique", AR: "حقل رقمي", EN: "numeric field"},
		i18n.Text{FR: "Un champ numérique ne contient que des chiffres, cadrés à droite et complétés par des zéros, sans signe ni séparateur.", AR: "لا يحتوي الحقل الرقمي إلا على أرقام، مصفوفة إلى اليمين ومكملة بأصفار، دون إشارة أو فاصل.", EN: "A numeric field holds only digits, right-aligned and zero-padded, with no sign or separator."}},
	{FmtCharset, Error,
		i18n.Text{FR: "caractère interdit", AR: "حرف غير مسموح", EN: "forbidden character"},
		i18n.Text{FR: "Seuls les lettres majuscules sans accent A–Z, les chiffres et l'espace sont permis : remplacez les lettres accentuées (É → E, Ç → C) et la ponctuation.", AR: "المسموح فقط الحروف اللاتينية الكبيرة بدون علامات A–Z والأرقام والمسافة: استبدل الحروف المعلّمة (É → E، Ç → C) وعلامات الترقيم.", EN: "Only unaccented capital letters A–Z, digits and space are allowed: replace accented letters (É → E, Ç → C) and punctuation."}},
	{FmtDate, Error,
		i18n.Text{FR: "date ou période", AR: "تاريخ أو فترة", EN: "date or period"},
		i18n.Text{FR: "Une date s'écrit AAAAMMJJ et une période AAAAMM, avec un mois et un jour qui existent.", AR: "يُكتب التاريخ على شكل AAAAMMJJ والفترة على شكل AAAAMM، بشهر ويوم موجودين.", EN: "A date is written YYYYMMDD and a period YYYYMM, with a month and day that exist."}},
	{FmtAlign, Error,
		i18n.Text{FR: "cadrage d'un champ texte", AR: "محاذاة حقل نصي", EN: "text field alignment"},
		i18n.Text{FR: "Un champ texte (nom, CIN) est cadré à gauche et complété par des espaces à droite, sans espace au début : le logiciel qui a produit le fichier les cadre à droite ; corrigez-le ou régénérez le fichier avec Tasrih.", AR: "يُصفّ الحقل النصي (الاسم، البطاقة الوطنية) إلى اليسار ويُكمَّل بمسافات على اليمين دون مسافة في البداية: البرنامج الذي أنتج الملف يصفّها إلى اليمين؛ صححه أو أعد توليد الملف بتصريح.", EN: "A text field (name, CIN) is left-aligned and padded with spaces on the right, with no leading space: the software that produced the file right-aligns them; fix it or regenerate the file with Tasrih."}},
	{HdrConsistency, Error,
		i18n.Text{FR: "cohérence avec l'en-tête", AR: "الانسجام مع الترويسة", EN: "consistency with the header"},
		i18n.Text{FR: "Toutes les lignes portent le numéro d'affiliation et la période de l'enregistrement 01 : corrigez la ligne ou l'en-tête.", AR: "تحمل كل الأسطر رقم الانخراط والفترة الواردين في التسجيل 01: صحّح السطر أو الترويسة.", EN: "Every line carries the affiliation number and period of the 01 record: fix the line or the header."}},
	{HdrTransfer, Error,
		i18n.Text{FR: "en-tête du préétabli", AR: "ترويسة الملف المعد مسبقاً", EN: "préétabli header"},
		i18n.Text{FR: "Les enregistrements 00 et 01 doivent reprendre ceux du préétabli de la même période, à l'identique : réimportez le bon préétabli et régénérez la déclaration.", AR: "يجب أن يطابق التسجيلان 00 و01 تسجيلي الملف المعد مسبقاً لنفس الفترة تماماً: أعد استيراد الملف الصحيح وأعد توليد التصريح.", EN: "Records 00 and 01 must copy those of the préétabli of the same period exactly: re-import the right préétabli and regenerate the declaration."}},
	{IDAffiliation, Warning,
		i18n.Text{FR: "numéro d'affiliation", AR: "رقم الانخراط", EN: "affiliation number"},
		i18n.Text{FR: "La clé de contrôle du numéro d'affiliation ne correspond pas : vérifiez le numéro sur votre attestation d'affiliation CNSS.", AR: "مفتاح المراقبة لرقم الانخراط غير مطابق: تحقق من الرقم في شهادة الانخراط في الصندوق.", EN: "The affiliation number's check digit does not match: check the number on your CNSS affiliation certificate."}},
	{IDImmatriculation, Warning,
		i18n.Text{FR: "numéro d'immatriculation", AR: "رقم التسجيل", EN: "registration number"},
		i18n.Text{FR: "La clé de contrôle du numéro d'immatriculation ne correspond pas : vérifiez le numéro sur la carte CNSS du salarié.", AR: "مفتاح المراقبة لرقم التسجيل غير مطابق: تحقق من الرقم في بطاقة الضمان الاجتماعي للأجير.", EN: "The registration number's check digit does not match: check the number on the employee's CNSS card."}},
	{EmpMissing, Error,
		i18n.Text{FR: "salarié du préétabli non déclaré", AR: "أجير من الملف المعد مسبقاً غير مصرح به", EN: "préétabli employee not declared"},
		i18n.Text{FR: "Chaque salarié du préétabli doit avoir sa ligne : s'il n'a pas été payé ce mois-ci, indiquez une situation (par exemple SO s'il a quitté l'entreprise, CS pour un congé sans solde).", AR: "يجب أن يكون لكل أجير في الملف المعد مسبقاً سطره: إن لم يتقاضَ أجراً هذا الشهر فحدد وضعيته (مثلاً SO إن غادر المقاولة، CS لعطلة بدون أجر).", EN: "Every préétabli employee needs a line: if they were not paid this month, give a situation (e.g. SO if they left the company, CS for unpaid leave)."}},
	{EmpUnknown, Error,
		i18n.Text{FR: "salarié absent du préétabli", AR: "أجير غير موجود في الملف المعد مسبقاً", EN: "employee not in the préétabli"},
		i18n.Text{FR: "Un salarié qui n'est pas dans le préétabli se déclare comme entrant (ligne 04), pas comme ligne 02.", AR: "الأجير غير الموجود في الملف المعد مسبقاً يُصرَّح به كوافد (سطر 04) وليس كسطر 02.", EN: "An employee who is not in the préétabli is declared as an entrant (04 line), not as a 02 line."}},
	{EmpDuplicate, Error,
		i18n.Text{FR: "salarié en double", AR: "أجير مكرر", EN: "duplicate employee"},
		i18n.Text{FR: "Un même salarié ne peut être déclaré qu'une fois par période : regroupez ses jours et son salaire sur une seule ligne.", AR: "لا يمكن التصريح بنفس الأجير إلا مرة واحدة في الفترة: اجمع أيامه وأجره في سطر واحد.", EN: "An employee can be declared only once per period: put their days and salary on a single line."}},
	{EntPreetabli, Error,
		i18n.Text{FR: "entrant déjà dans le préétabli", AR: "وافد موجود في الملف المعد مسبقاً", EN: "entrant already in the préétabli"},
		i18n.Text{FR: "Un salarié du préétabli se déclare sur sa ligne 02 de la déclaration principale, jamais comme entrant ; une déclaration complémentaire ne porte que les entrants oubliés dans la déclaration principale. Retirez-le des entrants.", AR: "يُصرَّح بأجير الملف المعد مسبقاً في سطره 02 من التصريح الرئيسي، وليس أبداً كوافد؛ ولا يتضمن التصريح التكميلي إلا الوافدين المنسيين في التصريح الرئيسي. احذفه من الوافدين.", EN: "A préétabli employee is declared on their 02 line of the principal declaration, never as an entrant; a complementary declaration carries only the entrants forgotten in the principal one. Remove them from the entrants."}},
	{EmpOrder, Warning,
		i18n.Text{FR: "ordre du préétabli", AR: "ترتيب الملف المعد مسبقاً", EN: "préétabli order"},
		i18n.Text{FR: "Les lignes 02 suivent l'ordre du préétabli : régénérez la déclaration avec Tasrih pour les remettre dans l'ordre.", AR: "تتبع أسطر 02 ترتيب الملف المعد مسبقاً: أعد توليد التصريح بتصريح لإعادة ترتيبها.", EN: "The 02 lines follow the préétabli order: regenerate the declaration with Tasrih to put them back in order."}},
	{DaysRange, Error,
		i18n.Text{FR: "jours déclarés", AR: "الأيام المصرح بها", EN: "declared days"},
		i18n.Text{FR: "On déclare au plus %d jours par salarié et par mois (congés payés compris).", AR: "يُصرَّح بـ%d يوماً على الأكثر لكل أجير في الشهر (بما فيها العطل المؤدى عنها).", EN: "At most %d days are declared per employee per month (paid leave included)."}},
	{SalCap, Error,
		i18n.Text{FR: "salaire plafonné", AR: "الأجر المسقف", EN: "capped salary"},
		i18n.Text{FR: "Le salaire plafonné est le salaire réel limité au plafond de la période (%s) ; pour la main-d'œuvre occasionnelle, le salaire réel est aussi accepté.", AR: "الأجر المسقف هو الأجر الحقيقي في حدود سقف الفترة (%s)؛ بالنسبة لليد العاملة العرضية يُقبل الأجر الحقيقي أيضاً.", EN: "The capped salary is the real salary limited to the period's ceiling (%s); for occasional labour the real salary is accepted too."}},
	{SalMinimum, Warning,
		i18n.Text{FR: "salaire sous le SMIG", AR: "أجر دون الحد الأدنى", EN: "salary below the minimum wage"},
		i18n.Text{FR: "Le salaire semble inférieur au SMIG de la période (%s par mois de %d jours) pour le nombre de jours déclarés : vérifiez le salaire brut, les jours et la situation.", AR: "يبدو الأجر أقل من الحد الأدنى للأجور للفترة (%s لشهر من %d يوماً) بالنسبة لعدد الأيام المصرح بها: تحقق من الأجر الإجمالي والأيام والوضعية.", EN: "The salary looks below the period's minimum wage (%s per month of %d days) for the declared days: check the gross salary, the days and the situation."}},
	{SitCode, Error,
		i18n.Text{FR: "code de situation", AR: "رمز الوضعية", EN: "situation code"},
		i18n.Text{FR: "Codes permis : vide (mois normal), SO, DE, IT, IL, AT, CS, MS, MP.", AR: "الرموز المسموحة: فارغ (شهر عادي)، SO، DE، IT، IL، AT، CS، MS، MP.", EN: "Allowed codes: blank (normal month), SO, DE, IT, IL, AT, CS, MS, MP."}},
	{SitNormal, Error,
		i18n.Text{FR: "mois normal sans jours ou sans salaire", AR: "شهر عادي بدون أيام أو بدون أجر", EN: "normal month without days or salary"},
		i18n.Text{FR: "Sans situation, le salarié doit avoir au moins un jour et un salaire : saisissez-les, ou indiquez la situation qui explique l'absence de salaire (SO, CS, IL…).", AR: "بدون وضعية يجب أن يكون للأجير يوم واحد وأجر على الأقل: أدخلهما أو حدد الوضعية التي تفسر غياب الأجر (SO، CS، IL…).", EN: "Without a situation the employee needs at least one day and a salary: enter them, or give the situation that explains the missing pay (SO, CS, IL…)."}},
	{SitZero, Error,
		i18n.Text{FR: "situation sans salaire", AR: "وضعية بدون أجر", EN: "situation without salary"},
		i18n.Text{FR: "Avec les situations AT, CS, MS et MP, les jours et les salaires sont à zéro : retirez-les ou changez la situation.", AR: "مع الوضعيات AT وCS وMS وMP تكون الأيام والأجور صفراً: احذفها أو غيّر الوضعية.", EN: "With situations AT, CS, MS and MP, days and salaries are zero: remove them or change the situation."}},
	{SitAF, Error,
		i18n.Text{FR: "allocations familiales à reverser", AR: "التعويضات العائلية الواجب إرجاعها", EN: "family allowances to pay back"},
		i18n.Text{FR: "Pour un salarié sortant (SO) ou décédé (DE), les AF à reverser égalent les AF nettes ; elles ne les dépassent jamais.", AR: "بالنسبة للأجير المغادر (SO) أو المتوفى (DE) تساوي التعويضات الواجب إرجاعها التعويضات الصافية، ولا تتجاوزها أبداً.", EN: "For an employee who left (SO) or died (DE), the allowances to pay back equal the net allowances; they never exceed them."}},
	{CtrLine, Error,
		i18n.Text{FR: "somme de contrôle de ligne", AR: "مجموع المراقبة للسطر", EN: "line control sum"},
		i18n.Text{FR: "La somme de contrôle ne correspond pas aux valeurs de la ligne : le fichier a été modifié à la main ; régénérez-le avec Tasrih.", AR: "مجموع المراقبة لا يطابق قيم السطر: عُدّل الملف يدوياً؛ أعد توليده بتصريح.", EN: "The control sum does not match the line's values: the file was edited by hand; regenerate it with Tasrih."}},
	{CtrTotals, Error,
		i18n.Text{FR: "totaux", AR: "المجاميع", EN: "totals"},
		i18n.Text{FR: "Les totaux doivent être la somme exacte des lignes : régénérez le fichier avec Tasrih.", AR: "يجب أن تكون المجاميع مساوية تماماً لمجموع الأسطر: أعد توليد الملف بتصريح.", EN: "Totals must be the exact sum of the lines: regenerate the file with Tasrih."}},
	{EntName, Error,
		i18n.Text{FR: "entrant sans nom", AR: "وافد بدون اسم", EN: "entrant without a name"},
		i18n.Text{FR: "Indiquez le nom et le prénom de l'entrant.", AR: "أدخل الاسم العائلي والشخصي للوافد.", EN: "Enter the entrant's last and first names."}},
	{EntCIN, Error,
		i18n.Text{FR: "CIN de l'entrant", AR: "بطاقة التعريف الوطنية للوافد", EN: "entrant's ID card"},
		i18n.Text{FR: "Un entrant sans immatriculation doit avoir un numéro de CIN valide (1 ou 2 lettres puis 1 à 6 chiffres, par exemple BK123456).", AR: "يجب أن يكون للوافد غير المسجل رقم بطاقة وطنية صالح (حرف أو حرفان ثم 1 إلى 6 أرقام، مثل BK123456).", EN: "An entrant without a registration number needs a valid national ID card number (1 or 2 letters then 1 to 6 digits, e.g. BK123456)."}},
	{EntSalary, Error,
		i18n.Text{FR: "entrant sans jours ou sans salaire", AR: "وافد بدون أيام أو بدون أجر", EN: "entrant without days or salary"},
		i18n.Text{FR: "Un entrant est une personne payée ce mois-ci : saisissez ses jours et son salaire brut, ou retirez la ligne.", AR: "الوافد شخص تقاضى أجراً هذا الشهر: أدخل أيامه وأجره الإجمالي أو احذف السطر.", EN: "An entrant is someone paid this month: enter their days and gross salary, or remove the line."}},
	{PreTotals, Error,
		i18n.Text{FR: "totaux du préétabli", AR: "مجاميع الملف المعد مسبقاً", EN: "préétabli totals"},
		i18n.Text{FR: "Le préétabli est incohérent (ses totaux ne correspondent pas à ses lignes) : téléchargez-le à nouveau depuis DAMANCOM.", AR: "الملف المعد مسبقاً غير منسجم (مجاميعه لا تطابق أسطره): حمّله من جديد من دمانكم.", EN: "The préétabli is inconsistent (its totals do not match its lines): download it again from DAMANCOM."}},
}

var ruleByID = func() map[string]*Rule {
	m := make(map[string]*Rule, len(Catalogue))
	for i := range Catalogue {
		m[Catalogue[i].ID] = &Catalogue[i]
	}
	return m
}()

// RuleByID returns the catalogue entry of id.
func RuleByID(id string) (Rule, bool) {
	r, ok := ruleByID[id]
	if !ok {
		return Rule{}, false
	}
	return *r, true
}

// Finding is one problem found in a file.
type Finding struct {
	Rule     string
	Severity Severity
	Record   string // record type, e.g. "B02" ("" for the file as a whole)
	Line     int    // 1-based line in the file (0 for the file as a whole)
	Field    string // field name of cnss-edi.md §3, or ""
	Employee string // immatriculation (or CIN) and name, or ""
	// Source is where the value came from when it was not typed in the file
	// itself (e.g. "paie.csv, ligne 5"); shown after the message.
	Source string
	Msg    i18n.Text
	Args   []any
	// HintArgs are the dated values the rule's hint quotes (maximum days,
	// ceiling, SMIG of the file's period); nil means those of the newest
	// row of the default table.
	HintArgs []any
}

// HintArgs returns the values the hint of rule id quotes, taken from the
// parameters of the period (nil for a hint without values).
func HintArgs(id string, ps params.Params) []any {
	switch id {
	case DaysRange:
		return []any{ps.MaxDays}
	case SalCap:
		return []any{ps.Ceiling.FormatMAD()}
	case SalMinimum:
		return []any{ps.SMIGMonthly.FormatMAD(), ps.MaxDays}
	}
	return nil
}

// newestDefault is the newest row of the default table: the values a hint
// quotes when the finding does not carry those of its period (computed on
// first use: the table is not parsed at the start of every command).
var newestDefault = sync.OnceValue(func() params.Params {
	rows := params.Default().Rows()
	return rows[len(rows)-1]
})

// Message returns the finding's message in l.
func (f Finding) Message(l i18n.Lang) string {
	m := f.Msg.Format(l, f.Args...)
	if f.Source != "" {
		m += " (" + f.Source + ")"
	}
	return m
}

// Hint returns the rule's fix hint in l, with the dated values of the
// finding's period.
func (f Finding) Hint(l i18n.Lang) string {
	r, ok := ruleByID[f.Rule]
	if !ok {
		return ""
	}
	args := f.HintArgs
	if args == nil {
		args = HintArgs(f.Rule, newestDefault())
	}
	return r.Hint.Format(l, args...)
}

// String is the finding in French, for debugging and test failures.
func (f Finding) String() string {
	return fmt.Sprintf("%s %s %s:%d %s: %s", f.Severity, f.Rule, f.Record, f.Line, f.Field, f.Message(i18n.FR))
}

// Blocking reports whether the finding blocks the deposit.
func (f Finding) Blocking() bool { return f.Severity == Error }

// JSON is the finding as printed by `--format json` (architecture.md).
type JSON struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Record   string   `json:"record"`
	Line     int      `json:"line"`
	Field    string   `json:"field"`
	Employee string   `json:"employee"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint"`
}

// JSON returns the finding rendered in l.
func (f Finding) JSON(l i18n.Lang) JSON {
	return JSON{Rule: f.Rule, Severity: f.Severity, Record: f.Record, Line: f.Line, Field: f.Field,
		Employee: f.Employee, Message: f.Message(l), Hint: f.Hint(l)}
}

// Report is the result of validating a file.
type Report struct {
	Findings []Finding
}

func (r *Report) add(f Finding) {
	if f.Severity == "" {
		f.Severity = ruleByID[f.Rule].Severity
	}
	r.Findings = append(r.Findings, f)
}

// Errors counts the blocking findings.
func (r *Report) Errors() int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts the non-blocking findings.
func (r *Report) Warnings() int { return len(r.Findings) - r.Errors() }

// Valid reports whether the report has no blocking finding.
func (r *Report) Valid() bool { return r.Errors() == 0 }

// Has reports whether the report holds a finding of rule id.
func (r *Report) Has(id string) bool {
	for _, f := range r.Findings {
		if f.Rule == id {
			return true
		}
	}
	return false
}
