package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tasrih/tasrih/internal/cli/cmdline"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/importer"
)

func init() {
	register("import", "importe des employeurs ou des salariés d'un fichier CSV ou XLSX (employers, employees)", runImport)
}

var (
	msgImportSub = i18n.Text{
		FR: "sous-commande attendue : employers ou employees, suivie du fichier CSV ou XLSX",
		AR: "الأمر الفرعي المنتظر: employers أو employees متبوعاً بملف CSV أو XLSX",
		EN: "expected a subcommand: employers or employees, then the CSV or XLSX file",
	}
	msgImportArgs = i18n.Text{
		FR: "indiquez un seul fichier CSV ou XLSX à importer",
		AR: "حدد ملف CSV أو XLSX واحداً للاستيراد",
		EN: "give exactly one CSV or XLSX file to import",
	}
	msgNoEmployer = i18n.Text{
		FR: "aucun employeur d'affiliation %s : importez ou créez d'abord l'employeur",
		AR: "لا يوجد مشغل برقم الانخراط %s: استورد المشغل أو أنشئه أولاً",
		EN: "no employer with affiliation %s: import or create the employer first",
	}
	txtPreview = i18n.Text{
		FR: "%s : %d ligne(s) — %d à créer, %d à mettre à jour, %d inchangée(s), %d en erreur, %d avec avertissement",
		AR: "%s: %d سطر — %d للإنشاء، %d للتحديث، %d دون تغيير، %d بها أخطاء، %d بها تنبيهات",
		EN: "%s: %d row(s) — %d to create, %d to update, %d unchanged, %d in error, %d with warnings",
	}
	txtIgnored = i18n.Text{
		FR: "Colonnes ignorées : %s",
		AR: "أعمدة متجاهلة: %s",
		EN: "Ignored columns: %s",
	}
	txtNothingWritten = i18n.Text{
		FR: "Rien n'a été importé : corrigez les lignes en erreur (ou relancez avec --skip-errors pour importer les autres).",
		AR: "لم يُستورد أي شيء: صحح الأسطر التي بها أخطاء (أو أعد التشغيل مع --skip-errors لاستيراد البقية).",
		EN: "Nothing was imported: fix the rows in error (or run again with --skip-errors to import the others).",
	}
	txtDryRun = i18n.Text{
		FR: "Aperçu seulement (--dry-run) : rien n'a été écrit.",
		AR: "معاينة فقط (--dry-run): لم يُكتب أي شيء.",
		EN: "Preview only (--dry-run): nothing was written.",
	}
	txtImported = i18n.Text{
		FR: "Import terminé : %d créé(s), %d mis à jour, %d inchangé(s), %d ligne(s) en erreur laissée(s) de côté.",
		AR: "اكتمل الاستيراد: %d أنشئ، %d حُدّث، %d دون تغيير، %d سطراً بها أخطاء تُركت جانباً.",
		EN: "Import done: %d created, %d updated, %d unchanged, %d row(s) in error left out.",
	}
)

func runImport(env *Env) int {
	kinds := map[string]func(*Env) int{
		"employers": func(e *Env) int { return importKind(e, importer.KindEmployers) },
		"employees": func(e *Env) int { return importKind(e, importer.KindEmployees) },
	}
	return dispatch(env, "import", msgImportSub, kinds)
}

