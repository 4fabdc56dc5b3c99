// Package crashtest runs a re-executed test child and kills it with SIGKILL,
// for the crash loops of the packages whose promises must survive a kill
// (re-key, restore). Test code only: nothing but _test files imports it.
package crashtest

import (
	"bufio"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// KillAfter starts cmd, reads its standard output line by line, and kills it
// with SIGKILL after delay (or once it has ended by itself). A line starting
// with "err" is the child reporting a failure: the test fails with it, naming
// round. It returns once the child is gone.
func KillAfter(t testing.TB, cmd *exec.Cmd, delay time.Duration, round int) {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	timer := time.After(delay)
wait:
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				break wait
			}
			if strings.HasPrefix(l, "err") {
				cmd.Process.Kill()
				t.Fatalf("round %d: child: %s", round, l)
			}
		case <-timer:
			break wait
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	for range lines {
	}
	cmd.Wait()
}
