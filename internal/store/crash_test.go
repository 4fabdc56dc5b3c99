package store

import (
	"bufio"
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
	envCrashDir   = "TASRIH_STORE_CRASH_DIR"
	envCrashRound = "TASRIH_STORE_CRASH_ROUND"
	envCrashSeed  = "TASRIH_STORE_CRASH_SEED" // replay a failing run
)

// TestCrashChild is the process TestCrashLoop kills: it opens the store and
// writes numbered employers as fast as it can, alone or in batches with a
// large préétabli (value log), printing "ack <seq>" for each employer once
// the commit returned. It runs only when re-executed by TestCrashLoop.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(envCrashDir)
	if dir == "" {
		t.Skip("helper process for TestCrashLoop (runs only when re-executed)")
	}
	round, _ := strconv.Atoi(os.Getenv(envCrashRound))
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		fmt.Println("err", err)
		os.Exit(3)
	}
	fmt.Println("ready")
	raw := make([]byte, 100<<10)
	for seq := round * 100000; seq < (round+1)*100000; {
		batch := 1
		if seq%7 == 3 {
			batch = 5
		}
		err := s.Update(func(tx *Tx) error {
			for i := 0; i < batch; i++ {
				e, err := tx.Employers().Create(crashEmployer(seq + i))
				if err != nil {
					return err
				}
				if batch > 1 && i == 0 {
					if _, err := tx.Periods().ImportPreetabli(Preetabli{EmployerID: e.ID, Period: p202601, Raw: raw}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			fmt.Println("err", err)
			os.Exit(3)
		}
		for i := 0; i < batch; i++ {
			fmt.Println("ack", seq+i)
		}
		seq += batch
	}
	os.Exit(0)
}

func crashEmployer(seq int) domain.Employer {
	return domain.Employer{Affiliation: fmt.Sprintf("%07d", seq), Name: "crash " + strconv.Itoa(seq)}
}

// TestCrashLoop kills a writing child process with SIGKILL at random moments
// (sometimes while it is still opening the store) and checks after each
// round that every write it acknowledged is there and the audit chain is
// intact. The seed is logged; set TASRIH_STORE_CRASH_SEED to replay it.
func TestCrashLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("30 child processes; skipped with -short")
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv(envCrashSeed); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("crash loop seed %d (replay with %s=%d)", seed, envCrashSeed, seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	dir := t.TempDir()
	acked := map[int]bool{}
	const rounds = 30
	totalAcks := 0
	for round := 0; round < rounds; round++ {
		early := rng.IntN(5) == 0 // kill during Open/recovery
		delay := time.Duration(rng.IntN(120)) * time.Millisecond
		got := crashRound(t, dir, round, early, delay)
		for _, seq := range got {
			acked[seq] = true
		}
		totalAcks += len(got)

		s, err := Open(dir, testKey, testOptions())
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		list, err := s.Employers().List()
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		present := map[int]bool{}
		for _, e := range list {
			n, _ := strconv.Atoi(e.Affiliation)
			present[n] = true
		}
		for seq := range acked {
			if !present[seq] {
				t.Fatalf("round %d: acknowledged write %d lost (seed %d)", round, seq, seed)
			}
		}
		if _, broken, err := s.VerifyAudit(); err != nil || broken != -1 {
			t.Fatalf("round %d: audit chain broken at %d: %v (seed %d)", round, broken, err, seed)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if totalAcks == 0 {
		t.Fatal("no write was ever acknowledged: the loop tested nothing")
	}
	t.Logf("%d rounds, %d acknowledged writes checked", rounds, totalAcks)
}

// crashRound runs one child, kills it and returns the sequence numbers it acknowledged.
func crashRound(t *testing.T, dir string, round int, early bool, delay time.Duration) []int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envCrashDir+"="+dir, envCrashRound+"="+strconv.Itoa(round))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1<<16)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var acks []int
	var failure string
	handle := func(l string) {
		switch {
		case strings.HasPrefix(l, "ack "):
			n, _ := strconv.Atoi(l[4:])
			acks = append(acks, n)
		case strings.HasPrefix(l, "err "):
			failure = l
		}
	}
	if !early {
		for l := range lines {
			handle(l)
			if l == "ready" || failure != "" {
				break
			}
		}
	}
	time.Sleep(delay)
	_ = cmd.Process.Signal(syscall.SIGKILL)
	for l := range lines { // everything printed before the kill
		handle(l)
	}
	_ = cmd.Wait()
	if failure != "" {
		t.Fatalf("round %d: child failed: %s", round, failure)
	}
	return acks
}
