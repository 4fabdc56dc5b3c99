package store

import (
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

// PeriodState is where an employer stands for one period, as shown in the
// portfolio.
type PeriodState string

// Period states, from nothing done to the platform's answer.
const (
	StateNotStarted PeriodState = "not_started"        // nothing for this period yet
	StatePreetabli  PeriodState = "preetabli_imported" // préétabli imported, no line yet
	StateInProgress PeriodState = "in_progress"        // lines entered or a draft without blocking finding
	StateErrors     PeriodState = "errors"             // the latest declaration has blocking findings
	StateReady      PeriodState = "ready"              // validated, not yet submitted
	StateQueued     PeriodState = "queued"             // frozen, waiting in the outbox
	StateSubmitted  PeriodState = "submitted"          // deposited, waiting for the platform's answer
	StateAccepted   PeriodState = "accepted"
	StateRejected   PeriodState = "rejected"
	StateManual     PeriodState = "manual" // exported for a deposit by hand on damancom.ma
)

// PeriodStates lists every period state, in that order (bound as a
// TypeScript enum for the page).
var PeriodStates = []PeriodState{StateNotStarted, StatePreetabli, StateInProgress, StateErrors, StateReady,
	StateQueued, StateSubmitted, StateAccepted, StateRejected, StateManual}

// EmployerStatus is one row of the portfolio for a period.
type EmployerStatus struct {
	EmployerID  string        `json:"employer_id"`
	Affiliation string        `json:"affiliation"`
	Name        string        `json:"name"`
	Profile     string        `json:"profile"`
	Employees   int           `json:"employees"` // every employee record, exited ones included
	Period      domain.Period `json:"period" ts_type:"string"`
	State       PeriodState   `json:"state"`
	// Deadline is the employer's overridden deadline for the period, if any
	// (the legal one comes from internal/params).
	Deadline          domain.Date `json:"deadline" ts_type:"string"`
	PreetabliImported bool        `json:"preetabli_imported"`
	PreetabliCount    int         `json:"preetabli_employees"`
	Lines             int         `json:"lines"`
	Declarations      int         `json:"declarations"`
	DeclarationID     string      `json:"declaration_id,omitempty"` // the latest one
	DeclarationStatus DeclStatus  `json:"declaration_status,omitempty"`
	Errors            int         `json:"errors"`
	Warnings          int         `json:"warnings"`
	UpdatedAt         time.Time   `json:"updated_at" ts_type:"string"`
}

// ListEmployerStatus returns every employer with its state for period p,
// sorted by name then affiliation. It reads the employer records, their
// employee counters and one summary record per employer: it never scans
// employees or lines.
func (s *Store) ListEmployerStatus(p domain.Period) ([]EmployerStatus, error) {
	var out []EmployerStatus
	err := s.View(func(tx *Tx) error {
		var err error
		out, err = tx.ListEmployerStatus(p)
		return err
	})
	return out, err
}

// ListEmployerStatus is Store.ListEmployerStatus within tx.
func (tx *Tx) ListEmployerStatus(p domain.Period) ([]EmployerStatus, error) {
	if !p.Valid() {
		return nil, invalidPeriod()
	}
	var ers []domain.Employer
	if err := tx.scan([]byte(pEmployer), false, func(_, val []byte) error {
		var e domain.Employer
		if err := jsonDecode(val, &e, kindEmployer); err != nil {
			return err
		}
		ers = append(ers, e)
		return nil
	}); err != nil {
		return nil, err
	}
	sortEmployers(ers)
	out := make([]EmployerStatus, 0, len(ers))
	for _, e := range ers {
		n, err := tx.getCount(e.ID)
		if err != nil {
			return nil, err
		}
		sum, err := tx.summary(e.ID, p)
		if err != nil {
			return nil, err
		}
		st := EmployerStatus{
			EmployerID: e.ID, Affiliation: e.Affiliation, Name: e.Name, Profile: string(e.PlatformProfile),
			Employees: n, Period: p, State: sum.state(),
			PreetabliImported: sum.Preetabli, PreetabliCount: sum.PreetabliEmployees,
			Lines: sum.Lines, Declarations: sum.Declarations, UpdatedAt: sum.UpdatedAt,
		}
		st.Deadline, _ = e.Deadline(p)
		if sum.Latest != nil {
			st.DeclarationID, st.DeclarationStatus = sum.Latest.ID, sum.Latest.Status
			st.Errors, st.Warnings = sum.Latest.Errors, sum.Latest.Warnings
		}
		out = append(out, st)
	}
	return out, nil
}

// state derives the period state from a summary: the latest declaration
// decides; without one, lines mean in progress and a préétabli alone means
// imported.
func (s periodSummary) state() PeriodState {
	if d := s.Latest; d != nil {
		switch d.Status {
		case StatusDraft:
			if d.Errors > 0 {
				return StateErrors
			}
			return StateInProgress
		case StatusReady:
			return StateReady
		case StatusOutdated:
			return StateInProgress
		case StatusQueued:
			return StateQueued
		case StatusSubmitted:
			return StateSubmitted
		case StatusAccepted:
			return StateAccepted
		case StatusRejected:
			return StateRejected
		case StatusManual:
			return StateManual
		}
	}
	switch {
	case s.Lines > 0:
		return StateInProgress
	case s.Preetabli:
		return StatePreetabli
	}
	return StateNotStarted
}
