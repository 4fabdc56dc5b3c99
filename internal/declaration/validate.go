package declaration

import (
	"math/bits"
	"strconv"
	"strings"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
)

// Options tune Validate.
type Options struct {
	// Preetabli, when set, enables the checks against the préétabli of the
	// period (HDR-TRANSFER, EMP-MISSING, EMP-UNKNOWN, EMP-ORDER).
	Preetabli *Preetabli
	// LatePreetabli, when set, yields the préétabli (nil: none) for a
	// caller still reading it: it is called once the file's records are
	// split, checked and decoded (the parallel pass, which needs no
	// préétabli), so that reading the préétabli overlaps that pass. It is
	// called exactly once per validation, before Validate returns, whatever
	// the file holds (an empty file or a préétabli given as the file
	// included); the report is the one Preetabli set to its result gives.
	// Set Preetabli or LatePreetabli, not both (Preetabli wins; the function
	// is still called once).
	LatePreetabli func() *Preetabli
	// Params is the parameter table (ceiling, SMIG); nil means params.Default().
	Params *params.Table
	// FileName, when set, is the name the file was given (base name): a
	// DS_… name must hold a principal declaration (B records), a DSC<n>_…
	// name the complementary declaration n (E records, L_Cat E<n>).
	FileName string
}

// Kind of a declaration file.
type Kind string

// Declaration kinds.
const (
	Principal     Kind = "principal"
	Complementary Kind = "complementary"
)

// Parsed is a declaration file as read by Validate, with the line number of
// every record (0 when absent).
type Parsed struct {
	Kind     Kind
	Sequence int // n of DSC<n>; 0 for a principal declaration
	Decl     cnssfile.Declaration
	// Line numbers of the records of Decl.
	HeaderLine, EmployerLine, LineTotalsLine, EntrantTotalsLine, GrandTotalsLine int
	LineLines, EntrantLines                                                      []int
}

// Validate checks a DS or DSC file against the whole catalogue and returns
// what it could read of it with the report. It never panics on any input.
func Validate(data []byte, opt Options) (*Parsed, *Report) { return ValidateString(string(data), opt) }

// ValidateString is Validate on the file's text, without a copy of it (the
// strings of the result share it).
func ValidateString(data string, opt Options) (*Parsed, *Report) {
	return validateString(data, opt, nil)
}

// validateString is ValidateString; known, when set, is the declaration data
// encodes (AppendDeclaration's input, as Build has it): its 02 and 04 lines
// are taken as they are instead of being decoded again, since decoding an
// encoded line gives it back (TestBuildReportIsValidate checks it). Every
// record is still split, checked field by field and counted from data.
func validateString(data string, opt Options, known *cnssfile.Declaration) (*Parsed, *Report) {
	v := validator{opt: opt, rep: &Report{}, p: &Parsed{}, known: known}
	if v.opt.Params == nil {
		v.opt.Params = params.Default()
	}
	v.run(data)
	v.preetabli() // called once whatever the file
	return v.p, v.rep
}

type validator struct {
	opt    Options
	rep    *Report
	p      *Parsed
	prefix byte
	// known is the declaration the file encodes, when the caller has it
	// (Build): its lines are not decoded again.
	known *cnssfile.Declaration

	// per-rule cap, so that a garbage file does not produce millions of findings
	counts map[string]int
	// lim are the dated values of the file's period (the first row of the
	// table when the period cannot be read); havePS is false then, and the
	// salary checks (SAL-CAP, SAL-MINIMUM) are skipped.
	lim    params.Params
	havePS bool
	// the employer record as read, for the comparison with the préétabli's A01
	employerRaw string
	// sawNonASCII is set once a record of the wrong length had its first
	// non-ASCII byte reported
	sawNonASCII bool
	// unread[d] is set when a record of type ?0d could not be read (bad
	// length): the totals over that group are then not compared, since the
	// FMT-LENGTH finding already blocks and the sums would only add noise.
	unread [7]bool
	// match is the préétabli position of every line (matches)
	match *preMatch
	// lineKey is the immatKey of each 02 line's immatriculation, −1 when
	// it is not 9 digits, read in the parallel pass
	lineKey []int64
	// lineQuiet tells, for each 02 line, which checks found nothing in the
	// parallel pass (quietLine, quietHeader)
	lineQuiet []uint8
}

// maxPerRule caps the findings of one rule in one report.
const maxPerRule = 1000

func (v *validator) add(f Finding) {
	if v.counts == nil {
		v.counts = map[string]int{}
	}
	v.counts[f.Rule]++
	n := v.counts[f.Rule]
	if n > maxPerRule {
		return
	}
	if f.HintArgs == nil {
		f.HintArgs = HintArgs(f.Rule, v.lim)
	}
	if n == maxPerRule {
		f.Msg, f.Args, f.Field, f.Employee = msgTooMany, []any{maxPerRule}, "", ""
	}
	v.rep.add(f)
}

var msgTooMany = i18n.Text{
	FR: "plus de %d problèmes de ce type : les suivants ne sont pas listés",
	AR: "أكثر من %d مشكلة من هذا النوع: لم تُدرج البقية",
	EN: "more than %d problems of this kind: the rest are not listed",
}

func employeeLabel(immat, name string) string {
	switch {
	case immat == "":
		return name
	case name == "":
		return immat
	}
	return immat + " " + name
}

