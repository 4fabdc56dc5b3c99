package desktop

import (
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/receipt"
	"github.com/tasrih/tasrih/internal/store"
)

// ReceiptForDeposit makes the PDF receipt of a submission the platform
// accepted and stores it (tx.Receipts, one transaction). It is the outbox's
// OnAccepted hook. A submission that already has a receipt is left alone
// (the returned receipt is that one, without PDF).
func ReceiptForDeposit(st *store.Store, tab *params.Table, sub store.Submission, dep api.Deposit) (store.Receipt, error) {
	var out store.Receipt
	err := st.Update(func(tx *store.Tx) error {
		if rc, ok, err := existingReceipt(tx, sub.DeclarationID, sub.ID); err != nil || ok {
			out = rc
			return err
		}
		d, er, err := declAndEmployer(tx, sub.DeclarationID)
		if err != nil {
			return err
		}
		dp, err := depositOf(tx, tab, d, er)
		if err != nil {
			return err
		}
		platformDeposit(&dp, sub, dep)
		dp.Operator = st.Actor()
		pdf, err := receipt.Receipt(dp)
		if err != nil {
			return err
		}
		out, err = tx.Receipts().Create(store.Receipt{DeclarationID: d.ID, SubmissionID: sub.ID, PDF: pdf, Sandbox: dp.Sandbox})
		return err
	})
	out.PDF = nil
	return out, err
}

// ReceiptForManual makes the receipt of a manual deposit recorded by the
// user (the manual service's OnRecorded hook) and stores it. Recording the
// evidence again makes a new receipt.
func ReceiptForManual(st *store.Store, tab *params.Table, decl store.Declaration, md store.ManualDeposit) (store.Receipt, error) {
	var out store.Receipt
	err := st.Update(func(tx *store.Tx) error {
		d, er, err := declAndEmployer(tx, decl.ID)
		if err != nil {
			return err
		}
		dp, err := depositOf(tx, tab, d, er)
		if err != nil {
			return err
		}
		manualDeposit(&dp, md)
		dp.Operator = st.Actor()
		pdf, err := receipt.Receipt(dp)
		if err != nil {
			return err
		}
		out, err = tx.Receipts().Create(store.Receipt{DeclarationID: d.ID, PDF: pdf})
		return err
	})
	out.PDF = nil
	return out, err
}

// platformDeposit fills a receipt's deposit facts from the platform's answer.
func platformDeposit(dp *receipt.Deposit, sub store.Submission, dep api.Deposit) {
	dp.AcknowledgementNumber, dp.PaymentReference = dep.AcknowledgementNumber, dep.PaymentReference
	if dp.AcknowledgementNumber == "" {
		dp.AcknowledgementNumber = sub.AcknowledgementNumber
	}
	if dp.PaymentReference == "" {
		dp.PaymentReference = sub.PaymentReference
	}
	dp.DepositedAt = dep.ReceivedAt
	if dep.ProcessedAt != nil {
		dp.AcceptedAt = *dep.ProcessedAt
	}
	if dp.DepositedAt.IsZero() {
		dp.DepositedAt = sub.UpdatedAt
	}
	dp.Sandbox = sub.Profile == domain.ProfileSandbox
}

// manualDeposit fills a receipt's deposit facts from a manual deposit.
func manualDeposit(dp *receipt.Deposit, md store.ManualDeposit) {
	dp.Manual = &receipt.ManualEvidence{DepositReference: md.DepositReference, DepositDate: md.DepositDate,
		PaymentReference: md.PaymentReference, ControlReportAttached: len(md.ControlReportPDF) > 0,
		RecordedAt: md.RecordedAt}
	dp.AcknowledgementNumber, dp.PaymentReference = md.DepositReference, md.PaymentReference
	dp.DepositedAt = md.DepositDate.Time()
}

