package desktop

import (
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/store"
)

// HistoryMonths is the length of the dashboard's history (the sparkline).
const HistoryMonths = 12

// Urgency ranks an employer of the portfolio by what is left to do before
// the due date.
type Urgency string

// Urgencies, from the most pressing.
const (
	UrgencyOverdue Urgency = "overdue" // due date passed, not deposited
	UrgencyUrgent  Urgency = "urgent"  // due within UrgentDays
	UrgencySoon    Urgency = "soon"    // due within SoonDays
	UrgencyOK      Urgency = "ok"
	UrgencyDone    Urgency = "done" // deposited (queued, submitted, accepted or manual)
)

// Thresholds of the urgencies, in days left (the due day itself is 0).
const (
	UrgentDays = 3
	SoonDays   = 7
)

// HistoryPoint is one month of an employer's history: the gross payroll and
// the headcount of the month's lines (employees with days or pay), as
// store.PeriodTotals defines them.
type HistoryPoint struct {
	Period    domain.Period `json:"period" ts_type:"string"`
	Real      domain.Money  `json:"real"`
	Headcount int           `json:"headcount"`
}

// DashboardRow is one employer of the portfolio for a period.
type DashboardRow struct {
	store.EmployerStatus
	// DueDate is the deadline of the period: the employer's override, else
	// the legal one (params).
	DueDate domain.Date `json:"due_date" ts_type:"string"`
	// DaysLeft is the number of days from today to the due date (0 on the
	// day, negative once passed).
	DaysLeft int     `json:"days_left"`
	Urgency  Urgency `json:"urgency"`
	// History holds the HistoryMonths months ending with the period, oldest
	// first.
	History []HistoryPoint `json:"history"`
	// AttemptsFailed: the deadline is near (soon, urgent or overdue) and
	// every deposit attempt of the period failed (dashboard_attempts.go).
	AttemptsFailed bool `json:"attempts_failed"`
}

// Dashboard is the portfolio for one period.
type Dashboard struct {
	Period domain.Period   `json:"period" ts_type:"string"`
	Today  domain.Date     `json:"today" ts_type:"string"`
	Rows   []DashboardRow  `json:"rows"`
	Counts map[Urgency]int `json:"counts"`
}

// UrgencyOf ranks a period state due on due, seen on today.
func UrgencyOf(state store.PeriodState, due, today domain.Date) (Urgency, int) {
	left := int(due.Time().Sub(today.Time()).Hours() / 24)
	switch state {
	case store.StateQueued, store.StateSubmitted, store.StateAccepted, store.StateManual:
		return UrgencyDone, left
	}
	switch {
	case left < 0:
		return UrgencyOverdue, left
	case left <= UrgentDays:
		return UrgencyUrgent, left
	case left <= SoonDays:
		return UrgencySoon, left
	}
	return UrgencyOK, left
}

// BuildDashboard returns the portfolio of period p seen on today: every
// employer with its state (store.ListEmployerStatus), due date, days left,
// urgency and history. The history comes from the period totals the store
// keeps with the month lines (store.ListHistory), read in the same snapshot
// as the states, so it is always current and never decodes a line.
func BuildDashboard(st *store.Store, tab *params.Table, p domain.Period, today domain.Date) (Dashboard, error) {
	if tab == nil {
		tab = params.Default()
	}
	first := p.AddMonths(-(HistoryMonths - 1))
	var (
		rows   []store.EmployerStatus
		totals map[string][]store.PeriodTotals
	)
	err := st.View(func(tx *store.Tx) error {
		var err error
		if rows, err = tx.ListEmployerStatus(p); err != nil {
			return err
		}
		totals, err = tx.ListHistory(first, p)
		return err
	})
	if err != nil {
		return Dashboard{}, err
	}
	// The period's deadline with any CNSS extension, from the one place that
	// computes it (store.DeadlineExtensions.Effective); an employer's own
	// override (r.Deadline) comes before it there as here.
	legal := tab.DueDate(p)
	if dl, err := st.DeadlineExtensions().Effective(tab, domain.Employer{}, p); err == nil {
		legal = dl.Due
	}
	d := Dashboard{Period: p, Today: today, Rows: make([]DashboardRow, len(rows)), Counts: map[Urgency]int{}}
	for i, r := range rows {
		due := legal
		if !r.Deadline.IsZero() {
			due = r.Deadline
		}
		u, left := UrgencyOf(r.State, due, today)
		d.Rows[i] = DashboardRow{EmployerStatus: r, DueDate: due, DaysLeft: left, Urgency: u,
			History: historyPoints(first, totals[r.EmployerID])}
		d.Counts[u]++
	}
	if err := markFailedAttempts(st, &d); err != nil {
		return Dashboard{}, err
	}
	return d, nil
}

// historyPoints spreads the totals of an employer (oldest first, months
// without lines absent) over the HistoryMonths months from first.
func historyPoints(first domain.Period, totals []store.PeriodTotals) []HistoryPoint {
	pts := make([]HistoryPoint, HistoryMonths)
	for k := range pts {
		pts[k].Period = first.AddMonths(k)
	}
	for _, t := range totals {
		if k := t.Period.Index() - first.Index(); k >= 0 && k < HistoryMonths {
			pts[k].Real, pts[k].Headcount = t.Real, t.Headcount
		}
	}
	return pts
}
