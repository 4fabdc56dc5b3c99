package params

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"sync"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Rates are the contribution rates of one branch, in hundredths of a percent
// (898 = 8,98 %). EmployerSolidarity is the AMO solidarity part (1,85 %), which
// is included in the employer's AMO contribution and is the only AMO part due by
// employers with group medical cover from before March 2006.
type Rates struct {
	Employer           int64 `json:"employer"`
	EmployerSolidarity int64 `json:"employer_solidarity"`
	Employee           int64 `json:"employee"`
}

// Params is the set of parameters in force for a period.
type Params struct {
	// From is the first period of the newest table row that applies.
	From domain.Period `json:"from"`
	// Ceiling is the monthly salary ceiling per employee (capped salary base).
	Ceiling domain.Money `json:"ceiling"`
	// SMIGHourly and SMIGMonthly are the minimum wage (industry, commerce,
	// services); SMIGMonthly = SMIGHourly × SMIGMonthlyHours.
	SMIGHourly       domain.Money `json:"smig_hourly"`
	SMIGMonthly      domain.Money `json:"smig_monthly"`
	SMIGMonthlyHours int64        `json:"smig_monthly_hours"`
	// SMAGDaily is the agricultural minimum wage per day; 0 when unknown.
	SMAGDaily domain.Money `json:"smag_daily"`
	// MaxDays is the maximum of declared days per employee and month.
	MaxDays int `json:"max_days"`
	// Branch rates (parameters.md §1).
	PS  Rates `json:"ps"`
	AF  Rates `json:"af"`
	AMO Rates `json:"amo"`
	TFP Rates `json:"tfp"`
	// DueDay is the day of the month after the period on which the
	// declaration and payment are due.
	DueDay int `json:"due_day"`
	// Late declaration ("astreinte"): per employee of the last declaration,
	// capped, for each started month of delay.
	LateDeclarationPerEmployee domain.Money `json:"late_declaration_per_employee"`
	LateDeclarationCap         domain.Money `json:"late_declaration_cap"`
	// Late payment surcharge rates (hundredths of a percent): the first month
	// (low and high estimates, the rate being disputed), then each further month.
	LatePaymentFirstMonthLow  int64 `json:"late_payment_first_month_low"`
	LatePaymentFirstMonthHigh int64 `json:"late_payment_first_month_high"`
	LatePaymentFurtherMonth   int64 `json:"late_payment_further_month"`
}

// Table is a validated, dated parameter table. It is immutable.
type Table struct {
	rows  []Params
	notes []string
}

//go:embed params.json
var embedded []byte

// defaultTable is parsed on first use, not at start: a command that needs
// no rate (version, vault…) does not pay for it, and the one that does
// parses it on the goroutine that first asks, while others read files.
var defaultTable = sync.OnceValue(func() *Table { return mustParse(embedded) })

func mustParse(data []byte) *Table {
	t, err := Parse(data)
	if err != nil {
		panic(fmt.Sprintf("params: the embedded params.json is invalid: %v", err))
	}
	return t
}

// Default returns the table shipped with the application.
func Default() *Table { return defaultTable() }

// fieldKind tells how a value is validated and described.
type fieldKind int

const (
	kindMoney fieldKind = iota // centimes
	kindRate                   // hundredths of a percent
	kindCount                  // a plain count (days, hours)
)

// field describes one value of a table row: its JSON name, its bounds and
// where it goes in Params.
type field struct {
	name     string
	kind     fieldKind
	min, max int64
	set      func(*Params, int64)
}

const maxRate = 10000 // 100 %

