package cli

import (
	"fmt"
	"os"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/manual"
	"github.com/tasrih/tasrih/internal/store"
)

func init() {
	register("manual", "dépôt manuel sur damancom.ma : exporte le fichier (export) puis enregistre la preuve du dépôt (record)", runManual)
}

var (
	msgManualSub = i18n.Text{
		FR: "sous-commande attendue : export ou record",
		AR: "الأمر الفرعي المنتظر: export أو record",
		EN: "expected a subcommand: export or record",
	}
	msgManualRecordArgs = i18n.Text{
		FR: "--reference et --date sont obligatoires (la référence et la date du dépôt affichées par damancom.ma)",
		AR: "الخياران --reference و--date إلزاميان (مرجع الإيداع وتاريخه كما تعرضهما damancom.ma)",
		EN: "--reference and --date are required (the deposit reference and date shown by damancom.ma)",
	}
	msgManualDate = i18n.Text{
		FR: "--date « %s » : date AAAAMMJJ attendue (p. ex. 20261105)",
		AR: "--date « %s »: المنتظر تاريخ بصيغة AAAAMMJJ (مثلاً 20261105)",
		EN: "--date %q: a date YYYYMMDD is expected (e.g. 20261105)",
	}
	msgManualSeq = i18n.Text{
		FR: "--sequence %d : 0 pour la déclaration principale, 1 à 9 pour une complémentaire",
		AR: "--sequence %d: 0 للتصريح الرئيسي، ومن 1 إلى 9 للتصريح التكميلي",
		EN: "--sequence %d: 0 for the principal declaration, 1 to 9 for a complementary one",
	}
	msgManualNone = i18n.Text{
		FR: "aucune déclaration à déposer à la main pour %s",
		AR: "لا يوجد تصريح للإيداع اليدوي لـ%s",
		EN: "no declaration to deposit by hand for %s",
	}
	txtManualExported = i18n.Text{
		FR: "Fichier exporté : %s\nSHA-256 : %s\n\nÉtapes :\n  1. Ouvrez %s dans votre navigateur et connectez-vous (Tasrih ne touche jamais à votre mot de passe du portail).\n  2. Déposez ce fichier.\n  3. Notez la référence et la date du dépôt, téléchargez le compte rendu de contrôle (PDF), puis enregistrez-les :\n     tasrih manual record --affiliation %s --period %s --reference REF --date AAAAMMJJ [--payment REF] [--report compte-rendu.pdf]",
		AR: "تم تصدير الملف: %s\nSHA-256: %s\n\nالخطوات:\n  1. افتح %s في متصفحك وسجّل الدخول (لا يلمس Tasrih أبداً كلمة مرور البوابة).\n  2. أودع هذا الملف.\n  3. دوّن مرجع الإيداع وتاريخه، وحمّل تقرير المراقبة (PDF)، ثم سجّلها:\n     tasrih manual record --affiliation %s --period %s --reference REF --date AAAAMMJJ [--payment REF] [--report compte-rendu.pdf]",
		EN: "File exported: %s\nSHA-256: %s\n\nSteps:\n  1. Open %s in your browser and log in (Tasrih never touches your portal password).\n  2. Deposit this file.\n  3. Note the deposit reference and date, download the control report (PDF), then record them:\n     tasrih manual record --affiliation %s --period %s --reference REF --date YYYYMMDD [--payment REF] [--report control-report.pdf]",
	}
	txtManualRecorded = i18n.Text{
		FR: "Dépôt manuel enregistré pour %s : référence %s du %s%s. Statut de la déclaration : déposée à la main.",
		AR: "تم تسجيل الإيداع اليدوي لـ%s: المرجع %s بتاريخ %s%s. حالة التصريح: مودع يدوياً.",
		EN: "Manual deposit recorded for %s: reference %s of %s%s. Declaration status: deposited by hand.",
	}
	txtWithReport = i18n.Text{FR: ", compte rendu de contrôle joint", AR: "، مع تقرير المراقبة", EN: ", control report attached"}
)

func runManual(env *Env) int {
	if len(env.Args) == 0 {
		fmt.Fprintln(env.Stderr, "tasrih manual : "+msgManualSub.In(i18n.FR))
		return ExitUsage
	}
	sub := *env
	sub.Args = env.Args[1:]
	switch env.Args[0] {
	case "export":
		return manualExport(&sub)
	case "record":
		return manualRecord(&sub)
	}
	fmt.Fprintln(env.Stderr, "tasrih manual : "+msgManualSub.In(i18n.FR))
	return ExitUsage
}

type manualTarget struct {
	aff, period string
	seq         int
}

func (m *manualTarget) register(fs *flagSet) {
	fs.StringVar(&m.aff, "affiliation", "", "numéro d'affiliation CNSS de l'employeur (7 chiffres)")
	fs.StringVar(&m.period, "period", "", "période déclarée AAAAMM")
	fs.IntVar(&m.seq, "sequence", -1, "0 : déclaration principale DS, n : complémentaire DSC<n> (par défaut la dernière)")
}

