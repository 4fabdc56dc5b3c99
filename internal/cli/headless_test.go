package cli

import (
	"bytes"
	"debug/buildinfo"
	"debug/elf"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHeadlessBinary checks the binary `make build-cli` produced (its path in
// TASRIH_CLI; `make test-cli` sets it): a static ELF with no interpreter and
// no shared library, without the Wails module, that runs declare and
// validate end to end with no display. Skipped when TASRIH_CLI is unset, so
// that `go test ./...` does not build a second binary.
func TestHeadlessBinary(t *testing.T) {
	bin := headlessBinary(t)
	checkStatic(t, bin)

	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range bi.Deps {
		if strings.Contains(d.Path, "wailsapp") || strings.Contains(d.Path, "webkit") {
			t.Errorf("the headless binary links %s", d.Path)
		}
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if settings["CGO_ENABLED"] != "0" || !strings.Contains(settings["-tags"], "headless") {
		t.Errorf("build settings: CGO_ENABLED=%q -tags=%q", settings["CGO_ENABLED"], settings["-tags"])
	}

	// No display, no GTK: a bare environment.
	runBin := func(args ...string) (int, string, string) {
		t.Helper()
		return runBinary(t, bin, t.TempDir(), args...)
	}
	pre, _ := filepath.Abs(vectorPre)
	pay, _ := filepath.Abs(vectorPay)

	if code, _, stderr := runBin(); code != ExitUsage || !strings.Contains(stderr, "tasrih-cli") || !strings.Contains(stderr, "declare") {
		t.Errorf("no command: exit %d\n%s", code, stderr)
	}
	if code, stdout, _ := runBin("version"); code != ExitOK || !strings.HasPrefix(stdout, "tasrih ") {
		t.Errorf("version: exit %d %q", code, stdout)
	}
	out := t.TempDir()
	code, stdout, stderr := runBin("declare", "--preetabli", pre, "--payroll", pay, "--out", out)
	if code != ExitOK {
		t.Fatalf("declare: exit %d\n%s\n%s", code, stdout, stderr)
	}
	ds := filepath.Join(out, dsFileName)
	if got := mustRead(t, ds); got != mustRead(t, vectorGold) {
		t.Errorf("declare wrote a file that differs from the golden vector")
	}
	if code, stdout, _ = runBin("validate", ds, "--preetabli", pre, "--lang", "en"); code != ExitOK || !strings.Contains(stdout, "valid") {
		t.Errorf("validate: exit %d\n%s", code, stdout)
	}
	// Blocking findings: exit 1; bad input: exit 2, nothing written.
	bad := writeTemp(t, dsFileName, strings.Replace(mustRead(t, vectorGold), "ALAMI", "alami", 1))
	if code, stdout, _ = runBin("validate", bad, "--format", "json"); code != ExitFindings || !strings.Contains(stdout, `"FMT-CHARSET"`) {
		t.Errorf("validate a bad file: exit %d\n%s", code, stdout)
	}
	out2 := t.TempDir()
	if code, _, stderr = runBin("declare", "--preetabli", pay, "--payroll", pay, "--out", out2); code == ExitOK || len(dirFiles(t, out2)) != 0 {
		t.Errorf("declare with a CSV as préétabli: exit %d, files %v\n%s", code, dirFiles(t, out2), stderr)
	}
}

// headlessBinary is the binary `make build-cli` produced (TASRIH_CLI); the
// test is skipped when it is unset, so that `go test ./...` does not build a
// second binary.
func headlessBinary(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("TASRIH_CLI")
	if bin == "" {
		t.Skip("TASRIH_CLI not set (make test-cli builds build/bin/tasrih-cli and sets it)")
	}
	return bin
}

// runBinary runs bin with args in a bare environment (no display, home
// folder home) and returns its exit status, standard output and error.
func runBinary(t *testing.T, bin, home string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + home, "LANG=C"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String(), errb.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), out.String(), errb.String()
	}
	t.Fatalf("%v: %v", args, err)
	return 0, "", ""
}

// checkStatic fails unless the ELF file at path is static.
func checkStatic(t *testing.T, path string) {
	t.Helper()
	for _, p := range staticProblems(path) {
		t.Error(p)
	}
}

// staticProblems lists why the ELF file at path is not a static executable:
// an interpreter (PT_INTERP), a dynamic section, a needed library (DT_NEEDED).
func staticProblems(path string) []string {
	f, err := elf.Open(path)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v (make test-cli checks the Linux build)", path, err)}
	}
	defer f.Close()
	var out []string
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			out = append(out, fmt.Sprintf("%s: program header %v: the binary is dynamically linked", path, p.Type))
		}
	}
	if libs, err := f.ImportedLibraries(); err == nil && len(libs) > 0 {
		out = append(out, fmt.Sprintf("%s: needs shared libraries %v", path, libs))
	}
	if needed, err := f.DynString(elf.DT_NEEDED); err == nil && len(needed) > 0 {
		out = append(out, fmt.Sprintf("%s: DT_NEEDED %v", path, needed))
	}
	if f.Section(".interp") != nil || f.Section(".dynamic") != nil {
		out = append(out, path+": has an .interp or .dynamic section")
	}
	return out
}

// TestStaticCheckCatchesADynamicBinary: the check fails on a dynamically
// linked executable of this machine (so that it can fail at all).
func TestStaticCheckCatchesADynamicBinary(t *testing.T) {
	for _, p := range []string{"/bin/sh", "/usr/bin/env", "/bin/ls"} {
		f, err := elf.Open(p)
		if err != nil {
			continue
		}
		dynamic := false
		for _, pr := range f.Progs {
			dynamic = dynamic || pr.Type == elf.PT_INTERP
		}
		f.Close()
		if dynamic {
			if len(staticProblems(p)) == 0 {
				t.Errorf("the static check accepts %s", p)
			}
			return
		}
	}
	t.Skip("no dynamically linked executable found")
}
