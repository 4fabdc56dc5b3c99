package declaration

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unsafe"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
)

// MonthLine is the month of a préétabli employee: days, gross salary and
// situation, matched to the préétabli by immatriculation.
type MonthLine struct {
	Immat     string
	Days      int
	Gross     domain.Money
	Situation domain.Situation
	// SourceLine is the line of the input file the line came from (0 if
	// none); Input.Source names it in the findings about this line.
	SourceLine int
}

// EntrantLine is a person paid this month who is not in the préétabli.
type EntrantLine struct {
	// Immat is the 9-digit immatriculation, "" or "000000000" when not yet
	// registered (CIN required), "999999999" for occasional labour.
	Immat      string
	CIN        string
	LastName   string
	FirstName  string
	Days       int
	Gross      domain.Money
	SourceLine int
}

// Input is what a declaration is built from.
type Input struct {
	Preetabli *Preetabli
	Lines     []MonthLine   // préétabli employees, in any order
	Entrants  []EntrantLine // in the order they are to appear
	// Sequence is 0 for the principal declaration DS, n (1–9) for the
	// complementary declaration DSC<n>, whose lines are all entrants.
	Sequence int
	// AMOSolidarityOnly is the employer flag of parameters.md §1.
	AMOSolidarityOnly bool
	// Params is the parameter table; nil means params.Default().
	Params *params.Table
	// Source names a source line for the messages (e.g. "paie.csv, ligne 4");
	// it is called only for the lines that have findings.
	Source func(line int) string
	// Encoded, when set, is called on Build's goroutine with the file's
	// name and bytes as soon as they are encoded, before they are
	// validated: a caller may start writing them meanwhile (a temporary
	// file, atomicfile.Stage), but they are the declaration only if
	// Result.Bytes is set once Build returns. data must not be changed.
	Encoded func(name string, data []byte)
}

// Result is a built declaration.
type Result struct {
	Kind     Kind
	Sequence int
	FileName string
	// Bytes is the file, nil when a blocking finding prevents it.
	Bytes  []byte
	SHA256 string
	Report *Report
	// Decl is the declaration as encoded (also when blocked, for display).
	Decl     cnssfile.Declaration
	Estimate params.Estimate
}

// Error codes of Build (input that cannot become a file at all; everything
// else is a finding).
const (
	CodeNoPreetabli = "declaration.no_preetabli"
	CodeSequence    = "declaration.sequence"
	CodeNoPeriod    = "declaration.period"
)

var (
	msgNoPreetabli = i18n.Text{
		FR: "le préétabli est illisible : corrigez-le ou téléchargez-le à nouveau avant de préparer la déclaration",
		AR: "الملف المعد مسبقاً غير مقروء: صححه أو حمّله من جديد قبل إعداد التصريح",
		EN: "the préétabli is unreadable: fix it or download it again before preparing the declaration",
	}
	msgSequence = i18n.Text{
		FR: "numéro de déclaration complémentaire %d invalide : de 1 à 9",
		AR: "رقم التصريح التكميلي %d غير صالح: من 1 إلى 9",
		EN: "invalid complementary declaration number %d: 1 to 9",
	}
	msgNoPeriod = i18n.Text{
		FR: "aucun paramètre (plafond, SMIG) connu pour la période %s",
		AR: "لا توجد معايير (السقف، الحد الأدنى للأجور) معروفة للفترة %s",
		EN: "no parameters (ceiling, minimum wage) known for period %s",
	}
	msgBadName = i18n.Text{
		FR: "nom « %s » : %s",
		AR: "الاسم « %s »: %s",
		EN: "name %q: %s",
	}
	msgBadCINText = i18n.Text{
		FR: "CIN « %s » : %s",
		AR: "البطاقة الوطنية « %s »: %s",
		EN: "ID card %q: %s",
	}
	msgBadImmat = i18n.Text{
		FR: "immatriculation « %s » : 9 chiffres attendus (vide si le salarié n'est pas encore immatriculé)",
		AR: "رقم التسجيل « %s »: المنتظر 9 أرقام (فارغ إن لم يُسجَّل الأجير بعد)",
		EN: "registration number %q: 9 digits expected (empty if the employee is not registered yet)",
	}
	msgTooLarge = i18n.Text{
		FR: "%s : valeur %s trop grande pour le champ",
		AR: "%s: القيمة %s أكبر من سعة الحقل",
		EN: "%s: value %s too large for the field",
	}
)