// fields lists every value of a row. The first row must set all of them.
var fields = []field{
	{"ceiling", kindMoney, 1, 100_000_000, func(p *Params, v int64) { p.Ceiling = domain.Money(v) }},
	{"smig_hourly", kindMoney, 1, 100_000, func(p *Params, v int64) { p.SMIGHourly = domain.Money(v) }},
	{"smig_monthly", kindMoney, 1, 10_000_000, func(p *Params, v int64) { p.SMIGMonthly = domain.Money(v) }},
	{"smig_monthly_hours", kindCount, 1, 744, func(p *Params, v int64) { p.SMIGMonthlyHours = v }},
	{"smag_daily", kindMoney, 0, 1_000_000, func(p *Params, v int64) { p.SMAGDaily = domain.Money(v) }},
	{"max_days", kindCount, 1, 31, func(p *Params, v int64) { p.MaxDays = int(v) }},
	{"ps_employer", kindRate, 0, maxRate, func(p *Params, v int64) { p.PS.Employer = v }},
	{"ps_employee", kindRate, 0, maxRate, func(p *Params, v int64) { p.PS.Employee = v }},
	{"af_employer", kindRate, 0, maxRate, func(p *Params, v int64) { p.AF.Employer = v }},
	{"af_employee", kindRate, 0, maxRate, func(p *Params, v int64) { p.AF.Employee = v }},
	{"amo_employer", kindRate, 0, maxRate, func(p *Params, v int64) { p.AMO.Employer = v }},
	{"amo_employer_solidarity", kindRate, 0, maxRate, func(p *Params, v int64) { p.AMO.EmployerSolidarity = v }},
	{"amo_employee", kindRate, 0, maxRate, func(p *Params, v int64) { p.AMO.Employee = v }},
	{"tfp_employer", kindRate, 0, maxRate, func(p *Params, v int64) { p.TFP.Employer = v }},
	{"tfp_employee", kindRate, 0, maxRate, func(p *Params, v int64) { p.TFP.Employee = v }},
	{"due_day", kindCount, 1, 28, func(p *Params, v int64) { p.DueDay = int(v) }},
	{"late_declaration_per_employee", kindMoney, 1, 10_000_000, func(p *Params, v int64) { p.LateDeclarationPerEmployee = domain.Money(v) }},
	{"late_declaration_cap", kindMoney, 1, 1_000_000_000, func(p *Params, v int64) { p.LateDeclarationCap = domain.Money(v) }},
	{"late_payment_first_month_low", kindRate, 0, maxRate, func(p *Params, v int64) { p.LatePaymentFirstMonthLow = v }},
	{"late_payment_first_month_high", kindRate, 0, maxRate, func(p *Params, v int64) { p.LatePaymentFirstMonthHigh = v }},
	{"late_payment_further_month", kindRate, 0, maxRate, func(p *Params, v int64) { p.LatePaymentFurtherMonth = v }},
}

var fieldByName = func() map[string]*field {
	m := make(map[string]*field, len(fields))
	for i := range fields {
		m[fields[i].name] = &fields[i]
	}
	return m
}()

// Error codes of Parse and At.
const (
	CodeSyntax       = "params.syntax"
	CodeVersion      = "params.version"
	CodeEmpty        = "params.empty"
	CodeFrom         = "params.from"
	CodeOrder        = "params.order"
	CodeUnknownField = "params.unknown_field"
	CodeNotInteger   = "params.not_integer"
	CodeRange        = "params.range"
	CodeMissing      = "params.missing"
	CodeEmptyRow     = "params.empty_row"
	CodeSMIG         = "params.smig"
	CodeLateDecl     = "params.late_declaration"
	CodeLatePayment  = "params.late_payment"
	CodeBeforeFirst  = "params.before_first"
)

// ErrInvalid is wrapped by every error of Parse.
var ErrInvalid = errors.New("invalid parameter table")

