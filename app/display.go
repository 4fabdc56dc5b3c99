package app

import (
	"runtime"

	"github.com/tasrih/tasrih/internal/i18n"
)

// CodeNoDisplay is the code of the error CheckDisplay returns.
const CodeNoDisplay = "app.no_display"

var msgNoDisplay = i18n.Text{
	FR: "aucun affichage graphique (DISPLAY et WAYLAND_DISPLAY sont vides) : sans écran, utilisez une commande, par exemple « tasrih validate FICHIER » ; « tasrih help » les liste toutes",
	AR: "لا توجد شاشة رسومية (DISPLAY و WAYLAND_DISPLAY فارغان): بدون شاشة استعمل أمراً، مثلاً « tasrih validate FICHIER »؛ الأمر « tasrih help » يعرضها كلها",
	EN: "no graphical display (DISPLAY and WAYLAND_DISPLAY are empty): without a screen, use a command such as \"tasrih validate FILE\"; \"tasrih help\" lists them all",
}

// CheckDisplay reports, before GTK is touched, that the window cannot open on
// a Linux or BSD machine without a display (GTK would otherwise abort with a
// panic and a stack trace). It returns nil on Windows and macOS, and while
// Wails generates bindings (a build that never opens a window).
func CheckDisplay(getenv func(string) string) error {
	if generatingBindings {
		return nil
	}
	switch runtime.GOOS {
	case "windows", "darwin":
		return nil
	}
	if getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" {
		return nil
	}
	return i18n.New(CodeNoDisplay, msgNoDisplay)
}
