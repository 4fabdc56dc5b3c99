package declaration

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
)

// Differential tests of the fast paths: random files, valid and then altered
// the ways a file goes wrong (a record copied over another, two records
// swapped, an immatriculation made non-numeric, blank, signed or given a bad
// check digit, an affiliation or period changed, a record cut short, a
// random byte replaced, the employer record removed or repeated), read by
// the code and by the reference (the code before the fast paths,
// reference_test.go), with the fast paths on and off: reports and results
// must be identical.

// alterRecords applies 1–3 random alterations to the records of a file;
// typ2 is the employee record type ("A02", "B02").
func alterRecords(r *rand.Rand, recs []string, typ2 string, l *cnssfile.Layout) []string {
	recs = append([]string(nil), recs...)
	var emp []int
	for i, rec := range recs {
		if strings.HasPrefix(rec, typ2) {
			emp = append(emp, i)
		}
	}
	immat, _ := l.Field("N_Num_Assure")
	aff, _ := l.Field("N_Num_Affilie")
	per, _ := l.Field("L_Periode")
	set := func(i int, f cnssfile.Field, v string) {
		if len(recs[i]) >= f.End() {
			recs[i] = recs[i][:f.Start] + v + recs[i][f.End():]
		}
	}
	pick := func() int { return emp[r.IntN(len(emp))] }
	for range 1 + r.IntN(3) {
		if len(emp) == 0 || len(recs) < 2 {
			break
		}
		switch r.IntN(14) {
		case 0, 1: // the same employee twice
			recs[pick()] = recs[pick()]
		case 2, 3: // out of order
			i, j := pick(), pick()
			recs[i], recs[j] = recs[j], recs[i]
		case 4:
			set(pick(), immat, []string{"12345678A", "         ", "+12345678", " 12345678", "1234 5678", "000000000", "999999999"}[r.IntN(7)])
		case 5: // a valid shape, maybe a bad check digit
			set(pick(), immat, decltest.Immat(r.IntN(100_000_000))[:8]+string(rune('0'+r.IntN(10))))
		case 6:
			set(pick(), aff, decltest.Affiliation(r.IntN(1_000_000)))
		case 7:
			set(pick(), per, []string{"202513", "202512", "ABCDEF"}[r.IntN(3)])
		case 8: // cut short
			i := r.IntN(len(recs))
			recs[i] = recs[i][:r.IntN(len(recs[i])+1)]
		case 9, 10: // one byte anywhere
			i := r.IntN(len(recs))
			if n := len(recs[i]); n > 0 {
				k := r.IntN(n)
				recs[i] = recs[i][:k] + string("09AZ -\xc3\x00"[r.IntN(8)]) + recs[i][k+1:]
			}
		case 11: // no employer record, or two
			if r.IntN(2) == 0 {
				recs = append(recs[:1:1], recs[2:]...)
			} else {
				recs = append(recs[:2:2], recs[1:]...)
			}
			return recs
		case 12: // an employee removed
			i := pick()
			recs = append(recs[:i:i], recs[i+1:]...)
			return recs
		case 13: // a record of another file
			if len(recs[0]) > 0 {
				recs[r.IntN(len(recs))] = "X" + recs[0][1:]
			}
		}
	}
	return recs
}

