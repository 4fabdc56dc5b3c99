package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tasrih/tasrih/internal/atomicfile"
	"github.com/tasrih/tasrih/internal/cli/cmdline"
	"github.com/tasrih/tasrih/internal/i18n"
)

// newFlags returns a flag set that reports errors instead of exiting.
type flagSet = flag.FlagSet

func newFlags(env *Env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage : tasrih %s %s\n\nOptions :\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// checkOutput checks the --format and --lang options and returns the language.
func checkOutput(o *cmdline.Output) (i18n.Lang, error) {
	l, err := i18n.ParseLang(o.Lang)
	if err != nil {
		return i18n.FR, err
	}
	if o.Format != "text" && o.Format != "json" {
		return l, i18n.New("cli.format", i18n.Text{
			FR: "format inconnu « %s » : choisissez text ou json",
			AR: "صيغة غير معروفة « %s »: اختر text أو json",
			EN: "unknown format %q: choose text or json",
		}, o.Format)
	}
	return l, nil
}

// usageError prints err in l and returns ExitUsage.
func usageError(env *Env, l i18n.Lang, err error) int {
	fmt.Fprintf(env.Stderr, "tasrih : %s\n", i18n.Message(err, l))
	return ExitUsage
}

var msgRead = i18n.Text{
	FR: "lecture de %s impossible : %s",
	AR: "تعذرت قراءة %s: %s",
	EN: "cannot read %s: %s",
}

// maxInputFile bounds the files the headless commands read in memory.
const maxInputFile = 256 << 20

// readFile reads a whole input file with a size limit and a translated error.
func readFile(path string) ([]byte, error) {
	f, err := openFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxInputFile+1))
	if err != nil {
		return nil, i18n.Wrap(err, "cli.read", msgRead, path, osReason(err))
	}
	if len(data) > maxInputFile {
		return nil, i18n.New("cli.read", msgRead, path, i18n.Text{FR: "fichier trop grand (plus de 256 Mo)", AR: "الملف كبير جداً (أكثر من 256 م.ب)", EN: "file too large (over 256 MB)"})
	}
	return data, nil
}

// openFile opens an input file (not a folder) for a reader that bounds
// what it reads itself (the importer's), with readFile's messages.
func openFile(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, i18n.Wrap(err, "cli.read", msgRead, path, osReason(err))
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, i18n.New("cli.read", msgRead, path, i18n.Text{FR: "c'est un dossier", AR: "إنه مجلد", EN: "it is a folder"})
	}
	return f, nil
}

// osReason turns common OS errors into a translated reason.
func osReason(err error) any {
	switch {
	case os.IsNotExist(err):
		return i18n.Text{FR: "fichier introuvable", AR: "الملف غير موجود", EN: "file not found"}
	case os.IsPermission(err):
		return i18n.Text{FR: "accès refusé", AR: "تم رفض الوصول", EN: "permission denied"}
	}
	return err.Error()
}

var msgWrite = i18n.Text{
	FR: "écriture de %s impossible : %s",
	AR: "تعذرت كتابة %s: %s",
	EN: "cannot write %s: %s",
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, synced then renamed, so that an error never leaves a partial file.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return i18n.Wrap(err, "cli.write", msgWrite, path, osReason(err))
	}
	if err := atomicfile.WriteFile(path, data, 0o644); err != nil {
		return i18n.Wrap(err, "cli.write", msgWrite, path, osReason(err))
	}
	return nil
}

// plural returns one or many depending on n (French style: 0 and 1 are singular).
func plural(n int, one, many string) string {
	if n <= 1 {
		return one
	}
	return many
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
