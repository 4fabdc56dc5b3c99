package desktop

import (
	"context"
	"io"
	"path/filepath"
	"time"

	"github.com/tasrih/tasrih/internal/atomicfile"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/receipt"
	"github.com/tasrih/tasrih/internal/store"
)

// ReceiptRow is one receipt in the receipts list (no PDF).
type ReceiptRow struct {
	ReceiptID     string           `json:"receipt_id"`
	DeclarationID string           `json:"declaration_id"`
	SubmissionID  string           `json:"submission_id,omitempty"`
	EmployerID    string           `json:"employer_id"`
	Affiliation   string           `json:"affiliation"`
	Name          string           `json:"name"`
	Period        domain.Period    `json:"period" ts_type:"string"`
	Kind          store.DeclKind   `json:"kind"`
	Sequence      int              `json:"sequence"`
	FileName      string           `json:"file_name"`
	Status        store.DeclStatus `json:"status"`
	Sandbox       bool             `json:"sandbox"`
	CreatedAt     time.Time        `json:"created_at" ts_type:"string"`
}

// ListReceipts returns the receipts of period p for the employers ids (none:
// every employer), by employer name then declaration. A declaration accepted
// or deposited by hand whose receipt is missing (the app stopped between the
// platform's answer and the receipt) gets it now.
func (s *Session) ListReceipts(p domain.Period, ids []string) ([]ReceiptRow, error) {
	ers, err := s.employersOf(ids)
	if err != nil {
		return nil, err
	}
	out := []ReceiptRow{}
	for _, er := range ers {
		decls, err := s.Store.Declarations().List(er.ID, p)
		if err != nil {
			return nil, err
		}
		for _, d := range decls {
			rcs, err := s.Store.Receipts().ListByDeclaration(d.ID)
			if err != nil {
				return nil, err
			}
			if len(rcs) == 0 && (d.Status == store.StatusAccepted || d.Status == store.StatusManual) {
				if rc, err := s.catchUpReceipt(d); err == nil && rc.ID != "" {
					rcs = append(rcs, rc)
				}
			}
			for _, rc := range rcs {
				out = append(out, ReceiptRow{ReceiptID: rc.ID, DeclarationID: d.ID, SubmissionID: rc.SubmissionID,
					EmployerID: er.ID, Affiliation: er.Affiliation, Name: er.Name, Period: d.Period, Kind: d.Kind,
					Sequence: d.Sequence, FileName: d.FileName, Status: d.Status, Sandbox: rc.Sandbox, CreatedAt: rc.CreatedAt})
			}
		}
	}
	return out, nil
}

