package store

import (
	"errors"

	"github.com/tasrih/tasrih/internal/i18n"
)

// ManualDeposits keeps the evidence of declarations deposited by hand on
// damancom.ma (one record per declaration; recording again replaces it).
type ManualDeposits struct{ scope }

// ManualDeposits returns the manual deposit repository of the store.
func (s *Store) ManualDeposits() ManualDeposits { return ManualDeposits{scope{s: s}} }

// ManualDeposits returns the manual deposit repository bound to tx.
func (tx *Tx) ManualDeposits() ManualDeposits { return ManualDeposits{scope{s: tx.s, tx: tx}} }

// CodeManualRefused is the code of Record's refusals (declaration accepted
// by the platform, still in the outbox, or with blocking findings).
const CodeManualRefused = "store.manual_refused"

// ErrManualRefused is in the chain of Record's refusals.
var ErrManualRefused = errors.New("store: manual deposit refused")

var (
	msgManualAccepted = i18n.Text{
		FR: "cette déclaration a déjà été acceptée par la plateforme : aucun dépôt manuel à enregistrer",
		AR: "سبق أن قبلت المنصة هذا التصريح: لا يوجد إيداع يدوي لتسجيله",
		EN: "the platform already accepted this declaration: there is no manual deposit to record",
	}
	msgManualInOutbox = i18n.Text{
		FR: "cette déclaration est en cours d'envoi à la plateforme (état « %s ») : attendez sa réponse avant de la déposer à la main",
		AR: "هذا التصريح قيد الإرسال إلى المنصة (الحالة « %s »): انتظر ردها قبل إيداعه يدوياً",
		EN: "this declaration is being sent to the platform (state %q): wait for its answer before depositing it by hand",
	}
	msgManualErrors = i18n.Text{
		FR: "cette déclaration a %d erreur(s) bloquante(s) : elle ne peut pas être déposée",
		AR: "لهذا التصريح %d خطأ(أخطاء) مانع(ة): لا يمكن إيداعه",
		EN: "this declaration has %d blocking error(s): it cannot be deposited",
	}
	msgManualNotFound = i18n.Text{
		FR: "aucun dépôt manuel enregistré pour cette déclaration",
		AR: "لا يوجد إيداع يدوي مسجل لهذا التصريح",
		EN: "no manual deposit recorded for this declaration",
	}
)

// Record stores the evidence of a manual deposit and sets the declaration's
// status to manual (freezing its file), in one transaction with its audit
// entry. The declaration must have no blocking finding, must not be accepted
// by the platform and must have no submission still in the outbox. The store
// copies the employer and the file digest and sets RecordedAt.
func (r ManualDeposits) Record(md ManualDeposit) (ManualDeposit, error) {
	if err := Validate(md); err != nil {
		return ManualDeposit{}, err
	}
	pdf := md.ControlReportPDF
	err := r.update(func(tx *Tx) error {
		d, err := tx.declaration(md.DeclarationID, false)
		if err != nil {
			return err
		}
		if d.Errors > 0 {
			return i18n.Wrap(ErrManualRefused, CodeManualRefused, msgManualErrors, d.Errors)
		}
		if d.Status == StatusAccepted {
			return i18n.Wrap(ErrManualRefused, CodeManualRefused, msgManualAccepted)
		}
		subs, err := tx.Submissions().ListByDeclaration(d.ID)
		if err != nil {
			return err
		}
		for _, s := range subs {
			if s.State == SubAccepted {
				return i18n.Wrap(ErrManualRefused, CodeManualRefused, msgManualAccepted)
			}
			if !s.State.Terminal() {
				return i18n.Wrap(ErrManualRefused, CodeManualRefused, msgManualInOutbox, string(s.State))
			}
		}
		var before *ManualDeposit
		var old ManualDeposit
		if err := tx.get(keyManualDeposit(d.ID), kindManualDeposit, &old); err == nil {
			before = &old
		} else if !errors.Is(err, errMissing) {
			return err
		}
		md.EmployerID, md.SHA256, md.RecordedAt = d.EmployerID, d.SHA256, tx.now
		meta := md
		meta.ControlReportPDF = nil
		if err := tx.put(keyManualDeposit(d.ID), meta); err != nil {
			return err
		}
		if len(pdf) > 0 {
			err = tx.putRaw(keyManualPDF(d.ID), pdf)
		} else {
			err = tx.del(keyManualPDF(d.ID))
		}
		if err != nil {
			return err
		}
		if d.Status != StatusManual {
			if _, err := tx.Declarations().SetStatus(d.ID, StatusManual); err != nil {
				return err
			}
		}
		_, err = tx.Audit(ActionManualDepositRecord, kindManualDeposit, d.ID, before, meta)
		return err
	})
	if err != nil {
		return ManualDeposit{}, err
	}
	return md, nil
}

// Get returns the evidence of a declaration's manual deposit, PDF included.
func (r ManualDeposits) Get(declarationID string) (ManualDeposit, error) {
	var out ManualDeposit
	err := r.view(func(tx *Tx) error {
		if !validID(declarationID) {
			return i18n.Wrap(ErrNotFound, CodeNotFound, msgManualNotFound)
		}
		err := tx.get(keyManualDeposit(declarationID), kindManualDeposit, &out)
		if errors.Is(err, errMissing) {
			return i18n.Wrap(ErrNotFound, CodeNotFound, msgManualNotFound)
		}
		if err != nil {
			return err
		}
		out.ControlReportPDF, err = tx.getRaw(keyManualPDF(declarationID))
		if errors.Is(err, errMissing) {
			out.ControlReportPDF, err = nil, nil
		}
		return err
	})
	return out, err
}