func records(data []byte) []string {
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func join(recs []string) string { return strings.Join(recs, "\n") + "\n" }

// withFastPaths runs f with the fast paths on, then off.
func withFastPaths(t *testing.T, f func(fast bool)) {
	t.Helper()
	defer func() { fastPaths = true }()
	for _, on := range []bool{true, false} {
		fastPaths = on
		f(on)
	}
}

func samePreetabli(t *testing.T, what string, got, want *Preetabli, keys []string) {
	t.Helper()
	if !reflect.DeepEqual(got.File, want.File) || got.HeaderRaw != want.HeaderRaw || got.EmployerRaw != want.EmployerRaw ||
		!reflect.DeepEqual(got.Lines, want.Lines) || got.TotalsLine != want.TotalsLine {
		t.Fatalf("%s: the préétabli read differs", what)
	}
	for _, k := range keys {
		gi, gok := got.Find(k)
		wi, wok := want.Find(k)
		if gi != wi || gok != wok {
			t.Fatalf("%s: Find(%q) = %d, %v; reference %d, %v", what, k, gi, gok, wi, wok)
		}
	}
	// posKey and firstBlank are what Find and the file say.
	for i, in := range got.File.Insured {
		j, ok := got.Find(in.Immat)
		k, numeric := immatKey(in.Immat)
		if want := numeric && ok && j == i; (got.posKey[i] >= 0) != want || want && got.posKey[i] != int64(k) {
			t.Fatalf("%s: posKey[%d] = %d for %q (Find: %d, %v)", what, i, got.posKey[i], in.Immat, j, ok)
		}
	}
	fb := -1
	for i, in := range got.File.Insured {
		if in.Immat == "" {
			fb = i
			break
		}
	}
	if got.firstBlank != fb {
		t.Fatalf("%s: firstBlank %d, want %d", what, got.firstBlank, fb)
	}
}

func TestReadPreetabliAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	rules := map[string]int{}
	for i := range 1500 {
		n := []int{0, 1, 2, 5, 12, 40}[r.IntN(6)]
		if i%100 == 0 {
			n = 5000 // the parallel pass
		}
		raw := decltest.PreetabliBytes(decltest.Affiliation(1000+i), domain.NewPeriod(2026, 3), n, uint64(i))
		recs := records(raw)
		if i%10 != 0 {
			recs = alterRecords(r, recs, "A02", cnssfile.InsuredLayout)
		}
		data := join(recs)
		want, wrep := referenceReadPreetabli(data)
		keys := []string{"", "123456785", "12345678A", "+12345678"}
		for _, in := range want.File.Insured {
			keys = append(keys, in.Immat)
		}
		withFastPaths(t, func(fast bool) {
			got, rep := ReadPreetabliString(data)
			what := fmt.Sprintf("préétabli %d (fast %v)", i, fast)
			if !reflect.DeepEqual(rep, wrep) {
				t.Fatalf("%s: findings\n%v\nreference\n%v", what, rep.Findings, wrep.Findings)
			}
			samePreetabli(t, what, got, want, keys)
		})
		for _, f := range wrep.Findings {
			rules[f.Rule]++
		}
	}
	for _, id := range []string{EmpDuplicate, IDImmatriculation, HdrConsistency, PreTotals, FmtNumeric, FmtLength, FmtOrder} {
		if rules[id] == 0 {
			t.Errorf("no préétabli raised %s", id)
		}
	}
}

// randomDS builds a DS (or DSC) of a random préétabli of n employees:
// lines in the préétabli's order (Build's), some employees missing, some
// entrants; it returns the préétabli's bytes and the file.
func randomDS(t *testing.T, r *rand.Rand, seed, n int) (preRaw []byte, ds []byte, decl *cnssfile.Declaration) {
	x := decltest.Preetabli(decltest.Affiliation(2000+seed), domain.NewPeriod(2026, 4), n, uint64(seed))
	preRaw, err := cnssfile.AppendPreetabli(nil, x)
	if err != nil {
		t.Fatal(err)
	}
	pre, _ := ReadPreetabli(preRaw)
	in := Input{Preetabli: pre}
	for _, ins := range x.Insured {
		if r.IntN(20) > 0 {
			in.Lines = append(in.Lines, MonthLine{Immat: ins.Immat, Days: 26, Gross: domain.Money(400_000 + r.IntN(900_000))})
		}
	}
	for i := range r.IntN(4) {
		e := EntrantLine{LastName: "NOUVEAU", FirstName: "SALARIE", Days: 20, Gross: 500_000, CIN: fmt.Sprintf("BK%d", 1000+i)}
		if r.IntN(2) == 0 {
			e.Immat = decltest.Immat(70_000_000 + r.IntN(1000))
		}
		in.Entrants = append(in.Entrants, e)
	}
	if r.IntN(6) == 0 {
		in.Lines, in.Sequence = nil, 1+r.IntN(9)
	}
	res, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	ds, err = cnssfile.AppendDeclaration(nil, &res.Decl)
	if err != nil {
		t.Fatal(err)
	}
	return preRaw, ds, &res.Decl
}