var (
	msgSyntax = i18n.Text{
		FR: "table de paramètres illisible (JSON) : %v",
		AR: "جدول المعايير غير مقروء (JSON): %v",
		EN: "unreadable parameter table (JSON): %v",
	}
	msgVersion = i18n.Text{
		FR: "table de paramètres : version %d non prise en charge (attendu 1)",
		AR: "جدول المعايير: الإصدار %d غير مدعوم (المتوقع 1)",
		EN: "parameter table: unsupported version %d (expected 1)",
	}
	msgEmpty = i18n.Text{
		FR: "table de paramètres vide : au moins une ligne est requise",
		AR: "جدول المعايير فارغ: يلزم سطر واحد على الأقل",
		EN: "empty parameter table: at least one row is required",
	}
	msgFrom = i18n.Text{
		FR: "table de paramètres, ligne %d : « from » absent ou invalide (attendu une période AAAAMM)",
		AR: "جدول المعايير، السطر %d: « from » مفقود أو غير صالح (المتوقع فترة AAAAMM)",
		EN: "parameter table, row %d: \"from\" missing or invalid (expected a YYYYMM period)",
	}
	msgOrder = i18n.Text{
		FR: "table de paramètres, ligne %d (%s) : les périodes doivent être strictement croissantes (ligne précédente %s)",
		AR: "جدول المعايير، السطر %d (%s): يجب أن تكون الفترات تصاعدية تماماً (السطر السابق %s)",
		EN: "parameter table, row %d (%s): periods must be strictly increasing (previous row %s)",
	}
	msgUnknownField = i18n.Text{
		FR: "table de paramètres, ligne %d (%s) : champ inconnu « %s »",
		AR: "جدول المعايير، السطر %d (%s): حقل غير معروف « %s »",
		EN: "parameter table, row %d (%s): unknown field %q",
	}
	msgNotInteger = i18n.Text{
		FR: "table de paramètres, ligne %d (%s) : « %s » doit être un entier",
		AR: "جدول المعايير، السطر %d (%s): « %s » يجب أن يكون عدداً صحيحاً",
		EN: "parameter table, row %d (%s): %q must be an integer",
	}
	msgRange = i18n.Text{
		FR: "table de paramètres, ligne %d (%s) : « %s » = %d hors des bornes [%d, %d]",
		AR: "جدول المعايير، السطر %d (%s): « %s » = %d خارج الحدود [%d، %d]",
		EN: "parameter table, row %d (%s): %q = %d out of range [%d, %d]",
	}
	msgMissing = i18n.Text{
		FR: "table de paramètres, première ligne (%s) : la valeur « %s » doit être donnée",
		AR: "جدول المعايير، السطر الأول (%s): يجب تحديد القيمة « %s »",
		EN: "parameter table, first row (%s): the value %q must be given",
	}
	msgEmptyRow = i18n.Text{
		FR: "table de paramètres, ligne %d (%s) : la ligne ne change aucune valeur",
		AR: "جدول المعايير، السطر %d (%s): السطر لا يغير أي قيمة",
		EN: "parameter table, row %d (%s): the row changes no value",
	}
	msgSMIG = i18n.Text{
		FR: "table de paramètres, à partir de %s : SMIG mensuel %s ≠ SMIG horaire %s × %d heures",
		AR: "جدول المعايير، ابتداءً من %s: الحد الأدنى الشهري للأجر %s ≠ الحد الأدنى للساعة %s × %d ساعة",
		EN: "parameter table, from %s: monthly SMIG %s ≠ hourly SMIG %s × %d hours",
	}
	msgLateDecl = i18n.Text{
		FR: "table de paramètres, à partir de %s : le plafond de l'astreinte (%s) est inférieur au montant par salarié (%s)",
		AR: "جدول المعايير، ابتداءً من %s: سقف الغرامة (%s) أقل من المبلغ عن كل أجير (%s)",
		EN: "parameter table, from %s: the late-declaration cap (%s) is below the amount per employee (%s)",
	}
	msgLatePayment = i18n.Text{
		FR: "table de paramètres, à partir de %s : le taux bas du premier mois de retard (%d) dépasse le taux haut (%d)",
		AR: "جدول المعايير، ابتداءً من %s: النسبة الدنيا للشهر الأول من التأخير (%d) تتجاوز النسبة العليا (%d)",
		EN: "parameter table, from %s: the low first-month late-payment rate (%d) exceeds the high rate (%d)",
	}
	msgBeforeFirst = i18n.Text{
		FR: "aucun paramètre connu pour la période %s : la table commence en %s",
		AR: "لا توجد معايير معروفة للفترة %s: يبدأ الجدول في %s",
		EN: "no parameters known for period %s: the table starts at %s",
	}
)

// unitText is appended to the messages about one value (it is part of the
// format string, hence the doubled %%).
var unitText = map[fieldKind]i18n.Text{
	kindMoney: {FR: " (en centimes : 6 000,00 MAD = 600000)", AR: " (بالسنتيمات: 6 000,00 درهم = 600000)", EN: " (in centimes: 6,000.00 MAD = 600000)"},
	kindRate:  {FR: " (en centièmes de pour cent : 8,98 %% = 898)", AR: " (بأجزاء المائة من المائة: 8,98 %% = 898)", EN: " (in hundredths of a percent: 8.98 %% = 898)"},
	kindCount: {FR: "", AR: "", EN: ""},
}

// withUnit appends the unit of kind k to msg in each language.
func withUnit(msg i18n.Text, k fieldKind) i18n.Text {
	u := unitText[k]
	return i18n.Text{FR: msg.FR + u.FR, AR: msg.AR + u.AR, EN: msg.EN + u.EN}
}

func invalid(code string, msg i18n.Text, args ...any) error {
	return i18n.Wrap(ErrInvalid, code, msg, args...)
}

