package manual

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/tasrih/tasrih/internal/atomicfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/lifecycle"
	"github.com/tasrih/tasrih/internal/store"
)

// PortalURL is the address of the CNSS employer portal, opened in the
// system browser.
const PortalURL = "https://www.damancom.ma/"

// MaxControlReportPDF bounds the control-report PDF (10 MiB).
const MaxControlReportPDF = store.MaxControlReportPDF

// Error codes.
const (
	CodeNotExportable = "manual.not_exportable"
	CodeFolder        = "manual.folder"
	CodeWrite         = "manual.write"
	CodeEvidence      = "manual.evidence"
)

// ErrNotExportable is in the chain of Export's refusals.
var ErrNotExportable = errors.New("manual: declaration cannot be exported")

var (
	msgBlocking = i18n.Text{
		FR: "cette déclaration a %d erreur(s) bloquante(s) : corrigez-les avant de l'exporter pour damancom.ma",
		AR: "لهذا التصريح %d خطأ(أخطاء) مانع(ة): صححها قبل تصديره إلى damancom.ma",
		EN: "this declaration has %d blocking error(s): fix them before exporting it for damancom.ma",
	}
	msgNoFile = i18n.Text{
		FR: "cette déclaration n'a pas de fichier : générez-la d'abord",
		AR: "لا يوجد ملف لهذا التصريح: أنشئه أولاً",
		EN: "this declaration has no file: generate it first",
	}
	msgAccepted = i18n.Text{
		FR: "cette déclaration a déjà été acceptée par la plateforme : ne la déposez pas une seconde fois",
		AR: "سبق أن قبلت المنصة هذا التصريح: لا تودعه مرة ثانية",
		EN: "the platform already accepted this declaration: do not deposit it a second time",
	}
	msgInOutbox = i18n.Text{
		FR: "cette déclaration est en cours d'envoi à la plateforme (état « %s ») : attendez sa réponse avant de la déposer à la main",
		AR: "هذا التصريح قيد الإرسال إلى المنصة (الحالة « %s »): انتظر ردها قبل إيداعه يدوياً",
		EN: "this declaration is being sent to the platform (state %q): wait for its answer before depositing it by hand",
	}
	msgCorrupt = i18n.Text{
		FR: "le fichier de la déclaration ne correspond plus à son empreinte enregistrée : restaurez une sauvegarde",
		AR: "ملف التصريح لم يعد يطابق بصمته المسجلة: استرجع نسخة احتياطية",
		EN: "the declaration file no longer matches its recorded digest: restore a backup",
	}
	msgFolder = i18n.Text{
		FR: "dossier « %s » inutilisable : %s",
		AR: "المجلد « %s » غير صالح للاستعمال: %s",
		EN: "folder %q cannot be used: %s",
	}
	msgWrite = i18n.Text{
		FR: "écriture de %s impossible : %s",
		AR: "تعذرت كتابة %s: %s",
		EN: "cannot write %s: %s",
	}
	txtNotFolder = i18n.Text{FR: "ce n'est pas un dossier", AR: "ليس مجلداً", EN: "it is not a folder"}
	txtMissing   = i18n.Text{FR: "dossier introuvable", AR: "المجلد غير موجود", EN: "folder not found"}
	txtDenied    = i18n.Text{FR: "accès refusé", AR: "تم رفض الوصول", EN: "permission denied"}
	txtMismatch  = i18n.Text{FR: "le fichier relu diffère du fichier écrit", AR: "الملف المقروء يختلف عن الملف المكتوب", EN: "the file read back differs from the file written"}

	msgRefEmpty = i18n.Text{
		FR: "référence du dépôt obligatoire (celle que damancom.ma affiche après le dépôt)",
		AR: "مرجع الإيداع إلزامي (الذي تعرضه damancom.ma بعد الإيداع)",
		EN: "deposit reference required (the one damancom.ma shows after the deposit)",
	}
	msgRefShape = i18n.Text{
		FR: "référence invalide : 100 caractères au plus, lettres, chiffres, espaces et - _ / . seulement",
		AR: "مرجع غير صالح: 100 حرف على الأكثر، حروف وأرقام ومسافات و - _ / . فقط",
		EN: "invalid reference: 100 characters at most, letters, digits, spaces and - _ / . only",
	}
	msgDate = i18n.Text{
		FR: "date du dépôt invalide : elle doit être une vraie date, pas dans le futur ni avant la fin de la période déclarée (%s)",
		AR: "تاريخ الإيداع غير صالح: يجب أن يكون تاريخاً حقيقياً، ليس في المستقبل ولا قبل نهاية الفترة المصرح بها (%s)",
		EN: "invalid deposit date: it must be a real date, not in the future nor before the end of the declared period (%s)",
	}
	msgPDFSize = i18n.Text{
		FR: "compte rendu de contrôle trop volumineux (10 Mio au plus)",
		AR: "تقرير المراقبة كبير جداً (10 ميغابايت على الأكثر)",
		EN: "control report too large (10 MiB at most)",
	}
	msgPDFKind = i18n.Text{
		FR: "le compte rendu de contrôle doit être le fichier PDF téléchargé de damancom.ma",
		AR: "يجب أن يكون تقرير المراقبة ملف PDF المحمّل من damancom.ma",
		EN: "the control report must be the PDF file downloaded from damancom.ma",
	}
)

