// Package anchortest keeps the tests of a package away from the user's
// config folder, where package anchor writes the local audit anchors of
// every vault it opens: without it, each test that opens a workspace left
// a file in ~/.config/tasrih/anchors. Test code only.
//
// Use it in the TestMain of every package whose tests open a workspace:
//
//	func TestMain(m *testing.M) { os.Exit(anchortest.Main(m)) }
//
// Package anchor refuses (panics) to use a config folder outside the
// temporary folder in a test binary, so a package that forgets fails.
package anchortest

import (
	"fmt"
	"os"
	"runtime"
)

// EnvDir names the isolated config folder of a test binary, inherited by
// the children it re-executes.
const EnvDir = "TASRIH_TEST_CONFIG_DIR"

// Main points os.UserConfigDir at a new temporary folder for the whole test
// binary, runs m, removes the folder and returns m's exit code. A child
// re-executed by such a test (a crash loop) keeps its parent's folder
// (EnvDir): both must see the same anchors.
func Main(m interface{ Run() int }) int {
	dir := os.Getenv(EnvDir)
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "tasrih-test-config-"); err != nil {
			fmt.Fprintln(os.Stderr, "anchortest:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		os.Setenv(EnvDir, dir)
	}
	if err := Isolate(dir); err != nil {
		fmt.Fprintln(os.Stderr, "anchortest:", err)
		return 1
	}
	return m.Run()
}

// Isolate points os.UserConfigDir at dir for this process and its children.
func Isolate(dir string) error {
	switch runtime.GOOS {
	case "windows":
		return os.Setenv("AppData", dir)
	case "darwin", "ios", "plan9":
		// os.UserConfigDir is $HOME/Library/Application Support (or
		// $home/lib): a fake home for the test binary.
		if err := os.Setenv("HOME", dir); err != nil {
			return err
		}
		return os.Setenv("home", dir)
	}
	return os.Setenv("XDG_CONFIG_HOME", dir)
}
