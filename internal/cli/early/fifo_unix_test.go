//go:build unix

package early

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration"
)

// TestFIFOIsNotTouched: a named pipe given as a file must reach the
// command intact: an early read would take the writer's bytes (or, with
// no writer yet, see an empty file). Start must leave it unopened, and no
// writer may be let through by a reader the command does not know of.
func TestFIFOIsNotTouched(t *testing.T) {
	reset(t)
	fifo := filepath.Join(t.TempDir(), "AFFEBDS.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("this file system has no named pipes: %v", err)
	}
	Start([]string{"validate", fifo, "--preetabli", fifo}, noEnv)
	if _, ok := File(fifo, declaration.MaxFileSize); ok {
		t.Fatal("File gave a named pipe's content")
	}
	if p, _ := Preetabli(fifo, declaration.MaxFileSize); p != nil {
		t.Fatal("Preetabli read a named pipe")
	}
	// Opening the pipe for writing without waiting fails with ENXIO while
	// no reader has it open.
	time.Sleep(10 * time.Millisecond)
	w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if err == nil {
		w.Close()
		t.Fatal("a reader holds the named pipe open")
	}
	if !errors.Is(err, syscall.ENXIO) {
		t.Fatalf("open for writing: %v", err)
	}
}