func (v *validator) run(data string) {
	recs := cnssfile.SplitString(data)
	if len(recs) == 0 {
		v.add(Finding{Rule: FmtOrder, Msg: msgEmpty})
		return
	}
	// The file's prefix is the one of its first B or E record.
	for _, r := range recs {
		if t := r.Type(); len(t) == 3 && (t[0] == 'B' || t[0] == 'E') && cnssfile.LayoutOf(t) != nil {
			v.prefix = t[0]
			break
		}
	}
	if v.prefix == 0 {
		if t := recs[0].Type(); len(t) == 3 && t[0] == 'A' && cnssfile.LayoutOf(t) != nil {
			v.add(Finding{Rule: FmtType, Record: t, Line: recs[0].Line, Msg: msgIsPreetabli})
		} else {
			v.add(Finding{Rule: FmtType, Line: recs[0].Line, Msg: msgNotDeclaration})
		}
		return
	}
	v.p.Kind = Principal
	if v.prefix == 'E' {
		v.p.Kind = Complementary
	}

	info, counts := classify(recs, v.prefix)
	d := &v.p.Decl
	v.p.LineLines, v.p.EntrantLines = make([]int, counts[2]), make([]int, counts[4])
	known := v.known
	if known != nil && (v.prefix != known.Prefix || counts[2] != len(known.Lines) || counts[4] != len(known.Entrants)) {
		known = nil // not the file it claims to be: decode it
	}
	if known != nil {
		d.Lines, d.Entrants = known.Lines, known.Entrants
	} else {
		d.Lines, d.Entrants = make([]cnssfile.Line, counts[2]), make([]cnssfile.Entrant, counts[4])
	}
	v.lineKey, v.lineQuiet = make([]int64, counts[2]), make([]uint8, counts[2])
	// The employer record the loop below keeps is the last 01 of the right
	// length: read now, so that the parallel pass checks each line with
	// the period's values (on a copy of the validator: v.lim stays unset
	// until the loop is done, as the findings of the loop expect).
	dry := *v
	var emp cnssfile.Employer
	haveEmp := false
	for i := range info {
		if info[i].digit == 1 {
			emp, haveEmp = cnssfile.DecodeEmployer(recs[i].Raw), true
		}
	}
	dry.setPeriod(emp.Period)
	issues := checkAll(recs, info, func(i int, r cnssfile.Record, s scanned) {
		switch s.digit {
		case 2:
			if known == nil {
				d.Lines[s.slot] = cnssfile.DecodeLine(r.Raw)
			}
			v.p.LineLines[s.slot] = r.Line
			l := &d.Lines[s.slot]
			v.lineKey[s.slot] = -1
			if k, ok := immatKey(l.Immat); ok {
				v.lineKey[s.slot] = int64(k)
			}
			quiet := uint8(quietLine)
			dry.lineChecks(l, v.lineImmat(int(s.slot)), func(string, string, i18n.Text, ...any) { quiet = 0 })
			if !haveEmp || (l.Affiliation == emp.Affiliation && l.Period == emp.Period) {
				quiet |= quietHeader
			}
			v.lineQuiet[s.slot] = quiet
		case 4:
			if known == nil {
				d.Entrants[s.slot] = cnssfile.DecodeEntrant(r.Raw)
			}
			v.p.EntrantLines[s.slot] = r.Line
		}
		info[i].unaligned = unaligned(r, s.digit)
	})

	ord := orderChecker{v: v, prefix: v.prefix}
	var emptyEntrants []int
	var lengths lengthGroups
	for i, r := range recs {
		typ := r.Type()
		switch s := info[i]; s.digit {
		case badLength:
			rt := typ
			if cnssfile.LayoutOf(typ) == nil {
				rt = ""
			}
			lengths.see(v, r, rt)
			if cnssfile.LayoutOf(typ) != nil && typ[0] == v.prefix {
				ord.see(typ, r.Line)
				v.unread[typ[2]-'0'] = true
			}
		case foreignRec:
			v.add(Finding{Rule: FmtType, Record: "", Line: r.Line, Msg: msgType, Args: []any{printable(typ), string(v.prefix) + "00 … " + string(v.prefix) + "06"}})
		default:
			// classify checked the type: it is v.recType(digit), which the
			// loop takes without reading the record again.
			ord.see(v.recType(int(s.digit)), r.Line)
			v.emitIssues(r, issues.of(i))
			if s.unaligned || !fastPaths {
				v.checkAlignment(r, s.digit)
			}
			switch s.digit {
			case 0:
				d.Header, v.p.HeaderLine = cnssfile.DecodeHeader(r.Raw), r.Line
			case 1:
				d.Employer, v.p.EmployerLine = cnssfile.DecodeEmployer(r.Raw), r.Line
				v.employerRaw = r.Raw
			case 3:
				d.LineTotals, v.p.LineTotalsLine = cnssfile.DecodeLineTotals(r.Raw), r.Line
			case 4:
				if d.Entrants[s.slot].IsEmpty() {
					emptyEntrants = append(emptyEntrants, r.Line)
				}
			case 5:
				d.EntrantTotals, v.p.EntrantTotalsLine = cnssfile.DecodeTotals(r.Raw), r.Line
			case 6:
				d.GrandTotals, v.p.GrandTotalsLine = cnssfile.DecodeTotals(r.Raw), r.Line
			}
		}
	}
	lengths.flush(v)
	ord.finish(recs[len(recs)-1].Line)
	v.p.Decl.Prefix = v.prefix
	v.setPeriod(v.p.Decl.Employer.Period)

	v.checkHeader()
	v.checkFileName()
	v.checkEmptyLines(emptyEntrants)
	v.checkLines()
	v.checkEntrants()
	v.checkDuplicates()
	v.checkTotals()
	if v.preetabli() != nil {
		v.checkAgainstPreetabli()
	}
}

// nonASCII reports the first non-ASCII byte of a record of the wrong length
// (an accent or another encoding is the usual cause).
func (v *validator) nonASCII(r cnssfile.Record, rt string) {
	for i := 0; i < len(r.Raw); i++ {
		if r.Raw[i] >= 0x80 {
			v.add(Finding{Rule: FmtCharset, Record: rt, Line: r.Line, Msg: msgCharset, Args: []any{describeByte(r.Raw, i), i + 1}})
			return
		}
	}
}

// lengthGroups reports records of the wrong length once per run of records
// of the same type and length (a file written 264 characters wide has one
// cause, not one per line); a record of another type or length, or a run
// broken by a good record, starts a new finding.
type lengthGroups struct {
	first    cnssfile.Record
	rt       string
	n, last  int
	hasFirst bool
}

func (g *lengthGroups) see(v *validator, r cnssfile.Record, rt string) {
	if g.hasFirst && rt == g.rt && len(r.Raw) == len(g.first.Raw) && r.Line == g.last+1 {
		g.n++
		g.last = r.Line
		v.nonASCIIOnce(r, rt)
		return
	}
	g.flush(v)
	g.first, g.rt, g.n, g.last, g.hasFirst = r, rt, 1, r.Line, true
	v.nonASCIIOnce(r, rt)
}

