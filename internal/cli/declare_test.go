package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	vectorPre   = "testdata/AFFEBDS_1234567_202601.txt"
	vectorPay   = "testdata/paie_202601.csv"
	vectorGold  = "../declaration/testdata/golden/DS_1234567_202601.txt"
	dsFileName  = "DS_1234567_202601.txt"
	payrollHead = "immatriculation;cin;nom;prenom;jours;salaire;situation\n"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := RunEnv(&Env{Ctx: context.Background(), Args: args, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// dirFiles lists the files of dir (to prove nothing partial was left).
func dirFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestDeclareVector(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := run(t, "declare", "--preetabli", vectorPre, "--payroll", vectorPay, "--out", out, "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	var rep struct {
		File     string            `json:"file"`
		Valid    bool              `json:"valid"`
		Errors   int               `json:"errors"`
		Warnings int               `json:"warnings"`
		Findings []json.RawMessage `json:"findings"`
		Output   *string           `json:"output"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	want := filepath.Join(out, dsFileName)
	if !rep.Valid || rep.Errors != 0 || rep.Findings == nil || len(rep.Findings) != 0 || rep.Output == nil || *rep.Output != want {
		t.Errorf("report %+v", rep)
	}
	got, _ := os.ReadFile(want)
	gold, _ := os.ReadFile(vectorGold)
	if !bytes.Equal(got, gold) {
		t.Errorf("written file differs from the golden vector")
	}
	if names := dirFiles(t, out); len(names) != 1 {
		t.Errorf("files left in --out: %v", names)
	}
}

func TestDeclareCommaSeparatorAndEnglishHeaders(t *testing.T) {
	pay := writeTemp(t, "pay.csv", "\ufeffImmatriculation,CIN,Last_Name,First_Name,Days,Salary,Situation\r\n"+
		"123456785,,Alami,Ahmed,26,8000.00,\r\n187654325,,Bennani,Sara,,,so\r\n112233441,bk123456,Idrissi,Omar,20,4500,\r\n")
	out := t.TempDir()
	code, stdout, _ := run(t, "declare", "--preetabli", vectorPre, "--payroll", pay, "--out", out)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	got, _ := os.ReadFile(filepath.Join(out, dsFileName))
	gold, _ := os.ReadFile(vectorGold)
	if !bytes.Equal(got, gold) {
		t.Errorf("differs from the golden vector")
	}
}

func TestDeclareBadInput(t *testing.T) {
	cases := []struct {
		name    string
		payroll string
		code    int
		want    []string // substrings of stdout+stderr
	}{
		{"bad number", payrollHead + "123456785;;ALAMI;AHMED;26;8OOO;\n", ExitUsage, []string{"ligne 2", "salary", "8OOO"}},
		{"three decimals", payrollHead + "123456785;;ALAMI;AHMED;26;8000,505;\n", ExitUsage, []string{"ligne 2", "deux décimales"}},
		{"negative salary", payrollHead + "123456785;;ALAMI;AHMED;26;-8000;\n", ExitUsage, []string{"ligne 2", "négatif"}},
		{"negative days", payrollHead + "123456785;;ALAMI;AHMED;-2;8000;\n", ExitUsage, []string{"ligne 2", "days", "négatif"}},
		{"decimal days", payrollHead + "123456785;;ALAMI;AHMED;2.5;8000;\n", ExitUsage, []string{"ligne 2", "days"}},
		{"missing column", "immatriculation;nom;jours\n123456785;ALAMI;26\n", ExitUsage, []string{"ligne 1", "salary"}},
		{"unknown column", "immatriculation;nom;jours;salaire;poste\n", ExitUsage, []string{"ligne 1", "poste"}},
		{"duplicate column", "immatriculation;nom;jours;salaire;jours\n", ExitUsage, []string{"jours", "deux fois"}},
		{"bad immatriculation", payrollHead + "12345678;;ALAMI;AHMED;26;8000;\n", ExitUsage, []string{"ligne 2", "9 chiffres"}},
		{"wrong cell count", payrollHead + "123456785;;ALAMI;AHMED;26\n", ExitUsage, []string{"ligne 2", "5 valeurs"}},
		{"not UTF-8", payrollHead + "112233441;BK1;IDRISS\xc9;OMAR;20;4500;\n", ExitUsage, []string{"ligne 2", "UTF-8"}},
		{"empty file", "", ExitUsage, []string{"vide"}},
		{"broken quotes", payrollHead + "123456785;;\"ALAMI;AHMED;26;8000;\n", ExitUsage, []string{"CSV"}},
		{"missing préétabli employee", payrollHead + "123456785;;ALAMI;AHMED;26;8000;\n", ExitFindings, []string{"EMP-MISSING", "187654325", "SO"}},
		{"duplicate employee", payrollHead + "123456785;;ALAMI;AHMED;26;8000;\n123456785;;ALAMI;AHMED;2;800;\n187654325;;;;;;SO\n",
			ExitFindings, []string{"EMP-DUPLICATE", "ligne 3"}},
		{"unencodable name", payrollHead + "123456785;;;;26;8000;\n187654325;;;;;;SO\n;BK1;Øster;Ole;3;900;\n",
			ExitFindings, []string{"FMT-CHARSET", "Ø", "ligne 4"}},
		{"invalid situation", payrollHead + "123456785;;;;26;8000;\n187654325;;;;;;MA\n", ExitFindings, []string{"SIT-CODE", "MA"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pay := writeTemp(t, "paie.csv", tc.payroll)
			out := t.TempDir()
			code, stdout, stderr := run(t, "declare", "--preetabli", vectorPre, "--payroll", pay, "--out", out)
			all := stdout + stderr
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s", code, tc.code, all)
			}
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("output lacks %q:\n%s", w, all)
				}
			}
			if names := dirFiles(t, out); len(names) != 0 {
				t.Errorf("partial output left: %v", names)
			}
			if strings.Contains(all, "panic") || strings.Contains(all, "goroutine") {
				t.Errorf("crash output:\n%s", all)
			}
		})
	}
}

// A payroll over the importer's limit is refused by the importer's bounded
// read (its message: the limit, split the file), whatever its size: the CLI
// does not read it whole first. Sparse, so cheap on disk.
func TestDeclarePayrollTooLarge(t *testing.T) {
	pay := filepath.Join(t.TempDir(), "paie.csv")
	if err := os.WriteFile(pay, nil, 0o600); err != nil || os.Truncate(pay, 300<<20) != nil {
		t.Fatal("sparse file")
	}
	out := t.TempDir()
	code, stdout, stderr := run(t, "declare", "--preetabli", vectorPre, "--payroll", pay, "--out", out)
	if all := stdout + stderr; code != ExitUsage || !strings.Contains(all, "64 Mo") || !strings.Contains(all, "découpez") {
		t.Errorf("exit %d:\n%s", code, all)
	}
	if names := dirFiles(t, out); len(names) != 0 {
		t.Errorf("output written: %v", names)
	}
}

func TestDeclareBadPreetabli(t *testing.T) {
	gold, _ := os.ReadFile(vectorPre)
	lines := strings.SplitAfter(string(gold), "\n")
	badTotals := strings.Join(lines[:4], "") + lines[4][:16] + "000009" + lines[4][22:]
	cases := []struct {
		name, pre string
		code      int
		want      string
	}{
		{"totals do not match", badTotals, ExitFindings, "PRE-TOTALS"},
		{"truncated", string(gold[:400]), ExitFindings, "FMT-LENGTH"},
		{"garbage", "\x00\x01\x02garbage\xff\xfe", ExitFindings, "FMT-"},
		{"a DS instead of a préétabli", mustRead(t, vectorGold), ExitFindings, "FMT-TYPE"},
		{"empty", "", ExitFindings, "FMT-ORDER"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pre := writeTemp(t, "AFFEBDS_1234567_202601.txt", tc.pre)
			out := t.TempDir()
			code, stdout, stderr := run(t, "declare", "--preetabli", pre, "--payroll", vectorPay, "--out", out, "--format", "json")
			if code != tc.code || !strings.Contains(stdout, tc.want) {
				t.Errorf("exit %d, want %d with %s:\n%s%s", code, tc.code, tc.want, stdout, stderr)
			}
			var rep map[string]any
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil || rep["output"] != nil || rep["valid"] != false {
				t.Errorf("json %v %v", err, rep)
			}
			if names := dirFiles(t, out); len(names) != 0 {
				t.Errorf("partial output left: %v", names)
			}
		})
	}
}

func mustRead(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestUsageErrors(t *testing.T) {
	cases := [][]string{
		{"declare"},
		{"declare", "--preetabli", vectorPre},
		{"declare", "--preetabli", "nope.txt", "--payroll", vectorPay},
		{"declare", "--preetabli", vectorPre, "--payroll", vectorPay, "--format", "xml"},
		{"declare", "--preetabli", vectorPre, "--payroll", vectorPay, "--lang", "de"},
		{"declare", "--bogus"},
		{"validate"},
		{"validate", "a.txt", "b.txt"},
		{"validate", "/nonexistent/DS.txt"},
		{"validate", "testdata"},
		{"frobnicate"},
	}
	for _, args := range cases {
		code, stdout, stderr := run(t, args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
		if stderr == "" {
			t.Errorf("%v: no message on stderr", args)
		}
	}
}

func TestValidate(t *testing.T) {
	code, stdout, _ := run(t, "validate", vectorGold, "--preetabli", vectorPre)
	if code != ExitOK || !strings.Contains(stdout, "valide") {
		t.Errorf("golden: exit %d\n%s", code, stdout)
	}
	gold := mustRead(t, vectorGold)
	bad := writeTemp(t, dsFileName, strings.Replace(gold, "0000000000124856811", "0000000000124856812", 1))
	for _, l := range []string{"fr", "ar", "en"} {
		code, stdout, _ = run(t, "validate", "--lang", l, "--format", "json", bad)
		var rep struct {
			Valid    bool `json:"valid"`
			Errors   int  `json:"errors"`
			Findings []struct {
				Rule, Severity, Record, Field, Employee, Message, Hint string
				Line                                                   int
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		if code != ExitFindings || rep.Valid || rep.Errors == 0 {
			t.Errorf("%s: exit %d %+v", l, code, rep)
		}
		f := rep.Findings[0]
		if f.Rule != "CTR-LINE" || f.Record != "B02" || f.Line != 3 || f.Field != "S_Ctr" || f.Employee != "123456785 ALAMI AHMED" || f.Message == "" || f.Hint == "" {
			t.Errorf("%s: finding %+v", l, f)
		}
	}
	// Warnings alone keep exit 0.
	recs := strings.SplitAfter(gold, "\n")
	for i, r := range recs {
		if i > 0 && len(r) > 10 {
			recs[i] = r[:3] + "1234568" + r[10:]
		}
	}
	warn := writeTemp(t, dsFileName, strings.Join(recs, ""))
	if code, stdout, _ = run(t, "validate", warn); code != ExitOK || !strings.Contains(stdout, "ID-AFFILIATION") {
		t.Errorf("warning only: exit %d\n%s", code, stdout)
	}
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

func TestDeclareComplementary(t *testing.T) {
	pay := writeTemp(t, "oublies.csv", payrollHead+";BK654321;Tazi;Salma;12;3 000,00;\n")
	out := t.TempDir()
	code, stdout, _ := run(t, "declare", "--preetabli", vectorPre, "--payroll", pay, "--out", out, "--complementary", "1")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	got := mustRead(t, filepath.Join(out, "DSC1_1234567_202601.txt"))
	recs := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(recs) != 7 || recs[0][:3] != "E00" || recs[0][17:19] != "E1" || recs[2][16:25] != "         " || !strings.HasPrefix(recs[4][25:], "TAZI SALMA") {
		t.Errorf("DSC1 file:\n%s", got)
	}
	if code, stdout, _ = run(t, "validate", filepath.Join(out, "DSC1_1234567_202601.txt"), "--preetabli", vectorPre); code != ExitOK {
		t.Errorf("DSC1 does not validate: %s", stdout)
	}
	if code, _, _ = run(t, "declare", "--preetabli", vectorPre, "--payroll", pay, "--out", out, "--complementary", "10"); code != ExitUsage {
		t.Errorf("--complementary 10: exit %d", code)
	}
}

// The préétabli is read on another goroutine while the payroll is opened
// and read: when both are wrong, the préétabli's error is still the one
// reported, as when they were read one after the other.
func TestDeclarePreetabliErrorFirst(t *testing.T) {
	dir := t.TempDir()
	absentPre, absentPay := filepath.Join(dir, "AFFEBDS_absent.txt"), filepath.Join(dir, "paie_absente.csv")
	badPay := writeTemp(t, "paie.csv", payrollHead+"123456785;;ALAMI;AHMED;26;8OOO;\n")
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"both absent", []string{"--preetabli", absentPre, "--payroll", absentPay}},
		{"payroll malformed", []string{"--preetabli", absentPre, "--payroll", badPay}},
		{"bad --complementary", []string{"--preetabli", absentPre, "--payroll", vectorPay, "--complementary", "12"}},
		{"previous absent", []string{"--preetabli", absentPre, "--payroll", vectorPay, "--previous", absentPay}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			code, stdout, stderr := run(t, append([]string{"declare", "--out", out}, tc.args...)...)
			if code != ExitUsage || stdout != "" || !strings.Contains(stderr, "AFFEBDS_absent.txt") || strings.Contains(stderr, "paie") {
				t.Errorf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
			}
			if names := dirFiles(t, out); len(names) != 0 {
				t.Errorf("files written: %v", names)
			}
		})
	}
}
