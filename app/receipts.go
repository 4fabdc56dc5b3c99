package app

import (
	"bytes"
	"context"
	"encoding/base64"

	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/receipt"
	"github.com/tasrih/tasrih/internal/store"
)

// Receipts is the bound service of the receipts: list, view (PDF as base64,
// shown in the app: no plaintext temporary file), export, ZIP export, and
// the audit log. Events: zip:progress {op_id, done, total},
// zip:done {op_id, path, entries, cancelled, error}.
type Receipts struct {
	svc *Services
}

// ReceiptDoc is a receipt with its PDF.
type ReceiptDoc struct {
	store.Receipt
	// PDFBase64 is the PDF, base64-encoded (the Receipt's pdf field is empty).
	PDFBase64 string `json:"pdf_base64"`
}

// List returns the receipts of period for employerIDs (empty: all).
func (r *Receipts) List(period string, employerIDs []string) ([]desktop.ReceiptRow, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	var out []desktop.ReceiptRow
	err = r.svc.Core.Use(func(s *desktop.Session) (err error) { out, err = s.ListReceipts(p, employerIDs); return err })
	return nonNil(out), err
}

// ForDeclaration returns the receipts of one declaration (without PDF).
func (r *Receipts) ForDeclaration(declarationID string) ([]store.Receipt, error) {
	var out []store.Receipt
	err := r.svc.Core.Use(func(s *desktop.Session) (err error) {
		out, err = s.Store.Receipts().ListByDeclaration(declarationID)
		return err
	})
	return nonNil(out), err
}

// Get returns a receipt with its PDF in base64, in language lang ("fr",
// "ar", "en"; "" = French, the stored original; see desktop.ReceiptPDF).
func (r *Receipts) Get(receiptID, lang string) (ReceiptDoc, error) {
	l, err := i18n.ParseLang(lang)
	if err != nil {
		return ReceiptDoc{}, err
	}
	var rc store.Receipt
	err = r.svc.Core.Use(func(s *desktop.Session) (err error) {
		if rc, err = s.Store.Receipts().Get(receiptID); err != nil {
			return err
		}
		rc.PDF, err = desktop.ReceiptPDF(s.Store, s.Params, receiptID, l)
		return err
	})
	if err != nil {
		return ReceiptDoc{}, err
	}
	doc := ReceiptDoc{Receipt: rc, PDFBase64: base64.StdEncoding.EncodeToString(rc.PDF)}
	doc.PDF = nil
	return doc, nil
}

// SummaryPDF returns the summary (bordereau récapitulatif) of a declaration
// as a base64 PDF in language lang ("" = French).
func (r *Receipts) SummaryPDF(declarationID, lang string) (string, error) {
	l, err := i18n.ParseLang(lang)
	if err != nil {
		return "", err
	}
	var pdf []byte
	err = r.svc.Core.Use(func(s *desktop.Session) (err error) {
		pdf, err = desktop.SummaryOf(s.Store, s.Params, declarationID, l)
		return err
	})
	return base64.StdEncoding.EncodeToString(pdf), err
}

// Export asks where to save a receipt's PDF in language lang and writes it;
// "" when cancelled.
func (r *Receipts) Export(receiptID, lang string) (string, error) {
	l, err := i18n.ParseLang(lang)
	if err != nil {
		return "", err
	}
	var rc store.Receipt
	var d store.Declaration
	var aff string
	err = r.svc.Core.Use(func(s *desktop.Session) (err error) {
		if rc, err = s.Store.Receipts().Get(receiptID); err != nil {
			return err
		}
		if rc.PDF, err = desktop.ReceiptPDF(s.Store, s.Params, receiptID, l); err != nil {
			return err
		}
		if d, err = s.Store.Declarations().Get(rc.DeclarationID); err != nil {
			return err
		}
		er, err := s.Store.Employers().Get(d.EmployerID)
		aff = er.Affiliation
		return err
	})
	if err != nil {
		return "", err
	}
	name := receipt.EntryName(aff, d.FileName, receipt.ReceiptSuffix)
	path, err := r.svc.shell.SaveFile(FileDialog{Title: "Exporter le reçu", DefaultName: baseName(name), Filters: [][2]string{{"PDF", "*.pdf"}}})
	if err != nil || path == "" {
		return "", err
	}
	return path, desktop.WriteFileAtomic(path, rc.PDF)
}

// ExportZIP asks where to save one ZIP of the receipts and summaries of
// period for employerIDs (empty: all) in language lang ("" = French), then
// writes it in the background: it returns the op_id of zip:progress /
// zip:done ("" when cancelled).
func (r *Receipts) ExportZIP(period string, employerIDs []string, lang string) (string, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return "", err
	}
	l, err := i18n.ParseLang(lang)
	if err != nil {
		return "", err
	}
	if !r.svc.Core.Unlocked() {
		return "", desktop.LockedError()
	}
	path, err := r.svc.shell.SaveFile(FileDialog{Title: "Exporter les reçus", DefaultName: "recus-" + p.String() + ".zip",
		Filters: [][2]string{{"Archive ZIP", "*.zip"}}})
	if err != nil || path == "" {
		return "", err
	}
	return r.svc.Core.StartZIP(p, employerIDs, path, l)
}

