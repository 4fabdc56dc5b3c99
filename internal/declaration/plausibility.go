package declaration

import (
	"fmt"
	"iter"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
)

// Plausibility: what the format cannot see. A file can pass every rule of
// the catalogue and still be wrong; these findings compare it with the
// previous month's declaration and with what the store knows of the
// employees. They have their own ID prefix (PLA-), are warnings or
// information, and never block a deposit.

// Info is the severity of a plausibility finding that only informs.
const Info Severity = "info"

// The plausibility rule IDs.
const (
	PlaSalary       = "PLA-SALARY"
	PlaDays         = "PLA-DAYS"
	PlaPresence     = "PLA-PRESENCE"
	PlaUnregistered = "PLA-UNREGISTERED"
	PlaDates        = "PLA-DATES"
	PlaCINTwice     = "PLA-CIN-TWICE"
	PlaSMIGDay      = "PLA-SMIG-DAY"
	PlaPayroll      = "PLA-PAYROLL"
	PlaPrevious     = "PLA-PREVIOUS"
)

// PlausibilityRules lists the plausibility family; its IDs are also in
// RuleByID.
var PlausibilityRules = []Rule{
	{PlaSalary, Warning,
		i18n.Text{FR: "salaire très différent du mois précédent", AR: "أجر مختلف كثيراً عن الشهر السابق", EN: "salary far from last month's"},
		i18n.Text{FR: "Vérifiez le salaire brut saisi (un zéro de trop ou de moins, une prime, un rappel) : si la variation est réelle, rien n'est à corriger.", AR: "تحقق من الأجر الإجمالي المدخل (صفر زائد أو ناقص، منحة، مستحقات): إن كان التغير حقيقياً فلا شيء يُصحَّح.", EN: "Check the gross salary entered (a zero too many or too few, a bonus, back pay): if the change is real, nothing needs fixing."}},
	{PlaDays, Warning,
		i18n.Text{FR: "jours très différents du mois précédent", AR: "أيام مختلفة كثيراً عن الشهر السابق", EN: "days far from last month's"},
		i18n.Text{FR: "Vérifiez les jours déclarés (absences, entrée ou sortie en cours de mois) ; si c'est exact, rien n'est à corriger.", AR: "تحقق من الأيام المصرح بها (غيابات، دخول أو خروج خلال الشهر)؛ إن كانت صحيحة فلا شيء يُصحَّح.", EN: "Check the declared days (absences, joining or leaving during the month); if they are right, nothing needs fixing."}},
	{PlaPresence, Warning,
		i18n.Text{FR: "présence différente du mois précédent", AR: "حضور مختلف عن الشهر السابق", EN: "presence differs from last month"},
		i18n.Text{FR: "Un salarié payé le mois dernier et absent ce mois-ci doit apparaître avec sa situation (SO s'il est parti) ; un salarié sorti le mois dernier et payé ce mois-ci a-t-il vraiment repris ?", AR: "الأجير الذي تقاضى أجراً الشهر الماضي وغاب هذا الشهر يجب أن يظهر بوضعيته (SO إن غادر)؛ والأجير الذي غادر الشهر الماضي وتقاضى أجراً هذا الشهر هل عاد فعلاً؟", EN: "An employee paid last month and absent this month must appear with their situation (SO if they left); an employee who left last month and is paid this month: did they really come back?"}},
	{PlaUnregistered, Warning,
		i18n.Text{FR: "salarié toujours non immatriculé", AR: "أجير ما زال غير مسجل", EN: "employee still not registered"},
		i18n.Text{FR: "Depuis la loi AMO de 2026, l'employeur répond des salariés non immatriculés : demandez leur immatriculation à la CNSS et reportez le numéro reçu.", AR: "منذ قانون التأمين الإجباري عن المرض لسنة 2026 يتحمل المشغل مسؤولية الأجراء غير المسجلين: اطلب تسجيلهم لدى الصندوق وأدخل الرقم المتوصل به.", EN: "Since the 2026 AMO law the employer is liable for unregistered employees: apply for their CNSS registration and enter the number received."}},
	{PlaDates, Warning,
		i18n.Text{FR: "jours hors de la période d'emploi", AR: "أيام خارج فترة الشغل", EN: "days outside the employment dates"},
		i18n.Text{FR: "Des jours sont déclarés pour un mois où le salarié n'était pas employé d'après ses dates d'entrée et de sortie : corrigez les dates de la fiche ou les jours.", AR: "صُرّح بأيام لشهر لم يكن فيه الأجير مشغَّلاً حسب تاريخي دخوله وخروجه: صحح تواريخ البطاقة أو الأيام.", EN: "Days are declared for a month in which the employee was not employed according to their hiring and exit dates: fix the dates on their record or the days."}},
	{PlaCINTwice, Warning,
		i18n.Text{FR: "même CIN sous deux immatriculations", AR: "نفس البطاقة الوطنية برقمي تسجيل", EN: "same CIN under two registration numbers"},
		i18n.Text{FR: "Une personne n'a qu'une immatriculation : vérifiez le numéro de CIN et les deux numéros, l'un des deux est probablement une erreur de saisie.", AR: "للشخص رقم تسجيل واحد فقط: تحقق من رقم البطاقة الوطنية ومن الرقمين، أحدهما على الأرجح خطأ في الإدخال.", EN: "A person has only one registration number: check the CIN and both numbers, one of them is probably a typing error."}},
	{PlaSMIGDay, Info,
		i18n.Text{FR: "salaire sous le SMIG journalier", AR: "أجر دون الحد الأدنى اليومي", EN: "salary below the daily minimum wage"},
		i18n.Text{FR: "Le salaire est inférieur au SMIG par jour effectivement travaillé : c'est possible pour un temps partiel, sinon vérifiez le salaire et les jours.", AR: "الأجر أقل من الحد الأدنى للأجور عن كل يوم عمل فعلي: هذا ممكن في العمل بدوام جزئي، وإلا فتحقق من الأجر والأيام.", EN: "The salary is below the minimum wage per day actually worked: possible for part-time work, otherwise check the salary and the days."}},
	{PlaPayroll, Warning,
		i18n.Text{FR: "masse salariale très différente du mois précédent", AR: "كتلة أجور مختلفة كثيراً عن الشهر السابق", EN: "total payroll far from last month's"},
		i18n.Text{FR: "Le total des salaires réels a fortement varié : vérifiez qu'aucun salarié ne manque et qu'aucun montant n'a été saisi deux fois.", AR: "تغيّر مجموع الأجور الحقيقية كثيراً: تحقق من عدم نقص أي أجير ومن عدم إدخال أي مبلغ مرتين.", EN: "The total of real salaries changed a lot: check that no employee is missing and that no amount was entered twice."}},
	{PlaPrevious, Info,
		i18n.Text{FR: "déclaration précédente", AR: "التصريح السابق", EN: "previous declaration"},
		i18n.Text{FR: "Donnez la déclaration DS du mois précédent, du même employeur, pour les comparaisons d'un mois sur l'autre.", AR: "قدّم التصريح DS للشهر السابق، لنفس المشغل، من أجل المقارنات بين الشهرين.", EN: "Give the DS declaration of the previous month, of the same employer, for the month-on-month comparisons."}},
}