// Evidence is what the user brings back from the portal.
type Evidence struct {
	DepositReference string      `json:"deposit_reference"`
	DepositDate      domain.Date `json:"deposit_date"`
	PaymentReference string      `json:"payment_reference,omitempty"`
	// ControlReportPDF is optional; it must start with "%PDF-" and be at most
	// MaxControlReportPDF bytes.
	ControlReportPDF []byte `json:"control_report_pdf,omitempty"`
}

// Options tune New.
type Options struct {
	// OnRecorded is called after evidence was committed, with the
	// declaration (without its bytes) and the evidence (PDF included); the
	// receipt generator plugs in here. It runs in the caller's goroutine.
	OnRecorded func(d store.Declaration, md store.ManualDeposit)
	// Now gives today's date for the deposit date check; nil: time.Now.
	Now func() time.Time
}

// Service exports declarations and records manual deposits. It is safe for
// concurrent use.
type Service struct {
	st   *store.Store
	opts Options
}

// New returns the manual deposit service of the store st.
func New(st *store.Store, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Service{st: st, opts: opts}
}

// Export writes the file of a declaration, under its official name, into the
// existing folder dir, atomically (temporary file, fsync, rename), then reads
// it back and checks its SHA-256 against the store's. It refuses a
// declaration with blocking findings or without a file, one accepted by the
// platform, and one with a submission still in the outbox. It writes an
// audit entry and returns the path written.
func (s *Service) Export(declarationID, dir string) (string, error) {
	d, err := s.st.Declarations().Get(declarationID)
	if err != nil {
		return "", err
	}
	if err := exportable(s.st, d); err != nil {
		return "", err
	}
	er, err := s.st.Employers().Get(d.EmployerID)
	if err != nil {
		return "", err
	}
	if err := checkFolder(dir); err != nil {
		return "", err
	}
	name := declaration.FileName(er.Affiliation, d.Period, d.Sequence)
	path := filepath.Join(dir, name)
	if err := writeAtomic(path, d.Bytes); err != nil {
		return "", err
	}
	back, err := os.ReadFile(path)
	if err != nil {
		return "", i18n.Wrap(err, CodeWrite, msgWrite, path, err.Error())
	}
	if !bytes.Equal(back, d.Bytes) {
		return "", i18n.New(CodeWrite, msgWrite, path, txtMismatch)
	}
	err = s.st.Update(func(tx *store.Tx) error {
		_, err := tx.Audit(store.ActionDeclarationExportManual, store.EntityDeclaration, d.ID, nil, map[string]string{
			"file_name": name, "sha256": d.SHA256, "portal": PortalURL,
		})
		return err
	})
	if err != nil {
		return "", err
	}
	return path, nil
}

func exportable(st *store.Store, d store.Declaration) error {
	if err := lifecycle.CheckUsable(d.Status); err != nil {
		return err // the month changed after generation: regenerate first
	}
	if d.Errors > 0 {
		return i18n.Wrap(ErrNotExportable, CodeNotExportable, msgBlocking, d.Errors)
	}
	if len(d.Bytes) == 0 {
		return i18n.Wrap(ErrNotExportable, CodeNotExportable, msgNoFile)
	}
	sum := sha256.Sum256(d.Bytes)
	if hex.EncodeToString(sum[:]) != d.SHA256 {
		return i18n.Wrap(ErrNotExportable, CodeNotExportable, msgCorrupt)
	}
	if d.Status == store.StatusAccepted {
		return i18n.Wrap(ErrNotExportable, CodeNotExportable, msgAccepted)
	}
	subs, err := st.Submissions().ListByDeclaration(d.ID)
	if err != nil {
		return err
	}
	for _, sub := range subs {
		if sub.State == store.SubAccepted {
			return i18n.Wrap(ErrNotExportable, CodeNotExportable, msgAccepted)
		}
		if !sub.State.Terminal() {
			return i18n.Wrap(ErrNotExportable, CodeNotExportable, msgInOutbox, string(sub.State))
		}
	}
	return nil
}

