package declaration

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// encodeInput builds in and returns the encoded bytes even when findings
// would block them (so that the validator can be tested on them).
func encodeInput(t *testing.T, in Input) []byte {
	t.Helper()
	res, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cnssfile.AppendDeclaration(nil, &res.Decl)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// vectorDS is the valid DS file of the test vector.
func vectorDS(t *testing.T) []byte { return encodeInput(t, vectorInput(t)) }

// mutate parses data, lets f change the typed declaration, recomputes the
// control sums and totals when fix is set, and encodes it again.
func mutate(t *testing.T, data []byte, fix bool, f func(d *cnssfile.Declaration)) []byte {
	t.Helper()
	p, _ := Validate(data, Options{})
	d := p.Decl
	d.Lines = append([]cnssfile.Line(nil), d.Lines...)
	d.Entrants = append([]cnssfile.Entrant(nil), d.Entrants...)
	f(&d)
	if fix {
		Finalize(&d)
	}
	b, err := cnssfile.AppendDeclaration(nil, &d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lines edits the raw records (without terminators) of data.
func lines(data []byte, f func(l []string) []string) []byte {
	l := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	return []byte(strings.Join(f(l), "\n") + "\n")
}

// set overwrites a 1-based position range of a record.
func set(rec string, from int, v string) string { return rec[:from-1] + v + rec[from-1+len(v):] }

func preetabliWith(t *testing.T, f func(p *cnssfile.Preetabli)) *Preetabli {
	t.Helper()
	raw := vectorPreetabli(t)
	pre, _ := ReadPreetabli(raw)
	x := pre.File
	x.Insured = append([]cnssfile.Insured(nil), x.Insured...)
	f(&x)
	b, err := cnssfile.AppendPreetabli(nil, &x)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := ReadPreetabli(b)
	return p
}

func rules(r *Report) []string {
	var ids []string
	seen := map[string]bool{}
	for _, f := range r.Findings {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			ids = append(ids, f.Rule)
		}
	}
	sort.Strings(ids)
	return ids
}

func TestEveryRule(t *testing.T) {
	withPre := func(t *testing.T) *Preetabli { return vectorInput(t).Preetabli }
	cases := []struct {
		name string
		// data returns the file to validate and the préétabli to check it against (nil: none).
		data func(t *testing.T) ([]byte, *Preetabli)
		want []string // exactly these rules
	}{
		{"valid vector", func(t *testing.T) ([]byte, *Preetabli) { return vectorDS(t), withPre(t) }, nil},
		{"valid vector without préétabli", func(t *testing.T) ([]byte, *Preetabli) { return vectorDS(t), nil }, nil},
		{"valid with CRLF, BOM, no final newline, trailing blank lines", func(t *testing.T) ([]byte, *Preetabli) {
			s := strings.ReplaceAll(string(vectorDS(t)), "\n", "\r\n")
			return []byte("\ufeff" + strings.TrimSuffix(s, "\r\n") + "\r\n\r\n  \n"), withPre(t)
		}, nil},

		{"FMT-LENGTH short record", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[2] = l[2][:259]; return l }), nil
		}, []string{FmtLength}},
		{"FMT-LENGTH blank line inside", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { return append(l[:3], append([]string{""}, l[3:]...)...) }), nil
		}, []string{FmtLength}},
		{"FMT-TYPE unknown record", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[3] = set(l[3], 1, "X02"); return l }), nil
		}, []string{CtrTotals, FmtType}},
		{"FMT-TYPE E record in a DS file", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[5] = set(l[5], 1, "E04"); return l }), nil
		}, []string{CtrTotals, FmtOrder, FmtType}},
		{"FMT-TYPE préétabli given as a declaration", func(t *testing.T) ([]byte, *Preetabli) { return vectorPreetabli(t), nil }, []string{FmtType}},
		{"FMT-ORDER B03 after B04", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[4], l[5] = l[5], l[4]; return l }), nil
		}, []string{FmtOrder}},
		{"FMT-ORDER no B04 at all", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { return append(l[:5], l[6:]...) }), nil
		}, []string{CtrTotals, FmtOrder}},
		{"FMT-ORDER missing B06", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { return l[:7] }), nil
		}, []string{FmtOrder}},
		{"FMT-ORDER two B01", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { return append(l[:2], append([]string{l[1]}, l[2:]...)...) }), nil
		}, []string{FmtOrder}},
		{"FMT-ORDER empty file", func(t *testing.T) ([]byte, *Preetabli) { return nil, nil }, []string{FmtOrder}},
		{"FMT-ORDER empty B04 beside a real entrant", func(t *testing.T) ([]byte, *Preetabli) {
			return mutate(t, vectorDS(t), true, func(d *cnssfile.Declaration) {
				d.Entrants = append(d.Entrants, cnssfile.Entrant{Affiliation: "1234567", Period: d.Employer.Period})
			}), nil
		}, []string{FmtOrder}},
		{"FMT-NUMERIC letter in days", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[2] = set(l[2], 112, "2A"); return l }), nil
		}, []string{CtrLine, CtrTotals, FmtNumeric, SitNormal}},
		{"FMT-NUMERIC blank immatriculation on a B02", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[2] = set(l[2], 17, "         "); return l }), nil
		}, []string{CtrLine, CtrTotals, FmtNumeric}},
		{"FMT-CHARSET lower case name", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[2] = set(l[2], 26, "alami"); return l }), nil
		}, []string{FmtCharset}},
		{"FMT-CHARSET Windows-1252 accent", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[5] = set(l[5], 30, "\xc9"); return l }), nil
		}, []string{FmtCharset}},
		{"FMT-CHARSET something in the filler", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[3] = set(l[3], 240, "1"); return l }), nil
		}, []string{FmtCharset}},
		{"FMT-DATE impossible due date", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[1] = set(l[1], 253, "20260230"); return l }), nil
		}, []string{FmtDate}},
		{"FMT-DATE month 13 in a period", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[6] = set(l[6], 11, "202613"); return l }), nil
		}, []string{FmtDate, HdrConsistency}},
		{"HDR-CONSISTENCY line of another employer", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[3] = set(l[3], 4, "2703892"); return l }), nil
		}, []string{HdrConsistency}},
		{"HDR-CONSISTENCY wrong category", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[0] = set(l[0], 18, "E1"); return l }), nil
		}, []string{HdrConsistency}},
		{"HDR-TRANSFER transfer id", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[0] = set(l[0], 4, "12345672601002"); return l }), withPre(t)
		}, []string{HdrTransfer}},
		{"HDR-TRANSFER employer header", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[1] = set(l[1], 17, "AUTRE SOCIETE"); return l }), withPre(t)
		}, []string{HdrTransfer}},
		{"ID-AFFILIATION bad check digit", func(t *testing.T) ([]byte, *Preetabli) {
			pre := preetabliWith(t, func(p *cnssfile.Preetabli) {
				p.Employer.Affiliation, p.Totals.Affiliation = "1234568", "1234568"
				for i := range p.Insured {
					p.Insured[i].Affiliation = "1234568"
				}
			})
			in := vectorInput(t)
			in.Preetabli = pre
			return encodeInput(t, in), pre
		}, []string{IDAffiliation}},
		{"ID-IMMATRICULATION bad check digit", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants[0].Immat = "112233442"
			return encodeInput(t, in), in.Preetabli
		}, []string{IDImmatriculation}},
		{"ID-IMMATRICULATION bad check digit on a B02", func(t *testing.T) ([]byte, *Preetabli) {
			return mutate(t, vectorDS(t), true, func(d *cnssfile.Declaration) { d.Lines[0].Immat = "123456786" }), nil
		}, []string{IDImmatriculation}},
		{"EMP-MISSING", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Lines = in.Lines[:1]
			return encodeInput(t, in), in.Preetabli
		}, []string{EmpMissing}},
		{"EMP-UNKNOWN", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Lines = append(in.Lines, MonthLine{Immat: "143890989", Days: 26, Gross: domain.MAD(5000)})
			return encodeInput(t, in), in.Preetabli
		}, []string{EmpUnknown}},
		{"EMP-DUPLICATE immatriculation in B02 and B04", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants[0].Immat = "123456785"
			return encodeInput(t, in), in.Preetabli
		}, []string{EmpDuplicate, EntPreetabli}},
		{"EMP-DUPLICATE immatriculation in B02 and B04 without préétabli", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants[0].Immat = "123456785"
			return encodeInput(t, in), nil
		}, []string{EmpDuplicate}},
		{"ENT-PREETABLI préétabli employee as the entrant of a DSC", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Sequence, in.Lines = 1, nil
			in.Entrants[0].Immat = "187654325"
			return encodeInput(t, in), in.Preetabli
		}, []string{EntPreetabli}},
		{"ENT-PREETABLI préétabli employee in B04 instead of B02", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Lines = in.Lines[:1]
			in.Entrants[0].Immat = "187654325"
			return encodeInput(t, in), in.Preetabli
		}, []string{EmpMissing, EntPreetabli}},
		{"FMT-ALIGN right-aligned entrant name", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[5] = set(l[5], 26, fmt.Sprintf("%60s", "IDRISSI OMAR")); return l }), nil
		}, []string{FmtAlign}},
		{"FMT-ALIGN right-aligned B02 name, not the préétabli's", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[2] = set(l[2], 26, fmt.Sprintf("%60s", "ALAMI AHMED")); return l }), withPre(t)
		}, []string{FmtAlign}},
		{"B02 name copied from a préétabli that right-aligns it", func(t *testing.T) ([]byte, *Preetabli) {
			pre := preetabliWith(t, func(p *cnssfile.Preetabli) { p.Insured[0].Name = fmt.Sprintf("%60s", "ALAMI AHMED") })
			in := vectorInput(t)
			in.Preetabli = pre
			return encodeInput(t, in), pre
		}, nil},
		{"FMT-ALIGN leading space in a CIN", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[5] = set(l[5], 86, " BK12345"); return l }), nil
		}, []string{FmtAlign}},
		{"ENT-CIN embedded space", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[5] = set(l[5], 86, "BK 12345"); return l }), nil
		}, []string{EntCIN}},
		{"EMP-DUPLICATE CIN of two unregistered entrants", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants[0].Immat = ""
			in.Entrants = append(in.Entrants, in.Entrants[0])
			return encodeInput(t, in), in.Preetabli
		}, []string{EmpDuplicate}},
		{"EMP-ORDER", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[2], l[3] = l[3], l[2]; return l }), withPre(t)
		}, []string{EmpOrder}},
		{"DAYS-RANGE", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Lines[0].Days = 27
			return encodeInput(t, in), in.Preetabli
		}, []string{DaysRange}},
		{"DAYS-RANGE entrant", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants[0].Days = 31
			return encodeInput(t, in), in.Preetabli
		}, []string{DaysRange}},
		{"SAL-CAP", func(t *testing.T) ([]byte, *Preetabli) {
			return mutate(t, vectorDS(t), true, func(d *cnssfile.Declaration) { d.Lines[0].Capped = domain.MAD(8000) }), nil
		}, []string{SalCap}},
		{"SAL-CAP occasional labour neither capped nor real", func(t *testing.T) ([]byte, *Preetabli) {
			return mutate(t, vectorDS(t), true, func(d *cnssfile.Declaration) {
				d.Entrants[0].Immat, d.Entrants[0].Real, d.Entrants[0].Capped = "999999999", domain.MAD(9000), domain.MAD(7000)
			}), nil
		}, []string{SalCap}},
		{"SAL-CAP registered entrant capped at real above the ceiling", func(t *testing.T) ([]byte, *Preetabli) {
			return mutate(t, vectorDS(t), true, func(d *cnssfile.Declaration) {
				d.Entrants[0].Real, d.Entrants[0].Capped = domain.MAD(9000), domain.MAD(9000)
			}), nil
		}, []string{SalCap}},
		{"SAL-MINIMUM", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Lines[0].Gross = domain.MAD(1000)
			return encodeInput(t, in), in.Preetabli
		}, []string{SalMinimum}},
		{"SAL-MINIMUM entrant", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants[0].Gross = domain.MAD(1000)
			return encodeInput(t, in), in.Preetabli
		}, []string{SalMinimum}},
		{"SAL-MINIMUM leaver with days and no pay", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Lines[1].Days = 26
			return encodeInput(t, in), in.Preetabli
		}, []string{SalMinimum}},
		{"SIT-CODE", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Lines[1].Situation = "MA"
			return encodeInput(t, in), in.Preetabli
		}, []string{SitCode}},
		{"SIT-NORMAL", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Lines[1].Situation = ""
			return encodeInput(t, in), in.Preetabli
		}, []string{SitNormal}},
		{"SIT-ZERO", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Lines[1].Situation, in.Lines[1].Days, in.Lines[1].Gross = domain.SitUnpaid, 5, domain.MAD(2000)
			return encodeInput(t, in), in.Preetabli
		}, []string{SitZero}},
		{"SIT-ZERO occupational disease (MP)", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Lines[1].Situation, in.Lines[1].Days, in.Lines[1].Gross = domain.SitOccDisease, 5, domain.MAD(2000)
			return encodeInput(t, in), in.Preetabli
		}, []string{SitZero}},
		{"SIT-AF leaver without reversal", func(t *testing.T) ([]byte, *Preetabli) {
			pre := preetabliWith(t, func(p *cnssfile.Preetabli) { p.Insured[1].AFNet, p.Totals.AFNet = 30000, 30000 })
			in := vectorInput(t)
			in.Preetabli = pre
			return mutate(t, encodeInput(t, in), true, func(d *cnssfile.Declaration) { d.Lines[1].AFToReverse = 0 }), pre
		}, []string{SitAF}},
		{"SIT-AF reversal above net", func(t *testing.T) ([]byte, *Preetabli) {
			return mutate(t, vectorDS(t), true, func(d *cnssfile.Declaration) { d.Lines[0].AFToReverse = 100 }), nil
		}, []string{SitAF}},
		{"CTR-LINE", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[5] = set(l[5], 118, "0000000000113133462"); return l }), nil
		}, []string{CtrLine, CtrTotals}},
		{"CTR-TOTALS", func(t *testing.T) ([]byte, *Preetabli) {
			return lines(vectorDS(t), func(l []string) []string { l[4] = set(l[4], 92, "000027"); return l }), nil
		}, []string{CtrTotals}},
		{"ENT-NAME", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants[0].LastName, in.Entrants[0].FirstName = "", ""
			return encodeInput(t, in), in.Preetabli
		}, []string{EntName}},
		{"ENT-CIN missing", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants[0].Immat, in.Entrants[0].CIN = "", ""
			return encodeInput(t, in), in.Preetabli
		}, []string{EntCIN}},
		{"ENT-CIN invalid", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants[0].Immat, in.Entrants[0].CIN = "", "123456"
			return encodeInput(t, in), in.Preetabli
		}, []string{EntCIN}},
		{"ENT-SALARY", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants[0].Days = 0
			return encodeInput(t, in), in.Preetabli
		}, []string{EntSalary}},

		// Near misses that must stay silent.
		{"26 days and capped exactly at the ceiling", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Lines[0].Gross = domain.MAD(6000)
			return encodeInput(t, in), in.Preetabli
		}, nil},
		{"occasional labour capped at the ceiling (every vendor)", func(t *testing.T) ([]byte, *Preetabli) {
			return mutate(t, vectorDS(t), true, func(d *cnssfile.Declaration) {
				d.Entrants[0].Immat, d.Entrants[0].Real, d.Entrants[0].Capped = "999999999", domain.MAD(9000), domain.MAD(6000)
			}), nil
		}, nil},
		{"occasional labour capped at the real salary (accepted)", func(t *testing.T) ([]byte, *Preetabli) {
			return mutate(t, vectorDS(t), true, func(d *cnssfile.Declaration) {
				d.Entrants[0].Immat, d.Entrants[0].Real, d.Entrants[0].Capped = "999999999", domain.MAD(9000), domain.MAD(9000)
			}), nil
		}, nil},
		{"entrant just above the minimum wage", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			// 20 days in 202601: below when real × 26 ≤ 342272 × 19 = 6 503 168,
			// i.e. real ≤ 250 121; 250 122 is just above.
			in.Entrants[0].Gross = 250122
			return encodeInput(t, in), in.Preetabli
		}, nil},
		{"a complementary entrant not in the préétabli", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Sequence, in.Lines = 1, nil
			return encodeInput(t, in), in.Preetabli
		}, nil},
		{"occasional labour: no name, capped = min(real, ceiling)", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants = append(in.Entrants, EntrantLine{Immat: "999999999", Days: 3, Gross: domain.MAD(9000)},
				EntrantLine{Immat: "999999999", Days: 2, Gross: domain.MAD(700)})
			return encodeInput(t, in), in.Preetabli
		}, nil},
		{"unregistered entrant with a valid CIN", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants[0].Immat, in.Entrants[0].CIN = "", "a123456"
			return encodeInput(t, in), in.Preetabli
		}, nil},
		{"leaver with allowances reversed, sick month with pay", func(t *testing.T) ([]byte, *Preetabli) {
			pre := preetabliWith(t, func(p *cnssfile.Preetabli) { p.Insured[1].AFNet, p.Totals.AFNet = 30000, 30000 })
			in := vectorInput(t)
			in.Preetabli = pre
			in.Lines[0].Situation = domain.SitSick
			return encodeInput(t, in), pre
		}, nil},
		{"no entrants: the empty B04", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Entrants = nil
			return encodeInput(t, in), in.Preetabli
		}, nil},
		{"complementary declaration", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Sequence = 2
			in.Lines = nil
			return encodeInput(t, in), in.Preetabli
		}, nil},
		{"complementary declaration with a filled E02", func(t *testing.T) ([]byte, *Preetabli) {
			in := vectorInput(t)
			in.Sequence = 1
			return mutate(t, encodeInput(t, in), true, func(d *cnssfile.Declaration) {
				d.Lines[0].Immat, d.Lines[0].Days, d.Lines[0].Real, d.Lines[0].Capped = "123456785", 26, domain.MAD(3500), domain.MAD(3500)
			}), in.Preetabli
		}, []string{FmtOrder}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data, pre := tc.data(t)
			_, rep := Validate(data, Options{Preetabli: pre})
			got := rules(rep)
			want := append([]string(nil), tc.want...)
			sort.Strings(want)
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("rules %v, want %v\n%s", got, want, dump(rep))
			}
			for _, f := range rep.Findings {
				if f.Line < 0 || f.Message(i18n.FR) == "" || f.Message(i18n.AR) == "" || f.Message(i18n.EN) == "" || f.Hint(i18n.AR) == "" {
					t.Errorf("incomplete finding %v", f)
				}
			}
		})
	}
}

