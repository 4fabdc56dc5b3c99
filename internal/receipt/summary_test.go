package receipt

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// sums are totals recomputed from the lines, independently of the file's.
type sums struct {
	count, days  int64
	real, capped domain.Money
}

func lineSums(d *cnssfile.Declaration) (lines, entrants sums) {
	for _, l := range d.Lines {
		if l.Immat == "" {
			continue
		}
		lines.count++
		lines.days += int64(l.Days)
		lines.real += l.Real
		lines.capped += l.Capped
	}
	for _, e := range d.Entrants {
		if e.IsEmpty() {
			continue
		}
		entrants.count++
		entrants.days += int64(e.Days)
		entrants.real += e.Real
		entrants.capped += e.Capped
	}
	return lines, entrants
}

var spaces2 = regexp.MustCompile(`\s{2,}`)

// tableRow finds the line of text starting with label and returns its
// columns (separated by two spaces or more).
func tableRow(t *testing.T, text, label string) []string {
	t.Helper()
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, label) {
			return spaces2.Split(l, -1)
		}
	}
	t.Fatalf("no line %q", label)
	return nil
}

// complementarySummary is the summary of a DSC2 with five entrants.
func complementarySummary(t testing.TB) Summary {
	aff := decltest.Affiliation(765432)
	raw := decltest.PreetabliBytes(aff, period, 4, 3)
	p, rep := declaration.ReadPreetabli(raw)
	if !rep.Valid() {
		t.Fatal("préétabli not valid")
	}
	in := declaration.Input{Preetabli: p, Sequence: 2}
	for i := 0; i < 5; i++ {
		last, first := decltest.Name(i)
		in.Entrants = append(in.Entrants, declaration.EntrantLine{Immat: decltest.Immat(60_000_000 + i*31), LastName: last, FirstName: first, Days: 10 + i, Gross: domain.Money(250000 + i*12345)})
	}
	res, err := declaration.Build(in)
	if err != nil || res.Bytes == nil {
		t.Fatalf("DSC2 not built: %v", err)
	}
	return Summary{Decl: res.Decl, SHA256: res.SHA256, Estimate: res.Estimate, CreatedAt: utc(2026, 2, 12, 14, 5)}
}

// TestSummaryTotals: the totals shown (the 03, 05 and 06 records and the
// subtotal rows of the detail table) equal the sums of the lines.
func TestSummaryTotals(t *testing.T) {
	for _, tc := range []struct {
		name string
		mk   func(testing.TB) Summary
	}{
		{"vector", vectorSummary},
		{"generated", func(tb testing.TB) Summary { return bigSummary(tb, 300, 25) }},
		{"complementary", complementarySummary},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.mk(t)
			d := &s.Decl
			ls, es := lineSums(d)
			gs := sums{ls.count + es.count, ls.days + es.days, ls.real + es.real, ls.capped + es.capped}
			pre := string(d.Prefix)
			pdf, err := SummaryPDF(s)
			if err != nil {
				t.Fatal(err)
			}
			text := pdfToText(t, pdf, "-layout", "-nodiag")
			for _, row := range []struct {
				label, sub string
				want       sums
			}{
				{pre + "03 — salariés du préétabli", "Total des lignes " + pre + "02 (" + pre + "03)", ls},
				{pre + "05 — entrants", "Total des lignes " + pre + "04 (" + pre + "05)", es},
				{pre + "06 — total général", "Total général (" + pre + "06)", gs},
			} {
				got := tableRow(t, text, row.label)
				want := []string{row.label, formatInt(row.want.count), formatInt(row.want.days), row.want.real.FormatMAD(), row.want.capped.FormatMAD()}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("totals row %q, want %q", got, want)
				}
				got = tableRow(t, text, row.sub)
				want = []string{row.sub + " : " + formatInt(row.want.count) + " salarié" + map[bool]string{true: "s"}[row.want.count > 1],
					formatInt(row.want.days), row.want.real.String(), row.want.capped.String()}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("subtotal row %q, want %q", got, want)
				}
			}
		})
	}
}

var rowRE = regexp.MustCompile(`^\s*(\d+)\s+(\d{9})\s`)