// FileName returns the official name of a declaration file.
func FileName(affiliation string, p domain.Period, sequence int) string {
	if sequence == 0 {
		return fmt.Sprintf("DS_%s_%s.txt", affiliation, p)
	}
	return fmt.Sprintf("DSC%d_%s_%s.txt", sequence, affiliation, p)
}

// Build builds a DS (or DSC<n>) file from the préétabli and the month's
// lines, then validates the bytes it produced against the whole catalogue and
// the préétabli: every record is split and checked field by field as Validate
// does, but the 02 and 04 lines are the ones Build encoded rather than
// decoded back (which would give them again). Result.Bytes is set only when the report has no
// blocking finding. The error is for input that cannot become a file at all.
func Build(in Input) (*Result, error) {
	if in.Preetabli == nil || in.Preetabli.EmployerRaw == "" || in.Preetabli.HeaderRaw == "" {
		return nil, i18n.New(CodeNoPreetabli, msgNoPreetabli)
	}
	if in.Sequence < 0 || in.Sequence > 9 {
		return nil, i18n.New(CodeSequence, msgSequence, in.Sequence)
	}
	tab := in.Params
	if tab == nil {
		tab = params.Default()
	}
	pre := &in.Preetabli.File
	per := pre.Employer.Period
	ps, err := tab.At(per)
	if err != nil {
		return nil, i18n.Wrap(err, CodeNoPeriod, msgNoPeriod, periodText(per))
	}
	b := builder{in: in, ps: ps, rep: &Report{}}
	b.res = &Result{Kind: Principal, Sequence: in.Sequence, Report: b.rep,
		FileName: FileName(pre.Employer.Affiliation, per, in.Sequence)}
	if in.Sequence > 0 {
		b.res.Kind = Complementary
	}
	b.build()
	if !b.encodable {
		return b.res, nil
	}
	data, err := cnssfile.AppendDeclaration(make([]byte, 0, (len(b.d.Lines)+len(b.d.Entrants)+6)*(cnssfile.RecordLen+1)), &b.d)
	if err != nil {
		// Every value was checked above; an encoding error is a field that
		// still does not fit (e.g. a total wider than its field).
		b.rep.add(Finding{Rule: FmtNumeric, Field: i18nField(err), Msg: msgEncode, Args: []any{err}})
		return b.res, nil
	}
	if in.Encoded != nil {
		in.Encoded(b.res.FileName, data)
	}
	// The file's SHA-256 is computed while the file is validated (on
	// another CPU; it is kept only for a file without blocking finding).
	sum := make(chan [sha256.Size]byte, 1)
	go func() { sum <- sha256.Sum256(data) }()
	// The bytes are read as a string in place (no 2.7 MB copy for 10 000
	// lines): data is not written again, and the findings, the only part of
	// the validation kept, are detached from it, so that a caller changing
	// Result.Bytes later changes nothing else.
	_, vrep := validateString(unsafe.String(unsafe.SliceData(data), len(data)), Options{Preetabli: in.Preetabli, Params: tab}, &b.d)
	for _, f := range vrep.Findings {
		f.detach()
		if f.Line > 0 && f.Record != "" && f.Record[0] != 'A' && f.Line <= len(b.sources) {
			f.Source = b.source(b.sources[f.Line-1])
		}
		b.rep.add(f)
	}
	if b.rep.Valid() {
		b.res.Bytes = data
		h := <-sum
		b.res.SHA256 = hex.EncodeToString(h[:])
	}
	return b.res, nil
}

// detach gives the finding its own copy of every string that may point into
// the file it was found in (record type, quoted values).
func (f *Finding) detach() {
	f.Record = strings.Clone(f.Record)
	f.Field = strings.Clone(f.Field)
	f.Employee = strings.Clone(f.Employee)
	for i, a := range f.Args {
		if s, ok := a.(string); ok {
			f.Args[i] = strings.Clone(s)
		}
	}
}

