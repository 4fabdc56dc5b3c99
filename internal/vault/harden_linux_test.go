//go:build linux

package vault

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestHarden runs Harden in a child process (it would also harden the test
// binary) and reads back the dumpable flag and the core limit.
func TestHarden(t *testing.T) {
	if os.Getenv("TASRIH_HARDEN_CHILD") == "1" {
		if err := Harden(); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		d, err := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0)
		var rl unix.Rlimit
		err2 := unix.Getrlimit(unix.RLIMIT_CORE, &rl)
		fmt.Printf("dumpable=%d core=%d/%d %v %v\n", d, rl.Cur, rl.Max, err, err2)
		os.Exit(0)
	}
	before, err := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0)
	if err != nil || before != 1 {
		t.Fatalf("test process not dumpable to begin with (%d, %v): the check below would prove nothing", before, err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHarden$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TASRIH_HARDEN_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "dumpable=0 core=0/0 <nil> <nil>") {
		t.Fatalf("child reports %q", out)
	}
}