func (s *Session) employersOf(ids []string) ([]domain.Employer, error) {
	all, err := s.Store.Employers().List()
	if err != nil || len(ids) == 0 {
		return all, err
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []domain.Employer
	for _, e := range all {
		if want[e.ID] {
			out = append(out, e)
		}
	}
	return out, nil
}

// catchUpReceipt makes the missing receipt of an accepted or manual
// declaration.
func (s *Session) catchUpReceipt(d store.Declaration) (store.Receipt, error) {
	if d.Status == store.StatusManual {
		md, err := s.Store.ManualDeposits().Get(d.ID)
		if err != nil {
			return store.Receipt{}, err
		}
		return ReceiptForManual(s.Store, s.Params, d, md)
	}
	subs, err := s.Store.Submissions().ListByDeclaration(d.ID)
	if err != nil {
		return store.Receipt{}, err
	}
	for i := len(subs) - 1; i >= 0; i-- {
		sub := subs[i]
		if sub.State != store.SubAccepted {
			continue
		}
		res, err := s.Store.DepositResults().Get(sub.ID)
		if err != nil {
			return store.Receipt{}, err
		}
		processed := res.ProcessedAt
		dep := api.Deposit{DepositID: res.DepositID, ReceivedAt: res.ReceivedAt, ProcessedAt: &processed,
			AcknowledgementNumber: res.AcknowledgementNumber, PaymentReference: res.PaymentReference}
		return ReceiptForDeposit(s.Store, s.Params, sub, dep)
	}
	return store.Receipt{}, nil
}

// Events of the ZIP export.
const (
	EventZIPProgress = "zip:progress"
	EventZIPDone     = "zip:done"
)

const opZIP = "zip"

// ZIPDone is the payload of EventZIPDone.
type ZIPDone struct {
	OpID string `json:"op_id"`
	// Path is the archive written ("" on failure or cancellation).
	Path      string `json:"path"`
	Entries   int    `json:"entries"`
	Cancelled bool   `json:"cancelled"`
	// Error is why it failed (nil: done).
	Error *ErrorInfo `json:"error"`
}

// ErrorInfo is an error as an event carries it.
type ErrorInfo struct {
	Code    string    `json:"code"`
	Message i18n.Text `json:"message"`
}

func errorInfo(err error) *ErrorInfo {
	if err == nil {
		return nil
	}
	return &ErrorInfo{Code: i18n.Code(err), Message: i18n.Text{FR: i18n.Message(err, i18n.FR), AR: i18n.Message(err, i18n.AR), EN: i18n.Message(err, i18n.EN)}}
}

// StartZIP writes, in the background, one ZIP archive at path with the
// receipts of period p for the employers ids (none: all) and the summary
// (bordereau) of each of their declarations, in language lang ("" =
// French: the receipts as stored; see ReceiptPDF). Progress: EventZIPProgress;
// end: EventZIPDone. The archive is written to a temporary file beside path
// and renamed at the end: a failed or cancelled export leaves nothing.
func (c *Core) StartZIP(p domain.Period, ids []string, path string, lang i18n.Lang) (string, error) {
	if !c.Unlocked() {
		return "", LockedError()
	}
	op := c.ops.New(context.Background(), opZIP, EventZIPProgress)
	c.ops.Go(op, func(op *Op) {
		done := ZIPDone{OpID: op.ID}
		err := c.Use(func(s *Session) error {
			rows, err := s.ListReceipts(p, ids)
			if err != nil {
				return err
			}
			items := zipItems(s, rows, lang)
			done.Entries = len(items)
			return writeZIP(op, path, items)
		})
		done.Cancelled = op.Context().Err() != nil && err != nil
		if err == nil {
			done.Path = path
		} else if !done.Cancelled {
			done.Error = errorInfo(err)
		}
		// Unregistered before the page hears it is done: a Cancel that
		// follows the done event finds nothing to cancel.
		c.ops.Finish(op)
		c.emit(EventZIPDone, done)
	})
	return op.ID, nil
}

func zipItems(s *Session, rows []ReceiptRow, lang i18n.Lang) []receipt.Item {
	var items []receipt.Item
	seen := map[string]bool{}
	for _, r := range rows {
		id := r.ReceiptID
		name := receipt.EntryName(r.Affiliation, r.FileName, receipt.ReceiptSuffix)
		if seen[name] { // several receipts of one declaration (manual recorded again)
			name = receipt.EntryName(r.Affiliation, r.FileName, receipt.ReceiptSuffix+"-"+id[len(id)-6:])
		}
		seen[name] = true
		items = append(items, receipt.Item{Name: name, Modified: r.CreatedAt, PDF: func(context.Context) ([]byte, error) {
			return ReceiptPDF(s.Store, s.Params, id, lang)
		}})
		if sum := receipt.EntryName(r.Affiliation, r.FileName, receipt.SummarySuffix); !seen[sum] {
			seen[sum] = true
			declID := r.DeclarationID
			items = append(items, receipt.Item{Name: sum, Modified: r.CreatedAt, PDF: func(context.Context) ([]byte, error) {
				return SummaryOf(s.Store, s.Params, declID, lang)
			}})
		}
	}
	return items
}

func writeZIP(op *Op, path string, items []receipt.Item) error {
	var zerr error
	err := atomicfile.Write(path, 0o600, func(w io.Writer) error {
		zerr = receipt.ExportZIP(op.Context(), w, items, op.ProgressFunc())
		return zerr
	})
	if err != nil && err == zerr {
		return err // already the user's error (cancelled, a document failed)
	}
	if err != nil {
		return i18n.Wrap(err, CodeWrite, msgWrite, filepath.Base(path))
	}
	return nil
}