func (g *lengthGroups) flush(v *validator) {
	if !g.hasFirst {
		return
	}
	f := Finding{Rule: FmtLength, Record: g.rt, Line: g.first.Line, Msg: msgLength, Args: []any{len(g.first.Raw)}}
	if g.n > 1 {
		f.Msg, f.Args = msgLengthRun, []any{len(g.first.Raw), g.n, g.first.Line, g.last}
	}
	v.add(f)
	g.hasFirst = false
}

// nonASCIIOnce reports the first non-ASCII byte of a record of the wrong
// length, once per file (the same encoding mistake repeats on every line).
func (v *validator) nonASCIIOnce(r cnssfile.Record, rt string) {
	if v.sawNonASCII {
		return
	}
	n := len(v.rep.Findings)
	v.nonASCII(r, rt)
	v.sawNonASCII = len(v.rep.Findings) > n
}

// checkAlignment reports a name or CIN field that starts with a space
// while holding text (right-aligned, or a leading space): AN fields are
// left-aligned (cnss-edi.md §2).
func (v *validator) checkAlignment(r cnssfile.Record, digit int8) {
	var fields []cnssfile.Field
	switch digit {
	case 2:
		fields = alignLine
	case 4:
		fields = alignEntrant
	default:
		return
	}
	for _, f := range fields {
		val := r.Raw[f.Start:f.End()]
		if val[0] == ' ' && strings.TrimLeft(val, " ") != "" && !v.copiedFromPreetabli(r, digit, val) {
			v.add(Finding{Rule: FmtAlign, Record: r.Type(), Line: r.Line, Field: f.Name, Msg: msgAlign,
				Args: []any{f.Start + 1, f.End(), len(val) - len(strings.TrimLeft(val, " "))}})
		}
	}
}

// lineImmat is immatInt of the immatriculation of 02 line i.
func (v *validator) lineImmat(i int) int64 {
	if k := v.lineKey[i]; k >= 0 && fastPaths {
		return k
	}
	return immatInt(v.p.Decl.Lines[i].Immat)
}

// unaligned reports whether checkAlignment may have something to say of a
// record: a name or CIN field that starts with a space and holds text.
// It runs in the parallel pass; checkAlignment, which may need the
// préétabli, only for the records it marks.
func unaligned(r cnssfile.Record, digit int8) bool {
	var fields []cnssfile.Field
	switch digit {
	case 2:
		fields = alignLine
	case 4:
		fields = alignEntrant
	}
	for _, f := range fields {
		if val := r.Raw[f.Start:f.End()]; val[0] == ' ' && strings.TrimLeft(val, " ") != "" {
			return true
		}
	}
	return false
}

// copiedFromPreetabli reports whether the name of a 02 line is the one of
// its employee in the préétabli, as CNSS wrote it: a line copies its A02,
// whatever the alignment there.
func (v *validator) copiedFromPreetabli(r cnssfile.Record, digit int8, val string) bool {
	if digit != 2 || v.preetabli() == nil {
		return false
	}
	pre := v.preetabli()
	immat := r.Raw[immatField.Start:immatField.End()]
	i, ok := pre.index.get(immat)
	return ok && i < len(pre.File.Insured) && strings.TrimRight(val, " ") == pre.File.Insured[i].Name
}

var (
	immatField, _ = cnssfile.LineLayout.Field("N_Num_Assure")
	alignLine     = fieldsNamed(cnssfile.LineLayout, "L_Nom_Prenom")
	alignEntrant  = fieldsNamed(cnssfile.EntrantLayout, "L_Nom_Prenom", "L_Num_CIN")
)

func fieldsNamed(l *cnssfile.Layout, names ...string) []cnssfile.Field {
	var out []cnssfile.Field
	for _, n := range names {
		f, ok := l.Field(n)
		if !ok {
			panic("declaration: no field " + n + " in layout " + l.Name)
		}
		out = append(out, f)
	}
	return out
}

// checkFileName compares the kind of declaration the file's name announces
// with the records it holds (FMT-TYPE).
func (v *validator) checkFileName() {
	name := v.opt.FileName
	if name == "" {
		return
	}
	upper := strings.ToUpper(name)
	switch {
	case strings.HasPrefix(upper, "DSC") && len(upper) > 4 && upper[3] >= '1' && upper[3] <= '9' && upper[4] == '_':
		n := int(upper[3] - '0')
		if v.prefix != 'E' {
			v.add(Finding{Rule: FmtType, Record: string(v.prefix) + "00", Line: v.p.HeaderLine, Msg: msgNameDSC, Args: []any{name, n}})
		} else if v.p.Sequence != 0 && v.p.Sequence != n {
			v.add(Finding{Rule: HdrConsistency, Record: "E00", Line: v.p.HeaderLine, Field: "L_Cat", Msg: msgNameSequence, Args: []any{name, n, v.p.Sequence}})
		}
	case strings.HasPrefix(upper, "DS_"):
		if v.prefix != 'B' {
			v.add(Finding{Rule: FmtType, Record: string(v.prefix) + "00", Line: v.p.HeaderLine, Msg: msgNameDS, Args: []any{name}})
		}
	}
}

func printable(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c > 0x7e {
			b[i] = '?'
		}
	}
	return string(b)
}

// emitIssues reports the field-level syntax issues of a record (found by
// cnssfile.Check). A blank N_Num_Assure is allowed on 04 lines and E02 lines
// (the empty-line convention, whose other fields checkEmptyLines verifies).
func (v *validator) emitIssues(r cnssfile.Record, issues []cnssfile.Issue) {
	typ := r.Type()
	for _, is := range issues {
		f := Finding{Record: typ, Line: r.Line, Field: is.Field.Name}
		switch is.Kind {
		case cnssfile.IssueBlank:
			if is.Field.Name == "N_Num_Assure" && (typ[2] == '4' || (typ[2] == '2' && v.prefix == 'E')) {
				continue
			}
			f.Rule, f.Msg = FmtNumeric, msgBlankNumeric
		case cnssfile.IssueNumeric:
			f.Rule, f.Msg, f.Args = FmtNumeric, msgNumeric, []any{printable(r.Raw[is.Field.Start:is.Field.End()]), is.Pos + 1}
		case cnssfile.IssueOverflow:
			f.Rule, f.Msg = FmtNumeric, msgOverflow
		case cnssfile.IssueCharset:
			f.Rule, f.Msg, f.Args = FmtCharset, msgCharset, []any{describeByte(r.Raw, is.Pos), is.Pos + 1}
		case cnssfile.IssueFiller:
			f.Rule, f.Msg, f.Args = FmtCharset, msgFiller, []any{is.Field.Start + 1, is.Field.End(), describeByte(r.Raw, is.Pos), is.Pos + 1}
		case cnssfile.IssueDate:
			f.Rule, f.Msg, f.Args = FmtDate, msgDate, []any{string(r.Raw[is.Field.Start:is.Field.End()])}
		}
		v.add(f)
	}
}

