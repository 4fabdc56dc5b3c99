package app

import (
	"github.com/tasrih/tasrih/internal/desktop"
)

// Names of the events the frontend listens to (runtime EventsOn). Every
// payload is a JSON object without personal data; progress events carry the
// op_id returned by the call that started the operation, at most 10 per
// second, the last one always sent.
const (
	EventSessionLocked   = desktop.EventLocked         // {reason: idle|user|restore|exit}
	EventSessionUnlocked = desktop.EventUnlocked       // {method}
	EventImportProgress  = desktop.EventImportProgress // {op_id, phase: preview|apply, done, total}
	EventBatchProgress   = desktop.EventBatchProgress  // {op_id, done, total, result}
	EventBatchDone       = desktop.EventBatchDone      // {op_id, results, cancelled, error_code}
	EventZIPProgress     = desktop.EventZIPProgress    // {op_id, done, total}
	EventZIPDone         = desktop.EventZIPDone        // {op_id, path, entries, cancelled, error}
	EventOutbox          = desktop.EventOutbox         // outbox.Event
	EventLoginRequired   = desktop.EventLoginRequired  // {profile}
	EventSandboxOTP      = desktop.EventSandboxOTP     // {login}
	EventReceiptCreated  = desktop.EventReceipt        // {receipt_id, declaration_id}
)

// Urgencies is bound with EnumBind so that TypeScript sees the dashboard's
// urgency as an enum.
var Urgencies = []struct {
	Value  desktop.Urgency
	TSName string
}{
	{desktop.UrgencyOverdue, "Overdue"},
	{desktop.UrgencyUrgent, "Urgent"},
	{desktop.UrgencySoon, "Soon"},
	{desktop.UrgencyOK, "OK"},
	{desktop.UrgencyDone, "Done"},
}
