//go:build linux

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/tasrih/tasrih/internal/vault"
)

// The commands that handle keys harden their process and take the secret
// variables out of the environment. Each case runs the real entry point
// (Run, as main does) in a child process (the test binary re-executed:
// hardening would also harden this one), which reports its Dumpable flag, its
// core limit, os.Getenv of the secrets and whether /proc/self/environ still
// holds them.

const hardenChildEnv = "TASRIH_TEST_HARDEN_ARGS"

type hardenReport struct {
	Exit     int    `json:"exit"`
	Dumpable string `json:"dumpable"`
	Getenv   string `json:"getenv"`
	Environ  bool   `json:"environ_has_secret"`
	Stderr   string `json:"stderr"`
}

func TestHardenChild(t *testing.T) {
	args := os.Getenv(hardenChildEnv)
	if args == "" {
		t.Skip("run by TestCommandsHardenProcess")
	}
	vault.UseCheapKDFForTests(t)
	secret := os.Getenv(envPassphrase)
	var stdout, stderr bytes.Buffer
	var rep hardenReport
	rep.Exit = Run(context.Background(), strings.Split(args, "\x1f"), strings.NewReader(""), &stdout, &stderr)
	rep.Stderr = stderr.String()
	rep.Dumpable = dumpableFlag()
	rep.Getenv = os.Getenv(envPassphrase) + os.Getenv(envRecoveryCode)
	environ, _ := os.ReadFile("/proc/self/environ")
	rep.Environ = secret != "" && bytes.Contains(environ, []byte(secret))
	out, _ := json.Marshal(rep)
	os.Stdout.Write(append([]byte("HARDEN "), append(out, '\n')...))
}

func runHardenChild(t *testing.T, secret string, args ...string) hardenReport {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHardenChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), hardenChildEnv+"="+strings.Join(args, "\x1f"), envPassphrase+"="+secret)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	_, js, ok := bytes.Cut(out, []byte("HARDEN "))
	if !ok {
		t.Fatalf("no report:\n%s", out)
	}
	js, _, _ = bytes.Cut(js, []byte("\n"))
	var rep hardenReport
	if err := json.Unmarshal(js, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestCommandsHardenProcess(t *testing.T) {
	if d := dumpableFlag(); d != "1" {
		t.Fatalf("test process not dumpable to begin with (%q): the checks would prove nothing", d)
	}
	dir := t.TempDir()
	const secret = "Phrase-de-passe-du-test-8421"
	csv := filepath.Join(t.TempDir(), "employeurs.csv")
	if err := os.WriteFile(csv, []byte("affiliation;raison_sociale\n1234567;Société Exemple SARL\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"vault init", []string{"vault", "init", "--data", dir}},
		{"import (unlocks the vault)", []string{"import", "employers", csv, "--data", dir}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := runHardenChild(t, secret, tc.args...)
			if rep.Exit != ExitOK {
				t.Fatalf("exit %d: %s", rep.Exit, rep.Stderr)
			}
			if rep.Dumpable != "0" {
				t.Errorf("Dumpable %q after the command", rep.Dumpable)
			}
			if rep.Getenv != "" {
				t.Errorf("the secret is still in the environment (%d bytes)", len(rep.Getenv))
			}
			if rep.Environ {
				t.Errorf("/proc/self/environ still holds the secret")
			}
		})
	}
	// A command that reads no secret leaves the process as it is.
	rep := runHardenChild(t, secret, "version")
	if rep.Dumpable != "1" {
		t.Errorf("version hardened the process (Dumpable %q)", rep.Dumpable)
	}
}

// dumpableFlag is the process's dumpable flag (prctl PR_GET_DUMPABLE; this
// kernel's /proc/self/status may not show it).
func dumpableFlag() string {
	d, err := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0)
	if err != nil {
		return "error: " + err.Error()
	}
	return strconv.Itoa(d)
}