// describeByte names the offending byte: the character if the bytes from pos
// form valid UTF-8, its hexadecimal code otherwise.
func describeByte(raw string, pos int) string {
	c := raw[pos]
	switch {
	case c == '\t':
		return "TAB"
	case c < 0x20 || c == 0x7f:
		return "0x" + strconv.FormatUint(uint64(c), 16)
	case c < 0x80:
		return string(rune(c))
	}
	if r := []rune(raw[pos:min(pos+4, len(raw))]); len(r) > 0 && r[0] != 0xFFFD {
		return string(r[0])
	}
	return "0x" + strconv.FormatUint(uint64(c), 16) + " (" + msgNotUTF8 + ")"
}

const msgNotUTF8 = "encodage non UTF-8, probablement Windows-1252"

// orderChecker enforces 00, 01, 02*, 03, 04+, 05, 06.
type orderChecker struct {
	v      *validator
	prefix byte
	last   int // digit of the last record in order, -1 at start
	max    int // digit of the last record type of the file (6, or 3 for a préétabli)
	init   bool
}

func (o *orderChecker) see(typ string, line int) {
	if !o.init {
		o.last, o.init = -1, true
	}
	d := int(typ[2] - '0')
	switch {
	case d < o.last:
		o.v.add(Finding{Rule: FmtOrder, Record: typ, Line: line, Msg: msgOutOfOrder, Args: []any{typ, o.rec(o.last)}})
		return
	case d == o.last:
		if d != 2 && d != 4 {
			o.v.add(Finding{Rule: FmtOrder, Record: typ, Line: line, Msg: msgRepeated, Args: []any{typ}})
		}
		return
	}
	for m := o.last + 1; m < d; m++ {
		if m != 2 {
			o.v.add(Finding{Rule: FmtOrder, Record: o.rec(m), Line: line, Msg: msgMissingBefore, Args: []any{o.rec(m), typ}})
		}
	}
	o.last = d
}

func (o *orderChecker) rec(d int) string { return string(o.prefix) + "0" + string(rune('0'+d)) }

func (o *orderChecker) finish(lastLine int) {
	if !o.init {
		o.last = -1
	}
	if o.max == 0 {
		o.max = 6
	}
	for m := o.last + 1; m <= o.max; m++ {
		if m != 2 {
			o.v.add(Finding{Rule: FmtOrder, Record: o.rec(m), Line: lastLine, Msg: msgMissingEnd, Args: []any{o.rec(m)}})
		}
	}
}

func (v *validator) checkHeader() {
	p, e := v.p, &v.p.Decl.Employer
	if p.HeaderLine > 0 {
		cat := p.Decl.Header.Cat
		switch {
		case v.prefix == 'B' && cat != "B0":
			v.add(Finding{Rule: HdrConsistency, Record: "B00", Line: p.HeaderLine, Field: "L_Cat", Msg: msgCat, Args: []any{cat, "B0"}})
		case v.prefix == 'E':
			if len(cat) == 2 && cat[0] == 'E' && cat[1] >= '1' && cat[1] <= '9' {
				p.Sequence = int(cat[1] - '0')
			} else {
				v.add(Finding{Rule: HdrConsistency, Record: "E00", Line: p.HeaderLine, Field: "L_Cat", Msg: msgCat, Args: []any{cat, "E1 … E9"}})
			}
		}
	}
	if p.EmployerLine > 0 && e.Affiliation != "" && domain.AffiliationShapeOK(e.Affiliation) && !domain.AffiliationCheckOK(e.Affiliation) {
		v.add(Finding{Rule: IDAffiliation, Record: string(v.prefix) + "01", Line: p.EmployerLine, Field: "N_Num_Affilie", Msg: msgAffCheck, Args: []any{e.Affiliation}})
	}
	if p.EmployerLine == 0 {
		return
	}
	check := func(typ string, line int, aff string, per domain.Period) {
		if line == 0 {
			return
		}
		if aff != e.Affiliation {
			v.add(Finding{Rule: HdrConsistency, Record: typ, Line: line, Field: "N_Num_Affilie", Msg: msgAffDiffers, Args: []any{aff, e.Affiliation}})
		}
		if per != e.Period {
			v.add(Finding{Rule: HdrConsistency, Record: typ, Line: line, Field: "L_Periode", Msg: msgPeriodDiffers, Args: []any{periodText(per), periodText(e.Period)}})
		}
	}
	for i := range p.Decl.Lines {
		if fastPaths && v.lineQuiet[i]&quietHeader != 0 {
			continue // the parallel pass compared it with the same record
		}
		l := &p.Decl.Lines[i]
		check(v.recType(2), p.LineLines[i], l.Affiliation, l.Period)
	}
	check(v.recType(3), p.LineTotalsLine, p.Decl.LineTotals.Affiliation, p.Decl.LineTotals.Period)
	for i, n := range p.Decl.Entrants {
		check(v.recType(4), p.EntrantLines[i], n.Affiliation, n.Period)
	}
	check(v.recType(5), p.EntrantTotalsLine, p.Decl.EntrantTotals.Affiliation, p.Decl.EntrantTotals.Period)
	check(v.recType(6), p.GrandTotalsLine, p.Decl.GrandTotals.Affiliation, p.Decl.GrandTotals.Period)
}

func periodText(p domain.Period) string {
	if !p.Valid() {
		return "?"
	}
	return p.String()
}