// alterDS applies the alterations of alterRecords to the 02 lines, and
// now and then gives an entrant the immatriculation of a line or of
// another entrant.
func alterDS(r *rand.Rand, recs []string) []string {
	prefix := "B"
	if len(recs) > 0 && strings.HasPrefix(recs[0], "E") {
		prefix = "E"
	}
	recs = alterRecords(r, recs, prefix+"02", cnssfile.LineLayout)
	var lines, entrants []int
	for i, rec := range recs {
		switch {
		case strings.HasPrefix(rec, prefix+"02") && len(rec) == cnssfile.RecordLen:
			lines = append(lines, i)
		case strings.HasPrefix(rec, prefix+"04") && len(rec) == cnssfile.RecordLen:
			entrants = append(entrants, i)
		}
	}
	li, _ := cnssfile.LineLayout.Field("N_Num_Assure")
	ei, _ := cnssfile.EntrantLayout.Field("N_Num_Assure")
	ec, _ := cnssfile.EntrantLayout.Field("L_Num_CIN")
	if len(entrants) > 0 && r.IntN(3) == 0 {
		k := entrants[r.IntN(len(entrants))]
		switch {
		case len(lines) > 0 && len(entrants) > 1 && r.IntN(3) == 0:
			// two entrants for an employee of the préétabli whose line is
			// gone: the second is the duplicate of an entrant
			l := lines[r.IntN(len(lines))]
			src := recs[l]
			for _, k := range entrants[:2] {
				recs[k] = recs[k][:ei.Start] + src[li.Start:li.End()] + recs[k][ei.End():]
			}
			return append(recs[:l:l], recs[l+1:]...)
		case len(lines) > 0 && r.IntN(2) == 0:
			src := recs[lines[r.IntN(len(lines))]]
			recs[k] = recs[k][:ei.Start] + src[li.Start:li.End()] + recs[k][ei.End():]
		default:
			src := recs[entrants[r.IntN(len(entrants))]]
			recs[k] = recs[k][:ei.Start] + src[ei.Start:ei.End()] + src[ei.End():ec.End()] + recs[k][ec.End():]
		}
	}
	if sit, _ := cnssfile.LineLayout.Field("L_Situation"); len(lines) > 0 && r.IntN(4) == 0 {
		k := lines[r.IntN(len(lines))]
		recs[k] = recs[k][:sit.Start] + []string{"ZZ", "SO", "  ", "AT", "S "}[r.IntN(5)] + recs[k][sit.End():]
	}
	if len(lines) > 2 && r.IntN(3) == 0 { // lines in another order than the préétabli's
		r.Shuffle(len(lines), func(i, j int) {
			if r.IntN(3) == 0 {
				recs[lines[i]], recs[lines[j]] = recs[lines[j]], recs[lines[i]]
			}
		})
	}
	return recs
}

func TestValidateAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	rules := map[string]int{}
	for i := range 1500 {
		n := []int{0, 1, 3, 8, 30}[r.IntN(5)]
		if i%150 == 0 {
			n = 5000
		}
		preRaw, ds, decl := randomDS(t, r, i, n)
		var known *cnssfile.Declaration
		if i%10 == 0 {
			known = decl // Build's path: the lines are not decoded again
		} else {
			ds = []byte(join(alterDS(r, records(ds))))
		}
		var pre *Preetabli
		switch k := r.IntN(8); {
		case k == 0: // no préétabli
		case k == 1: // the préétabli altered too
			pre, _ = ReadPreetabliString(join(alterRecords(r, records(preRaw), "A02", cnssfile.InsuredLayout)))
		case k == 2: // another employer's
			_, other, _ := randomDS(t, r, i+7, n)
			pre, _ = ReadPreetabli(other)
		default:
			pre, _ = ReadPreetabli(preRaw)
		}
		opt := Options{Preetabli: pre}
		wp, wrep := referenceValidate(string(ds), opt, known)
		withFastPaths(t, func(fast bool) {
			p, rep := validateString(string(ds), opt, known)
			if !reflect.DeepEqual(rep, wrep) {
				t.Fatalf("file %d (fast %v): findings\n%v\nreference\n%v", i, fast, rep.Findings, wrep.Findings)
			}
			if !reflect.DeepEqual(p, wp) {
				t.Fatalf("file %d (fast %v): parsed file differs", i, fast)
			}
			// Finalize on whatever was read (immatriculations of any shape).
			got, want := p.Decl, wp.Decl
			got.Lines, want.Lines = slices.Clone(got.Lines), slices.Clone(want.Lines)
			got.Entrants, want.Entrants = slices.Clone(got.Entrants), slices.Clone(want.Entrants)
			Finalize(&got)
			refFinalize(&want)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("file %d (fast %v): Finalize differs", i, fast)
			}
		})
		for _, f := range wrep.Findings {
			rules[f.Rule]++
		}
	}
	for _, id := range []string{EmpDuplicate, EmpUnknown, EmpMissing, EmpOrder, EntPreetabli, IDImmatriculation, CtrLine, CtrTotals, FmtNumeric, SitCode} {
		if rules[id] == 0 {
			t.Errorf("no file raised %s", id)
		}
	}
	t.Logf("findings by rule: %v", rules)
}

