package declaration

import (
	"bytes"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// checkReport asserts what must hold for any report on any input.
func checkReport(t *testing.T, rep *Report, nlines int) {
	for _, f := range rep.Findings {
		if _, ok := RuleByID(f.Rule); !ok {
			t.Fatalf("finding with unknown rule %q", f.Rule)
		}
		if f.Line < 0 || (f.Record == "" || f.Record[0] != 'A') && f.Line > nlines+1 {
			t.Fatalf("line %d out of range (%d lines): %v", f.Line, nlines, f)
		}
		for _, l := range i18n.Langs {
			if f.Message(l) == "" || f.Hint(l) == "" {
				t.Fatalf("empty text in %s: %v", l, f)
			}
		}
	}
}

// FuzzValidate: the DS/DSC reader and the whole catalogue never panic; a
// file with no finding at all re-encodes to itself (modulo BOM/CRLF/trailing
// blank lines).
func FuzzValidate(f *testing.F) {
	ds := vectorDSBytes(f)
	f.Add(ds)
	f.Add(bytes.ReplaceAll(ds, []byte("\n"), []byte("\r\n")))
	f.Add(ds[:300])
	f.Add([]byte("B00\nB01\n"))
	f.Add(bytes.ReplaceAll(ds, []byte("\nB02"), []byte("    \nB02"))) // lines of another width
	f.Fuzz(func(t *testing.T, data []byte) {
		parsed, rep := Validate(data, Options{Preetabli: fuzzPre})
		recs := cnssfile.Split(data)
		checkReport(t, rep, len(recs))
		// The plausibility checks read whatever Validate could parse, as the
		// current and as the previous month, and never block.
		vec, _ := Validate(ds, Options{})
		for _, f := range Plausibility(PlausibilityInput{Current: parsed, Previous: vec}) {
			if f.Blocking() || f.Message(i18n.AR) == "" {
				t.Fatalf("plausibility finding %v", f)
			}
		}
		Plausibility(PlausibilityInput{Current: vec, Previous: parsed,
			Employees: []KnownEmployee{{Immat: "123456785", Exit: domain.Date{Year: 2025, Month: 1, Day: 1}}}})
		// TAB is readable in an AN field but never written (cnss-edi.md §2),
		// so a file with one cannot round-trip.
		if len(rep.Findings) == 0 && !bytes.ContainsRune(data, '\t') {
			again, err := cnssfile.AppendDeclaration(nil, &parsed.Decl)
			if err != nil {
				t.Fatalf("a file without findings does not re-encode: %v", err)
			}
			var canon []byte
			for _, r := range recs {
				canon = append(append(canon, r.Raw...), '\n')
			}
			if !bytes.Equal(again, canon) {
				t.Fatalf("a file without findings does not round-trip:\n%q\n%q", again, canon)
			}
		}
	})
}

// FuzzReadPreetabli: the préétabli reader never panics, and a préétabli with no
// finding re-encodes to itself.
func FuzzReadPreetabli(f *testing.F) {
	pre := vectorPreetabliBytes(f)
	f.Add(pre)
	f.Add(pre[:500])
	f.Add(bytes.ReplaceAll(pre, []byte("\n"), []byte("\r\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, rep := ReadPreetabli(data)
		recs := cnssfile.Split(data)
		checkReport(t, rep, len(recs))
		if len(rep.Findings) == 0 && !bytes.ContainsRune(data, '\t') {
			again, err := cnssfile.AppendPreetabli(nil, &p.File)
			if err != nil {
				t.Fatal(err)
			}
			var canon []byte
			for _, r := range recs {
				canon = append(append(canon, r.Raw...), '\n')
			}
			if !bytes.Equal(again, canon) {
				t.Fatalf("round trip:\n%q\n%q", again, canon)
			}
			// A valid préétabli can always be declared (with every
			// employee marked as having left) without the builder failing.
			in := Input{Preetabli: p}
			for _, e := range p.File.Insured {
				in.Lines = append(in.Lines, MonthLine{Immat: e.Immat, Situation: "SO"})
			}
			if _, err := Build(in); err != nil && i18n.Code(err) != CodeNoPeriod {
				t.Fatalf("build: %v", err)
			}
		}
	})
}

var fuzzPre = func() *Preetabli {
	p, _ := ReadPreetabli(vectorPreetabliBytes(nil))
	return p
}()