// checkEmptyLines enforces the empty-line conventions: the empty 04 only when
// there is no entrant; a DSC file has exactly one empty E02; an empty line is
// blank and zero everywhere.
func (v *validator) checkEmptyLines(emptyEntrants []int) {
	p, pre := v.p, string(v.prefix)
	real := len(p.Decl.Entrants) - len(emptyEntrants)
	if len(emptyEntrants) > 0 && (real > 0 || len(emptyEntrants) > 1) {
		for _, ln := range emptyEntrants[min(1, len(emptyEntrants)):] {
			v.add(Finding{Rule: FmtOrder, Record: pre + "04", Line: ln, Msg: msgEmptyEntrantExtra})
		}
		if real > 0 {
			v.add(Finding{Rule: FmtOrder, Record: pre + "04", Line: emptyEntrants[0], Msg: msgEmptyEntrantExtra})
		}
	}
	for i, n := range p.Decl.Entrants {
		if n.IsEmpty() && (n.Name != "" || n.CIN != "" || n.Days != 0 || n.Real != 0 || n.Capped != 0 || n.Ctr != 0) {
			v.add(Finding{Rule: FmtNumeric, Record: pre + "04", Line: p.EntrantLines[i], Field: "N_Num_Assure", Msg: msgBlankNotEmpty})
		}
	}
	if v.prefix == 'E' {
		for i, l := range p.Decl.Lines {
			if l.Immat != "" || l.Name != "" || l.Children != 0 || l.AFToPay != 0 || l.AFToDeduct != 0 || l.AFNet != 0 ||
				l.AFToReverse != 0 || l.Days != 0 || l.Real != 0 || l.Capped != 0 || l.Situation != "" || l.Ctr != 0 {
				v.add(Finding{Rule: FmtOrder, Record: "E02", Line: p.LineLines[i], Msg: msgDSCLine})
			}
		}
		if len(p.Decl.Lines) != 1 {
			line := p.LineTotalsLine
			if len(p.LineLines) > 1 {
				line = p.LineLines[1]
			}
			v.add(Finding{Rule: FmtOrder, Record: "E02", Line: line, Msg: msgDSCOneLine, Args: []any{len(p.Decl.Lines)}})
		}
	}
}

// setPeriod selects the dated values of the file's period.
func (v *validator) setPeriod(per domain.Period) {
	v.lim = v.opt.Params.AtOrFirst(per)
	_, err := v.opt.Params.At(per)
	v.havePS = per.Valid() && err == nil
}

// minimumFinding is the SAL-MINIMUM test of cnss-edi.md §7, on every line
// with days > 0 whatever its situation.
func (v *validator) belowMinimum(days int, real domain.Money) bool {
	return v.havePS && days > 0 && v.lim.BelowMinimum(days, real)
}

// minimumArgs are the arguments of msgMinimum.
func (v *validator) minimumArgs(days int, real domain.Money) []any {
	smig := domain.Money(int64(v.lim.SMIGMonthly) * int64(days-1) / int64(max(v.lim.MaxDays, 1)))
	return []any{real.FormatMAD(), days, days - 1, smig.FormatMAD()}
}

// capOK reports whether capped is the capped salary of real: min(real,
// ceiling); for occasional labour the real salary is accepted too
// (cnss-edi.md §3, B04).
func (v *validator) capOK(real, capped domain.Money, occasional bool) bool {
	return capped == min(real, v.lim.Ceiling) || (occasional && capped == real)
}

func (v *validator) checkLines() {
	p, typ := v.p, v.recType(2)
	for i := range p.Decl.Lines {
		if fastPaths && v.lineQuiet[i]&quietLine != 0 {
			continue // lineChecks found nothing in the parallel pass
		}
		l := &p.Decl.Lines[i]
		ln := p.LineLines[i]
		v.lineChecks(l, v.lineImmat(i), func(rule, field string, msg i18n.Text, args ...any) {
			v.add(Finding{Rule: rule, Record: typ, Line: ln, Field: field, Employee: employeeLabel(l.Immat, l.Name), Msg: msg, Args: args})
		})
	}
}

// Bits of validator.lineQuiet: what the parallel pass found nothing to
// report on for a 02 line.
const (
	quietLine   = 1 << iota // lineChecks
	quietHeader             // checkHeader (affiliation and period)
)

// lineChecks runs the checks of a 02 line whose immatriculation reads im
// (immatInt), calling report for each finding, in order. It reads only
// the line and the period's values: the parallel pass runs it on every
// line with a report that only notes that something was found, and
// checkLines runs it again, reporting, on those lines only.
func (v *validator) lineChecks(l *cnssfile.Line, im int64, f func(rule, field string, msg i18n.Text, args ...any)) {
	if v.prefix == 'E' && l.Immat == "" {
		return // the empty E02 (checked in checkEmptyLines)
	}
	if immatCheckFails(l.Immat) {
		f(IDImmatriculation, "N_Num_Assure", msgImmatCheck, l.Immat)
	}
	if l.Days > v.lim.MaxDays {
		f(DaysRange, "N_Jours_Declares", msgDays, l.Days, v.lim.MaxDays)
	}
	if v.havePS && !v.capOK(l.Real, l.Capped, false) {
		f(SalCap, "N_Salaire_Plaf", msgCap, l.Capped.FormatMAD(), min(l.Real, v.lim.Ceiling).FormatMAD())
	}
	if v.belowMinimum(l.Days, l.Real) {
		f(SalMinimum, "N_Salaire_Reel", msgMinimum, v.minimumArgs(l.Days, l.Real)...)
	}
	sit := l.Situation
	if !situationValid(sit) {
		f(SitCode, "L_Situation", msgSitCode, string(sit))
	}
	switch {
	case sit == domain.SitNormal && (l.Days == 0 || l.Real == 0):
		f(SitNormal, "N_Jours_Declares", msgSitNormal, l.Days, l.Real.FormatMAD())
	case sit.RequiresZero() && (l.Days != 0 || l.Real != 0 || l.Capped != 0):
		f(SitZero, "N_Jours_Declares", msgSitZero, string(sit), l.Days, l.Real.FormatMAD())
	}
	switch {
	case sit.ReversesAF() && l.AFToReverse != l.AFNet:
		f(SitAF, "N_AF_A_Reverser", msgSitAFEqual, string(sit), l.AFToReverse.FormatMAD(), l.AFNet.FormatMAD())
	case l.AFToReverse > l.AFNet:
		f(SitAF, "N_AF_A_Reverser", msgSitAFMore, l.AFToReverse.FormatMAD(), l.AFNet.FormatMAD())
	}
	if want, ok := lineCtr(l, im); ok && want != l.Ctr {
		f(CtrLine, "S_Ctr", msgCtr, l.Ctr, want)
	}
}