// TestBigSummary: a 2 500-employee declaration is readable: every line in
// order with its number, the running header, the column headings and
// "page x / y" on every page, a sensible number of pages.
func TestBigSummary(t *testing.T) {
	const employees, entrants = 2500, 40
	s := bigSummary(t, employees, entrants)
	s.Sandbox = true
	pdf, info, err := renderSummary(s)
	if err != nil {
		t.Fatal(err)
	}
	n := pages(t, pdf)
	if n != info.pages {
		t.Fatalf("pdfinfo says %d pages, the renderer %d", n, info.pages)
	}
	// Bounds from the geometry: full pages of rows, plus the first page
	// (header blocks) and the legend.
	var usable float64 = bottomY - sumTop - headRowH
	perPage := int(usable / rowH)
	if lo, hi := (info.tableRows+perPage-1)/perPage, (info.tableRows+perPage-1)/perPage+2; n < lo || n > hi {
		t.Errorf("%d pages for %d table rows, want %d to %d", n, info.tableRows, lo, hi)
	}
	texts := pageTexts(pdfToText(t, pdf, "-layout", "-nodiag"))
	if len(texts) != n {
		t.Fatalf("%d pages of text, want %d", len(texts), n)
	}
	var immats []string
	entrantMarks := 0
	for i, pt := range texts {
		for _, want := range []string{"page " + strconv.Itoa(i+1) + " / " + strconv.Itoa(n), "Affiliation " + s.Employer.Affiliation,
			"Bordereau récapitulatif — Déclaration principale (DS) — janvier 2026", "Document d'entraînement (sandbox) : sans valeur légale"} {
			if !strings.Contains(pt, want) {
				t.Errorf("page %d: %q missing", i+1, want)
			}
		}
		if i < n-1 && !strings.Contains(pt, "Nom et prénom") {
			t.Errorf("page %d: no column headings", i+1)
		}
		for _, l := range strings.Split(pt, "\n") {
			m := rowRE.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			if m[1] != strconv.Itoa(len(immats)+1) {
				t.Fatalf("page %d: row number %s after %d rows", i+1, m[1], len(immats))
			}
			immats = append(immats, m[2])
			if strings.HasSuffix(strings.TrimSpace(l), " E") {
				entrantMarks++
			}
		}
	}
	var want []string
	for _, l := range s.Decl.Lines {
		want = append(want, l.Immat)
	}
	for _, e := range s.Decl.Entrants {
		want = append(want, e.Immat)
	}
	if strings.Join(immats, ",") != strings.Join(want, ",") {
		t.Errorf("%d rows read back, want the %d lines in file order", len(immats), len(want))
	}
	// Entrants without an immatriculation (CIN only) are rows too, but
	// rowRE needs 9 digits: all entrants here have one (000000000 for
	// the unregistered).
	if entrantMarks != entrants {
		t.Errorf("%d rows marked E, want %d", entrantMarks, entrants)
	}
}

func TestComplementarySummary(t *testing.T) {
	s := complementarySummary(t)
	pdf, err := SummaryPDF(s)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfToText(t, pdf, "-layout", "-nodiag")
	for _, want := range []string{"Déclaration complémentaire n° 2 (DSC2)", "DSC2_" + s.Decl.Employer.Affiliation + "_202601.txt",
		"Aucune ligne E02.", "Entrants (lignes E04)", "E06 — total général", "édité le 12/02/2026 15:05"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing", want)
		}
	}
}

// TestSummaryDefaults: a Summary with the declaration only takes the
// employer, period, kind and file name from it and stays deterministic.
func TestSummaryDefaults(t *testing.T) {
	_, decl := vector(t)
	pdf, err := SummaryPDF(Summary{Decl: decl})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfToText(t, pdf, "-layout", "-nodiag")
	for _, want := range []string{"SOCIETE EXEMPLE SARL", "Affiliation 1234567", "DS_1234567_202601.txt", "Déclaration principale (DS)",
		"édité le 01/02/2026 00:00", "Date limite de dépôt"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing", want)
		}
	}
}

func TestSummaryInvalid(t *testing.T) {
	for _, tc := range []struct {
		name  string
		s     Summary
		field string
	}{
		{"empty", Summary{}, "employer.affiliation"},
		{"no period", Summary{Employer: Employer{Affiliation: "1234567"}}, "period"},
		{"bad digest", Summary{Employer: Employer{Affiliation: "1234567"}, Period: period, SHA256: "xyz"}, "sha256"},
		{"bad sequence", Summary{Employer: Employer{Affiliation: "1234567"}, Period: period, Kind: declaration.Complementary}, "sequence"},
		{"bad kind", Summary{Employer: Employer{Affiliation: "1234567"}, Period: period, Kind: "x"}, "kind"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := SummaryPDF(tc.s)
			var ue *i18n.Error
			if !errors.As(err, &ue) || ue.Code != CodeInvalid || ue.Field != tc.field {
				t.Fatalf("got %v, want %s on %s", err, CodeInvalid, tc.field)
			}
		})
	}
}