// ReceiptPDF returns the PDF of a stored receipt in language lang. The
// stored PDF is the original, made in French when the deposit was accepted
// (or recorded): it is returned as it is for French. Another language is a
// translation made now from the same stored facts (declaration, employer,
// platform answer or manual evidence); its operator is the store's actor.
func ReceiptPDF(st *store.Store, tab *params.Table, receiptID string, lang i18n.Lang) ([]byte, error) {
	rc, err := st.Receipts().Get(receiptID)
	if err != nil {
		return nil, err
	}
	if lang == "" || lang == i18n.FR {
		return rc.PDF, nil
	}
	var dp receipt.Deposit
	err = st.View(func(tx *store.Tx) error {
		d, er, err := declAndEmployer(tx, rc.DeclarationID)
		if err != nil {
			return err
		}
		if dp, err = depositOf(tx, tab, d, er); err != nil {
			return err
		}
		if rc.SubmissionID == "" {
			md, err := tx.ManualDeposits().Get(d.ID)
			if err != nil {
				return err
			}
			manualDeposit(&dp, md)
			return nil
		}
		sub, err := tx.Submissions().Get(rc.SubmissionID)
		if err != nil {
			return err
		}
		res, err := tx.DepositResults().Get(sub.ID)
		if err != nil {
			return err
		}
		processed := res.ProcessedAt
		platformDeposit(&dp, sub, api.Deposit{DepositID: res.DepositID, ReceivedAt: res.ReceivedAt, ProcessedAt: &processed,
			AcknowledgementNumber: res.AcknowledgementNumber, PaymentReference: res.PaymentReference})
		dp.Sandbox = rc.Sandbox
		return nil
	})
	if err != nil {
		return nil, err
	}
	dp.Operator = st.Actor()
	dp.Lang = lang
	return receipt.Receipt(dp)
}

// SummaryOf makes the "bordereau récapitulatif" PDF of a declaration in
// language lang ("" = French).
func SummaryOf(st *store.Store, tab *params.Table, declarationID string, lang i18n.Lang) ([]byte, error) {
	var s receipt.Summary
	err := st.View(func(tx *store.Tx) error {
		d, er, err := declAndEmployer(tx, declarationID)
		if err != nil {
			return err
		}
		parsed, _ := declaration.Validate(d.Bytes, declaration.Options{Params: tab})
		if parsed == nil {
			return errUnreadable()
		}
		s = receipt.Summary{Employer: receipt.Employer{Affiliation: er.Affiliation, Name: er.Name, ICE: er.ICE},
			Period: d.Period, Kind: declaration.Kind(d.Kind), Sequence: d.Sequence, FileName: d.FileName, SHA256: d.SHA256,
			Decl: parsed.Decl, CreatedAt: d.FrozenAt, Lang: lang}
		_, due, _, err := EffectiveDeadline(tx.DeadlineExtensions(), tab, er, d.Period)
		if err != nil {
			return err
		}
		s.DueDate = due
		g := parsed.Decl.GrandTotals
		if pr, err := tab.At(d.Period); err == nil {
			s.Estimate = pr.Estimate(g.Real, g.Capped, er.AMOSolidarityOnly)
		}
		if subs, err := tx.Submissions().ListByDeclaration(d.ID); err == nil && len(subs) > 0 {
			s.Sandbox = subs[len(subs)-1].Profile == domain.ProfileSandbox
		}
		if s.CreatedAt.IsZero() {
			s.CreatedAt = d.UpdatedAt
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return receipt.SummaryPDF(s)
}

func existingReceipt(tx *store.Tx, declID, subID string) (store.Receipt, bool, error) {
	rcs, err := tx.Receipts().ListByDeclaration(declID)
	if err != nil {
		return store.Receipt{}, false, err
	}
	for _, rc := range rcs {
		if subID != "" && rc.SubmissionID == subID {
			return rc, true, nil
		}
	}
	return store.Receipt{}, false, nil
}

func declAndEmployer(tx *store.Tx, declID string) (store.Declaration, domain.Employer, error) {
	d, err := tx.Declarations().Get(declID)
	if err != nil {
		return d, domain.Employer{}, err
	}
	er, err := tx.Employers().Get(d.EmployerID)
	return d, er, err
}

// depositOf fills what a receipt shows from the declaration file itself.
func depositOf(tx *store.Tx, tab *params.Table, d store.Declaration, er domain.Employer) (receipt.Deposit, error) {
	parsed, _ := declaration.Validate(d.Bytes, declaration.Options{Params: tab})
	if parsed == nil {
		return receipt.Deposit{}, errUnreadable()
	}
	b02, b04, tot := receipt.Facts(&parsed.Decl)
	dp := receipt.Deposit{
		Employer: receipt.Employer{Affiliation: er.Affiliation, Name: er.Name, ICE: er.ICE},
		Period:   d.Period, Kind: declaration.Kind(d.Kind), Sequence: d.Sequence,
		FileName: d.FileName, SHA256: d.SHA256, B02Count: b02, B04Count: b04, Totals: tot,
	}
	_, due, _, err := EffectiveDeadline(tx.DeadlineExtensions(), tab, er, d.Period)
	if err != nil {
		return receipt.Deposit{}, err
	}
	dp.DueDate = due
	if pr, err := tab.At(d.Period); err == nil {
		dp.Estimate = pr.Estimate(tot.Real, tot.Capped, er.AMOSolidarityOnly)
	}
	return dp, nil
}
