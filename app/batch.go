package app

import (
	"github.com/tasrih/tasrih/internal/desktop"
)

// Batch is the bound service of the month close for many employers:
// validate and generate all, then submit the ready ones. Events:
// batch:progress {op_id, done, total, result: monthly.BatchResult} (at most
// 10/s, the last one always), batch:done {op_id, results, cancelled}.
type Batch struct {
	svc *Services
}

// Start validates and generates the declarations of period for employerIDs
// in the background; it returns the op_id of the events at once.
func (b *Batch) Start(employerIDs []string, period string) (string, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return "", err
	}
	return b.svc.Core.StartBatch(employerIDs, p)
}

// Cancel stops a running batch (the remaining employers are reported
// cancelled); false when opID is unknown.
func (b *Batch) Cancel(opID string) bool { return b.svc.Core.Ops().Cancel(opID) }

// SubmitReady puts the given declarations in the outbox (profile "" : each
// employer's), after one snapshot when the settings ask for it.
func (b *Batch) SubmitReady(declarationIDs []string, profile string) (SubmitOutcome, error) {
	return b.svc.Submissions.submit(declarationIDs, profile)
}
