package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/tasrih/tasrih/internal/workspace"
)

const envInterruptChild = "TASRIH_TEST_BACKUP_INTERRUPT"

// slowLines forwards every line written to it to os.Stdout (prefixed with
// "line ") and then waits: the backup's progress lines slow it down enough
// for the parent to interrupt it in the middle.
type slowLines struct{}

func (slowLines) Write(p []byte) (int, error) {
	for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		fmt.Printf("line %s\n", l)
	}
	time.Sleep(150 * time.Millisecond)
	return len(p), nil
}

// TestBackupInterruptChild is the `tasrih backup create` that
// TestBackupInterrupted interrupts: the same context as main (SIGINT).
func TestBackupInterruptChild(t *testing.T) {
	if os.Getenv(envInterruptChild) == "" {
		t.Skip("child of TestBackupInterrupted")
	}
	vault.UseCheapKDFForTests(t)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code := RunEnv(&Env{Ctx: ctx, Args: []string{"backup", "create", "--data", os.Getenv(envInterruptChild + "_DATA"), "--out", os.Getenv(envInterruptChild + "_OUT")},
		Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: slowLines{}, Getenv: os.Getenv})
	fmt.Printf("exit %d\n", code)
}

// TestBackupInterrupted: Ctrl-C (SIGINT) during `tasrih backup create`
// stops it with the "cancelled" message and exit 2, and leaves the output
// folder exactly as it was: no backup file, no temporary file.
func TestBackupInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	vault.UseCheapKDFForTests(t)
	dir, out := t.TempDir(), t.TempDir()
	w, _, err := workspace.Create(dir, testPass, vault.Options{}, store.Options{Actor: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		er, err := w.Store.Employers().Create(domain.Employer{Affiliation: decltest.Affiliation(200000 + i), Name: fmt.Sprintf("Société %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 300; j++ {
			last, first := decltest.Name(j)
			if _, err := w.Store.Employees().Create(domain.Employee{EmployerID: er.ID, Immatriculation: decltest.Immat(20_000_000 + i*1000 + j),
				LastName: last, FirstName: first, MonthlyGross: domain.MAD(5000)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	w.Close()
	os.WriteFile(filepath.Join(out, "autre.txt"), []byte("x"), 0o600)

	cmd := exec.Command(os.Args[0], "-test.run=^TestBackupInterruptChild$", "-test.v")
	cmd.Env = append(os.Environ(), envInterruptChild+"=1", envInterruptChild+"_DATA="+dir, envInterruptChild+"_OUT="+out,
		envPassphrase+"="+testPass)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var lines []string
	sent := false
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		l := sc.Text()
		lines = append(lines, l)
		if !sent && strings.HasPrefix(l, "line Sauvegarde : ") {
			cmd.Process.Signal(os.Interrupt)
			sent = true
		}
	}
	cmd.Wait()
	all := strings.Join(lines, "\n")
	if !sent {
		t.Fatalf("no progress line to interrupt:\n%s", all)
	}
	if !strings.Contains(all, "exit 2") || !strings.Contains(all, "sauvegarde annulée") || strings.Contains(all, "100 %") {
		t.Fatalf("interrupted backup: want exit 2 and the cancelled message before 100 %%:\n%s", all)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != "autre.txt" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("the interrupted backup left %v", names)
	}
}
