package early

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
)

// reset forgets every early read (each test starts its own).
func reset(t *testing.T) {
	t.Helper()
	mu.Lock()
	pending := reads
	reads = map[string]*read{}
	mu.Unlock()
	for _, r := range pending {
		<-r.done
	}
}

func noEnv(string) string { return "" }

// TestStart gives Start the command lines a user types and checks which
// files it reads: exactly the CNSS files the command would read (never the
// payroll, never a file of a command line the command refuses), and that
// what it gives is what the command's own read and check would give.
func TestStart(t *testing.T) {
	dir := t.TempDir()
	x := decltest.Preetabli(decltest.Affiliation(1234567), domain.NewPeriod(2026, 1), 50, 1)
	preRaw, err := cnssfile.AppendPreetabli(nil, x)
	if err != nil {
		t.Fatal(err)
	}
	pre := filepath.Join(dir, "AFFEBDS.txt")
	pay := filepath.Join(dir, "paie.csv")
	ds := filepath.Join(dir, "DS.txt")
	prev := filepath.Join(dir, "DS_prev.txt")
	for p, data := range map[string][]byte{pre: preRaw, pay: decltest.PayrollCSV(x, 3, 2), ds: []byte("B00 a DS\n"), prev: []byte("B00 the previous DS\n")} {
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name      string
		args      []string
		preetabli string   // read and checked as a préétabli
		files     []string // read
	}{
		{"declare", []string{"declare", "--preetabli", pre, "--payroll", pay, "--out", dir}, pre, nil},
		{"declare, = forms and --previous", []string{"declare", "-payroll=" + pay, "--preetabli=" + pre, "--previous", prev, "--format", "json"}, pre, []string{prev}},
		{"validate, flags after the file", []string{"validate", ds, "--preetabli", pre, "--previous", prev, "--lang", "ar"}, pre, []string{ds, prev}},
		{"validate without préétabli", []string{"validate", "--format", "json", ds}, "", []string{ds}},
		{"validate a préétabli against itself", []string{"validate", pre, "--preetabli", pre}, pre, []string{pre}},
		{"declare without payroll", []string{"declare", "--preetabli", pre}, "", nil},
		{"declare with an extra word", []string{"declare", "--preetabli", pre, "--payroll", pay, ds}, "", nil},
		{"declare with an unknown flag", []string{"declare", "--preetabli", pre, "--payroll", pay, "--sortie", dir}, "", nil},
		{"declare --help", []string{"declare", "--help", "--preetabli", pre, "--payroll", pay}, "", nil},
		{"validate two files", []string{"validate", ds, prev}, "", nil},
		{"validate with a flag missing its value", []string{"validate", ds, "--preetabli"}, "", nil},
		{"another command", []string{"import", "employees", pre}, "", nil},
		{"not a command", []string{pre}, "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			reset(t)
			Start(c.args, noEnv)
			mu.Lock()
			var started []string
			for p := range reads {
				started = append(started, p)
			}
			mu.Unlock()
			want := map[string]bool{}
			for _, p := range append([]string{c.preetabli}, c.files...) {
				if p != "" {
					want[p] = true
				}
			}
			if len(started) != len(want) {
				t.Fatalf("started %v, want %v", started, want)
			}
			for _, p := range started {
				if !want[p] {
					t.Fatalf("started %v, want %v", started, want)
				}
			}
			for _, p := range c.files {
				got, ok := File(p, declaration.MaxFileSize)
				if raw, _ := os.ReadFile(p); !ok || string(got) != string(raw) {
					t.Errorf("File(%s) = %d bytes, %v; want the file's %d bytes", filepath.Base(p), len(got), ok, len(raw))
				}
			}
			if c.preetabli != "" {
				got, rep := Preetabli(c.preetabli, declaration.MaxFileSize)
				want, wantRep := declaration.ReadPreetabliString(string(preRaw))
				if got == nil || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(rep, wantRep) {
					t.Errorf("Preetabli(%s) differs from ReadPreetabliString", filepath.Base(c.preetabli))
				}
				if _, ok := File(c.preetabli, int64(len(preRaw))-1); ok {
					t.Errorf("File gave a file over its limit")
				}
				if p, _ := Preetabli(c.preetabli, int64(len(preRaw))-1); p != nil {
					t.Errorf("Preetabli gave a file over its limit")
				}
			}
			if _, ok := File(pay, declaration.MaxFileSize); ok {
				t.Errorf("the payroll was read early: the importer reads it with its own bound")
			}
		})
	}
}

// TestReadRegularRefuses: what is not a regular file within the limit is
// left to the command, whose own read reports it.
func TestReadRegularRefuses(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("0123456789"), 0o600)
	for _, c := range []struct {
		name  string
		path  string
		limit int64
		ok    bool
	}{
		{"regular file", small, 10, true},
		{"one byte over the limit", small, 9, false},
		{"missing", filepath.Join(dir, "missing"), 10, false},
		{"folder", dir, 10, false},
		{"device", os.DevNull, 10, false},
	} {
		if got := readRegular(c.path, c.limit); (got != nil) != c.ok {
			t.Errorf("%s: read %q, want read %v", c.name, got, c.ok)
		}
	}
}