// LineCtr is the control sum of a B02/E02 line (cnss-edi.md §5); ok is false on overflow.
func LineCtr(l cnssfile.Line) (int64, bool) { return lineCtr(&l, immatInt(l.Immat)) }

// lineCtr is LineCtr with im = immatInt(l.Immat).
func lineCtr(l *cnssfile.Line, im int64) (int64, bool) {
	return sum(im, int64(l.AFToReverse), int64(l.Days), int64(l.Real), int64(l.Capped), situationRank(l.Situation))
}

// EntrantCtr is the control sum of a B04/E04 line; ok is false on overflow.
func EntrantCtr(e cnssfile.Entrant) (int64, bool) {
	return sum(immatInt(e.Immat), int64(e.Days), int64(e.Real), int64(e.Capped))
}

func sum(terms ...int64) (int64, bool) {
	var s int64
	for _, t := range terms {
		var ok bool
		if s, ok = add(s, t); !ok {
			return 0, false
		}
	}
	return s, true
}

// add is a+b for non-negative values; ok is false on overflow.
func add(a, b int64) (int64, bool) {
	s, carry := bits.Add64(uint64(a), uint64(b), 0)
	if carry != 0 || s > 1<<63-1 {
		return 0, false
	}
	return int64(s), true
}

func (v *validator) checkEntrants() {
	p, typ := v.p, v.recType(4)
	for i := range p.Decl.Entrants {
		e := &p.Decl.Entrants[i]
		if e.IsEmpty() {
			continue
		}
		ln := p.EntrantLines[i]
		f := func(rule, field string, msg i18n.Text, args ...any) {
			id := e.Immat
			if id == domain.ImmatNotRegistered && e.CIN != "" {
				id = e.CIN
			}
			v.add(Finding{Rule: rule, Record: typ, Line: ln, Field: field, Employee: employeeLabel(id, e.Name), Msg: msg, Args: args})
		}
		occasional := e.Immat == domain.ImmatOccasional
		if domain.ImmatriculationShapeOK(e.Immat) && !domain.ImmatriculationCheckOK(e.Immat) {
			f(IDImmatriculation, "N_Num_Assure", msgImmatCheck, e.Immat)
		}
		if e.Days > v.lim.MaxDays {
			f(DaysRange, "N_Nbr_Jours", msgDays, e.Days, v.lim.MaxDays)
		}
		if v.havePS && !v.capOK(e.Real, e.Capped, occasional) {
			f(SalCap, "N_Sal_Plaf", msgCap, e.Capped.FormatMAD(), min(e.Real, v.lim.Ceiling).FormatMAD())
		}
		if v.belowMinimum(e.Days, e.Real) {
			f(SalMinimum, "N_Sal_Reel", msgMinimum, v.minimumArgs(e.Days, e.Real)...)
		}
		if e.Name == "" && !occasional {
			f(EntName, "L_Nom_Prenom", msgEntName)
		}
		// The CIN is checked as written: a space inside it (BK 98765) is
		// wrong even though the number it normalises to is valid; a leading
		// space is FMT-ALIGN.
		switch cin := e.CIN; {
		case cin != "" && cin[0] == ' ':
		case strings.IndexByte(cin, ' ') >= 0:
			f(EntCIN, "L_Num_CIN", msgEntSpaceCIN, cin)
		case e.Immat == domain.ImmatNotRegistered && cin == "":
			f(EntCIN, "L_Num_CIN", msgEntNoCIN)
		case e.Immat == domain.ImmatNotRegistered && !domain.ValidCIN(cin):
			f(EntCIN, "L_Num_CIN", msgEntBadCIN, cin)
		}
		if !occasional && (e.Days == 0 || e.Real == 0) {
			f(EntSalary, "N_Nbr_Jours", msgEntSalary, e.Days, e.Real.FormatMAD())
		}
		if want, ok := EntrantCtr(*e); ok && want != e.Ctr {
			f(CtrLine, "S_Ctr", msgCtr, e.Ctr, want)
		}
	}
}

func (v *validator) checkDuplicates() {
	p := v.p
	type first struct {
		rec  string
		line int
	}
	// The first line of each immatriculation: by position for an employee
	// of the préétabli (an array, no hashing), in a map for anyone else.
	// A préétabli position stands for exactly one immatriculation and an
	// immatriculation found in the préétabli has one position (Find), so the
	// two halves never share a key and together mean one map.
	pre, m := v.preetabli(), v.matches()
	// atPre[i]: the line of the first 02 record of employee i, or minus
	// the line of the first 04 record, 0 when none yet (a line is 1 or
	// more).
	var atPre []int32
	var byImmat immatMap[first]
	if m == nil {
		byImmat = newImmatMap[first](len(p.Decl.Lines) + len(p.Decl.Entrants))
	} else {
		atPre = make([]int32, len(pre.File.Insured))
	}
	var byCIN immatMap[first] // keyed by CIN: always the string map
	rec02, rec04 := v.recType(2), v.recType(4)
	dup := func(seen *immatMap[first], key string, idx int32, rec string, line int, field, id, name string) {
		var f first
		var ok bool
		if idx >= 0 {
			switch at := atPre[idx]; {
			case at > 0:
				f, ok = first{rec02, int(at)}, true
			case at < 0:
				f, ok = first{rec04, int(-at)}, true
			}
		} else {
			f, ok = seen.get(key)
		}
		if ok {
			v.add(Finding{Rule: EmpDuplicate, Record: rec, Line: line, Field: field, Employee: employeeLabel(id, name), Msg: msgDuplicate, Args: []any{f.rec, f.line}})
			return
		}
		if idx >= 0 {
			atPre[idx] = int32(line)
			if rec == rec04 {
				atPre[idx] = -int32(line)
			}
		} else {
			seen.set(key, first{rec, line})
		}
	}
	idx := func(ids []int32, i int) int32 {
		if ids == nil {
			return -1
		}
		return ids[i]
	}
	for i := range p.Decl.Lines {
		l := &p.Decl.Lines[i]
		if counted(l.Immat, v.lineKey[i]) {
			dup(&byImmat, l.Immat, idx(m.lines(), i), rec02, p.LineLines[i], "N_Num_Assure", l.Immat, l.Name)
		}
	}
	for i, e := range p.Decl.Entrants {
		switch {
		case e.IsEmpty() || e.Immat == domain.ImmatOccasional:
		case e.Immat == domain.ImmatNotRegistered:
			if e.CIN != "" {
				dup(&byCIN, e.CIN, -1, rec04, p.EntrantLines[i], "L_Num_CIN", e.CIN, e.Name)
			}
		default:
			dup(&byImmat, e.Immat, idx(m.entrants(), i), rec04, p.EntrantLines[i], "N_Num_Assure", e.Immat, e.Name)
		}
	}
}