func init() {
	for i := range PlausibilityRules {
		ruleByID[PlausibilityRules[i].ID] = &PlausibilityRules[i]
	}
}

// Ratios are the thresholds of the month-on-month checks, in percent of the
// previous month's value; 0 means the default.
type Ratios struct {
	Salary  int // PLA-SALARY (default 50: ±50 %)
	Days    int // PLA-DAYS (default 50)
	Payroll int // PLA-PAYROLL (default 30)
}

func (r Ratios) withDefaults() Ratios {
	if r.Salary <= 0 {
		r.Salary = 50
	}
	if r.Days <= 0 {
		r.Days = 50
	}
	if r.Payroll <= 0 {
		r.Payroll = 30
	}
	return r
}

// KnownEmployee is what the store knows of an employee: identifiers, and
// hiring and exit dates (zero when unknown).
type KnownEmployee struct {
	Immat, CIN string
	Hire, Exit domain.Date
}

// PlausibilityInput is what the plausibility checks read. Only Current is
// required; each source enables its checks.
type PlausibilityInput struct {
	Current *Parsed
	// Previous is the previous month's declaration (PLA-SALARY, PLA-DAYS,
	// PLA-PRESENCE, PLA-UNREGISTERED, PLA-PAYROLL, PLA-CIN-TWICE across months).
	Previous *Parsed
	// Employees are the store's employees (PLA-DATES, PLA-UNREGISTERED age).
	Employees []KnownEmployee
	Params    *params.Table // nil: params.Default()
	Ratios    Ratios
}

