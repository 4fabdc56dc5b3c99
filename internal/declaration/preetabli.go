package declaration

import (
	"strconv"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
)

// Preetabli is a préétabli file as read by ReadPreetabli, with the line number
// of every record and an index of its employees.
type Preetabli struct {
	File        cnssfile.Preetabli
	HeaderRaw   string // the A00 record as read ("" if absent)
	EmployerRaw string // the A01 record as read ("" if absent)
	Lines       []int  // line number of each A02
	TotalsLine  int
	index       immatMap[int] // immatriculation → position in File.Insured
	// posKey[i] is the immatriculation of File.Insured[i] as an immatKey
	// when index holds i for it (9 digits, first occurrence), −1 otherwise:
	// a line expected at position i is checked against it without hashing.
	posKey []int64
	// firstBlank is the position of the first employee with a blank
	// immatriculation (not in index), −1 if none.
	firstBlank int
}

// insuredKey is what the parallel pass learns of an A02.
type insuredKey struct {
	key     uint32 // immatKey of N_Num_Assure, when numeric
	numeric bool   // N_Num_Assure is 9 digits
	// suspect: the employee may have a finding other than EMP-DUPLICATE
	// (affiliation or period not the A01's, wrong check digit); false
	// means none of those checks can fire.
	suspect bool
}

func keyOf(in *cnssfile.Insured, e *cnssfile.Employer, haveEmployer bool) insuredKey {
	k, ok := immatKey(in.Immat)
	return insuredKey{key: k, numeric: ok,
		suspect: haveEmployer && (in.Affiliation != e.Affiliation || in.Period != e.Period) || immatCheckFails(in.Immat)}
}

// buildIndex fills index, posKey and firstBlank from the employees and
// their keys; dups reports whether two employees share an immatriculation.
// The index is filled from the last employee to the first, so that each
// immatriculation ends on its first position with one write per employee.
func (p *Preetabli) buildIndex(keys []insuredKey) (dups bool) {
	n := len(p.File.Insured)
	p.index = newImmatMap[int](n)
	p.posKey = make([]int64, n)
	p.firstBlank = -1
	numeric, other := 0, 0
	for i := n - 1; i >= 0; i-- {
		switch im := p.File.Insured[i].Immat; {
		case keys[i].numeric:
			p.index.num[keys[i].key] = i
			numeric++
		case im == "":
			p.firstBlank = i
		default:
			p.index.set(im, i)
			other++
		}
	}
	dups = len(p.index.num) < numeric || len(p.index.other) < other
	for i := range p.posKey {
		p.posKey[i] = -1
		if keys[i].numeric && (!dups || p.index.num[keys[i].key] == i) {
			p.posKey[i] = int64(keys[i].key)
		}
	}
	return dups
}

// insuredFindings reports what is wrong with the employee at position i:
// affiliation or period not the A01's, check digit, duplicate (index holds
// the first position of every immatriculation).
func (v *validator) insuredFindings(pre *Preetabli, i int) {
	in, e := &pre.File.Insured[i], &pre.File.Employer
	ln, emp := pre.Lines[i], func() string { return employeeLabel(in.Immat, in.Name) }
	if v.p.EmployerLine > 0 {
		if in.Affiliation != e.Affiliation {
			v.add(Finding{Rule: HdrConsistency, Record: "A02", Line: ln, Field: "N_Num_Affilie", Employee: emp(), Msg: msgAffDiffers, Args: []any{in.Affiliation, e.Affiliation}})
		}
		if in.Period != e.Period {
			v.add(Finding{Rule: HdrConsistency, Record: "A02", Line: ln, Field: "L_Periode", Employee: emp(), Msg: msgPeriodDiffers, Args: []any{periodText(in.Period), periodText(e.Period)}})
		}
	}
	if domain.ImmatriculationShapeOK(in.Immat) && !domain.ImmatriculationCheckOK(in.Immat) {
		v.add(Finding{Rule: IDImmatriculation, Record: "A02", Line: ln, Field: "N_Num_Assure", Employee: emp(), Msg: msgImmatCheck, Args: []any{in.Immat}})
	}
	if j, dup := pre.index.get(in.Immat); dup && in.Immat != "" && j != i {
		v.add(Finding{Rule: EmpDuplicate, Record: "A02", Line: ln, Field: "N_Num_Assure", Employee: emp(), Msg: msgDuplicate, Args: []any{"A02", pre.Lines[j]}})
	}
}

// Find returns the position in File.Insured of the employee with
// immatriculation immat.
func (p *Preetabli) Find(immat string) (int, bool) {
	return p.index.get(immat)
}

