package desktop

import (
	"context"
	"errors"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/monthly"
	"github.com/tasrih/tasrih/internal/settings"
	"github.com/tasrih/tasrih/internal/store"
)

// Events of the batch close.
const (
	// EventBatchProgress: one more employer done (Progress with the
	// monthly.BatchResult of that employer).
	EventBatchProgress = "batch:progress"
	// EventBatchDone: the batch finished, was cancelled or failed (BatchDone).
	EventBatchDone = "batch:done"
)

const opBatch = "batch"

// BatchDone is the payload of EventBatchDone.
type BatchDone struct {
	OpID      string                `json:"op_id"`
	Results   []monthly.BatchResult `json:"results"`
	Cancelled bool                  `json:"cancelled"`
	// ErrorCode is set when the batch could not run at all (session.locked).
	ErrorCode string `json:"error_code,omitempty"`
}

// StartBatch validates and generates the declarations of period p for the
// employers ids in the background and returns the operation id at once.
// Progress: EventBatchProgress after each employer (throttled, the last one
// always sent); EventBatchDone at the end with every result. Cancel(opID)
// stops it (the remaining employers are reported cancelled).
func (c *Core) StartBatch(ids []string, p domain.Period) (string, error) {
	if !c.Unlocked() {
		return "", LockedError()
	}
	op := c.ops.New(context.Background(), opBatch, EventBatchProgress)
	c.ops.Go(op, func(op *Op) {
		done := BatchDone{OpID: op.ID, Results: []monthly.BatchResult{}}
		err := c.Use(func(s *Session) error {
			// A dossier another seat of the firm holds is not generated
			// here: it is reported failed with who holds it since when.
			var free []string
			var held []monthly.BatchResult
			for _, id := range ids {
				if err := c.FirmEditable(s, id); err != nil {
					var ie *i18n.Error
					r := monthly.BatchResult{EmployerID: id, State: "failed"}
					if errors.As(err, &ie) {
						r.Message = i18n.Text{FR: ie.In(i18n.FR), AR: ie.In(i18n.AR), EN: ie.In(i18n.EN)}
					}
					if er, gerr := s.Store.Employers().Get(id); gerr == nil {
						r.Affiliation, r.Name = er.Affiliation, er.Name
					}
					held = append(held, r)
					continue
				}
				free = append(free, id)
			}
			total := len(ids)
			done.Results = s.Month.Batch(op.Context(), free, p, func(n, _ int, r monthly.BatchResult) {
				op.Progress(n, total, r)
			})
			for i, r := range held {
				done.Results = append(done.Results, r)
				op.Progress(len(free)+i+1, total, r)
			}
			return nil
		})
		done.Cancelled = op.Context().Err() != nil
		if err != nil {
			done.ErrorCode = CodeLocked
		}
		// Unregistered before the page hears it is done: a Cancel that
		// follows the done event finds nothing to cancel.
		c.ops.Finish(op)
		c.emit(EventBatchDone, done)
	})
	return op.ID, nil
}

// SubmitResult is the outcome of submitting one declaration.
type SubmitResult struct {
	DeclarationID string            `json:"declaration_id"`
	Submission    *store.Submission `json:"submission"`
	// Created is false when the declaration was already in the outbox (that
	// submission is returned; no second key is ever made).
	Created bool `json:"created"`
	// Err is why it was refused (nil: queued).
	Err error `json:"-"`
}

// SubmitOutcome is the answer of Submit.
type SubmitOutcome struct {
	Results []SubmitResult `json:"results"`
	// SnapshotPath is the snapshot taken before (settings.snapshot_on_submit).
	SnapshotPath string `json:"snapshot_path"`
	// SnapshotErr is why that snapshot failed; the submission went on (the
	// deadline matters more), the UI warns.
	SnapshotErr error `json:"-"`
}

// Submit puts declarations in the outbox with profile ("" : each employer's),
// after one snapshot when the settings ask for it. The worker then sends them
// (EventOutbox events).
func (c *Core) Submit(declIDs []string, profile domain.PlatformProfile) (SubmitOutcome, error) {
	var out SubmitOutcome
	err := c.Use(func(s *Session) error {
		if st, _ := settings.Load(c.dir); st.SnapshotOnSubmit && len(declIDs) > 0 {
			out.SnapshotPath, out.SnapshotErr = s.WS.Snapshot(st.SnapshotFolder(c.dir), st.SnapshotsKept, "submission")
		}
		for _, id := range declIDs {
			r := SubmitResult{DeclarationID: id}
			if d, err := s.Store.Declarations().Get(id); err == nil {
				// A dossier another seat of the firm holds is not ours to send.
				if err := c.FirmEditable(s, d.EmployerID); err != nil {
					r.Err = err
					out.Results = append(out.Results, r)
					continue
				}
			}
			sub, created, err := s.Outbox.Enqueue(id, profile)
			if err != nil {
				r.Err = err
			} else {
				r.Submission, r.Created = &sub, created
			}
			out.Results = append(out.Results, r)
		}
		return nil
	})
	if out.Results == nil {
		out.Results = []SubmitResult{}
	}
	return out, err
}
