package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/domain"
)

// The test-case pack of internal/declaration/testdata/pack (its README.md
// describes the format): every case is run through the real commands and
// must give exactly its expected exit status, rule IDs and output file.
// `go test ./internal/cli -run TestPack -pack.write` regenerates the pack
// from the definitions below (then review the diff).

var packWrite = flag.Bool("pack.write", false, "rewrite internal/declaration/testdata/pack from its definitions")

const packDir = "../declaration/testdata/pack"

// packCase is the case.json of a case.
type packCase struct {
	Description string   `json:"description"`
	Command     string   `json:"command"` // "declare" or "validate"
	Args        []string `json:"args"`    // file names are relative to the case folder; options as --name=value or --name value
	Exit        int      `json:"exit"`
	Rules       []string `json:"rules"`            // the exact set of rule IDs reported (sorted)
	Output      string   `json:"output,omitempty"` // declare: the file expected in expected/
}

func TestPack(t *testing.T) {
	if *packWrite {
		writePack(t)
	}
	dirs, err := filepath.Glob(filepath.Join(packDir, "cases", "*"))
	if err != nil || len(dirs) < 15 {
		t.Fatalf("pack: %d cases, %v", len(dirs), err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var c packCase
			if err := json.Unmarshal([]byte(mustRead(t, filepath.Join(dir, "case.json"))), &c); err != nil {
				t.Fatal(err)
			}
			args := []string{c.Command}
			for _, a := range c.Args {
				if !strings.HasPrefix(a, "-") {
					a = filepath.Join(dir, a) // a file of the case
				}
				args = append(args, a)
			}
			out := t.TempDir()
			if c.Command == "declare" {
				args = append(args, "--out", out)
			}
			code, r := runJSON(t, args...)
			if code != c.Exit || r.ruleSet() != strings.Join(c.Rules, ",") {
				t.Errorf("%s\nexit %d, rules %q; want exit %d, rules %q\n%+v", c.Description, code, r.ruleSet(), c.Exit, strings.Join(c.Rules, ","), r.Findings)
			}
			if c.Output != "" {
				if got, want := mustRead(t, filepath.Join(out, c.Output)), mustRead(t, filepath.Join(dir, "expected", c.Output)); got != want {
					t.Errorf("%s differs from expected/%s", c.Output, c.Output)
				}
			} else if files := dirFiles(t, out); len(files) != 0 {
				t.Errorf("files written: %v", files)
			}
		})
	}
}

