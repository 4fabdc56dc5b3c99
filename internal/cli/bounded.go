package cli

import (
	"io"
	"os"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/i18n"
)

// maxDeclarationFile bounds the préétabli, DS and DSC files the commands read
// (a variable so that a test can lower it).
var maxDeclarationFile int64 = declaration.MaxFileSize

// readCNSSFile reads a préétabli, DS or DSC file. The size is checked on the
// open file before anything is read; a pipe or device is read up to the
// limit and refused beyond it.
func readCNSSFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, i18n.Wrap(err, "cli.read", msgRead, path, osReason(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, i18n.Wrap(err, "cli.read", msgRead, path, osReason(err))
	}
	if st.IsDir() {
		return nil, i18n.New("cli.read", msgRead, path, i18n.Text{FR: "c'est un dossier", AR: "إنه مجلد", EN: "it is a folder"})
	}
	if st.Mode().IsRegular() {
		if err := declaration.SizeError(path, st.Size(), maxDeclarationFile); err != nil {
			return nil, err
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxDeclarationFile+1))
	if err != nil {
		return nil, i18n.Wrap(err, "cli.read", msgRead, path, osReason(err))
	}
	if int64(len(data)) > maxDeclarationFile {
		return nil, declaration.SizeError(path, -1, maxDeclarationFile)
	}
	return data, nil
}