func importKind(env *Env, kind importer.Kind) int {
	var employer, sheet *string
	var dry, skip *bool
	var out cmdline.Output
	dir, l, args, code := storeFlags(env, "import "+string(kind), "FICHIER [--data DOSSIER] [--employer AFFILIATION] [--sheet FEUILLE] [--dry-run] [--skip-errors] [--format text|json]", func(fs *flagSet) {
		employer = fs.String("employer", "", "salariés : affiliation de l'employeur (sinon une colonne affiliation par ligne)")
		sheet = fs.String("sheet", "", "XLSX : nom de la feuille (par défaut la première)")
		dry = fs.Bool("dry-run", false, "afficher l'aperçu sans rien écrire")
		skip = fs.Bool("skip-errors", false, "importer les lignes correctes et laisser les lignes en erreur")
		fs.StringVar(&out.Format, "format", "text", "format de sortie : text ou json")
	})
	if code >= 0 {
		return code
	}
	out.Lang = string(l)
	if _, err := checkOutput(&out); err != nil {
		return usageError(env, l, err)
	}
	if len(args) != 1 {
		return usageError(env, l, i18n.New("cli.args", msgImportArgs))
	}
	in, err := openInput(args[0])
	if err != nil {
		return usageError(env, l, err)
	}
	// The file itself, not its bytes: OpenTable refuses a file larger than
	// importer.MaxTableSize from its size, before reading it.
	table, err := importer.OpenTable(filepath.Base(args[0]), in, importer.TableOptions{Sheet: *sheet})
	in.Close()
	if err != nil {
		return usageError(env, l, err)
	}
	w, err := openWorkspace(env, l, dir)
	if err != nil {
		return usageError(env, l, err)
	}
	defer w.Close()
	var p *importer.Preview
	if kind == importer.KindEmployers {
		p, err = importer.PreviewEmployers(env.Ctx, w.Store, table, importer.PreviewOptions{})
	} else {
		opts := importer.PreviewOptions{}
		if *employer != "" {
			er, ferr := w.Store.Employers().FindByAffiliation(*employer)
			if ferr != nil {
				return usageError(env, l, i18n.Wrap(ferr, "cli.no_employer", msgNoEmployer, *employer))
			}
			opts.EmployerID = er.ID
		}
		p, err = importer.PreviewEmployees(env.Ctx, w.Store, table, opts)
	}
	if err != nil {
		return usageError(env, l, err)
	}
	blocked := p.Counts.Errors > 0 && !*skip
	var res *importer.Result
	if !*dry && !blocked {
		r, err := importer.Apply(env.Ctx, w.Store, p, importer.ApplyOptions{SkipErrors: *skip})
		if err != nil {
			return usageError(env, l, err)
		}
		res = &r
	}
	if out.Format == "json" {
		writeJSON(env.Stdout, struct {
			Preview *importer.Preview `json:"preview"`
			Result  *importer.Result  `json:"result"`
		}{p, res})
	} else {
		printPreview(env, l, filepath.Base(args[0]), p)
		switch {
		case *dry:
			fmt.Fprintln(env.Stdout, txtDryRun.In(l))
		case blocked:
			fmt.Fprintln(env.Stdout, txtNothingWritten.In(l))
		default:
			fmt.Fprintln(env.Stdout, txtImported.Format(l, res.Created, res.Updated, res.Unchanged, res.Skipped))
		}
	}
	if blocked {
		return ExitFindings
	}
	return ExitOK
}

func printPreview(env *Env, l i18n.Lang, name string, p *importer.Preview) {
	c := p.Counts
	fmt.Fprintln(env.Stdout, txtPreview.Format(l, name, c.Rows, c.Create, c.Update, c.Unchanged, c.Errors, c.Warnings))
	if len(p.Ignored) > 0 {
		var names []string
		for _, col := range p.Ignored {
			names = append(names, fmt.Sprintf("%s (%s)", col.Header, col.Letter))
		}
		fmt.Fprintln(env.Stdout, txtIgnored.Format(l, joinComma(names)))
	}
	for _, n := range p.Notices {
		fmt.Fprintf(env.Stdout, "  %s\n", n.Message.In(l))
	}
	issues := func(sev string, list []importer.Issue) {
		for _, is := range list {
			fmt.Fprintf(env.Stdout, "  %s %s\n", sev, is.Message.In(l))
		}
	}
	for _, r := range p.Employers {
		issues(txtSeverityWord(true, l), r.Errors)
		issues(txtSeverityWord(false, l), r.Warnings)
	}
	for _, r := range p.Employees {
		issues(txtSeverityWord(true, l), r.Errors)
		issues(txtSeverityWord(false, l), r.Warnings)
	}
}

func txtSeverityWord(isError bool, l i18n.Lang) string {
	if isError {
		return i18n.Text{FR: "ERREUR", AR: "خطأ", EN: "ERROR"}.In(l)
	}
	return i18n.Text{FR: "AVERTISSEMENT", AR: "تنبيه", EN: "WARNING"}.In(l)
}

func joinComma(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(x)
	}
	return b.String()
}

// openInput opens a file to read, with readFile's messages.
func openInput(path string) (*os.File, error) {
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