// Options.LatePreetabli gives the report Options.Preetabli gives, for a
// valid file, a préétabli with blocking findings, a missing préétabli, a
// file with a right-aligned name (the préétabli asked for in the record
// loop), random altered files, an empty file and a préétabli given as the
// file; the function is called exactly once.
func TestLatePreetabliIsPreetabli(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	type tc struct {
		name string
		ds   string
		pre  *Preetabli
	}
	preRaw, ds, _ := randomDS(t, r, 1, 40)
	for strings.HasPrefix(string(ds), "E") {
		preRaw, ds, _ = randomDS(t, r, 1, 40)
	}
	good, _ := ReadPreetabli(preRaw)
	blocked, brep := ReadPreetabliString(join(alterRecords(r, records(preRaw), "A02", cnssfile.InsuredLayout)) + "A0X\n")
	if brep.Valid() {
		t.Fatal("the altered préétabli has no blocking finding")
	}
	// A name right-aligned in the préétabli and copied as it is on the
	// line: not FMT-ALIGN, which only the préétabli says.
	recs, precs := records(ds), records(preRaw)
	name, _ := cnssfile.LineLayout.Field("L_Nom_Prenom")
	pname, _ := cnssfile.InsuredLayout.Field("L_Nom_Prenom")
	im, _ := cnssfile.LineLayout.Field("N_Num_Assure")
	shifted := " " + recs[2][name.Start:name.End()-1]
	recs[2] = recs[2][:name.Start] + shifted + recs[2][name.End():]
	for i, rec := range precs {
		if strings.HasPrefix(rec, "A02") && rec[im.Start:im.End()] == recs[2][im.Start:im.End()] {
			precs[i] = rec[:pname.Start] + shifted + rec[pname.End():]
		}
	}
	aligned, _ := ReadPreetabliString(join(precs))
	cases := []tc{
		{"valid", string(ds), good},
		{"blocked préétabli", string(ds), blocked},
		{"no préétabli", string(ds), nil},
		{"right-aligned name", join(recs), good},
		{"right-aligned name copied from the préétabli", join(recs), aligned},
		{"empty", "", good},
		{"préétabli as the file", string(preRaw), good},
	}
	for i := range 300 {
		p, d, _ := randomDS(t, r, 100+i, r.IntN(20))
		pre, _ := ReadPreetabli(p)
		cases = append(cases, tc{fmt.Sprint("random ", i), join(alterDS(r, records(d))), pre})
	}
	for _, c := range cases {
		wp, wrep := ValidateString(c.ds, Options{Preetabli: c.pre, FileName: "DS_1234567_202604.txt"})
		calls := 0
		late := func() *Preetabli {
			calls++
			return c.pre
		}
		p, rep := ValidateString(c.ds, Options{LatePreetabli: late, FileName: "DS_1234567_202604.txt"})
		if calls != 1 {
			t.Fatalf("%s: LatePreetabli called %d times", c.name, calls)
		}
		if !reflect.DeepEqual(rep, wrep) || !reflect.DeepEqual(p, wp) {
			t.Fatalf("%s: with LatePreetabli\n%v\nwith Preetabli\n%v", c.name, rep.Findings, wrep.Findings)
		}
	}
}