// FindFrom is Find(immat) for a caller that expects the employee at
// position hint (the position after the previous one found, when the
// rows follow the préétabli's order, as a payroll often does): that
// position is compared first, without hashing, and the index is asked
// only when it is not the one. The answer is Find's for any hint, also
// negative or past the end: posKey[hint] holds a 9-digit immatriculation's
// value only where Find answers hint for it.
func (p *Preetabli) FindFrom(immat string, hint int) (int, bool) {
	if hint >= 0 && hint < len(p.posKey) && fastPaths {
		if k, ok := immatKey(immat); ok && p.posKey[hint] == int64(k) {
			return hint, true
		}
	}
	return p.index.get(immat)
}

// ReadPreetabli reads and checks a préétabli file (AFFEBDS_<aff>_<AAAAMM>.txt):
// format rules, header consistency, identifier check digits, duplicates and
// PRE-TOTALS. It never panics on any input.
func ReadPreetabli(data []byte) (*Preetabli, *Report) { return ReadPreetabliString(string(data)) }

// ReadPreetabliString is ReadPreetabli on the file's text, without a copy of
// it (the strings of the result share it).
func ReadPreetabliString(data string) (*Preetabli, *Report) {
	v := validator{rep: &Report{}, p: &Parsed{}, prefix: 'A', opt: Options{Params: params.Default()}}
	pre := &Preetabli{firstBlank: -1}
	recs := cnssfile.SplitString(data)
	if len(recs) == 0 {
		v.add(Finding{Rule: FmtOrder, Msg: msgEmpty})
		return pre, v.rep
	}
	if t := recs[0].Type(); len(t) == 3 && (t[0] == 'B' || t[0] == 'E') && cnssfile.LayoutOf(t) != nil {
		v.add(Finding{Rule: FmtType, Record: t, Line: recs[0].Line, Msg: msgIsDeclaration})
		return pre, v.rep
	}
	info, counts := classify(recs, 'A')
	// The employer is the last A01 of the right length (the one the loop
	// below leaves in pre.File.Employer): known before the parallel pass, so
	// that each A02 is compared with it there.
	empAt := -1
	for i := range info {
		if info[i].digit == 1 {
			empAt = i
		}
	}
	var e cnssfile.Employer
	if empAt >= 0 {
		e = cnssfile.DecodeEmployer(recs[empAt].Raw)
	}
	pre.File.Insured, pre.Lines = make([]cnssfile.Insured, counts[2]), make([]int, counts[2])
	keys := make([]insuredKey, counts[2])
	issues := checkAll(recs, info, func(i int, r cnssfile.Record, s scanned) {
		if s.digit == 2 {
			in := &pre.File.Insured[s.slot]
			*in, pre.Lines[s.slot] = cnssfile.DecodeInsured(r.Raw), r.Line
			keys[s.slot] = keyOf(in, &e, empAt >= 0)
		}
	})
	ord := orderChecker{v: &v, prefix: 'A', max: 3}
	var lengths lengthGroups
	for i, r := range recs {
		typ := r.Type()
		switch s := info[i]; s.digit {
		case badLength:
			l := cnssfile.LayoutOf(typ)
			rt := typ
			if l == nil {
				rt = ""
			}
			lengths.see(&v, r, rt)
			if l != nil && typ[0] == 'A' {
				ord.see(typ, r.Line)
				v.unread[typ[2]-'0'] = true
			}
		case foreignRec:
			v.add(Finding{Rule: FmtType, Line: r.Line, Msg: msgType, Args: []any{printable(typ), "A00 … A03"}})
		default:
			// classify checked the type: it is recTypeOf('A', digit), which
			// the loop takes without reading the record again.
			ord.see(recTypeOf('A', int(s.digit)), r.Line)
			v.emitIssues(r, issues.of(i))
			switch s.digit {
			case 0:
				pre.File.Header, pre.HeaderRaw = cnssfile.DecodeHeader(r.Raw), r.Raw
				if pre.File.Header.Cat != "A0" {
					v.add(Finding{Rule: HdrConsistency, Record: "A00", Line: r.Line, Field: "L_Cat", Msg: msgCat, Args: []any{pre.File.Header.Cat, "A0"}})
				}
			case 1:
				pre.File.Employer, pre.EmployerRaw = cnssfile.DecodeEmployer(r.Raw), r.Raw
				v.p.EmployerLine = r.Line
			case 3:
				pre.File.Totals, pre.TotalsLine = cnssfile.DecodePreTotals(r.Raw), r.Line
			}
		}
	}
	lengths.flush(&v)
	ord.finish(recs[len(recs)-1].Line)

	e = pre.File.Employer
	if v.p.EmployerLine > 0 && domain.AffiliationShapeOK(e.Affiliation) && !domain.AffiliationCheckOK(e.Affiliation) {
		v.add(Finding{Rule: IDAffiliation, Record: "A01", Line: v.p.EmployerLine, Field: "N_Num_Affilie", Msg: msgAffCheck, Args: []any{e.Affiliation}})
	}
	dups := pre.buildIndex(keys)
	var t totals
	for i := range pre.File.Insured {
		in := &pre.File.Insured[i]
		// Only an employee the parallel pass marked (or any employee when
		// the préétabli has duplicates) can have a finding: the others skip
		// the checks, which say nothing about them.
		if keys[i].suspect || dups || !fastPaths {
			v.insuredFindings(pre, i)
		}
		im := int64(keys[i].key)
		if !keys[i].numeric || !fastPaths {
			im, _ = strconv.ParseInt(in.Immat, 10, 64)
		}
		t.count++
		t.add(&t.children, int64(in.Children))
		t.add(&t.afPay, int64(in.AFToPay))
		t.add(&t.afDeduct, int64(in.AFToDeduct))
		t.add(&t.afNet, int64(in.AFNet))
		t.add(&t.immat, im)
	}
	if pre.TotalsLine > 0 && !v.unread[2] && !v.unread[3] {
		a3 := pre.File.Totals
		if v.p.EmployerLine > 0 && (a3.Affiliation != e.Affiliation || a3.Period != e.Period) {
			v.add(Finding{Rule: HdrConsistency, Record: "A03", Line: pre.TotalsLine, Field: "N_Num_Affilie", Msg: msgAffDiffers, Args: []any{a3.Affiliation + "/" + periodText(a3.Period), e.Affiliation + "/" + periodText(e.Period)}})
		}
		if t.overflow {
			v.add(Finding{Rule: PreTotals, Record: "A03", Line: pre.TotalsLine, Msg: msgOverflowSum})
		} else {
			for _, c := range []struct {
				field     string
				got, want int64
			}{
				{"N_Nbr_Salaries", a3.Count, t.count}, {"N_T_Enfants", a3.Children, t.children},
				{"N_T_AF_A_Payer", int64(a3.AFToPay), t.afPay}, {"N_T_AF_A_Deduire", int64(a3.AFToDeduct), t.afDeduct},
				{"N_T_AF_Net_A_Payer", int64(a3.AFNet), t.afNet}, {"N_T_Num_Imma", a3.ImmatSum, t.immat},
			} {
				if c.got != c.want {
					v.add(Finding{Rule: PreTotals, Record: "A03", Line: pre.TotalsLine, Field: c.field, Msg: msgTotal, Args: []any{c.field, c.got, c.want}})
				}
			}
		}
	}
	return pre, v.rep
}