var msgCINLength = i18n.Text{FR: "8 caractères au plus", AR: "8 أحرف على الأكثر", EN: "8 characters at most"}

var msgEncode = i18n.Text{
	FR: "le fichier ne peut pas être écrit : %s",
	AR: "لا يمكن كتابة الملف: %s",
	EN: "the file cannot be written: %s",
}

func i18nField(err error) string {
	if e, ok := err.(*i18n.Error); ok {
		return e.Field
	}
	return ""
}

type builder struct {
	in        Input
	ps        params.Params
	rep       *Report
	res       *Result
	d         cnssfile.Declaration
	sources   []int // source line of each output line (index = line − 1)
	encodable bool
	lt        cnssfile.LineTotals // the sums of the lines, as Finalize makes them
}

// source names a source line, "" for none.
func (b *builder) source(line int) string {
	if line <= 0 || b.in.Source == nil {
		return ""
	}
	return b.in.Source(line)
}

func (b *builder) fail(f Finding) {
	b.rep.add(f)
	b.encodable = false
}

func (b *builder) build() {
	b.encodable = true
	pre := &b.in.Preetabli.File
	aff, per := pre.Employer.Affiliation, pre.Employer.Period
	prefix := byte('B')
	cat := "B0"
	if b.in.Sequence > 0 {
		prefix, cat = 'E', fmt.Sprintf("E%d", b.in.Sequence)
	}
	d := &b.d
	d.Prefix = prefix
	d.Header = cnssfile.Header{TransferID: pre.Header.TransferID, Cat: cat}
	d.Employer = pre.Employer

	d.Lines = make([]cnssfile.Line, 0, len(b.in.Lines)+1)
	d.Entrants = make([]cnssfile.Entrant, 0, len(b.in.Entrants)+1)
	b.sources = make([]int, 2, len(b.in.Lines)+len(b.in.Entrants)+7)
	if b.in.Sequence == 0 {
		// Lines for préétabli employees, in préétabli order, several lines
		// of one employee one after the other in input order (for
		// EMP-DUPLICATE); lines whose employee is not in the préétabli come
		// after them, in input order, so that the validator reports them as
		// EMP-UNKNOWN. A line goes to the first position of its employee
		// (Find; a blank immatriculation to the first blank employee): a
		// counting sort of the lines by that position.
		at := b.positions()
		n := len(pre.Insured)
		bucket := func(p int32) int32 { // the unknown after everyone
			if p < 0 {
				return int32(n)
			}
			return p
		}
		start := make([]int32, n+2)
		for _, p := range at {
			start[bucket(p)+1]++
		}
		for i := 1; i < len(start); i++ {
			start[i] += start[i-1]
		}
		order := make([]int32, len(at))
		for i, p := range at {
			order[start[bucket(p)]] = int32(i)
			start[bucket(p)]++
		}
		posKey := b.in.Preetabli.posKey
		// employee is the employee of the k-th line in order and its key.
		employee := func(k int) (cnssfile.Insured, int64) {
			i := order[k]
			p := at[i]
			if p < 0 {
				return cnssfile.Insured{Affiliation: aff, Period: per, Immat: b.in.Lines[i].Immat}, -1
			}
			// posKey[p], when set, is the value of the employee's
			// 9-digit immatriculation (see finalizeLine).
			key := int64(-1)
			if int(p) < len(posKey) {
				key = posKey[p]
			}
			return pre.Insured[p], key
		}
		if !b.addLinesParallel(order, employee) {
			for k, i := range order {
				ins, key := employee(k)
				b.addLine(&ins, &b.in.Lines[i], key)
			}
		}
	} else {
		// A complementary declaration has one empty E02 line.
		d.Lines = append(d.Lines, cnssfile.Line{Insured: cnssfile.Insured{Affiliation: aff, Period: per}})
		b.sources = append(b.sources, 0)
	}
	b.sources = append(b.sources, 0)
	for _, e := range b.in.Entrants {
		b.addEntrant(aff, per, e)
	}
	if len(d.Entrants) == 0 {
		d.Entrants = append(d.Entrants, cnssfile.Entrant{Affiliation: aff, Period: per})
		b.sources = append(b.sources, 0)
	}
	finalizeTotals(d, b.lt) // the lines were finalized by addLine
	b.sources = append(b.sources, 0, 0)
	b.res.Decl = *d
	b.res.Estimate = b.ps.Estimate(d.GrandTotals.Real, d.GrandTotals.Capped, b.in.AMOSolidarityOnly)
}