// writePack writes every case of the pack from the test vector.
func writePack(t *testing.T) {
	t.Helper()
	casesDir := filepath.Join(packDir, "cases")
	if err := os.RemoveAll(casesDir); err != nil {
		t.Fatal(err)
	}
	pre, pay, gold := mustRead(t, vectorPre), mustRead(t, vectorPay), mustRead(t, vectorGold)
	const preName = "AFFEBDS_1234567_202601.txt"
	type file struct{ name, content string }
	write := func(name string, c packCase, files ...file) {
		dir := filepath.Join(casesDir, name)
		for _, f := range files {
			p := filepath.Join(dir, f.name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(f.content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		sort.Strings(c.Rules)
		if c.Rules == nil {
			c.Rules = []string{}
		}
		b, _ := json.MarshalIndent(c, "", "  ")
		if err := os.WriteFile(filepath.Join(dir, "case.json"), append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	encode := func(edit func(d *cnssfile.Declaration)) string {
		d := goldenDecl(t)
		edit(&d)
		p := writeDecl(t, "x.txt", d)
		return mustRead(t, p)
	}
	recs := func(s string, edit func(r []string)) string {
		r := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
		edit(r)
		return strings.Join(r, "\n") + "\n"
	}
	declareCase := func(name, desc, csv string, extra []string, output, expected string, exit int, rules ...string) {
		c := packCase{Description: desc, Command: "declare", Args: append([]string{"--preetabli", preName, "--payroll", "paie.csv"}, extra...),
			Exit: exit, Rules: rules, Output: output}
		files := []file{{preName, pre}, {"paie.csv", csv}}
		if output != "" {
			files = append(files, file{"expected/" + output, expected})
		}
		write(name, c, files...)
	}
	validateCase := func(name, desc, fileName, content string, withPre bool, exit int, rules ...string) {
		c := packCase{Description: desc, Command: "validate", Args: []string{fileName}, Exit: exit, Rules: rules}
		files := []file{{fileName, content}}
		if withPre {
			c.Args = append(c.Args, "--preetabli", preName)
			files = append(files, file{preName, pre})
		}
		write(name, c, files...)
	}

	// Declarations built from a préétabli and a payroll.
	declareCase("D01-vector", "The test vector of cnss-edi.md §8: a normal month, a leaver (SO), a registered entrant.",
		pay, nil, dsFileName, gold, ExitOK)
	occ := encode(func(d *cnssfile.Declaration) {
		d.Entrants = append(d.Entrants, cnssfile.Entrant{Affiliation: "1234567", Period: d.Employer.Period, Immat: domain.ImmatOccasional,
			Name: "OCCASIONNEL", Days: 3, Real: domain.MAD(9000), Capped: domain.MAD(6000)})
	})
	declareCase("D02-occasional-labour-capped", "Occasional labour (999999999) above the ceiling: the capped salary is min(real, ceiling) = 6 000,00.",
		pay+"999999999;;OCCASIONNEL;;3;9 000,00;\n", nil, dsFileName, occ, ExitOK)
	noEnt := encode(func(d *cnssfile.Declaration) {
		d.Entrants = []cnssfile.Entrant{{Affiliation: "1234567", Period: d.Employer.Period}}
	})
	declareCase("D03-no-entrant", "No entrant: exactly one empty B04 (blank immatriculation, zeros), not counted in B05.",
		payrollHead+"123456785;;ALAMI;Ahmed;26;8 000,00;\n187654325;;BENNANI;Sara;0;0;SO\n", nil, dsFileName, noEnt, ExitOK)
	dsc := encode(func(d *cnssfile.Declaration) {
		d.Prefix, d.Header.Cat = 'E', "E1"
		d.Lines = []cnssfile.Line{{Insured: cnssfile.Insured{Affiliation: "1234567", Period: d.Employer.Period}}}
		d.Entrants = []cnssfile.Entrant{{Affiliation: "1234567", Period: d.Employer.Period, Immat: domain.ImmatNotRegistered,
			Name: "TAZI SALMA", CIN: "BK654321", Days: 12, Real: domain.MAD(3000), Capped: domain.MAD(3000)}}
	})
	declareCase("D04-complementary", "A complementary declaration DSC1: one empty E02, the forgotten entrant in E04 (unregistered, with a CIN).",
		payrollHead+";BK654321;Tazi;Salma;12;3 000,00;\n", []string{"--complementary=1"}, "DSC1_1234567_202601.txt", dsc, ExitOK)
	declareCase("D05-complementary-preetabli-employee", "A préétabli employee given as the entrant of a DSC: refused (ENT-PREETABLI), nothing written.",
		payrollHead+"123456785;;ALAMI;Ahmed;26;8 000,00;\n", []string{"--complementary=1"}, "", "", ExitFindings, "ENT-PREETABLI")
	declareCase("D06-missing-employee", "A préétabli employee without a payroll row: EMP-MISSING, nothing written.",
		payrollHead+"123456785;;ALAMI;Ahmed;26;8 000,00;\n112233441;BK123456;IDRISSI;Omar;20;4500;\n", nil, "", "", ExitFindings, "EMP-MISSING")

	// Files to validate, with the exact set of rules they raise.
	validateCase("V01-valid-crlf-bom", "The vector with CRLF terminators, a UTF-8 BOM and no final terminator: valid.",
		dsFileName, "\ufeff"+strings.TrimSuffix(strings.ReplaceAll(gold, "\n", "\r\n"), "\r\n"), true, ExitOK)
	validateCase("V02-sal-cap", "A capped salary above the ceiling (8 000,00 instead of 6 000,00), sums recomputed.",
		dsFileName, encode(func(d *cnssfile.Declaration) { d.Lines[0].Capped = domain.MAD(8000) }), true, ExitFindings, "SAL-CAP")
	validateCase("V03-occasional-capped-at-real", "Occasional labour capped at the real salary (the former decision): accepted.",
		dsFileName, encode(func(d *cnssfile.Declaration) {
			d.Entrants = append(d.Entrants, cnssfile.Entrant{Affiliation: "1234567", Period: d.Employer.Period, Immat: domain.ImmatOccasional,
				Days: 3, Real: domain.MAD(9000), Capped: domain.MAD(9000)})
		}), true, ExitOK)
	validateCase("V04-occasional-capped-wrong", "Occasional labour capped neither at min(real, ceiling) nor at real.",
		dsFileName, encode(func(d *cnssfile.Declaration) {
			d.Entrants = append(d.Entrants, cnssfile.Entrant{Affiliation: "1234567", Period: d.Employer.Period, Immat: domain.ImmatOccasional,
				Days: 3, Real: domain.MAD(9000), Capped: domain.MAD(7000)})
		}), true, ExitFindings, "SAL-CAP")
	validateCase("V05-sal-minimum-leaver", "A leaver (SO) with 26 days and no salary: SAL-MINIMUM (a warning) whatever the situation.",
		dsFileName, encode(func(d *cnssfile.Declaration) { d.Lines[1].Days = 26 }), true, ExitOK, "SAL-MINIMUM")
	validateCase("V06-cin-embedded-space", "An unregistered entrant whose CIN is written BK 98765.",
		dsFileName, encode(func(d *cnssfile.Declaration) {
			d.Entrants[0].Immat, d.Entrants[0].CIN = domain.ImmatNotRegistered, "BK 98765"
		}),
		false, ExitFindings, "ENT-CIN")
	validateCase("V07-right-aligned-name-and-cin", "The entrant's name and CIN right-aligned in their fields.",
		dsFileName, recs(encode(func(d *cnssfile.Declaration) { d.Entrants[0].CIN = "A12345" }), func(r []string) {
			r[5] = r[5][:25] + fmt.Sprintf("%60s%8s", "IDRISSI OMAR", "A12345") + r[5][93:]
		}), false, ExitFindings, "FMT-ALIGN")
	validateCase("V08-dsc-name-b-records", "A principal declaration (B records) in a file named DSC1_….",
		"DSC1_1234567_202601.txt", gold, true, ExitFindings, "FMT-TYPE")
	validateCase("V09-264-character-lines", "B02 lines 264 characters wide: one FMT-LENGTH for the run, no EMP-MISSING cascade.",
		dsFileName, recs(gold, func(r []string) { r[2] += "    "; r[3] += "    " }), true, ExitFindings, "FMT-LENGTH")
	validateCase("V10-entrant-in-preetabli", "A préétabli employee declared in B04 instead of B02.",
		dsFileName, encode(func(d *cnssfile.Declaration) { d.Lines = d.Lines[:1]; d.Entrants[0].Immat = "187654325" }),
		true, ExitFindings, "EMP-MISSING", "ENT-PREETABLI")
	validateCase("V11-days-range", "27 days declared (26 at most in 2026).",
		dsFileName, encode(func(d *cnssfile.Declaration) { d.Lines[0].Days = 27 }), true, ExitFindings, "DAYS-RANGE")
	validateCase("V12-ctr-line", "A control sum edited by hand (the totals no longer match either).",
		dsFileName, recs(gold, func(r []string) { r[5] = r[5][:117] + "0000000000113133462" + r[5][136:] }), false, ExitFindings, "CTR-LINE", "CTR-TOTALS")
	validateCase("V13-sit-zero-mp", "Occupational disease (MP) with days and a salary.",
		dsFileName, encode(func(d *cnssfile.Declaration) {
			d.Lines[1].Situation, d.Lines[1].Days, d.Lines[1].Real, d.Lines[1].Capped = domain.SitOccDisease, 5, domain.MAD(2000), domain.MAD(2000)
		}), true, ExitFindings, "SIT-ZERO")
	validateCase("V14-windows-1252", "A name with a Windows-1252 É: the record is 260 bytes but not ASCII.",
		dsFileName, recs(gold, func(r []string) { r[5] = r[5][:29] + "\xc9" + r[5][30:] }), false, ExitFindings, "FMT-CHARSET")
	validateCase("V15-preetabli-as-declaration", "The préétabli given where a declaration is expected.",
		preName, pre, false, ExitFindings, "FMT-TYPE")

	// Plausibility against the previous month.
	prev := encode(func(d *cnssfile.Declaration) {
		d.Employer.Period = d.Employer.Period.Prev()
		d.Lines[0].Real, d.Lines[0].Capped = domain.MAD(4000), domain.MAD(4000)
	})
	write("P01-previous-month", packCase{Description: "With the previous month's DS: ALAMI's salary doubled (PLA-SALARY) and the payroll grew by 38 % (PLA-PAYROLL); warnings only.",
		Command: "validate", Args: []string{dsFileName, "--preetabli", preName, "--previous", "previous/DS_1234567_202512.txt"}, Exit: ExitOK,
		Rules: []string{"PLA-PAYROLL", "PLA-SALARY"}},
		file{dsFileName, gold}, file{preName, pre}, file{"previous/DS_1234567_202512.txt", prev})
}
