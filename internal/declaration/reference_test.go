package declaration

// The reference implementations the fast paths are compared with: the code
// as it was before them (commit cf12e2c), kept here verbatim but for the
// names, so that a change to the package's helpers shows in both.

import (
	"strconv"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/domain"
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
	checkAll(recs, info, func(i int, r cnssfile.Record, s scanned) {
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
			v.emitIssues(r, s.issues)
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