// Build orders the lines by a counting sort of their préétabli positions
// (found at the position the previous line predicts, or by Find): the
// result must be the reference's (lines matched through a map of the
// input), field for field, for random months whose payroll lists the
// préétabli in its order or not, with employees missing, twice, unknown,
// blank or non-numeric, against préétablis altered too (duplicates, blank
// immatriculations, records out of order).
func TestBuildAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	for i := range 1500 {
		n := []int{0, 1, 4, 15, 40}[r.IntN(5)]
		if i%150 == 0 {
			n = 5000
		}
		x := decltest.Preetabli(decltest.Affiliation(3000+i), domain.NewPeriod(2026, 5), n, uint64(i))
		raw, _ := cnssfile.AppendPreetabli(nil, x)
		if r.IntN(3) == 0 {
			raw = []byte(join(alterRecords(r, records(raw), "A02", cnssfile.InsuredLayout)))
		}
		pre, _ := ReadPreetabli(raw)
		in := Input{Preetabli: pre, Source: func(l int) string { return fmt.Sprint("paie.csv:", l) }}
		line := 2
		addLine := func(immat string) {
			in.Lines = append(in.Lines, MonthLine{Immat: immat, Days: 26, Gross: domain.Money(300_000 + r.IntN(900_000)),
				Situation: []domain.Situation{"", "", "", "SO", "ZZ"}[r.IntN(5)], SourceLine: line})
			line++
		}
		for _, ins := range pre.File.Insured {
			for range []int{1, 1, 1, 1, 1, 1, 0, 2}[r.IntN(8)] {
				addLine(ins.Immat)
			}
		}
		for range r.IntN(3) {
			addLine([]string{decltest.Immat(90_000_000 + r.IntN(100)), "", "12345678A", " 12345678"}[r.IntN(4)])
		}
		if r.IntN(3) == 0 {
			r.Shuffle(len(in.Lines), func(a, b int) {
				if r.IntN(4) == 0 {
					in.Lines[a], in.Lines[b] = in.Lines[b], in.Lines[a]
				}
			})
		}
		for range r.IntN(3) {
			in.Entrants = append(in.Entrants, EntrantLine{LastName: "NOUVEAU", CIN: "BK1234", Days: 20, Gross: 500_000, SourceLine: line})
			line++
		}
		if r.IntN(8) == 0 {
			in.Sequence = 1 + r.IntN(9)
		}
		want, werr := referenceBuild(in)
		withFastPaths(t, func(fast bool) {
			got, err := Build(in)
			if fmt.Sprint(err) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
				if got != nil && want != nil {
					t.Fatalf("month %d (fast %v): %v\n%v\nreference %v\n%v", i, fast, err, got.Report.Findings, werr, want.Report.Findings)
				}
				t.Fatalf("month %d (fast %v): %v, reference %v", i, fast, err, werr)
			}
		})
	}
}

// The positional shortcuts compare 9-digit keys only: "+12345678" and
// " 12345678" have the value of "012345678" for strconv, but are not that
// immatriculation. A préétabli holding 012345678 at the position where the
// DS (or the payroll) holds one of them must give the reference's answers.
func TestPositionalPathNeedsNineDigits(t *testing.T) {
	x := decltest.Preetabli(decltest.Affiliation(4242), domain.NewPeriod(2026, 6), 3, 1)
	x.Insured[1].Immat = "012345678"
	raw, err := cnssfile.AppendPreetabli(nil, x)
	if err != nil {
		t.Fatal(err)
	}
	pre, _ := ReadPreetabli(raw)
	for _, look := range []string{"+12345678", " 12345678", "12345678 ", "012345678"} {
		in := Input{Preetabli: pre}
		for _, ins := range x.Insured {
			in.Lines = append(in.Lines, MonthLine{Immat: ins.Immat, Days: 26, Gross: 500_000})
		}
		in.Lines[1].Immat = look
		want, werr := referenceBuild(in)
		got, err := Build(in)
		if fmt.Sprint(err) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
			t.Fatalf("Build with %q: %v\n%v\nreference\n%v", look, err, got.Report.Findings, want.Report.Findings)
		}
		in.Lines[1].Immat = "012345678"
		res, _ := Build(in)
		recs := records(mustEncode(t, &res.Decl))
		im, _ := cnssfile.LineLayout.Field("N_Num_Assure")
		recs[3] = recs[3][:im.Start] + look + recs[3][im.End():]
		ds := join(recs)
		_, wrep := referenceValidate(ds, Options{Preetabli: pre}, nil)
		_, rep := ValidateString(ds, Options{Preetabli: pre})
		if !reflect.DeepEqual(rep, wrep) {
			t.Fatalf("Validate with %q:\n%v\nreference\n%v", look, rep.Findings, wrep.Findings)
		}
	}
}

