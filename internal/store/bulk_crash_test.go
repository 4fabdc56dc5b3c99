package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

const (
	envBulkCrashDir      = "TASRIH_BULK_CRASH_DIR"
	envBulkCrashEmployer = "TASRIH_BULK_CRASH_EMPLOYER"
	envBulkCrashPause    = "TASRIH_BULK_CRASH_PAUSE"
	envBulkCrashSeed     = "TASRIH_BULK_CRASH_SEED" // replay a failing run
	bulkCrashRows        = 5000
)

// TestBulkCrashChild is the process TestBulkCrashLoop kills: it opens the
// store (recovering what the previous child left), prints "ready", then
// creates bulkCrashRows employees of one employer in one UpdateBulk,
// printing "step <name> <i>" at each step of the bulk and "done" once
// UpdateBulk returned. With TASRIH_BULK_CRASH_PAUSE=<step>:<i> it stops at
// that step ("paused") and waits to be killed. It runs only when re-executed
// by TestBulkCrashLoop.
func TestBulkCrashChild(t *testing.T) {
	dir := os.Getenv(envBulkCrashDir)
	if dir == "" {
		t.Skip("helper process for TestBulkCrashLoop (runs only when re-executed)")
	}
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		fmt.Println("err", err)
		os.Exit(3)
	}
	fmt.Println("ready")
	pause := os.Getenv(envBulkCrashPause)
	bulkHook = func(step string, i int) error {
		fmt.Println("step", step, i)
		if pause == fmt.Sprintf("%s:%d", step, i) {
			fmt.Println("paused")
			select {}
		}
		return nil
	}
	if _, err := createEmployeesBulk(context.Background(), s, os.Getenv(envBulkCrashEmployer), 1, bulkCrashRows); err != nil {
		fmt.Println("err", err)
		os.Exit(3)
	}
	fmt.Println("done")
	os.Exit(0)
}

// TestBulkCrashLoop kills a child process with SIGKILL during a
// 5 000-employee UpdateBulk, at random moments (while it opens the store,
// after a random delay scaled to the time a bulk takes on this machine, or
// at a chosen step), and checks after each round
// that the employer has either none or all of its employees (records,
// counter and audit entries agreeing, never a prefix), that the audit chain
// is intact and no bulk key is left, and that running the bulk again
// finishes the job (nothing saved) or is refused without writing (all
// saved). The seed is logged; set TASRIH_BULK_CRASH_SEED to replay it.
func TestBulkCrashLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("16 child processes writing 5 000 employees each; skipped with -short")
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv(envBulkCrashSeed); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("bulk crash loop seed %d (replay with %s=%d)", seed, envBulkCrashSeed, seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	dir := t.TempDir()
	const rounds = 16
	var none, all, interrupted int
	var bulkTime time.Duration // from "ready" to "done", measured in round 0
	for round := 0; round < rounds; round++ {
		s, err := Open(dir, testKey, testOptions())
		if err != nil {
			t.Fatalf("round %d: open: %v (seed %d)", round, err, seed)
		}
		er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(round + 1)))
		_, audit0 := employeeState(t, s, er.ID)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}

		var pause string
		var delay time.Duration
		early := false
		switch {
		case round == 0:
			// The first child is left to finish (then killed, as if the
			// machine stopped right after): it measures how long a bulk
			// takes here, and the random delays below span 1.5 times that,
			// so that on a slow machine as on a fast one some rounds end
			// before the kill and some are killed inside the bulk.
			delay = -1
		case round%4 == 1:
			pause = []string{"chunk:0", "chunk:1", "commit:0"}[rng.IntN(3)]
		case round%4 == 3:
			early = true
			delay = time.Duration(rng.IntN(60)) * time.Millisecond
		default:
			delay = time.Duration(rng.Int64N(int64(bulkTime) * 3 / 2))
		}
		out, took := bulkCrashRound(t, dir, er.ID, pause, early, delay)
		if round == 0 {
			if !out["done"] {
				t.Fatalf("round 0: the bulk did not finish (seed %d)", seed)
			}
			bulkTime = max(took, time.Millisecond)
			t.Logf("a bulk of %d employees takes %v here", bulkCrashRows, took)
		}

		s, err = Open(dir, testKey, testOptions())
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v (seed %d)", round, err, seed)
		}
		count, audit := employeeState(t, s, er.ID)
		switch {
		case count != 0 && count != bulkCrashRows:
			t.Fatalf("round %d: %d of %d employees visible: a prefix (seed %d)", round, count, bulkCrashRows, seed)
		case audit != audit0+count:
			t.Fatalf("round %d: %d employees but %d new audit entries (seed %d)", round, count, audit-audit0, seed)
		case (out["done"] || out["commit"]) && count == 0:
			t.Fatalf("round %d: committed bulk lost (seed %d)", round, seed)
		case pause != "" && pause != "commit:0" && out["paused"] && count != 0:
			t.Fatalf("round %d: killed before the commit point at %s, yet saved (seed %d)", round, pause, seed)
		}
		if k := stagingKeys(t, s); k != 0 {
			t.Fatalf("round %d: %d bulk keys left (seed %d)", round, k, seed)
		}
		if out["chunk"] && !out["done"] {
			interrupted++
		}
		// Running it again: finishes the job, or changes nothing.
		_, err = createEmployeesBulk(context.Background(), s, er.ID, 1, bulkCrashRows)
		if count == 0 {
			none++
			if err != nil {
				t.Fatalf("round %d: re-run: %v", round, err)
			}
		} else {
			all++
			wantCode(t, err, CodeImmatUsed)
		}
		if c, a := employeeState(t, s, er.ID); c != bulkCrashRows || a != audit0+bulkCrashRows {
			t.Fatalf("round %d: after re-run %d employees, %d new audit entries (seed %d)", round, c, a-audit0, seed)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d rounds: %d with nothing saved, %d with everything; %d killed between the first intermediate commit and the end", rounds, none, all, interrupted)
	if interrupted == 0 || none == 0 || all == 0 {
		t.Fatal("no round was killed inside a bulk, or every round ended the same way: the loop tested nothing")
	}
}

// bulkCrashRound runs one child, kills it and returns what it printed: the
// step names it reached, "paused", "done"; and the time from "ready" to
// "done". A negative delay kills it only once it printed "done" (or failed).
func bulkCrashRound(t *testing.T, dir, employerID, pause string, early bool, delay time.Duration) (map[string]bool, time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBulkCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envBulkCrashDir+"="+dir, envBulkCrashEmployer+"="+employerID, envBulkCrashPause+"="+pause)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1<<10)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	seen := map[string]bool{}
	var failure string
	handle := func(l string) {
		switch {
		case strings.HasPrefix(l, "step "):
			f := strings.Fields(l)
			seen[f[1]] = true
		case strings.HasPrefix(l, "err "):
			failure = l
		default:
			seen[l] = true
		}
	}
	var ready time.Time
	var took time.Duration
	if !early {
		for l := range lines {
			handle(l)
			if l == "ready" {
				ready = time.Now()
			}
			if l == "done" {
				took = time.Since(ready)
			}
			if l == "ready" && pause == "" && delay >= 0 || l == "paused" || failure != "" || l == "done" {
				break
			}
		}
	}
	time.Sleep(max(delay, 0))
	_ = cmd.Process.Signal(syscall.SIGKILL)
	for l := range lines { // everything printed before the kill
		handle(l)
	}
	_ = cmd.Wait()
	if failure != "" {
		t.Fatalf("child failed: %s", failure)
	}
	return seen, took
}
