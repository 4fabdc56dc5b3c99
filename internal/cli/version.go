package cli

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/tasrih/tasrih/internal/i18n"
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

var msgNoDesktop = i18n.Text{
	FR: "tasrih-cli est la version sans interface graphique : indiquez une commande (l'application de bureau est le programme tasrih)",
	AR: "tasrih-cli هو الإصدار دون واجهة رسومية: حدد أمراً (تطبيق سطح المكتب هو البرنامج tasrih)",
	EN: "tasrih-cli is the build without a window: give a command (the desktop application is the tasrih program)",
}

// NoDesktop is what the headless build (tasrih-cli) prints when it is
// started without a command: it has no window to open.
func NoDesktop(w io.Writer) {
	fmt.Fprintf(w, "tasrih-cli : %s\n           %s\n           %s\n\n", msgNoDesktop.In(i18n.FR), msgNoDesktop.In(i18n.AR), msgNoDesktop.In(i18n.EN))
	usage(w)
}