func mustEncode(t *testing.T, d *cnssfile.Declaration) []byte {
	b, err := cnssfile.AppendDeclaration(nil, d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Plausibility walks the people of a declaration without listing them
// when there is no previous month: its findings must be the reference's
// for random (altered) declarations, with or without a previous month
// (of the right month and employer, or not), with or without the store's
// employees.
func TestPlausibilityAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	rules := map[string]int{}
	for i := range 800 {
		_, ds, _ := randomDS(t, r, i%40, r.IntN(30))
		cur, _ := Validate([]byte(join(alterDS(r, records(ds)))), Options{})
		for j := range cur.Decl.Lines {
			if r.IntN(6) == 0 { // below the SMIG per day, or the SAL-MINIMUM tolerance
				cur.Decl.Lines[j].Real, cur.Decl.Lines[j].Days = domain.Money(r.IntN(350_000)), 1+r.IntN(26)
			}
		}
		in := PlausibilityInput{Current: cur}
		if r.IntN(2) == 0 {
			_, pds, _ := randomDS(t, r, i%40, r.IntN(30))
			prev, _ := Validate([]byte(join(alterDS(r, records(pds)))), Options{})
			if r.IntN(4) > 0 {
				prev.Decl.Employer.Period = cur.Decl.Employer.Period.Prev()
				prev.Decl.Employer.Affiliation = cur.Decl.Employer.Affiliation
			}
			for j := range prev.Decl.Lines {
				if r.IntN(5) == 0 {
					prev.Decl.Lines[j].Real *= domain.Money(1 + r.IntN(3))
					prev.Decl.Lines[j].Days = r.IntN(27)
				}
			}
			in.Previous = prev
		}
		if r.IntN(2) == 0 {
			for _, l := range cur.Decl.Lines {
				in.Employees = append(in.Employees, KnownEmployee{Immat: l.Immat, CIN: "BK1",
					Exit: domain.Date{Year: 2025, Month: 1, Day: 1}})
			}
			for _, e := range cur.Decl.Entrants {
				in.Employees = append(in.Employees, KnownEmployee{CIN: e.CIN, Hire: domain.Date{Year: 2027, Month: 1, Day: 1}})
			}
		}
		want := referencePlausibility(in)
		got := Plausibility(in)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("month %d:\n%v\nreference\n%v", i, got, want)
		}
		for _, f := range want {
			rules[f.Rule]++
		}
	}
	t.Logf("findings by rule: %v", rules)
	for _, id := range []string{PlaSalary, PlaDays, PlaPresence, PlaDates, PlaCINTwice, PlaPrevious, PlaSMIGDay, PlaPayroll} {
		if rules[id] == 0 {
			t.Errorf("no month raised %s", id)
		}
	}
}

// FuzzFastPathsAgree: on any bytes, read as a DS against the vector's
// préétabli and as a préétabli, the code and the reference give the same
// reports.
func FuzzFastPathsAgree(f *testing.F) {
	ds, pre := vectorDSBytes(f), vectorPreetabliBytes(f)
	f.Add(ds)
	f.Add(pre)
	f.Add(append(append([]byte(nil), ds[:3*(cnssfile.RecordLen+1)]...), ds[2*(cnssfile.RecordLen+1):]...)) // a line twice
	f.Fuzz(func(t *testing.T, data []byte) {
		_, want := referenceValidate(string(data), Options{Preetabli: fuzzPre}, nil)
		_, got := Validate(data, Options{Preetabli: fuzzPre})
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Validate:\n%v\nreference\n%v", got.Findings, want.Findings)
		}
		_, wantPre := referenceReadPreetabli(string(data))
		_, gotPre := ReadPreetabli(data)
		if !reflect.DeepEqual(gotPre, wantPre) {
			t.Fatalf("ReadPreetabli:\n%v\nreference\n%v", gotPre.Findings, wantPre.Findings)
		}
	})
}

