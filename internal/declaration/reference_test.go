package declaration

// The reference implementations the fast paths are compared with: the code
// as it was before them (commit cf12e2c), kept here verbatim but for the
// names, so that a change to the package's helpers shows in both.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"unsafe"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
)

func referenceReadPreetabli(data string) (*Preetabli, *Report) {
	v := validator{rep: &Report{}, p: &Parsed{}, prefix: 'A', opt: Options{Params: params.Default()}}
	pre := &Preetabli{}
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
	pre.File.Insured, pre.Lines = make([]cnssfile.Insured, counts[2]), make([]int, counts[2])
	issues := checkAll(recs, info, func(i int, r cnssfile.Record, s scanned) {
		if s.digit == 2 {
			pre.File.Insured[s.slot], pre.Lines[s.slot] = cnssfile.DecodeInsured(r.Raw), r.Line
		}
	})
	ord := orderChecker{v: &v, prefix: 'A', max: 3}
	var lengths lengthGroups
	for i, r := range recs {
		typ := r.Type()
		l := cnssfile.LayoutOf(typ)
		switch s := info[i]; s.digit {
		case badLength:
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
			ord.see(typ, r.Line)
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

	e := pre.File.Employer
	if v.p.EmployerLine > 0 && domain.AffiliationShapeOK(e.Affiliation) && !domain.AffiliationCheckOK(e.Affiliation) {
		v.add(Finding{Rule: IDAffiliation, Record: "A01", Line: v.p.EmployerLine, Field: "N_Num_Affilie", Msg: msgAffCheck, Args: []any{e.Affiliation}})
	}
	pre.index = newImmatMap[int](len(pre.File.Insured))
	var t totals
	for i, in := range pre.File.Insured {
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
		if j, dup := pre.index.get(in.Immat); dup && in.Immat != "" {
			v.add(Finding{Rule: EmpDuplicate, Record: "A02", Line: ln, Field: "N_Num_Assure", Employee: emp(), Msg: msgDuplicate, Args: []any{"A02", pre.Lines[j]}})
		} else if in.Immat != "" {
			pre.index.set(in.Immat, i)
		}
		im, _ := strconv.ParseInt(in.Immat, 10, 64)
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

func referenceValidate(data string, opt Options, known *cnssfile.Declaration) (*Parsed, *Report) {
	v := validator{opt: opt, rep: &Report{}, p: &Parsed{}, known: known}
	if v.opt.Params == nil {
		v.opt.Params = params.Default()
	}
	v.refRun(data)
	return v.p, v.rep
}

func (v *validator) refRun(data string) {
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
	issues := checkAll(recs, info, func(i int, r cnssfile.Record, s scanned) {
		switch s.digit {
		case 2:
			if known == nil {
				d.Lines[s.slot] = cnssfile.DecodeLine(r.Raw)
			}
			v.p.LineLines[s.slot] = r.Line
		case 4:
			if known == nil {
				d.Entrants[s.slot] = cnssfile.DecodeEntrant(r.Raw)
			}
			v.p.EntrantLines[s.slot] = r.Line
		}
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
			ord.see(typ, r.Line)
			v.emitIssues(r, issues.of(i))
			v.refCheckAlignment(r, s.digit)
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

	v.refCheckHeader()
	v.checkFileName()
	v.checkEmptyLines(emptyEntrants)
	v.refCheckLines()
	v.refCheckEntrants()
	v.refCheckDuplicates()
	v.refCheckTotals()
	if v.opt.Preetabli != nil {
		v.refCheckAgainstPreetabli()
	}
}

func (v *validator) refCheckAlignment(r cnssfile.Record, digit int8) {
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
		if val[0] == ' ' && strings.TrimLeft(val, " ") != "" && !v.refCopiedFromPreetabli(r, digit, val) {
			v.add(Finding{Rule: FmtAlign, Record: r.Type(), Line: r.Line, Field: f.Name, Msg: msgAlign,
				Args: []any{f.Start + 1, f.End(), len(val) - len(strings.TrimLeft(val, " "))}})
		}
	}
}

func (v *validator) refCopiedFromPreetabli(r cnssfile.Record, digit int8, val string) bool {
	pre := v.opt.Preetabli
	if digit != 2 || pre == nil {
		return false
	}
	immat := r.Raw[immatField.Start:immatField.End()]
	i, ok := pre.index.get(immat)
	return ok && i < len(pre.File.Insured) && strings.TrimRight(val, " ") == pre.File.Insured[i].Name
}

func (v *validator) refCheckLines() {
	p, typ := v.p, v.recType(2)
	for i := range p.Decl.Lines {
		l := &p.Decl.Lines[i]
		ln := p.LineLines[i]
		if v.prefix == 'E' && l.Immat == "" {
			continue // the empty E02 (checked in checkEmptyLines)
		}
		f := func(rule, field string, msg i18n.Text, args ...any) {
			v.add(Finding{Rule: rule, Record: typ, Line: ln, Field: field, Employee: employeeLabel(l.Immat, l.Name), Msg: msg, Args: args})
		}
		if domain.ImmatriculationShapeOK(l.Immat) && !domain.ImmatriculationCheckOK(l.Immat) {
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
		if !sit.Valid() {
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
		if want, ok := refLineCtr(*l); ok && want != l.Ctr {
			f(CtrLine, "S_Ctr", msgCtr, l.Ctr, want)
		}
	}
}

func refLineCtr(l cnssfile.Line) (int64, bool) {
	im, _ := strconv.ParseInt(l.Immat, 10, 64)
	return sum(im, int64(l.AFToReverse), int64(l.Days), int64(l.Real), int64(l.Capped), l.Situation.Rank())
}

func refEntrantCtr(e cnssfile.Entrant) (int64, bool) {
	im, _ := strconv.ParseInt(e.Immat, 10, 64)
	return sum(im, int64(e.Days), int64(e.Real), int64(e.Capped))
}

func (v *validator) refCheckEntrants() {
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
		if want, ok := refEntrantCtr(*e); ok && want != e.Ctr {
			f(CtrLine, "S_Ctr", msgCtr, e.Ctr, want)
		}
	}
}

func (v *validator) refCheckDuplicates() {
	p := v.p
	type first struct {
		rec  string
		line int
	}
	byImmat := newImmatMap[first](len(p.Decl.Lines) + len(p.Decl.Entrants))
	var byCIN immatMap[first] // keyed by CIN: always the string map
	dup := func(seen *immatMap[first], key, rec string, line int, field, id, name string) {
		if f, ok := seen.get(key); ok {
			v.add(Finding{Rule: EmpDuplicate, Record: rec, Line: line, Field: field, Employee: employeeLabel(id, name), Msg: msgDuplicate, Args: []any{f.rec, f.line}})
			return
		}
		seen.set(key, first{rec, line})
	}
	rec02, rec04 := v.recType(2), v.recType(4)
	for i, l := range p.Decl.Lines {
		if l.Immat != "" && l.Immat != domain.ImmatNotRegistered && l.Immat != domain.ImmatOccasional {
			dup(&byImmat, l.Immat, rec02, p.LineLines[i], "N_Num_Assure", l.Immat, l.Name)
		}
	}
	for i, e := range p.Decl.Entrants {
		switch {
		case e.IsEmpty() || e.Immat == domain.ImmatOccasional:
		case e.Immat == domain.ImmatNotRegistered:
			if e.CIN != "" {
				dup(&byCIN, e.CIN, rec04, p.EntrantLines[i], "L_Num_CIN", e.CIN, e.Name)
			}
		default:
			dup(&byImmat, e.Immat, rec04, p.EntrantLines[i], "N_Num_Assure", e.Immat, e.Name)
		}
	}
}

func (v *validator) refCheckTotals() {
	p, pre := v.p, string(v.prefix)
	var lt, et totals
	for _, l := range p.Decl.Lines {
		if l.Immat == "" && v.prefix == 'E' {
			continue
		}
		im, _ := strconv.ParseInt(l.Immat, 10, 64)
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
		im, _ := strconv.ParseInt(e.Immat, 10, 64)
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

func (v *validator) refCheckAgainstPreetabli() {
	pre, p := v.opt.Preetabli, v.p
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
		if idx, ok := pre.index.get(e.Immat); ok {
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
	for i, l := range p.Decl.Lines {
		idx, ok := pre.index.get(l.Immat)
		if !ok {
			v.add(Finding{Rule: EmpUnknown, Record: "B02", Line: p.LineLines[i], Field: "N_Num_Assure", Employee: employeeLabel(l.Immat, l.Name), Msg: msgUnknown})
			continue
		}
		declared[idx] = true
		if idx < maxIdx {
			v.add(Finding{Rule: EmpOrder, Record: "B02", Line: p.LineLines[i], Field: "N_Num_Assure", Employee: employeeLabel(l.Immat, l.Name), Msg: msgEmpOrder, Args: []any{pre.Lines[idx]}})
		}
		maxIdx = max(maxIdx, idx)
	}
	for i, in := range pre.File.Insured {
		if declared[i] {
			continue
		}
		if j, ok := pre.index.get(in.Immat); !(ok && j != i && declared[j]) {
			v.add(Finding{Rule: EmpMissing, Record: "A02", Line: pre.Lines[i], Field: "N_Num_Assure", Employee: employeeLabel(in.Immat, in.Name), Msg: msgMissing})
		}
	}
}

func referenceBuild(in Input) (*Result, error) {
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
	b.refBuild()
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
	// The file's SHA-256 is computed while the file is validated (on
	// another CPU; it is kept only for a file without blocking finding).
	sum := make(chan [sha256.Size]byte, 1)
	go func() { sum <- sha256.Sum256(data) }()
	// The bytes are read as a string in place (no 2.7 MB copy for 10 000
	// lines): data is not written again, and the findings, the only part of
	// the validation kept, are detached from it, so that a caller changing
	// Result.Bytes later changes nothing else.
	_, vrep := referenceValidate(unsafe.String(unsafe.SliceData(data), len(data)), Options{Preetabli: in.Preetabli, Params: tab}, &b.d)
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

func (b *builder) refBuild() {
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
		// Lines for préétabli employees, in préétabli order (several lines
		// of one employee are chained through next, for EMP-DUPLICATE);
		// lines whose employee is not in the préétabli come after them, so
		// that the validator reports them as EMP-UNKNOWN.
		first := newImmatMap[int](len(b.in.Lines))
		next := make([]int, len(b.in.Lines))
		for i := len(b.in.Lines) - 1; i >= 0; i-- {
			im := b.in.Lines[i].Immat
			if j, ok := first.get(im); ok {
				next[i] = j
			} else {
				next[i] = -1
			}
			first.set(im, i)
		}
		used := make([]bool, len(b.in.Lines))
		for _, ins := range pre.Insured {
			i, ok := first.get(ins.Immat)
			for ok && i >= 0 && !used[i] {
				used[i] = true
				b.addLine(&ins, &b.in.Lines[i], -1) // −1: the immatriculation read again
				i = next[i]
			}
		}
		for i, l := range b.in.Lines {
			if !used[i] {
				b.addLine(&cnssfile.Insured{Affiliation: aff, Period: per, Immat: l.Immat}, &l, -1)
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
	refFinalize(d)
	b.sources = append(b.sources, 0, 0)
	b.res.Decl = *d
	b.res.Estimate = b.ps.Estimate(d.GrandTotals.Real, d.GrandTotals.Capped, b.in.AMOSolidarityOnly)
}

func refPeople(p *Parsed) []person {
	if p == nil {
		return nil
	}
	d := &p.Decl
	rec02, rec04 := recTypeOf(d.Prefix, 2), recTypeOf(d.Prefix, 4)
	out := make([]person, 0, len(d.Lines)+len(d.Entrants))
	for i, l := range d.Lines {
		if l.Immat == "" {
			continue
		}
		out = append(out, person{key: l.Immat, immat: l.Immat, name: l.Name, rec: rec02, line: lineAt(p.LineLines, i),
			days: l.Days, real: l.Real, sit: l.Situation})
	}
	for i, e := range d.Entrants {
		if e.IsEmpty() || e.Immat == domain.ImmatOccasional {
			continue
		}
		q := person{key: e.Immat, immat: e.Immat, cin: e.CIN, name: e.Name, rec: rec04, line: lineAt(p.EntrantLines, i),
			days: e.Days, real: e.Real}
		if e.Immat == domain.ImmatNotRegistered {
			q.key, q.unregistered = "CIN:"+domain.NormalizeCIN(e.CIN), true
		}
		out = append(out, q)
	}
	return out
}

func referencePlausibility(in PlausibilityInput) []Finding {
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
	curP := refPeople(cur)

	// Same CIN under two immatriculations, in this file and across months.
	cinImmat := map[string]person{}
	prevP := refPeople(in.Previous)
	for _, group := range [][]person{prevP, curP} {
		for _, q := range group {
			c := domain.NormalizeCIN(q.cin)
			if c == "" || q.unregistered {
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
	for _, q := range curP {
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
		for _, q := range curP {
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

	// Employee by employee (the indexes only serve from here on).
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

func refFinalize(d *cnssfile.Declaration) {
	aff, per := d.Employer.Affiliation, d.Employer.Period
	lt := cnssfile.LineTotals{PreTotals: cnssfile.PreTotals{Affiliation: aff, Period: per}}
	for i := range d.Lines {
		l := &d.Lines[i]
		if l.Immat == "" {
			continue
		}
		l.Ctr, _ = refLineCtr(*l)
		lt.Count++
		lt.Children += int64(l.Children)
		lt.AFToPay += l.AFToPay
		lt.AFToDeduct += l.AFToDeduct
		lt.AFNet += l.AFNet
		lt.ImmatSum += immatValue(l.Immat)
		lt.AFToReverse += l.AFToReverse
		lt.Days += int64(l.Days)
		lt.Real += l.Real
		lt.Capped += l.Capped
		lt.Ctr += l.Ctr
	}
	d.LineTotals = lt
	et := cnssfile.Totals{Affiliation: aff, Period: per}
	for i := range d.Entrants {
		e := &d.Entrants[i]
		if e.IsEmpty() {
			continue
		}
		e.Ctr, _ = refEntrantCtr(*e)
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

func (v *validator) refCheckHeader() {
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
	for i, l := range p.Decl.Lines {
		check(v.recType(2), p.LineLines[i], l.Affiliation, l.Period)
	}
	check(v.recType(3), p.LineTotalsLine, p.Decl.LineTotals.Affiliation, p.Decl.LineTotals.Period)
	for i, n := range p.Decl.Entrants {
		check(v.recType(4), p.EntrantLines[i], n.Affiliation, n.Period)
	}
	check(v.recType(5), p.EntrantTotalsLine, p.Decl.EntrantTotals.Affiliation, p.Decl.EntrantTotals.Period)
	check(v.recType(6), p.GrandTotalsLine, p.Decl.GrandTotals.Affiliation, p.Decl.GrandTotals.Period)
}
