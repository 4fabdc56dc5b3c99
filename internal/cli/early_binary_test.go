//go:build unix

package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
)

// TestHeadlessBinaryEarlyReads checks the early reads (internal/cli/early)
// in the binary `make build-cli` produced (TASRIH_CLI): its package starts
// before the spreadsheet library's (or there is nothing to overlap), and
// every command line gives, as a process that reads its files early, what
// the same command line gives in-process, where nothing is read early:
// the same status, output, errors and files, for valid inputs, bad ones,
// missing ones, a folder and named pipes whose writer comes late.
func TestHeadlessBinaryEarlyReads(t *testing.T) {
	bin := headlessBinary(t)
	cmd := exec.Command(bin, "version")
	cmd.Env = []string{"GODEBUG=inittrace=1"}
	trace, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("version: %v\n%s", err, trace)
	}
	order := func(pkg string) int {
		return slices.IndexFunc(strings.Split(string(trace), "\n"), func(l string) bool { return strings.HasPrefix(l, "init "+pkg+" @") })
	}
	if e, x := order("github.com/tasrih/tasrih/internal/cli/early"), order("github.com/xuri/excelize/v2"); e < 0 || x < 0 || e > x {
		t.Errorf("internal/cli/early is initialised at %d, the spreadsheet library at %d: the early reads no longer overlap its initialisation", e, x)
	}

	dir := t.TempDir()
	x := decltest.Preetabli(decltest.Affiliation(1234567), domain.NewPeriod(2026, 1), 40, 1)
	preRaw, _ := cnssfile.AppendPreetabli(nil, x)
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pre := file("AFFEBDS_1234567_202601.txt", string(preRaw))
	pay := file("paie.csv", string(decltest.PayrollCSV(x, 3, 2)))
	vpre, _ := filepath.Abs(vectorPre)
	vpay, _ := filepath.Abs(vectorPay)
	gold, _ := filepath.Abs(vectorGold)
	bad := file(dsFileName, strings.Replace(mustRead(t, vectorGold), "ALAMI", "alami", 1))
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)

	// A named pipe whose writer opens it only after a while: read early (or
	// opened without waiting), it would look empty.
	fifo := filepath.Join(dir, "AFFEBDS_pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	lateWriter := func() chan error {
		done := make(chan error, 1)
		go func() {
			time.Sleep(150 * time.Millisecond)
			// Without waiting: ENXIO while no reader has the pipe open. A
			// reader that came and went leaves nobody to write to.
			deadline := time.Now().Add(10 * time.Second)
			for {
				w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
				if err == nil {
					_, err = w.Write(preRaw) // within the pipe's buffer
					w.Close()
					done <- err
					return
				}
				if !errors.Is(err, syscall.ENXIO) || time.Now().After(deadline) {
					done <- fmt.Errorf("no reader came: %w", err)
					return
				}
				time.Sleep(5 * time.Millisecond)
			}
		}()
		return done
	}

	cases := [][]string{
		{"declare", "--preetabli", pre, "--payroll", pay, "--out", out, "--format", "json"},
		{"declare", "--preetabli", vpre, "--payroll", vpay, "--out", out, "--previous", gold, "--lang", "ar"},
		{"declare", "--preetabli", vpre, "--payroll", vpay, "--out", out, "--complementary", "1"},
		{"declare", "--preetabli", vpay, "--payroll", vpay, "--out", out},
		{"declare", "--preetabli", filepath.Join(dir, "absent.txt"), "--payroll", pay, "--out", out},
		{"declare", "--preetabli", dir, "--payroll", pay, "--out", out, "--lang", "en"},
		{"declare", "--preetabli", pre, "--payroll", pay, "--out", out, "--previous", bad},
		{"validate", gold, "--preetabli", vpre, "--format", "json"},
		{"validate", bad, "--preetabli", vpre, "--previous", gold},
		{"validate", vpre, "--preetabli", vpre},
		{"validate", gold, "--preetabli", pay, "--lang", "en"},
		{"validate", filepath.Join(dir, "absent.txt"), "--preetabli", vpre},
	}
	cases = append(cases,
		[]string{"declare", "--preetabli", fifo, "--payroll", pay, "--out", out, "--format", "json"},
		[]string{"validate", gold, "--preetabli", fifo},
		[]string{"validate", fifo})
	for _, args := range cases {
		name := strings.ReplaceAll(strings.Join(args, " "), dir, "…")
		snapshot := func() map[string]string {
			files := map[string]string{}
			for _, n := range dirFiles(t, out) {
				files[n] = mustRead(t, filepath.Join(out, n))
				os.Remove(filepath.Join(out, n))
			}
			return files
		}
		piped := slices.Contains(args, fifo)
		var wrote chan error
		if piped {
			wrote = lateWriter()
		}
		code, stdout, stderr := runBinary(t, bin, dir, args...)
		if piped {
			if err := <-wrote; err != nil {
				t.Fatalf("%s: pipe writer: %v", name, err)
			}
		}
		procFiles := snapshot()

		if piped {
			wrote = lateWriter()
		}
		wantCode, wantOut, wantErr := run(t, args...)
		if piped {
			if err := <-wrote; err != nil {
				t.Fatalf("%s: pipe writer: %v", name, err)
			}
		}
		wantFiles := snapshot()

		if code != wantCode || stdout != wantOut || stderr != wantErr {
			t.Errorf("%s:\nprocess: exit %d\n%s%s\nin-process: exit %d\n%s%s", name, code, stdout, stderr, wantCode, wantOut, wantErr)
		}
		if len(procFiles) != len(wantFiles) {
			t.Errorf("%s: the process wrote %d file(s), in-process %d", name, len(procFiles), len(wantFiles))
		}
		for n, content := range wantFiles {
			if procFiles[n] != content {
				t.Errorf("%s: %s differs between the process and in-process", name, n)
			}
		}
	}
}