// Parse reads and validates a parameter table (see the package documentation
// for the format). Every error is an *i18n.Error wrapping ErrInvalid.
func Parse(data []byte) (*Table, error) {
	var file struct {
		Version int               `json:"version"`
		Rows    []json.RawMessage `json:"rows"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, invalid(CodeSyntax, msgSyntax, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, invalid(CodeSyntax, msgSyntax, "trailing data after the table")
	}
	if file.Version != 1 {
		return nil, invalid(CodeVersion, msgVersion, file.Version)
	}
	if len(file.Rows) == 0 {
		return nil, invalid(CodeEmpty, msgEmpty)
	}
	t := &Table{}
	var cur Params
	for i, raw := range file.Rows {
		n := i + 1
		var obj map[string]json.RawMessage
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&obj); err != nil || obj == nil {
			return nil, invalid(CodeSyntax, msgSyntax, fmt.Sprintf("row %d is not an object", n))
		}
		var fromText string
		if err := json.Unmarshal(obj["from"], &fromText); err != nil {
			return nil, invalid(CodeFrom, msgFrom, n)
		}
		from, err := domain.ParsePeriod(fromText)
		if err != nil {
			return nil, invalid(CodeFrom, msgFrom, n)
		}
		if i > 0 && !cur.From.Before(from) {
			return nil, invalid(CodeOrder, msgOrder, n, from, cur.From)
		}
		var note string
		if rawNote, ok := obj["note"]; ok {
			if err := json.Unmarshal(rawNote, &note); err != nil {
				return nil, invalid(CodeUnknownField, msgUnknownField, n, from, "note")
			}
		}
		names := make([]string, 0, len(obj))
		for k := range obj {
			if k != "from" && k != "note" {
				names = append(names, k)
			}
		}
		sort.Strings(names) // deterministic error reporting
		if len(names) == 0 {
			return nil, invalid(CodeEmptyRow, msgEmptyRow, n, from)
		}
		for _, name := range names {
			f, ok := fieldByName[name]
			if !ok {
				return nil, invalid(CodeUnknownField, msgUnknownField, n, from, name)
			}
			v, ok := integer(obj[name])
			if !ok {
				return nil, invalid(CodeNotInteger, withUnit(msgNotInteger, f.kind), n, from, name)
			}
			if v < f.min || v > f.max {
				return nil, invalid(CodeRange, withUnit(msgRange, f.kind), n, from, name, v, f.min, f.max)
			}
			f.set(&cur, v)
		}
		if i == 0 {
			for _, f := range fields {
				if _, ok := obj[f.name]; !ok {
					return nil, invalid(CodeMissing, msgMissing, from, f.name)
				}
			}
		}
		cur.From = from
		if err := cur.check(); err != nil {
			return nil, err
		}
		t.rows = append(t.rows, cur)
		t.notes = append(t.notes, note)
	}
	return t, nil
}

// integer decodes a JSON integer (no fraction, no exponent, no string).
func integer(raw json.RawMessage) (int64, bool) {
	s := string(bytes.TrimSpace(raw))
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// check validates the relations between the values in force from p.From.
func (p Params) check() error {
	if int64(p.SMIGHourly)*p.SMIGMonthlyHours != int64(p.SMIGMonthly) {
		return invalid(CodeSMIG, msgSMIG, p.From, p.SMIGMonthly, p.SMIGHourly, p.SMIGMonthlyHours)
	}
	if p.LateDeclarationCap < p.LateDeclarationPerEmployee {
		return invalid(CodeLateDecl, msgLateDecl, p.From, p.LateDeclarationCap, p.LateDeclarationPerEmployee)
	}
	if p.LatePaymentFirstMonthLow > p.LatePaymentFirstMonthHigh {
		return invalid(CodeLatePayment, msgLatePayment, p.From, p.LatePaymentFirstMonthLow, p.LatePaymentFirstMonthHigh)
	}
	return nil
}

// At returns the parameters in force for period p: those of the newest row
// whose From is not after p. It fails (CodeBeforeFirst) for a period before the
// first row or an invalid period.
func (t *Table) At(p domain.Period) (Params, error) {
	if !p.Valid() || p.Before(t.rows[0].From) {
		return Params{}, i18n.New(CodeBeforeFirst, msgBeforeFirst, p, t.rows[0].From)
	}
	// the first row whose From is after p, minus one
	i := sort.Search(len(t.rows), func(i int) bool { return p.Before(t.rows[i].From) })
	return t.rows[i-1], nil
}

// atOrFirst is At, falling back to the first row for a period before it (used
// by the estimates that cannot fail).
func (t *Table) atOrFirst(p domain.Period) Params {
	if prm, err := t.At(p); err == nil {
		return prm
	}
	return t.rows[0]
}

// AtOrFirst is At, falling back to the first row for a period the table
// does not cover (an invalid period, or one before the first row): the
// limits a file is checked against even when its period cannot be read.
func (t *Table) AtOrFirst(p domain.Period) Params { return t.atOrFirst(p) }

// MaxDaysBound is the largest maximum of declared days of any row: the
// bound of a value stored without its period (the declaration rule
// DAYS-RANGE then checks the period's own maximum).
func (t *Table) MaxDaysBound() int {
	m := 0
	for _, r := range t.rows {
		m = max(m, r.MaxDays)
	}
	return m
}

// First returns the first period the table covers.
func (t *Table) First() domain.Period { return t.rows[0].From }

// Rows returns the resolved parameters of every row, oldest first (a copy).
func (t *Table) Rows() []Params { return append([]Params(nil), t.rows...) }

// Note returns the provenance note of the row that applies to p ("" if none).
func (t *Table) Note(p domain.Period) string {
	prm, err := t.At(p)
	if err != nil {
		return ""
	}
	i := sort.Search(len(t.rows), func(i int) bool { return !t.rows[i].From.Before(prm.From) })
	return t.notes[i]
}