// EMP-DUPLICATE does not count the 02 lines whose immatriculation is blank,
// 000000000 or 999999999; counted decides it from the line's key without
// reading the immatriculation. Files with two lines of each of those, and
// two of a non-numeric, signed or repeated immatriculation, must give the
// reference's report, with and without the préétabli.
func TestDuplicateExceptionsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	im, _ := cnssfile.LineLayout.Field("N_Num_Assure")
	values := []string{"000000000", "999999999", "         ", "12345678A", "+12345678", " 12345678", ""}
	sawDup := false
	for i := range 200 {
		preRaw, ds, _ := randomDS(t, r, 500+i, 30)
		recs := records(ds)
		var lines []int
		for k, rec := range recs {
			if strings.HasPrefix(rec, "B02") {
				lines = append(lines, k)
			}
		}
		if len(lines) < 4 {
			continue
		}
		for range 1 + r.IntN(3) {
			v := values[r.IntN(len(values))]
			if v == "" { // a repeated employee
				v = recs[lines[r.IntN(len(lines))]][im.Start:im.End()]
			}
			for range 2 {
				k := lines[r.IntN(len(lines))]
				recs[k] = recs[k][:im.Start] + v + recs[k][im.End():]
			}
		}
		data := join(recs)
		var pre *Preetabli
		if r.IntN(2) == 0 {
			pre, _ = ReadPreetabli(preRaw)
		}
		opt := Options{Preetabli: pre}
		wp, wrep := referenceValidate(data, opt, nil)
		for _, f := range wrep.Findings {
			sawDup = sawDup || f.Rule == EmpDuplicate
		}
		withFastPaths(t, func(fast bool) {
			p, rep := validateString(data, opt, nil)
			if !reflect.DeepEqual(rep, wrep) || !reflect.DeepEqual(p, wp) {
				t.Fatalf("file %d (fast %v): findings\n%v\nreference\n%v", i, fast, rep.Findings, wrep.Findings)
			}
		})
	}
	if !sawDup {
		t.Error("no file raised EMP-DUPLICATE")
	}
}

// FindFrom answers what Find answers, whatever the hint: the position
// itself, the ones around it, another employee's, negative, past the end;
// for every immatriculation of random préétablis altered the ways a file
// goes wrong (duplicates, blank, non-numeric or signed immatriculations,
// records out of order) and for strings in none of them.
func TestFindFromIsFind(t *testing.T) {
	r := rand.New(rand.NewPCG(71, 72))
	hits := 0
	for i := range 400 {
		n := []int{0, 1, 2, 5, 12, 40}[r.IntN(6)]
		raw := decltest.PreetabliBytes(decltest.Affiliation(5000+i), domain.NewPeriod(2026, 3), n, uint64(i))
		recs := records(raw)
		if i%4 != 0 {
			recs = alterRecords(r, recs, "A02", cnssfile.InsuredLayout)
		}
		pre, _ := ReadPreetabliString(join(recs))
		keys := []string{"", "000000000", "123456785", "12345678A", "+12345678", " 12345678", "012345678", "1234567890"}
		for _, in := range pre.File.Insured {
			keys = append(keys, in.Immat)
		}
		size := len(pre.File.Insured)
		withFastPaths(t, func(fast bool) {
			for ki, k := range keys {
				want, wok := pre.Find(k)
				for _, hint := range []int{-1, 0, ki - 9, ki - 8, ki - 7, want - 1, want, want + 1, size - 1, size, size + 3, r.IntN(size + 1)} {
					got, ok := pre.FindFrom(k, hint)
					if got != want || ok != wok {
						t.Fatalf("préétabli %d (fast %v): FindFrom(%q, %d) = %d, %v; Find %d, %v", i, fast, k, hint, got, ok, want, wok)
					}
					if ok && hint == got {
						hits++
					}
				}
			}
		})
	}
	if hits == 0 {
		t.Error("no hint was the employee's position")
	}
}