// positions returns the préétabli position of each input line: Find of its
// immatriculation, the first blank employee for a blank one, −1 for none.
// A line is first compared with the position after the previous line's
// (FindFrom), since a payroll often lists the préétabli's employees in its
// order.
func (b *builder) positions() []int32 {
	pre := b.in.Preetabli
	at := make([]int32, len(b.in.Lines))
	next := 0
	for i := range b.in.Lines {
		im := b.in.Lines[i].Immat
		switch j, ok := pre.FindFrom(im, next); {
		case ok:
			at[i], next = int32(j), j+1
		case im == "":
			at[i] = int32(pre.firstBlank)
		default:
			at[i] = -1
		}
	}
	return at
}

// Finalize computes every control sum and total of d from its lines
// (cnss-edi.md §5): S_Ctr of each line, the 03, 05 and 06 records. The totals
// records take the affiliation and period of d.Employer. The empty 04 line and
// the empty E02 line count for nothing.
func Finalize(d *cnssfile.Declaration) {
	var lt cnssfile.LineTotals
	for i := range d.Lines {
		finalizeLine(&d.Lines[i], &lt, -1)
	}
	finalizeTotals(d, lt)
}

// finalizeLine is Finalize's step for one 02 line: its control sum, and
// the line added to lt (the empty E02 line counts for nothing). Build
// runs it as it makes each line, while the line is in the cache.
//
// key, when not −1, is immatKey(l.Immat), known to the caller: Build
// passes the préétabli's posKey of the line's employee, so that the
// immatriculation's bytes, in the préétabli's text and long out of the
// cache, are not read here (one cache miss per line, a third of the
// builder's time); the encoder reads them anyway, in parallel.
func finalizeLine(l *cnssfile.Line, lt *cnssfile.LineTotals, key int64) {
	if l.Immat == "" {
		return
	}
	// A 9-digit immatriculation is the same number for strconv (the
	// control sum) and for immatValue (N_T_Num_Imma): read once.
	im, term := key, key
	if key < 0 || !fastPaths {
		k, ok := immatKey(l.Immat)
		im, term = int64(k), int64(k)
		if !ok || !fastPaths {
			im, term = immatInt(l.Immat), immatValue(l.Immat)
		}
	}
	l.Ctr, _ = lineCtr(l, im)
	lt.Count++
	lt.Children += int64(l.Children)
	lt.AFToPay += l.AFToPay
	lt.AFToDeduct += l.AFToDeduct
	lt.AFNet += l.AFNet
	lt.ImmatSum += term
	lt.AFToReverse += l.AFToReverse
	lt.Days += int64(l.Days)
	lt.Real += l.Real
	lt.Capped += l.Capped
	lt.Ctr += l.Ctr
}

// addLineSums adds to t the sums finalizeLine made in u.
func addLineSums(t *cnssfile.LineTotals, u cnssfile.LineTotals) {
	t.Count += u.Count
	t.Children += u.Children
	t.AFToPay += u.AFToPay
	t.AFToDeduct += u.AFToDeduct
	t.AFNet += u.AFNet
	t.ImmatSum += u.ImmatSum
	t.AFToReverse += u.AFToReverse
	t.Days += u.Days
	t.Real += u.Real
	t.Capped += u.Capped
	t.Ctr += u.Ctr
}

