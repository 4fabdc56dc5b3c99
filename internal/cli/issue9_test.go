package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
)

// The regression tests of the defects of issue 9, run through the commands
// as a user or a vendor would. Rule IDs are spelled out: they are the
// contract scripts rely on.

type jsonReport struct {
	Valid    bool `json:"valid"`
	Errors   int  `json:"errors"`
	Warnings int  `json:"warnings"`
	Findings []struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		Record   string `json:"record"`
		Line     int    `json:"line"`
		Field    string `json:"field"`
		Message  string `json:"message"`
		Hint     string `json:"hint"`
	} `json:"findings"`
	Output *string `json:"output"`
}

// runJSON runs a command with --format json and decodes its report.
func runJSON(t *testing.T, args ...string) (int, jsonReport) {
	t.Helper()
	code, stdout, stderr := run(t, append(args, "--format", "json")...)
	var r jsonReport
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("exit %d: %v\n%s\n%s", code, err, stdout, stderr)
	}
	return code, r
}

// ruleSet is the sorted set of rule IDs of a report.
func (r jsonReport) ruleSet() string {
	seen := map[string]bool{}
	var ids []string
	for _, f := range r.Findings {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			ids = append(ids, f.Rule)
		}
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

func (r jsonReport) count(rule string) int {
	n := 0
	for _, f := range r.Findings {
		if f.Rule == rule {
			n++
		}
	}
	return n
}

// goldenDecl is the test vector's declaration, typed.
func goldenDecl(t *testing.T) cnssfile.Declaration {
	t.Helper()
	p, rep := declaration.Validate([]byte(mustRead(t, vectorGold)), declaration.Options{})
	if !rep.Valid() {
		t.Fatalf("golden: %v", rep.Findings)
	}
	d := p.Decl
	d.Lines = append([]cnssfile.Line(nil), d.Lines...)
	d.Entrants = append([]cnssfile.Entrant(nil), d.Entrants...)
	return d
}

// writeDecl recomputes the sums of d, encodes it and writes it as name.
func writeDecl(t *testing.T, name string, d cnssfile.Declaration) string {
	t.Helper()
	declaration.Finalize(&d)
	b, err := cnssfile.AppendDeclaration(nil, &d)
	if err != nil {
		t.Fatal(err)
	}
	return writeTemp(t, name, string(b))
}

// editRecords rewrites the records of a file with f (terminators kept).
func editRecords(t *testing.T, path string, f func(recs []string)) {
	t.Helper()
	recs := strings.Split(strings.TrimSuffix(mustRead(t, path), "\n"), "\n")
	f(recs)
	if err := os.WriteFile(path, []byte(strings.Join(recs, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Defect 1: a préétabli employee as an entrant, in a DSC and in a DS.
func TestIssue9PreetabliEmployeeAsEntrant(t *testing.T) {
	// declare --complementary with a row of the préétabli: refused, no file.
	pay := writeTemp(t, "oublies.csv", payrollHead+"123456785;;ALAMI;Ahmed;26;8 000,00;\n")
	out := t.TempDir()
	code, r := runJSON(t, "declare", "--preetabli", vectorPre, "--payroll", pay, "--out", out, "--complementary", "1")
	if code != ExitFindings || r.Output != nil || r.ruleSet() != "ENT-PREETABLI" || len(dirFiles(t, out)) != 0 {
		t.Errorf("declare --complementary with a préétabli employee: exit %d, rules %s, output %v, files %v", code, r.ruleSet(), r.Output, dirFiles(t, out))
	}
	// Near miss: a real forgotten entrant, registered, goes through.
	pay = writeTemp(t, "oublies.csv", payrollHead+"112233441;BK123456;IDRISSI;Omar;20;4500;\n")
	if code, r = runJSON(t, "declare", "--preetabli", vectorPre, "--payroll", pay, "--out", out, "--complementary", "1"); code != ExitOK {
		t.Errorf("forgotten entrant: exit %d, rules %s", code, r.ruleSet())
	}

	// validate --preetabli of a DSC whose E04 is a préétabli employee.
	d := goldenDecl(t)
	d.Prefix, d.Header.Cat = 'E', "E1"
	d.Lines = []cnssfile.Line{{Insured: cnssfile.Insured{Affiliation: d.Employer.Affiliation, Period: d.Employer.Period}}}
	d.Entrants[0].Immat, d.Entrants[0].CIN = "187654325", ""
	dsc := writeDecl(t, "DSC1_1234567_202601.txt", d)
	if code, r = runJSON(t, "validate", dsc, "--preetabli", vectorPre); code != ExitFindings || r.ruleSet() != "ENT-PREETABLI" {
		t.Errorf("validate DSC with a préétabli employee: exit %d, rules %s", code, r.ruleSet())
	}
	// In a principal declaration: the employee is on no B02 line but in B04.
	d = goldenDecl(t)
	d.Lines = d.Lines[:1]
	d.Entrants[0].Immat = "187654325"
	ds := writeDecl(t, dsFileName, d)
	if code, r = runJSON(t, "validate", ds, "--preetabli", vectorPre); code != ExitFindings || r.ruleSet() != "EMP-MISSING,ENT-PREETABLI" {
		t.Errorf("validate DS with a préétabli employee in B04: exit %d, rules %s", code, r.ruleSet())
	}
	// Without the préétabli nothing can tell.
	if code, r = runJSON(t, "validate", dsc); code != ExitOK {
		t.Errorf("DSC without préétabli: exit %d, rules %s", code, r.ruleSet())
	}
}

// Defect 2: occasional labour is capped when written; either value is
// accepted when validating.
func TestIssue9OccasionalLabourCapped(t *testing.T) {
	pay := writeTemp(t, "paie.csv", strings.TrimPrefix(mustRead(t, vectorPay), "")+"999999999;;OCCASIONNEL;;3;9 000,00;\n")
	out := t.TempDir()
	code, r := runJSON(t, "declare", "--preetabli", vectorPre, "--payroll", pay, "--out", out)
	if code != ExitOK {
		t.Fatalf("declare: exit %d, rules %s", code, r.ruleSet())
	}
	p, _ := declaration.Validate([]byte(mustRead(t, filepath.Join(out, dsFileName))), declaration.Options{})
	var occ *cnssfile.Entrant
	for i := range p.Decl.Entrants {
		if p.Decl.Entrants[i].Immat == domain.ImmatOccasional {
			occ = &p.Decl.Entrants[i]
		}
	}
	if occ == nil || occ.Real != domain.MAD(9000) || occ.Capped != domain.MAD(6000) {
		t.Fatalf("occasional labour written as %+v, want real 9 000,00 capped 6 000,00", occ)
	}
	for _, tc := range []struct {
		capped domain.Money
		rules  string
	}{
		{domain.MAD(6000), ""},        // min(real, ceiling): every vendor
		{domain.MAD(9000), ""},        // real: the former decision
		{domain.MAD(7000), "SAL-CAP"}, // neither
		{domain.MAD(5000), "SAL-CAP"},
	} {
		d := goldenDecl(t)
		d.Entrants = append(d.Entrants, cnssfile.Entrant{Affiliation: "1234567", Period: d.Employer.Period,
			Immat: domain.ImmatOccasional, Days: 3, Real: domain.MAD(9000), Capped: tc.capped})
		f := writeDecl(t, dsFileName, d)
		if _, r := runJSON(t, "validate", f, "--preetabli", vectorPre); r.ruleSet() != tc.rules {
			t.Errorf("occasional capped at %s: rules %q, want %q", tc.capped.FormatMAD(), r.ruleSet(), tc.rules)
		}
	}
	// Anyone else capped at the real salary above the ceiling is still wrong.
	d := goldenDecl(t)
	d.Entrants[0].Real, d.Entrants[0].Capped = domain.MAD(9000), domain.MAD(9000)
	if _, r := runJSON(t, "validate", writeDecl(t, dsFileName, d)); r.ruleSet() != "SAL-CAP" {
		t.Errorf("registered entrant capped at real: rules %q", r.ruleSet())
	}
}

// Defect 3: SAL-MINIMUM on every line with days > 0, whatever its situation.
func TestIssue9MinimumWhateverTheSituation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(d *cnssfile.Declaration)
		rules string
	}{
		{"SO with 26 days and nothing paid", func(d *cnssfile.Declaration) { d.Lines[1].Days = 26 }, "SAL-MINIMUM"},
		{"IL with 20 days and 100,00", func(d *cnssfile.Declaration) {
			d.Lines[0].Situation, d.Lines[0].Days, d.Lines[0].Real, d.Lines[0].Capped = domain.SitSick, 20, domain.MAD(100), domain.MAD(100)
		}, "SAL-MINIMUM"},
		{"entrant with 20 days and 100,00", func(d *cnssfile.Declaration) {
			d.Entrants[0].Real, d.Entrants[0].Capped = domain.MAD(100), domain.MAD(100)
		}, "SAL-MINIMUM"},
		// Near misses: no days, or a salary just above SMIG/26 × (days − 1).
		{"SO without days", func(d *cnssfile.Declaration) {}, ""},
		{"IL with 20 days at the minimum", func(d *cnssfile.Declaration) {
			d.Lines[0].Situation, d.Lines[0].Days, d.Lines[0].Real, d.Lines[0].Capped = domain.SitSick, 20, 250122, 250122
		}, "PLA-SMIG-DAY"}, // no SAL-MINIMUM; below the daily SMIG × 20 days: information only
	} {
		d := goldenDecl(t)
		tc.edit(&d)
		code, r := runJSON(t, "validate", writeDecl(t, dsFileName, d), "--preetabli", vectorPre)
		if r.ruleSet() != tc.rules || code != ExitOK {
			t.Errorf("%s: exit %d, rules %q, want %q (not blocking)", tc.name, code, r.ruleSet(), tc.rules)
		}
	}
}

// Defect 4: what vendor files showed that validate let through.
func TestIssue9ValidateGaps(t *testing.T) {
	t.Run("CIN with an embedded space", func(t *testing.T) {
		d := goldenDecl(t)
		d.Entrants[0].Immat, d.Entrants[0].CIN = domain.ImmatNotRegistered, "BK 98765"
		if code, r := runJSON(t, "validate", writeDecl(t, dsFileName, d)); code != ExitFindings || r.ruleSet() != "ENT-CIN" {
			t.Errorf("exit %d, rules %s", code, r.ruleSet())
		}
		d.Entrants[0].CIN = "BK98765" // near miss
		if code, r := runJSON(t, "validate", writeDecl(t, dsFileName, d)); code != ExitOK {
			t.Errorf("BK98765: exit %d, rules %s", code, r.ruleSet())
		}
	})
	t.Run("CIN with a leading space, right-aligned name and CIN", func(t *testing.T) {
		d := goldenDecl(t)
		d.Entrants[0].Immat, d.Entrants[0].CIN = domain.ImmatNotRegistered, "A12345"
		f := writeDecl(t, dsFileName, d)
		if code, r := runJSON(t, "validate", f); code != ExitOK {
			t.Fatalf("left-aligned: exit %d, rules %s", code, r.ruleSet())
		}
		editRecords(t, f, func(recs []string) {
			recs[5] = recs[5][:25] + fmt.Sprintf("%60s%8s", "IDRISSI OMAR", "A12345") + recs[5][93:]
		})
		code, r := runJSON(t, "validate", f)
		if code != ExitFindings || r.ruleSet() != "FMT-ALIGN" || r.count("FMT-ALIGN") != 2 {
			t.Errorf("right-aligned: exit %d, rules %s, %d findings", code, r.ruleSet(), len(r.Findings))
		}
	})
	t.Run("right-aligned name on a B02", func(t *testing.T) {
		f := writeTemp(t, dsFileName, mustRead(t, vectorGold))
		editRecords(t, f, func(recs []string) { recs[2] = recs[2][:25] + fmt.Sprintf("%60s", "ALAMI AHMED") + recs[2][85:] })
		if code, r := runJSON(t, "validate", f); code != ExitFindings || r.ruleSet() != "FMT-ALIGN" {
			t.Errorf("exit %d, rules %s", code, r.ruleSet())
		}
	})
	t.Run("DSC name holding B records", func(t *testing.T) {
		f := writeTemp(t, "DSC1_1234567_202601.txt", mustRead(t, vectorGold))
		if code, r := runJSON(t, "validate", f, "--preetabli", vectorPre); code != ExitFindings || r.ruleSet() != "FMT-TYPE" {
			t.Errorf("exit %d, rules %s", code, r.ruleSet())
		}
		// Near miss: the same bytes under their own name, or any other name.
		for _, name := range []string{dsFileName, "declaration.txt", "ds_1234567_202601.txt"} {
			f := writeTemp(t, name, mustRead(t, vectorGold))
			if code, r := runJSON(t, "validate", f, "--preetabli", vectorPre); code != ExitOK {
				t.Errorf("%s: exit %d, rules %s", name, code, r.ruleSet())
			}
		}
	})
	t.Run("264-character B02 lines: one cause, no cascade", func(t *testing.T) {
		f := writeTemp(t, dsFileName, mustRead(t, vectorGold))
		editRecords(t, f, func(recs []string) {
			recs[2] += "    "
			recs[3] += "    "
		})
		code, r := runJSON(t, "validate", f, "--preetabli", vectorPre)
		if code != ExitFindings || r.ruleSet() != "FMT-LENGTH" || len(r.Findings) != 1 || r.Findings[0].Line != 3 ||
			!strings.Contains(r.Findings[0].Message, "264") {
			t.Errorf("exit %d, %d findings, rules %s: %+v", code, len(r.Findings), r.ruleSet(), r.Findings)
		}
	})
}

// Plausibility through the commands: --previous on declare and validate,
// never blocking; a file that is not a DS as --previous is a usage error.
func TestPreviousDeclaration(t *testing.T) {
	prev := goldenDecl(t)
	prev.Employer.Period = prev.Employer.Period.Prev()
	prev.Lines[0].Real = domain.MAD(4000)
	prev.Lines[0].Capped = domain.MAD(4000)
	prevFile := writeDecl(t, "DS_1234567_202512.txt", prev)

	out := t.TempDir()
	code, r := runJSON(t, "declare", "--preetabli", vectorPre, "--payroll", vectorPay, "--out", out, "--previous", prevFile)
	if code != ExitOK || r.Output == nil || r.ruleSet() != "PLA-PAYROLL,PLA-SALARY" || r.Errors != 0 || r.Warnings != 2 {
		t.Errorf("declare --previous: exit %d, rules %s, %+v", code, r.ruleSet(), r)
	}
	code, r = runJSON(t, "validate", vectorGold, "--previous", prevFile, "--preetabli", vectorPre, "--lang", "ar")
	if code != ExitOK || r.ruleSet() != "PLA-PAYROLL,PLA-SALARY" || !strings.Contains(r.Findings[0].Message, "8 000,00") {
		t.Errorf("validate --previous: exit %d, rules %s, %+v", code, r.ruleSet(), r.Findings)
	}
	// Near miss: the same month as its own previous is the wrong month.
	if code, r = runJSON(t, "validate", vectorGold, "--previous", vectorGold); code != ExitOK || r.ruleSet() != "PLA-PREVIOUS" {
		t.Errorf("validate --previous itself: exit %d, rules %s", code, r.ruleSet())
	}
	// Not a declaration: usage error, nothing written.
	out2 := t.TempDir()
	code, stdout, stderr := run(t, "declare", "--preetabli", vectorPre, "--payroll", vectorPay, "--out", out2, "--previous", vectorPre)
	if code != ExitUsage || stdout != "" || !strings.Contains(stderr, "--previous") || len(dirFiles(t, out2)) != 0 {
		t.Errorf("--previous préétabli: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr = run(t, "validate", vectorGold, "--previous", sparse(t, "big.txt", 1<<40)); code != ExitUsage || !strings.Contains(stderr, "big.txt") {
		t.Errorf("--previous too large: exit %d %s", code, stderr)
	}
}