// person is one declared employee, keyed by immatriculation or, unregistered, by CIN.
type person struct {
	key, immat, cin, name string
	rec                   string
	line                  int
	days                  int
	real                  domain.Money
	sit                   domain.Situation
	unregistered          bool
}

// persons yields the people of a declaration, lines then entrants, one at a
// time (the checks without a previous month keep none of them).
func persons(p *Parsed) iter.Seq[person] {
	return func(yield func(person) bool) {
		if p == nil {
			return
		}
		d := &p.Decl
		rec02, rec04 := recTypeOf(d.Prefix, 2), recTypeOf(d.Prefix, 4)
		for i := range d.Lines {
			l := &d.Lines[i]
			if l.Immat == "" {
				continue
			}
			if !yield(person{key: l.Immat, immat: l.Immat, name: l.Name, rec: rec02, line: lineAt(p.LineLines, i),
				days: l.Days, real: l.Real, sit: l.Situation}) {
				return
			}
		}
		for i := range d.Entrants {
			e := &d.Entrants[i]
			if e.IsEmpty() || e.Immat == domain.ImmatOccasional {
				continue
			}
			q := person{key: e.Immat, immat: e.Immat, cin: e.CIN, name: e.Name, rec: rec04, line: lineAt(p.EntrantLines, i),
				days: e.Days, real: e.Real}
			if e.Immat == domain.ImmatNotRegistered {
				q.key, q.unregistered = "CIN:"+domain.NormalizeCIN(e.CIN), true
			}
			if !yield(q) {
				return
			}
		}
	}
}

// people is the list persons yields.
func people(p *Parsed) []person {
	if p == nil {
		return nil
	}
	out := make([]person, 0, len(p.Decl.Lines)+len(p.Decl.Entrants))
	for q := range persons(p) {
		out = append(out, q)
	}
	return out
}

// indexPeople indexes people by key, and by CIN too: an entrant unregistered
// one month and registered the next is the same person.
func indexPeople(ps []person) map[string]int {
	idx := make(map[string]int, len(ps))
	for i, q := range ps {
		if _, dup := idx[q.key]; !dup {
			idx[q.key] = i
		}
		if c := domain.NormalizeCIN(q.cin); c != "" && !q.unregistered {
			if _, dup := idx["CIN:"+c]; !dup {
				idx["CIN:"+c] = i
			}
		}
	}
	return idx
}

