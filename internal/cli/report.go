package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/i18n"
)

// reportJSON is the object printed by `--format json` (architecture.md).
type reportJSON struct {
	File     string             `json:"file"`
	Valid    bool               `json:"valid"`
	Errors   int                `json:"errors"`
	Warnings int                `json:"warnings"`
	Findings []declaration.JSON `json:"findings"`
}

func findingsJSON(fs []declaration.Finding, l i18n.Lang) []declaration.JSON {
	out := make([]declaration.JSON, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.JSON(l))
	}
	return out
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

var (
	txtSeverity = map[declaration.Severity]i18n.Text{
		declaration.Error:   {FR: "ERREUR", AR: "خطأ", EN: "ERROR"},
		declaration.Warning: {FR: "AVERTISSEMENT", AR: "تنبيه", EN: "WARNING"},
		declaration.Info:    {FR: "INFORMATION", AR: "معلومة", EN: "INFO"},
	}
	txtLine    = i18n.Text{FR: "ligne", AR: "السطر", EN: "line"}
	txtSummary = i18n.Text{
		FR: "%s : %d erreur(s), %d avertissement(s)",
		AR: "%s: %d خطأ، %d تنبيه",
		EN: "%s: %d error(s), %d warning(s)",
	}
	txtValid = i18n.Text{
		FR: "%s : valide",
		AR: "%s: صالح",
		EN: "%s: valid",
	}
	txtInvalid = i18n.Text{
		FR: "%s : non valide, à corriger avant le dépôt",
		AR: "%s: غير صالح، يجب تصحيحه قبل الإيداع",
		EN: "%s: not valid, fix it before depositing",
	}
)

// printFindings writes the findings in text form, one block per finding.
func printFindings(w io.Writer, file string, fs []declaration.Finding, l i18n.Lang) {
	var b strings.Builder
	errs := 0
	for _, f := range fs {
		if f.Blocking() {
			errs++
		}
	}
	fmt.Fprintln(&b, txtSummary.Format(l, file, errs, len(fs)-errs))
	for _, f := range fs {
		where := f.Record
		if f.Line > 0 {
			where = strings.TrimSpace(where + " " + txtLine.In(l) + " " + fmt.Sprint(f.Line))
		}
		if f.Field != "" {
			where += ", " + f.Field
		}
		fmt.Fprintf(&b, "  %s %s", txtSeverity[f.Severity].In(l), f.Rule)
		if where != "" {
			fmt.Fprintf(&b, " — %s", where)
		}
		if f.Employee != "" {
			fmt.Fprintf(&b, " — %s", f.Employee)
		}
		fmt.Fprintf(&b, "\n      %s\n      → %s\n", f.Message(l), f.Hint(l))
	}
	if errs == 0 {
		fmt.Fprintln(&b, txtValid.Format(l, file))
	} else {
		fmt.Fprintln(&b, txtInvalid.Format(l, file))
	}
	io.WriteString(w, b.String())
}