// finalizeTotals is the rest of Finalize once the 02 lines are summed in
// lt: the 03 record, the entrants' control sums, the 05 and 06 records.
func finalizeTotals(d *cnssfile.Declaration, lt cnssfile.LineTotals) {
	aff, per := d.Employer.Affiliation, d.Employer.Period
	lt.Affiliation, lt.Period = aff, per
	d.LineTotals = lt
	et := cnssfile.Totals{Affiliation: aff, Period: per}
	for i := range d.Entrants {
		e := &d.Entrants[i]
		if e.IsEmpty() {
			continue
		}
		e.Ctr, _ = EntrantCtr(*e)
		et.Count++
		et.ImmatSum += immatValue(e.Immat)
		et.Days += int64(e.Days)
		et.Real += e.Real
		et.Capped += e.Capped
		et.Ctr += e.Ctr
	}
	d.EntrantTotals = et
	d.GrandTotals = cnssfile.Totals{Affiliation: aff, Period: per,
		Count: lt.Count + et.Count, ImmatSum: lt.ImmatSum + et.ImmatSum, Days: lt.Days + et.Days,
		Real: lt.Real + et.Real, Capped: lt.Capped + et.Capped, Ctr: lt.Ctr + et.Ctr}
}

func immatValue(s string) int64 {
	var v int64
	for i := 0; i < len(s); i++ {
		v = v*10 + int64(s[i]-'0')
	}
	return v
}

// maxSalary is the largest salary the 13-digit N_Salaire_Reel field holds.
const maxSalary = domain.Money(9_999_999_999_999)

func (b *builder) checkAmounts(fail func(Finding), rec string, line int, emp func() string, src int, days int, gross domain.Money, daysField, realField string) bool {
	ok := true
	if days < 0 || days > 99 {
		fail(Finding{Rule: DaysRange, Record: rec, Line: line, Field: daysField, Employee: emp(), Source: b.source(src), Msg: msgDays,
			Args: []any{days, b.ps.MaxDays}, HintArgs: HintArgs(DaysRange, b.ps)})
		ok = false
	}
	if gross < 0 || gross > maxSalary {
		fail(Finding{Rule: FmtNumeric, Record: rec, Line: line, Field: realField, Employee: emp(), Source: b.source(src), Msg: msgTooLarge, Args: []any{realField, gross.FormatMAD()}})
		ok = false
	}
	return ok
}

// addLine adds the line of month line m for préétabli employee ins (an
// employee made of the affiliation, period and m.Immat when m matches no
// employee); key is immatKey(ins.Immat) when the caller knows it, −1
// otherwise (finalizeLine).
func (b *builder) addLine(ins *cnssfile.Insured, m *MonthLine, key int64) {
	line := len(b.sources) + 1
	b.sources = append(b.sources, m.SourceLine)
	if !b.checkLine(b.fail, ins, m, line) {
		return
	}
	l := b.lineOf(ins, m)
	finalizeLine(&l, &b.lt, key)
	b.d.Lines = append(b.d.Lines, l)
}

// checkLine checks month line m, to be file line `line`, reports each
// problem to fail and says whether the line can be written.
func (b *builder) checkLine(fail func(Finding), ins *cnssfile.Insured, m *MonthLine, line int) bool {
	// The label is only made for a finding (not for every line).
	emp := func() string { return employeeLabel(m.Immat, ins.Name) }
	if !domain.ImmatriculationShapeOK(m.Immat) {
		fail(Finding{Rule: FmtNumeric, Record: "B02", Line: line, Field: "N_Num_Assure", Employee: emp(), Source: b.source(m.SourceLine), Msg: msgBadImmat, Args: []any{m.Immat}})
		return false
	}
	if !b.checkAmounts(fail, "B02", line, emp, m.SourceLine, m.Days, m.Gross, "N_Jours_Declares", "N_Salaire_Reel") {
		return false
	}
	if len(m.Situation) > 2 {
		fail(Finding{Rule: SitCode, Record: "B02", Line: line, Field: "L_Situation", Employee: emp(), Source: b.source(m.SourceLine), Msg: msgSitCode, Args: []any{string(m.Situation)}})
		return false
	}
	return true
}

// lineOf is the B02/E02 line of a checked month line, before finalizeLine.
func (b *builder) lineOf(ins *cnssfile.Insured, m *MonthLine) cnssfile.Line {
	l := cnssfile.Line{Insured: *ins, Days: m.Days, Real: m.Gross, Capped: min(m.Gross, b.ps.Ceiling), Situation: m.Situation}
	if m.Situation.ReversesAF() {
		l.AFToReverse = ins.AFNet
	}
	return l
}