// counted reports whether a 02 line's immatriculation is one
// EMP-DUPLICATE counts: not blank, not 000000000 (not registered), not
// 999999999 (occasional labour). key is the line's lineKey: for a 9-digit
// immatriculation (key ≥ 0) the two exceptions are the values 0 and
// 999 999 999, so that the immatriculation's bytes (in Build's case in the
// préétabli's text, out of the cache) are not read again; any other string
// is neither of them, and is counted unless blank.
func counted(immat string, key int64) bool {
	if fastPaths {
		if key >= 0 {
			return key != 0 && key != 999_999_999
		}
		return immat != ""
	}
	return immat != "" && immat != domain.ImmatNotRegistered && immat != domain.ImmatOccasional
}

// preMatch is the position in the préétabli of each 02 and 04 line of the
// file (−1: not in it), what Preetabli.Find says of its immatriculation.
type preMatch struct {
	line, entrant []int32
}

func (m *preMatch) lines() []int32 {
	if m == nil {
		return nil
	}
	return m.line
}

func (m *preMatch) entrants() []int32 {
	if m == nil {
		return nil
	}
	return m.entrant
}

// matches returns the préétabli position of every line, computed once; nil
// without a préétabli.
func (v *validator) matches() *preMatch {
	pre := v.preetabli()
	if pre == nil {
		return nil
	}
	if v.match != nil {
		return v.match
	}
	d := &v.p.Decl
	m := &preMatch{line: make([]int32, len(d.Lines)), entrant: make([]int32, len(d.Entrants))}
	// A DS lists the préétabli's employees in its order (cnss-edi.md §4):
	// the line after the one found at position i is first looked for at
	// i+1, where posKey says without hashing whether it is there (posKey
	// holds a key only where Find would answer that position); anywhere
	// else, Find.
	next := 0
	// The fast path reads lineKey only, not the line (150 bytes apart
	// from the next one, a cache miss each).
	for i := range d.Lines {
		if k := v.lineKey[i]; k >= 0 && fastPaths && next < len(pre.posKey) && pre.posKey[next] == k {
			m.line[i] = int32(next)
			next++
			continue
		}
		j, ok := pre.index.get(d.Lines[i].Immat)
		if !ok {
			m.line[i] = -1
			continue
		}
		m.line[i], next = int32(j), j+1
	}
	for i := range d.Entrants {
		m.entrant[i] = -1
		if j, ok := pre.index.get(d.Entrants[i].Immat); ok {
			m.entrant[i] = int32(j)
		}
	}
	v.match = m
	return m
}

// preetabli returns the préétabli of the checks against it (nil: none),
// calling Options.LatePreetabli the first time.
func (v *validator) preetabli() *Preetabli {
	if late := v.opt.LatePreetabli; late != nil {
		v.opt.LatePreetabli = nil
		if pre := late(); v.opt.Preetabli == nil {
			v.opt.Preetabli = pre
		}
	}
	return v.opt.Preetabli
}

// recType returns the record type of digit d in this file ("B02"…), without
// allocating.
func (v *validator) recType(d int) string { return recTypeOf(v.prefix, d) }

// recTypeOf returns the record type of digit d for prefix ('A', 'B' or
// 'E'; anything else reads as 'A'), without allocating.
func recTypeOf(prefix byte, d int) string {
	const types = "A00A01A02A03A04A05A06B00B01B02B03B04B05B06E00E01E02E03E04E05E06"
	base := 0
	switch prefix {
	case 'B':
		base = 21
	case 'E':
		base = 42
	}
	return types[base+3*d : base+3*d+3]
}

// totals accumulates the sums of a group of lines, detecting overflow.
type totals struct {
	count, children, afPay, afDeduct, afNet, immat, afReverse, days, real, capped, ctr int64
	overflow                                                                           bool
}

func (t *totals) add(p *int64, x int64) {
	s, ok := add(*p, x)
	if !ok {
		t.overflow = true
	}
	*p = s
}

