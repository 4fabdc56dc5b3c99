package app

import (
	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/platform/outbox"
)

// EventName is the name of an event the frontend listens to (runtime
// EventsOn). Every payload is a JSON object without personal data; progress
// events carry the op_id returned by the call that started the operation, at
// most 10 per second, the last one always sent.
type EventName string

// The events of the contract; EventPayloads gives the payload of each.
const (
	EventSessionLocked    EventName = desktop.EventLocked           // desktop.Locked
	EventSessionUnlocked  EventName = desktop.EventUnlocked         // desktop.Unlocked
	EventImportProgress   EventName = desktop.EventImportProgress   // desktop.Progress, phase preview|apply
	EventBatchProgress    EventName = desktop.EventBatchProgress    // desktop.Progress, result a monthly.BatchResult
	EventBatchDone        EventName = desktop.EventBatchDone        // desktop.BatchDone
	EventZIPProgress      EventName = desktop.EventZIPProgress      // desktop.Progress
	EventZIPDone          EventName = desktop.EventZIPDone          // desktop.ZIPDone
	EventRekeyProgress    EventName = desktop.EventRekeyProgress    // desktop.Progress
	EventRestoreProgress  EventName = desktop.EventRestoreProgress  // desktop.Progress
	EventOutbox           EventName = desktop.EventOutbox           // outbox.Event
	EventLoginRequired    EventName = desktop.EventLoginRequired    // desktop.ProfileEvent
	EventSandboxOTP       EventName = desktop.EventSandboxOTP       // desktop.OTPEvent
	EventReceiptCreated   EventName = desktop.EventReceipt          // desktop.ReceiptEvent
	EventAppClosing       EventName = "app:closing"                 // Closing
	EventSnapshotProgress EventName = desktop.EventSnapshotProgress // desktop.Progress, records of both passes of the backup
	EventFirmSyncProgress EventName = desktop.EventFirmSyncProgress // desktop.Progress, dossiers done of total
	EventFirmSyncDone     EventName = desktop.EventFirmSyncDone     // desktop.FirmSyncDone
)

// EventNames lists the events (bound as the TypeScript enum EventName).
var EventNames = []EventName{
	EventSessionLocked, EventSessionUnlocked, EventImportProgress, EventBatchProgress, EventBatchDone,
	EventZIPProgress, EventZIPDone, EventRekeyProgress, EventRestoreProgress, EventOutbox,
	EventLoginRequired, EventSandboxOTP, EventReceiptCreated, EventAppClosing,
	EventSnapshotProgress, EventFirmSyncProgress, EventFirmSyncDone,
}

// Closing is the payload of app:closing: nothing. The page saves what is
// pending, then calls System.ReadyToClose.
type Closing struct{}

// EventPayloads has one field per event, named by the event's name (its JSON
// tag) and typed with its payload. It is never sent: Wails generates the
// TypeScript of the types reachable from bound methods only, so
// System.EventPayloads returns it to put the payload types in models.ts,
// where the page's EventMap is app.EventPayloads. The services' tests check
// that every event emitted has its field here, with the type of its payload.
type EventPayloads struct {
	SessionLocked    desktop.Locked       `json:"session:locked"`
	SessionUnlocked  desktop.Unlocked     `json:"session:unlocked"`
	ImportProgress   desktop.Progress     `json:"import:progress"`
	BatchProgress    desktop.Progress     `json:"batch:progress"`
	BatchDone        desktop.BatchDone    `json:"batch:done"`
	ZIPProgress      desktop.Progress     `json:"zip:progress"`
	ZIPDone          desktop.ZIPDone      `json:"zip:done"`
	RekeyProgress    desktop.Progress     `json:"rekey:progress"`
	RestoreProgress  desktop.Progress     `json:"restore:progress"`
	Outbox           outbox.Event         `json:"outbox:event"`
	LoginRequired    desktop.ProfileEvent `json:"outbox:login_required"`
	SandboxOTP       desktop.OTPEvent     `json:"sandbox:otp"`
	ReceiptCreated   desktop.ReceiptEvent `json:"receipt:created"`
	AppClosing       Closing              `json:"app:closing" ts_type:"Record<string, never>"`
	SnapshotProgress desktop.Progress     `json:"snapshot:progress"`
	FirmSyncProgress desktop.Progress     `json:"firm:sync_progress"`
	FirmSyncDone     desktop.FirmSyncDone `json:"firm:sync_done"`
}

// EventPayloads returns the zero EventPayloads: it exists so that the
// generated TypeScript has the payload of every event (see EventPayloads).
func (s *System) EventPayloads() EventPayloads { return EventPayloads{} }

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
