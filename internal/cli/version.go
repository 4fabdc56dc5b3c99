package cli

import (
	"fmt"
	"runtime/debug"
)

// Version is set at build time with -ldflags "-X github.com/tasrih/tasrih/internal/cli.Version=…".
var Version = "dev"

func init() {
	register("version", "affiche la version", func(env *Env) int {
		rev := ""
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					rev = " (" + s.Value[:12] + ")"
				}
			}
		}
		fmt.Fprintf(env.Stdout, "tasrih %s%s\n", Version, rev)
		return ExitOK
	})
}
