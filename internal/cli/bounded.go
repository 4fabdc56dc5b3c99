package cli

import (
	"os"

	"github.com/tasrih/tasrih/internal/boundedread"
	"github.com/tasrih/tasrih/internal/cli/early"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/i18n"
)

// maxDeclarationFile bounds the préétabli, DS and DSC files the commands read
// (a variable so that a test can lower it).
var maxDeclarationFile int64 = declaration.MaxFileSize

// readCNSSFile reads a préétabli, DS or DSC file into a string (the engine
// reads text). The size is checked on the open file before anything is
// read; a pipe or device is read up to the limit and refused beyond it.
// A file read since the program started (early) is taken as it was read.
func readCNSSFile(path string) (string, error) {
	if data, ok := early.File(path, maxDeclarationFile); ok {
		return boundedread.String(data), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", i18n.Wrap(err, "cli.read", msgRead, path, osReason(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", i18n.Wrap(err, "cli.read", msgRead, path, osReason(err))
	}
	if st.IsDir() {
		return "", i18n.New("cli.read", msgRead, path, i18n.Text{FR: "c'est un dossier", AR: "إنه مجلد", EN: "it is a folder"})
	}
	size := int64(0)
	if st.Mode().IsRegular() {
		if err := declaration.SizeError(path, st.Size(), maxDeclarationFile); err != nil {
			return "", err
		}
		size = st.Size()
	}
	buf, err := boundedread.Read(f, size, maxDeclarationFile)
	if err != nil {
		return "", i18n.Wrap(err, "cli.read", msgRead, path, osReason(err))
	}
	if int64(len(buf)) > maxDeclarationFile {
		return "", declaration.SizeError(path, -1, maxDeclarationFile)
	}
	return boundedread.String(buf), nil
}
