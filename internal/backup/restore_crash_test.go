package backup_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/backup"
	"github.com/tasrih/tasrih/internal/crashtest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/vault"
)

const (
	envRestoreDir  = "TASRIH_RESTORE_CRASH_DIR"
	envRestoreFile = "TASRIH_RESTORE_CRASH_FILE"
	envRestoreSeed = "TASRIH_RESTORE_CRASH_SEED"
)

// TestRestoreCrashChild is the process TestRestoreCrashLoop kills: it
// restores the same backup again and again.
func TestRestoreCrashChild(t *testing.T) {
	dir := os.Getenv(envRestoreDir)
	if dir == "" {
		t.Skip("helper process for TestRestoreCrashLoop (runs only when re-executed)")
	}
	vault.UseCheapKDFForTests(t)
	fmt.Println("ready")
	for {
		if _, err := backup.Restore(os.Getenv(envRestoreFile), dir, 0, byPassphrase(pass)); err != nil {
			fmt.Println("err", err)
			os.Exit(3)
		}
		fmt.Println("restored")
	}
}

// TestRestoreCrashLoop kills restores with SIGKILL at random moments (in
// the decryption, the checks, every step of the swap) and checks after each
// kill that the folder opens with the data before or after the restore,
// never neither, and that every previous-… copy kept opens whole. The seed
// is logged; set TASRIH_RESTORE_CRASH_SEED to replay it.
func TestRestoreCrashLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("crash loop")
	}
	w, _ := newWorkspace(t, 3, 200)
	path := writeBackup(t, w)
	inBackup := snapshotOfOpen(t, w)
	dir := w.Dir

	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(envRestoreSeed); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	restored := 0
	for round := range 10 {
		// Data the backup does not hold, different each round.
		ws, err := unlockDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ws.Store.Employers().Create(domain.Employer{Affiliation: fmt.Sprintf("%07d", 7000000+round), Name: "Tour " + strconv.Itoa(round)}); err != nil {
			t.Fatal(err)
		}
		current := snapshotOfOpen(t, ws)
		cmd := exec.Command(exe, "-test.run=^TestRestoreCrashChild$", "-test.v")
		cmd.Env = append(os.Environ(), envRestoreDir+"="+dir, envRestoreFile+"="+path)
		delay := time.Duration(rng.IntN(800)) * time.Millisecond
		crashtest.KillAfter(t, cmd, delay, round)

		got := snapshotOf(t, dir) // fails the test if it does not open
		switch got {
		case inBackup:
			restored++
		case current:
		default:
			t.Fatalf("round %d (delay %v): data is neither the old nor the restored:\n%s", round, delay, got)
		}
		prevs, _ := filepath.Glob(filepath.Join(dir, "previous-*"))
		for _, p := range prevs {
			snapshotOf(t, p) // every kept copy opens
		}
		if _, err := os.Stat(filepath.Join(dir, ".rekey")); !os.IsNotExist(err) {
			t.Fatalf("round %d: stage left after open", round)
		}
	}
	t.Logf("10 rounds, %d ended restored", restored)
}