func dump(r *Report) string {
	var b strings.Builder
	for _, f := range r.Findings {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}

func TestPreTotals(t *testing.T) {
	pre := vectorPreetabli(t)
	bad := lines(pre, func(l []string) []string { l[4] = set(l[4], 17, "000003"); return l })
	_, rep := ReadPreetabli(bad)
	if got := rules(rep); strings.Join(got, ",") != PreTotals {
		t.Errorf("rules %v\n%s", got, dump(rep))
	}
	if _, rep := ReadPreetabli(pre); len(rep.Findings) != 0 {
		t.Errorf("valid préétabli: %s", dump(rep))
	}
	// A declaration given as a préétabli.
	ds := encodeInput(t, vectorInput(t))
	if _, rep := ReadPreetabli(ds); !rep.Has(FmtType) {
		t.Errorf("DS read as préétabli: %s", dump(rep))
	}
}

func TestCatalogueComplete(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range Catalogue {
		if ids[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		ids[r.ID] = true
		for _, l := range i18n.Langs {
			if r.Title.In(l) == "" || r.Hint.In(l) == "" {
				t.Errorf("%s: missing %s text", r.ID, l)
			}
		}
		if r.Title.AR == "" || r.Title.EN == "" || r.Hint.AR == "" || r.Hint.EN == "" {
			t.Errorf("%s: a translation falls back to French", r.ID)
		}
		if r.Severity != Error && r.Severity != Warning {
			t.Errorf("%s: severity %q", r.ID, r.Severity)
		}
	}
	// cnss-edi.md §7 has 28 rows (one of them "new ID, the team's
	// choice": ENT-PREETABLI); FMT-ALIGN is the engine's addition for the
	// AN alignment of §2.
	if len(Catalogue) != 29 {
		t.Errorf("%d rules, cnss-edi.md §7 has 28, plus FMT-ALIGN", len(Catalogue))
	}
}

func TestBuildRefusesBlockedOutput(t *testing.T) {
	in := vectorInput(t)
	in.Lines = in.Lines[:1]
	res, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Bytes != nil || res.SHA256 != "" || !res.Report.Has(EmpMissing) {
		t.Errorf("a blocked declaration must have no bytes: %v", res.Report.Findings)
	}
	// Input that cannot be encoded is reported with its source, not written.
	in = vectorInput(t)
	in.Entrants[0].LastName, in.Entrants[0].SourceLine = "Øster", 4
	in.Source = func(line int) string { return fmt.Sprintf("paie.csv, ligne %d", line) }
	res, _ = Build(in)
	if res.Bytes != nil || !res.Report.Has(FmtCharset) || !strings.Contains(res.Report.Findings[0].Message(i18n.EN), "paie.csv, ligne 4") {
		t.Errorf("unencodable name: %s", dump(res.Report))
	}
	in = vectorInput(t)
	in.Lines[0].Days = 150
	if res, _ = Build(in); res.Bytes != nil || !res.Report.Has(DaysRange) {
		t.Errorf("150 days: %s", dump(res.Report))
	}
	// Accents and punctuation in names are normalised, long names cut to 60.
	in = vectorInput(t)
	in.Entrants[0].LastName, in.Entrants[0].FirstName = "El-Ouazzani Ben Abdeslam Cherkaoui Mohammedi", "Hélène-Françoise Marie"
	res, _ = Build(in)
	if res.Bytes == nil {
		t.Fatalf("accented name refused: %s", dump(res.Report))
	}
	if got := res.Decl.Entrants[0].Name; got != "EL OUAZZANI BEN ABDESLAM CHERKAOUI MOHAMMEDI HELENE FRANCOIS" {
		t.Errorf("name %q", got)
	}
}

func TestFileNameAgainstContent(t *testing.T) {
	in := vectorInput(t)
	in.Sequence, in.Lines = 1, nil
	dsc := encodeInput(t, in)
	ds := vectorDS(t)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"DS_1234567_202601.txt", ds, ""},
		{"DSC1_1234567_202601.txt", ds, FmtType},
		{"dsc3_1234567_202601.txt", ds, FmtType},
		{"DSC1_1234567_202601.txt", dsc, ""},
		{"DSC2_1234567_202601.txt", dsc, HdrConsistency},
		{"DS_1234567_202601.txt", dsc, FmtType},
		{"declaration.txt", dsc, ""},
		{"DSC_1234567_202601.txt", ds, ""}, // not a DSC<n> name: nothing to compare
		{"", dsc, ""},
	} {
		_, rep := Validate(tc.data, Options{FileName: tc.name})
		if got := strings.Join(rules(rep), ","); got != tc.want {
			t.Errorf("%q: rules %q, want %q\n%s", tc.name, got, tc.want, dump(rep))
		}
	}
}
