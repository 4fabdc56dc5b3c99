package store

import (
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/params"
)

// Deadline is the effective deadline of one employer's period.
type Deadline struct {
	Legal domain.Date // the parameter table's due date
	Due   domain.Date // the date that applies
	// Extended: Due comes from the employer's own override or from the
	// period's extension; Reference is its note or communiqué reference.
	Extended  bool
	Reference string
}

// Effective returns the deadline of period p for employer er: the
// employer's own override for p when it has one, else the period's
// extension when it is later than the legal date, else the legal date
// (tab.DueDate; nil means params.Default()). The month workspace, the
// portfolio and the receipts all read it here.
func (r DeadlineExtensions) Effective(tab *params.Table, er domain.Employer, p domain.Period) (Deadline, error) {
	if tab == nil {
		tab = params.Default()
	}
	dl := Deadline{Legal: tab.DueDate(p)}
	dl.Due = dl.Legal
	for _, o := range er.DeadlineOverrides {
		if o.Period == p {
			dl.Due, dl.Extended, dl.Reference = o.Date, true, o.Note
			return dl, nil
		}
	}
	e, ok, err := r.Get(p)
	if err != nil || !ok || !dl.Legal.Before(e.Date) {
		return dl, err
	}
	dl.Due, dl.Extended, dl.Reference = e.Date, true, e.Reference
	return dl, nil
}