func checkFolder(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case os.IsNotExist(err):
		return i18n.Wrap(err, CodeFolder, msgFolder, dir, txtMissing)
	case os.IsPermission(err):
		return i18n.Wrap(err, CodeFolder, msgFolder, dir, txtDenied)
	case err != nil:
		return i18n.Wrap(err, CodeFolder, msgFolder, dir, err.Error())
	case !st.IsDir():
		return i18n.New(CodeFolder, msgFolder, dir, txtNotFolder)
	}
	return nil
}

// writeAtomic writes data to path through a temporary file of the same
// folder, synced, then renamed; an error never leaves a partial file.
func writeAtomic(path string, data []byte) error {
	if err := atomicfile.WriteFile(path, data, 0o644); err != nil {
		reason := any(err.Error())
		if os.IsPermission(err) {
			reason = txtDenied
		}
		return i18n.Wrap(err, CodeWrite, msgWrite, path, reason)
	}
	return nil
}

// CheckEvidence validates evidence for a declaration of period p, as
// RecordEvidence does, and returns it normalised (spaces trimmed).
func CheckEvidence(ev Evidence, p domain.Period, today time.Time) (Evidence, error) {
	ev.DepositReference = strings.TrimSpace(ev.DepositReference)
	ev.PaymentReference = strings.TrimSpace(ev.PaymentReference)
	if ev.DepositReference == "" {
		return ev, i18n.New(CodeEvidence, msgRefEmpty).WithField("deposit_reference")
	}
	if !validRef(ev.DepositReference) {
		return ev, i18n.New(CodeEvidence, msgRefShape).WithField("deposit_reference")
	}
	if ev.PaymentReference != "" && !validRef(ev.PaymentReference) {
		return ev, i18n.New(CodeEvidence, msgRefShape).WithField("payment_reference")
	}
	// The deposit comes after the month declared (from the 1st of the next
	// month) and not after today (one day of slack for time zones).
	earliest := domain.DateOf(p.Next().First())
	latest := domain.DateOf(today.AddDate(0, 0, 1))
	if !ev.DepositDate.Valid() || ev.DepositDate.Before(earliest) || latest.Before(ev.DepositDate) {
		return ev, i18n.New(CodeEvidence, msgDate, periodText(p)).WithField("deposit_date")
	}
	if len(ev.ControlReportPDF) > 0 {
		if len(ev.ControlReportPDF) > MaxControlReportPDF {
			return ev, i18n.New(CodeEvidence, msgPDFSize).WithField("control_report_pdf")
		}
		if !bytes.HasPrefix(ev.ControlReportPDF, []byte("%PDF-")) {
			return ev, i18n.New(CodeEvidence, msgPDFKind).WithField("control_report_pdf")
		}
	}
	return ev, nil
}

func periodText(p domain.Period) i18n.Text {
	return i18n.Text{FR: p.Label(i18n.FR), AR: p.Label(i18n.AR), EN: p.Label(i18n.EN)}
}

func validRef(s string) bool {
	if len(s) > 100 {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '-' || r == '_' || r == '/' || r == '.') {
			return false
		}
	}
	return true
}

// RecordEvidence checks and stores the evidence of a manual deposit of the
// declaration, sets its status to manual and writes the audit entry (one
// transaction; see store.ManualDeposits.Record for the refusals), then calls
// OnRecorded.
func (s *Service) RecordEvidence(declarationID string, ev Evidence) (store.ManualDeposit, error) {
	d, err := s.st.Declarations().Get(declarationID)
	if err != nil {
		return store.ManualDeposit{}, err
	}
	ev, err = CheckEvidence(ev, d.Period, s.opts.Now())
	if err != nil {
		return store.ManualDeposit{}, err
	}
	md, err := s.st.ManualDeposits().Record(store.ManualDeposit{
		DeclarationID:    d.ID,
		DepositReference: ev.DepositReference,
		DepositDate:      ev.DepositDate,
		PaymentReference: ev.PaymentReference,
		ControlReportPDF: ev.ControlReportPDF,
	})
	if err != nil {
		return store.ManualDeposit{}, err
	}
	if s.opts.OnRecorded != nil {
		d.Bytes = nil
		d.Status = store.StatusManual
		s.opts.OnRecorded(d, md)
	}
	return md, nil
}