// MaxFileSize is the largest préétabli, DS or DSC file the engine reads:
// 64 MiB, about 257 000 records of 260 characters and a terminator, far
// above the largest employer's declaration. A caller checks it before
// reading (SizeError), so that a wrong or hostile file is refused without
// being loaded in memory.
const MaxFileSize = 64 << 20

// CodeTooLarge is the error code of SizeError.
const CodeTooLarge = "declaration.too_large"

var msgTooLargeFile = i18n.Text{
	FR: "%s : %s, trop grand pour un fichier CNSS (%s au plus, soit environ %d lignes) : vérifiez que c'est le bon fichier",
	AR: "%s: %s، أكبر من أن يكون ملفاً للصندوق (%s على الأكثر، أي حوالي %d سطراً): تحقق من أنه الملف الصحيح",
	EN: "%s: %s, too large for a CNSS file (%s at most, about %d lines): check that it is the right file",
}

// SizeError returns the error for a file named name of size bytes when it
// exceeds limit (nil otherwise); size −1 means "more than limit, exact size
// unknown" (a pipe read up to the limit).
func SizeError(name string, size, limit int64) error {
	if size >= 0 && size <= limit {
		return nil
	}
	got := "> " + byteSize(limit)
	if size >= 0 {
		got = byteSize(size)
	}
	return i18n.New(CodeTooLarge, msgTooLargeFile, name, got, byteSize(limit), limit/(cnssfile.RecordLen+1))
}

// byteSize writes n bytes in MiB (or bytes below 1 MiB), without a locale.
func byteSize(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt(n, 10) + " o"
	}
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " Mio"
}