func (v *validator) checkTotals() {
	p, pre := v.p, string(v.prefix)
	var lt, et totals
	for i := range p.Decl.Lines {
		l := &p.Decl.Lines[i]
		if l.Immat == "" && v.prefix == 'E' {
			continue
		}
		im := v.lineImmat(i)
		lt.count++
		lt.add(&lt.children, int64(l.Children))
		lt.add(&lt.afPay, int64(l.AFToPay))
		lt.add(&lt.afDeduct, int64(l.AFToDeduct))
		lt.add(&lt.afNet, int64(l.AFNet))
		lt.add(&lt.immat, im)
		lt.add(&lt.afReverse, int64(l.AFToReverse))
		lt.add(&lt.days, int64(l.Days))
		lt.add(&lt.real, int64(l.Real))
		lt.add(&lt.capped, int64(l.Capped))
		lt.add(&lt.ctr, l.Ctr)
	}
	for _, e := range p.Decl.Entrants {
		if e.IsEmpty() {
			continue
		}
		im := immatInt(e.Immat)
		et.count++
		et.add(&et.immat, im)
		et.add(&et.days, int64(e.Days))
		et.add(&et.real, int64(e.Real))
		et.add(&et.capped, int64(e.Capped))
		et.add(&et.ctr, e.Ctr)
	}
	type cmp struct {
		field     string
		got, want int64
	}
	report := func(rec string, line int, overflow bool, cs []cmp) {
		if line == 0 || v.unread[rec[2]-'0'] {
			return
		}
		if overflow {
			v.add(Finding{Rule: CtrTotals, Record: rec, Line: line, Msg: msgOverflowSum})
			return
		}
		for _, c := range cs {
			if c.got != c.want {
				v.add(Finding{Rule: CtrTotals, Record: rec, Line: line, Field: c.field, Msg: msgTotal, Args: []any{c.field, c.got, c.want}})
			}
		}
	}
	v.unread[3] = v.unread[3] || v.unread[2]
	v.unread[5] = v.unread[5] || v.unread[4]
	v.unread[6] = v.unread[6] || v.unread[3] || v.unread[5]
	b3 := p.Decl.LineTotals
	report(pre+"03", p.LineTotalsLine, lt.overflow, []cmp{
		{"N_Nbr_Salaries", b3.Count, lt.count}, {"N_T_Enfants", b3.Children, lt.children},
		{"N_T_AF_A_Payer", int64(b3.AFToPay), lt.afPay}, {"N_T_AF_A_Deduire", int64(b3.AFToDeduct), lt.afDeduct},
		{"N_T_AF_Net_A_Payer", int64(b3.AFNet), lt.afNet}, {"N_T_Num_Imma", b3.ImmatSum, lt.immat},
		{"N_T_AF_A_Reverser", int64(b3.AFToReverse), lt.afReverse}, {"N_T_Jours_Declares", b3.Days, lt.days},
		{"N_T_Salaire_Reel", int64(b3.Real), lt.real}, {"N_T_Salaire_Plaf", int64(b3.Capped), lt.capped},
		{"N_T_Ctr", b3.Ctr, lt.ctr},
	})
	totalsCmp := func(t cnssfile.Totals, s totals) []cmp {
		return []cmp{
			{"N_Nbr_Salaries", t.Count, s.count}, {"N_T_Num_Imma", t.ImmatSum, s.immat},
			{"N_T_Jours_Declares", t.Days, s.days}, {"N_T_Salaire_Reel", int64(t.Real), s.real},
			{"N_T_Salaire_Plaf", int64(t.Capped), s.capped}, {"N_T_Ctr", t.Ctr, s.ctr},
		}
	}
	report(pre+"05", p.EntrantTotalsLine, et.overflow, totalsCmp(p.Decl.EntrantTotals, et))
	var gt totals
	gt.count = lt.count + et.count
	for _, pair := range [][3]*int64{{&gt.immat, &lt.immat, &et.immat}, {&gt.days, &lt.days, &et.days},
		{&gt.real, &lt.real, &et.real}, {&gt.capped, &lt.capped, &et.capped}, {&gt.ctr, &lt.ctr, &et.ctr}} {
		*pair[0] = *pair[1]
		gt.add(pair[0], *pair[2])
	}
	report(pre+"06", p.GrandTotalsLine, lt.overflow || et.overflow || gt.overflow, totalsCmp(p.Decl.GrandTotals, gt))
}

func (v *validator) checkAgainstPreetabli() {
	pre, p, m := v.preetabli(), v.p, v.matches()
	prefix := string(v.prefix)
	if p.HeaderLine > 0 && pre.HeaderRaw != "" && p.Decl.Header.TransferID != pre.File.Header.TransferID {
		v.add(Finding{Rule: HdrTransfer, Record: prefix + "00", Line: p.HeaderLine, Field: "N_Identif_Transfert", Msg: msgTransfer,
			Args: []any{p.Decl.Header.TransferID, pre.File.Header.TransferID}})
	}
	if p.EmployerLine > 0 && pre.EmployerRaw != "" {
		if f, ok := firstDiff(v.employerRaw, pre.EmployerRaw); ok {
			v.add(Finding{Rule: HdrTransfer, Record: prefix + "01", Line: p.EmployerLine, Field: f, Msg: msgEmployerDiff, Args: []any{f}})
		}
	}
	// An entrant (B04/E04) who is an employee of the préétabli: always
	// wrong in a DSC, and in a DS the employee belongs on their B02 line.
	rec04 := v.recType(4)
	for i, e := range p.Decl.Entrants {
		if e.IsEmpty() || e.Immat == domain.ImmatNotRegistered || e.Immat == domain.ImmatOccasional {
			continue
		}
		if idx := m.entrant[i]; idx >= 0 {
			v.add(Finding{Rule: EntPreetabli, Record: rec04, Line: p.EntrantLines[i], Field: "N_Num_Assure",
				Employee: employeeLabel(e.Immat, e.Name), Msg: msgEntPreetabli, Args: []any{pre.Lines[idx]}})
		}
	}
	if v.prefix != 'B' {
		return
	}
	if v.unread[2] {
		// Some B02 records could not be read (FMT-LENGTH, reported once):
		// matching them to the préétabli would only list every employee
		// as missing.
		return
	}
	declared := make([]bool, len(pre.File.Insured))
	maxIdx := -1
	for i := range p.Decl.Lines {
		l, idx := &p.Decl.Lines[i], int(m.line[i])
		if idx < 0 {
			v.add(Finding{Rule: EmpUnknown, Record: "B02", Line: p.LineLines[i], Field: "N_Num_Assure", Employee: employeeLabel(l.Immat, l.Name), Msg: msgUnknown})
			continue
		}
		declared[idx] = true
		if idx < maxIdx {
			v.add(Finding{Rule: EmpOrder, Record: "B02", Line: p.LineLines[i], Field: "N_Num_Assure", Employee: employeeLabel(l.Immat, l.Name), Msg: msgEmpOrder, Args: []any{pre.Lines[idx]}})
		}
		maxIdx = max(maxIdx, idx)
	}
	for i := range pre.File.Insured {
		if declared[i] {
			continue
		}
		in := &pre.File.Insured[i]
		if j, ok := pre.index.get(in.Immat); !(ok && j != i && declared[j]) {
			v.add(Finding{Rule: EmpMissing, Record: "A02", Line: pre.Lines[i], Field: "N_Num_Assure", Employee: employeeLabel(in.Immat, in.Name), Msg: msgMissing})
		}
	}
}

// firstDiff returns the name of the first employer field that differs between
// two A01/B01 records (type ignored).
func firstDiff(a, b string) (string, bool) {
	if len(a) != cnssfile.RecordLen || len(b) != cnssfile.RecordLen {
		return "", len(a) != len(b)
	}
	for _, f := range cnssfile.EmployerLayout.Fields[1:] {
		if a[f.Start:f.End()] != b[f.Start:f.End()] {
			return f.Name, true
		}
	}
	return "", false
}
