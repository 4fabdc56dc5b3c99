package desktop

import "github.com/tasrih/tasrih/internal/store"

// nearDeadline: the period is not deposited and its due date is within
// SoonDays, or passed.
func nearDeadline(u Urgency) bool {
	return u == UrgencyOverdue || u == UrgencyUrgent || u == UrgencySoon
}

// markFailedAttempts sets AttemptsFailed on the rows whose deadline is near
// and whose deposit attempts all failed (FailedOnly): the clients to deposit
// by hand, or whose outage evidence to keep, before the due date.
func markFailedAttempts(st *store.Store, d *Dashboard) error {
	near := false
	for _, r := range d.Rows {
		near = near || nearDeadline(r.Urgency)
	}
	if !near {
		return nil
	}
	failed, err := FailedOnly(st, d.Period)
	if err != nil {
		return err
	}
	for i := range d.Rows {
		d.Rows[i].AttemptsFailed = nearDeadline(d.Rows[i].Urgency) && failed[d.Rows[i].EmployerID]
	}
	return nil
}