// addLinesParallel is the loop of addLine over the lines in order (at:
// each one's préétabli position, employee(k) its employee and key) on
// every CPU, for a large payroll none of whose lines fails checkLine: each
// chunk writes its own part of d.Lines and b.sources and sums its own
// totals, added up afterwards (sums of integers: the order changes
// nothing). It returns false, having added nothing, for a small payroll or
// one with a line to refuse: addLine, one line after the other, then
// reports the findings in order.
func (b *builder) addLinesParallel(order []int32, employee func(k int) (cnssfile.Insured, int64)) bool {
	n := len(order)
	if n < 4096 || !fastPaths || len(b.d.Lines) != 0 {
		return false
	}
	discard := func(Finding) {}
	refused := parallelChunks(n, func(lo, hi int) bool {
		for k := lo; k < hi; k++ {
			ins, _ := employee(k)
			if !b.checkLine(discard, &ins, &b.in.Lines[order[k]], 0) {
				return true
			}
		}
		return false
	})
	if slices.Contains(refused, true) {
		return false
	}
	first := len(b.sources)
	b.sources = b.sources[:first+n]
	b.d.Lines = b.d.Lines[:n]
	sums := parallelChunks(n, func(lo, hi int) (lt cnssfile.LineTotals) {
		for k := lo; k < hi; k++ {
			m := &b.in.Lines[order[k]]
			ins, key := employee(k)
			b.sources[first+k] = m.SourceLine
			l := &b.d.Lines[k]
			*l = b.lineOf(&ins, m)
			finalizeLine(l, &lt, key)
		}
		return lt
	})
	for _, t := range sums {
		addLineSums(&b.lt, t)
	}
	return true
}

func (b *builder) addEntrant(aff string, per domain.Period, e EntrantLine) {
	line := len(b.sources) + 1
	rec := recTypeOf(b.d.Prefix, 4)
	b.sources = append(b.sources, e.SourceLine)
	immat := e.Immat
	if immat == "" {
		immat = domain.ImmatNotRegistered
	}
	raw := e.LastName
	if e.FirstName != "" {
		raw += " " + e.FirstName
	}
	emp := func() string { return employeeLabel(e.Immat, raw) }
	if !domain.ImmatriculationShapeOK(immat) {
		b.fail(Finding{Rule: FmtNumeric, Record: rec, Line: line, Field: "N_Num_Assure", Employee: emp(), Source: b.source(e.SourceLine), Msg: msgBadImmat, Args: []any{e.Immat}})
		return
	}
	name, err := domain.FileText(raw)
	if err != nil {
		b.fail(Finding{Rule: FmtCharset, Record: rec, Line: line, Field: "L_Nom_Prenom", Employee: emp(), Source: b.source(e.SourceLine), Msg: msgBadName, Args: []any{raw, err}})
		return
	}
	if len(name) > 60 {
		// Cut to the field, without the space the cut may leave at the end
		// (the file pads it anyway): the line is then what the file reads
		// back.
		name = strings.TrimRight(name[:60], " ")
	}
	cin, err := domain.FileText(domain.NormalizeCIN(e.CIN))
	if err != nil || len(cin) > 8 {
		var reason any = msgCINLength
		if err != nil {
			reason = err
		}
		b.fail(Finding{Rule: EntCIN, Record: rec, Line: line, Field: "L_Num_CIN", Employee: emp(), Source: b.source(e.SourceLine), Msg: msgBadCINText, Args: []any{e.CIN, reason}})
		return
	}
	if !b.checkAmounts(b.fail, rec, line, emp, e.SourceLine, e.Days, e.Gross, "N_Nbr_Jours", "N_Sal_Reel") {
		return
	}
	// Occasional labour (999999999) is capped like every other line
	// (cnss-edi.md §3, B04: the revised decision, as every vendor does).
	n := cnssfile.Entrant{Affiliation: aff, Period: per, Immat: immat, Name: name, CIN: cin, Days: e.Days, Real: e.Gross, Capped: min(e.Gross, b.ps.Ceiling)}
	b.d.Entrants = append(b.d.Entrants, n)
}