// find returns the employer and the declaration aimed at: of the given
// sequence, or the latest of the period that is not accepted.
func (m *manualTarget) find(env *Env, l i18n.Lang, st *store.Store) (store.Declaration, int) {
	if m.aff == "" || m.period == "" {
		return store.Declaration{}, usageError(env, l, i18n.New("cli.args", msgSubmitArgs))
	}
	if !affRE.MatchString(m.aff) {
		return store.Declaration{}, usageError(env, l, i18n.New("cli.args", msgBadAffiliation, m.aff))
	}
	per, err := domain.ParsePeriod(m.period)
	if err != nil || len(m.period) != 6 {
		return store.Declaration{}, usageError(env, l, i18n.New("cli.args", msgBadPeriod, m.period))
	}
	if m.seq < -1 || m.seq > 9 {
		return store.Declaration{}, usageError(env, l, i18n.New("cli.args", msgManualSeq, m.seq))
	}
	er, err := st.Employers().FindByAffiliation(m.aff)
	if store.IsNotFound(err) {
		return store.Declaration{}, usageError(env, l, i18n.New("cli.no_employer", msgSubmitNoEmployer, m.aff))
	} else if err != nil {
		return store.Declaration{}, usageError(env, l, err)
	}
	decls, err := st.Declarations().List(er.ID, per)
	if err != nil {
		return store.Declaration{}, usageError(env, l, err)
	}
	for i := len(decls) - 1; i >= 0; i-- {
		d := decls[i]
		if (m.seq < 0 || d.Sequence == m.seq) && d.Status != store.StatusAccepted {
			return d, -1
		}
	}
	return store.Declaration{}, usageError(env, l, i18n.New("cli.nothing", msgManualNone, m.aff+" "+per.Label(l)))
}

func manualExport(env *Env) int {
	var t manualTarget
	var out string
	dir, l, pos, code := storeFlags(env, "manual export", "--affiliation AFFILIATION --period AAAAMM [--out DOSSIER] [--sequence n] [--data DOSSIER] [--lang fr|ar|en]", func(fs *flagSet) {
		t.register(fs)
		fs.StringVar(&out, "out", ".", "dossier où écrire le fichier (il doit exister)")
	})
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		return usageError(env, l, i18n.New("cli.args", msgExtraArgs, pos[0]))
	}
	ws, err := openWorkspace(env, l, dir)
	if err != nil {
		return usageError(env, l, err)
	}
	defer ws.Close()
	d, code := t.find(env, l, ws.Store)
	if code >= 0 {
		return code
	}
	path, err := manual.New(ws.Store, manual.Options{}).Export(d.ID, out)
	if err != nil {
		return usageError(env, l, err)
	}
	fmt.Fprintln(env.Stdout, txtManualExported.Format(l, path, d.SHA256, manual.PortalURL, t.aff, t.period))
	return ExitOK
}

func manualRecord(env *Env) int {
	var t manualTarget
	var ref, date, payment, report string
	dir, l, pos, code := storeFlags(env, "manual record", "--affiliation AFFILIATION --period AAAAMM --reference REF --date AAAAMMJJ [--payment REF] [--report compte-rendu.pdf] [--sequence n] [--data DOSSIER] [--lang fr|ar|en]", func(fs *flagSet) {
		t.register(fs)
		fs.StringVar(&ref, "reference", "", "référence du dépôt affichée par damancom.ma")
		fs.StringVar(&date, "date", "", "date du dépôt AAAAMMJJ")
		fs.StringVar(&payment, "payment", "", "référence de paiement (facultative)")
		fs.StringVar(&report, "report", "", "compte rendu de contrôle téléchargé de damancom.ma (PDF, facultatif)")
	})
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		return usageError(env, l, i18n.New("cli.args", msgExtraArgs, pos[0]))
	}
	if ref == "" || date == "" {
		return usageError(env, l, i18n.New("cli.args", msgManualRecordArgs))
	}
	dd, err := domain.ParseDate(date)
	if err != nil {
		return usageError(env, l, i18n.New("cli.args", msgManualDate, date))
	}
	var pdf []byte
	if report != "" {
		st, err := os.Stat(report)
		if err == nil && st.Size() > manual.MaxControlReportPDF {
			return usageError(env, l, i18n.New(manual.CodeEvidence, i18n.Text{
				FR: "compte rendu de contrôle trop volumineux (10 Mio au plus)",
				AR: "تقرير المراقبة كبير جداً (10 ميغابايت على الأكثر)",
				EN: "control report too large (10 MiB at most)",
			}))
		}
		if pdf, err = readFile(report); err != nil {
			return usageError(env, l, err)
		}
	}
	ws, err := openWorkspace(env, l, dir)
	if err != nil {
		return usageError(env, l, err)
	}
	defer ws.Close()
	d, code := t.find(env, l, ws.Store)
	if code >= 0 {
		return code
	}
	md, err := manual.New(ws.Store, manual.Options{}).RecordEvidence(d.ID, manual.Evidence{
		DepositReference: ref, DepositDate: dd, PaymentReference: payment, ControlReportPDF: pdf,
	})
	if err != nil {
		return usageError(env, l, err)
	}
	with := ""
	if len(pdf) > 0 {
		with = txtWithReport.In(l)
	}
	fmt.Fprintln(env.Stdout, txtManualRecorded.Format(l, d.FileName, md.DepositReference, md.DepositDate.String(), with))
	return ExitOK
}
