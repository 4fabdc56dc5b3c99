package cli

import (
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/i18n"
)

var msgPreviousNotDS = i18n.Text{
	FR: "--previous %s : ce fichier n'est pas une déclaration DS lisible (%s)",
	AR: "--previous %s: هذا الملف ليس تصريحاً DS مقروءاً (%s)",
	EN: "--previous %s: this file is not a readable DS declaration (%s)",
}

// readPrevious reads the previous month's declaration given by --previous
// ("" for none): bounded like every CNSS file; a file that is not a
// principal declaration at all is a usage error. Its own findings are not
// reported: it was deposited already.
func readPrevious(path string) (*declaration.Parsed, error) {
	if path == "" {
		return nil, nil
	}
	raw, err := readCNSSFile(path)
	if err != nil {
		return nil, err
	}
	p, rep := declaration.ValidateString(raw, declaration.Options{})
	if p.Kind != declaration.Principal || p.EmployerLine == 0 {
		why := "?"
		if len(rep.Findings) > 0 {
			why = rep.Findings[0].Rule
		}
		return nil, i18n.New("cli.previous", msgPreviousNotDS, path, why)
	}
	return p, nil
}