func lineAt(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

// changed reports whether cur differs from prev by more than pct percent of prev.
func changed(cur, prev int64, pct int) bool {
	if prev <= 0 {
		return false
	}
	diff := cur - prev
	if diff < 0 {
		diff = -diff
	}
	return diff*100 > int64(pct)*prev
}

// percent is the change from prev to cur in whole percent, signed.
func percent(cur, prev int64) int64 {
	if prev == 0 {
		return 0
	}
	return (cur - prev) * 100 / prev
}

// Plausibility returns the plausibility findings of a declaration (PLA-*),
// none of them blocking.
func Plausibility(in PlausibilityInput) []Finding {
	if in.Current == nil {
		return nil
	}
	tab := in.Params
	if tab == nil {
		tab = params.Default()
	}
	r := in.Ratios.withDefaults()
	cur := in.Current
	per := cur.Decl.Employer.Period
	ps := tab.AtOrFirst(per)
	var out []Finding
	add := func(rule string, q person, field string, msg i18n.Text, args ...any) {
		out = append(out, Finding{Rule: rule, Severity: ruleByID[rule].Severity, Record: q.rec, Line: q.line, Field: field,
			Employee: employeeLabel(first(q.immat, q.cin), q.name), Msg: msg, Args: args})
	}
	// Same CIN under two immatriculations, in this file and across months.
	cinImmat := map[string]person{}
	for _, group := range []iter.Seq[person]{persons(in.Previous), persons(cur)} {
		for q := range group {
			if q.cin == "" || q.unregistered { // NormalizeCIN("") is ""
				continue
			}
			c := domain.NormalizeCIN(q.cin)
			if c == "" {
				continue
			}
			if o, ok := cinImmat[c]; ok && o.immat != q.immat {
				add(PlaCINTwice, q, "L_Num_CIN", msgPlaCINTwice, c, o.immat, o.rec, o.line)
				continue
			}
			cinImmat[c] = q
		}
	}

	// Salary below the SMIG per day worked, above the SAL-MINIMUM tolerance.
	for q := range persons(cur) {
		if q.days > 0 && ps.MaxDays > 0 && !ps.BelowMinimum(q.days, q.real) &&
			int64(q.real)*int64(ps.MaxDays) < int64(ps.SMIGMonthly)*int64(q.days) {
			daily := domain.Money(int64(ps.SMIGMonthly) / int64(ps.MaxDays))
			add(PlaSMIGDay, q, "N_Salaire_Reel", msgPlaSMIGDay, q.real.FormatMAD(), q.days, daily.FormatMAD())
		}
	}

	// Days outside the employment dates known in the store.
	if len(in.Employees) > 0 && per.Valid() {
		start, end := domain.DateOf(per.First()), domain.DateOf(per.Next().First()).AddDays(-1)
		byImmat, byCIN := map[string]KnownEmployee{}, map[string]KnownEmployee{}
		for _, e := range in.Employees {
			if e.Immat != "" && e.Immat != domain.ImmatOccasional && e.Immat != domain.ImmatNotRegistered {
				byImmat[e.Immat] = e
			}
			if c := domain.NormalizeCIN(e.CIN); c != "" {
				byCIN[c] = e
			}
		}
		for q := range persons(cur) {
			if q.days == 0 {
				continue
			}
			e, ok := byImmat[q.immat]
			if !ok {
				e, ok = byCIN[domain.NormalizeCIN(q.cin)]
			}
			switch {
			case !ok:
			case !e.Exit.IsZero() && e.Exit.Before(start):
				add(PlaDates, q, "N_Jours_Declares", msgPlaAfterExit, q.days, dateText(e.Exit))
			case !e.Hire.IsZero() && end.Before(e.Hire):
				add(PlaDates, q, "N_Jours_Declares", msgPlaBeforeHire, q.days, dateText(e.Hire))
			}
		}
	}

	// A complementary declaration carries only forgotten entrants: comparing
	// it with a whole month would report everyone as gone.
	if in.Previous == nil || cur.Decl.Prefix == 'E' {
		return out
	}
	prevPer := in.Previous.Decl.Employer.Period
	if !per.Valid() || !prevPer.Valid() || prevPer != per.Prev() || in.Previous.Decl.Employer.Affiliation != cur.Decl.Employer.Affiliation {
		return append(out, Finding{Rule: PlaPrevious, Severity: Info, Msg: msgPlaPrevious,
			Args: []any{in.Previous.Decl.Employer.Affiliation, periodText(prevPer), cur.Decl.Employer.Affiliation, periodText(per.Prev())}})
	}

	// Employee by employee (the lists and indexes only serve from here on).
	curP, prevP := people(cur), people(in.Previous)
	curIdx, prevIdx := indexPeople(curP), indexPeople(prevP)
	unregistered := 0
	for _, q := range curP {
		j, ok := prevIdx[q.key]
		if !ok {
			if q.rec[2] == '2' && q.days > 0 {
				add(PlaPresence, q, "N_Num_Assure", msgPlaNew)
			}
			continue
		}
		o := prevP[j]
		if q.unregistered && o.unregistered {
			unregistered++
			months := 2
			if e, ok := knownByCIN(in.Employees, q.cin); ok && !e.Hire.IsZero() {
				months = max(months, per.Index()-e.Hire.Period().Index()+1)
			}
			add(PlaUnregistered, q, "N_Num_Assure", msgPlaUnregistered, months)
		}
		if o.sit.ReversesAF() && q.days > 0 {
			add(PlaPresence, q, "L_Situation", msgPlaBack, string(o.sit))
		}
		if o.days > 0 && q.days > 0 {
			if changed(int64(q.real), int64(o.real), r.Salary) {
				add(PlaSalary, q, "N_Salaire_Reel", msgPlaSalary, q.real.FormatMAD(), o.real.FormatMAD(), percent(int64(q.real), int64(o.real)))
			}
			if changed(int64(q.days), int64(o.days), r.Days) {
				add(PlaDays, q, "N_Jours_Declares", msgPlaDays, q.days, o.days)
			}
		}
	}
	for _, o := range prevP {
		if _, ok := curIdx[o.key]; !ok && o.days > 0 && !o.sit.ReversesAF() {
			o.rec, o.line = "", 0 // not in this file
			add(PlaPresence, o, "", msgPlaGone, periodText(prevPer))
		}
	}
	if unregistered > 0 {
		out = append(out, Finding{Rule: PlaUnregistered, Severity: Warning, Msg: msgPlaUnregisteredCount, Args: []any{unregistered}})
	}
	if cr, pr := int64(cur.Decl.GrandTotals.Real), int64(in.Previous.Decl.GrandTotals.Real); changed(cr, pr, r.Payroll) {
		out = append(out, Finding{Rule: PlaPayroll, Severity: Warning, Record: string(cur.Decl.Prefix) + "06", Line: cur.GrandTotalsLine,
			Field: "N_T_Salaire_Reel", Msg: msgPlaPayroll, Args: []any{domain.Money(cr).FormatMAD(), domain.Money(pr).FormatMAD(), percent(cr, pr)}})
	}
	return out
}

func dateText(d domain.Date) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

func knownByCIN(es []KnownEmployee, cin string) (KnownEmployee, bool) {
	c := domain.NormalizeCIN(cin)
	for _, e := range es {
		if c != "" && domain.NormalizeCIN(e.CIN) == c {
			return e, true
		}
	}
	return KnownEmployee{}, false
}

func first(a, b string) string {
	if a != "" && a != domain.ImmatNotRegistered {
		return a
	}
	if b != "" {
		return b
	}
	return a
}

// Layout returns d with the line number of every record as AppendDeclaration
// writes it (what Validate would return for the encoded file), for the
// plausibility checks of a declaration just built.
func Layout(d cnssfile.Declaration) *Parsed {
	p := &Parsed{Kind: Principal, Decl: d, HeaderLine: 1, EmployerLine: 2}
	if d.Prefix == 'E' {
		p.Kind = Complementary
	}
	n := 3
	p.LineLines = make([]int, len(d.Lines))
	for i := range d.Lines {
		p.LineLines[i] = n
		n++
	}
	p.LineTotalsLine = n
	n++
	p.EntrantLines = make([]int, len(d.Entrants))
	for i := range d.Entrants {
		p.EntrantLines[i] = n
		n++
	}
	p.EntrantTotalsLine, p.GrandTotalsLine = n, n+1
	return p
}

var (
	msgPlaSalary = i18n.Text{
		FR: "salaire réel %s contre %s le mois précédent (%+d %%)",
		AR: "أجر حقيقي %s مقابل %s في الشهر السابق (%+d %%)",
		EN: "real salary %s against %s last month (%+d %%)",
	}
	msgPlaDays = i18n.Text{
		FR: "%d jours contre %d le mois précédent",
		AR: "%d يوماً مقابل %d في الشهر السابق",
		EN: "%d days against %d last month",
	}
	msgPlaGone = i18n.Text{
		FR: "payé en %s mais absent de cette déclaration, sans situation",
		AR: "تقاضى أجراً في %s لكنه غائب عن هذا التصريح، دون وضعية",
		EN: "paid in %s but absent from this declaration, without a situation",
	}
	msgPlaNew = i18n.Text{
		FR: "payé ce mois-ci mais absent de la déclaration du mois précédent",
		AR: "تقاضى أجراً هذا الشهر لكنه غائب عن تصريح الشهر السابق",
		EN: "paid this month but absent from last month's declaration",
	}
	msgPlaBack = i18n.Text{
		FR: "déclaré en situation %s le mois précédent, avec des jours ce mois-ci",
		AR: "مصرح به بوضعية %s في الشهر السابق، وبأيام هذا الشهر",
		EN: "declared with situation %s last month, with days this month",
	}
	msgPlaUnregistered = i18n.Text{
		FR: "entrant sans immatriculation pour le %de mois au moins",
		AR: "وافد بدون رقم تسجيل للشهر %d على الأقل",
		EN: "entrant without a registration number for month %d at least",
	}
	msgPlaUnregisteredCount = i18n.Text{
		FR: "%d salarié(s) déclaré(s) sans immatriculation depuis deux mois ou plus",
		AR: "%d أجير(اً) مصرح به دون رقم تسجيل منذ شهرين أو أكثر",
		EN: "%d employee(s) declared without a registration number for two months or more",
	}
	msgPlaAfterExit = i18n.Text{
		FR: "%d jours déclarés alors que le salarié est sorti le %s",
		AR: "%d يوماً مصرحاً بها بينما غادر الأجير في %s",
		EN: "%d days declared although the employee left on %s",
	}
	msgPlaBeforeHire = i18n.Text{
		FR: "%d jours déclarés alors que le salarié est entré le %s",
		AR: "%d يوماً مصرحاً بها بينما دخل الأجير في %s",
		EN: "%d days declared although the employee joined on %s",
	}
	msgPlaCINTwice = i18n.Text{
		FR: "CIN %s déjà déclarée sous l'immatriculation %s (%s ligne %d)",
		AR: "البطاقة الوطنية %s سبق التصريح بها برقم التسجيل %s (%s السطر %d)",
		EN: "CIN %s already declared under registration number %s (%s line %d)",
	}
	msgPlaSMIGDay = i18n.Text{
		FR: "salaire réel %s pour %d jours : moins que le SMIG journalier (%s) par jour",
		AR: "أجر حقيقي %s مقابل %d يوماً: أقل من الحد الأدنى اليومي (%s) عن كل يوم",
		EN: "real salary %s for %d days: less than the daily minimum wage (%s) per day",
	}
	msgPlaPayroll = i18n.Text{
		FR: "masse salariale %s contre %s le mois précédent (%+d %%)",
		AR: "كتلة الأجور %s مقابل %s في الشهر السابق (%+d %%)",
		EN: "total payroll %s against %s last month (%+d %%)",
	}
	msgPlaPrevious = i18n.Text{
		FR: "la déclaration précédente donnée est celle de %s pour %s, pas celle de %s pour %s : comparaisons d'un mois sur l'autre non faites",
		AR: "التصريح السابق المقدم هو تصريح %s عن %s وليس تصريح %s عن %s: لم تُجرَ المقارنات بين الشهرين",
		EN: "the previous declaration given is %s's for %s, not %s's for %s: month-on-month comparisons not made",
	}
)