// Attempts returns the deposit attempts of a declaration (API and manual),
// in time order, without screenshots.
func (r *Receipts) Attempts(declarationID string) ([]store.DepositAttempt, error) {
	var out []store.DepositAttempt
	err := r.svc.Core.Use(func(s *desktop.Session) (err error) {
		out, err = s.Store.DepositAttempts().List(declarationID)
		return err
	})
	return nonNil(out), err
}

// RecordPortalFailure records "the portal did not work" for a declaration
// deposited by hand: an optional note and an optional screenshot (PNG or
// JPEG, base64, at most 5 MiB).
func (r *Receipts) RecordPortalFailure(declarationID, note, screenshotBase64 string) (store.DepositAttempt, error) {
	shot, err := base64.StdEncoding.DecodeString(screenshotBase64)
	if err != nil {
		return store.DepositAttempt{}, i18n.New(store.CodeBadScreenshot, i18n.Text{
			FR: "la capture d'écran est illisible", AR: "لقطة الشاشة غير مقروءة", EN: "the screenshot cannot be read",
		}).WithField("screenshot")
	}
	var out store.DepositAttempt
	err = r.svc.Core.Use(func(s *desktop.Session) (err error) {
		if err = r.svc.Core.FirmEditableDeclaration(s, declarationID); err != nil {
			return err
		}
		out, err = desktop.RecordPortalFailure(s.Store, declarationID, note, shot)
		return err
	})
	return out, err
}

// AttemptScreenshot returns the screenshot of an attempt in base64 ("" when
// it has none).
func (r *Receipts) AttemptScreenshot(declarationID, attemptID string) (string, error) {
	var b []byte
	err := r.svc.Core.Use(func(s *desktop.Session) (err error) {
		b, err = s.Store.DepositAttempts().Screenshot(declarationID, attemptID)
		return err
	})
	return base64.StdEncoding.EncodeToString(b), err
}

// Extensions lists the deadline extensions announced by the CNSS for whole
// periods.
func (r *Receipts) Extensions() ([]store.DeadlineExtension, error) {
	var out []store.DeadlineExtension
	err := r.svc.Core.Use(func(s *desktop.Session) (err error) { out, err = s.Store.DeadlineExtensions().List(); return err })
	return nonNil(out), err
}

// SetExtension records the CNSS's extension of period's deadline for every
// employer: the new deadline date (AAAAMMJJ) and the communiqué's reference.
func (r *Receipts) SetExtension(period, date, reference string) (store.DeadlineExtension, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return store.DeadlineExtension{}, err
	}
	d, err := desktop.ParseDate(date)
	if err != nil {
		return store.DeadlineExtension{}, err
	}
	var out store.DeadlineExtension
	err = r.svc.Core.Use(func(s *desktop.Session) (err error) {
		out, err = s.Store.DeadlineExtensions().Set(store.DeadlineExtension{Period: p, Date: d, Reference: reference}, s.Params.DueDate(p))
		return err
	})
	return out, err
}

// DeleteExtension removes the extension of period.
func (r *Receipts) DeleteExtension(period string) error {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return err
	}
	return r.svc.Core.Use(func(s *desktop.Session) error { return s.Store.DeadlineExtensions().Delete(p) })
}

// ExportEvidence asks where to save the outage evidence of period for
// employerIDs (empty: all) and writes one ZIP holding, per declaration, its
// evidence pack (PDF in language lang, raw files, manifest.sha256); it
// returns the path ("" when cancelled).
func (r *Receipts) ExportEvidence(period string, employerIDs []string, lang string) (string, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return "", err
	}
	l, err := i18n.ParseLang(lang)
	if err != nil {
		return "", err
	}
	if !r.svc.Core.Unlocked() {
		return "", desktop.LockedError()
	}
	path, err := r.svc.shell.SaveFile(FileDialog{Title: "Exporter le dossier de preuve", DefaultName: "preuves-" + p.String() + ".zip",
		Filters: [][2]string{{"Archive ZIP", "*.zip"}}})
	if err != nil || path == "" {
		return "", err
	}
	var b bytes.Buffer
	err = r.svc.Core.Use(func(s *desktop.Session) error {
		_, err := s.EvidenceBatch(context.Background(), &b, p, employerIDs, l)
		return err
	})
	if err != nil {
		return "", err
	}
	return path, desktop.WriteFileAtomic(path, b.Bytes())
}

// Cancel stops a running ZIP export; false when opID is unknown.
func (r *Receipts) Cancel(opID string) bool { return r.svc.Core.Ops().Cancel(opID) }

// Audit returns up to max entries of the audit log from sequence number from
// (1 is the first), each with its action's and entity's label in the three
// languages.
func (r *Receipts) Audit(from uint64, max int) ([]desktop.AuditRow, error) {
	if max <= 0 || max > 1000 {
		max = 1000
	}
	var out []desktop.AuditRow
	err := r.svc.Core.Use(func(s *desktop.Session) (err error) { out, err = desktop.AuditRows(s.Store, from, max); return err })
	return nonNil(out), err
}

func baseName(entry string) string {
	for i := len(entry) - 1; i >= 0; i-- {
		if entry[i] == '/' {
			return entry[i+1:]
		}
	}
	return entry
}
