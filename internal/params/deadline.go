package params

import (
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

// DueDate is the due date of period p's declaration and payment in the default
// table: the DueDay (10) of the following month.
func DueDate(p domain.Period) domain.Date { return Default().DueDate(p) }

// DueDate is the due date of period p: the DueDay in force for p, in the month
// after p.
func (t *Table) DueDate(p domain.Period) domain.Date { return t.atOrFirst(p).DueDate(p) }

// DueDate is the DueDay of the month after period.
func (p Params) DueDate(period domain.Period) domain.Date {
	n := period.Next()
	return domain.Date{Year: n.Year, Month: n.Month, Day: p.DueDay}
}

// OnTime reports whether something deposited (or paid) on deposited meets the
// due date: on or before it.
func OnTime(due, deposited domain.Date) bool { return !due.Before(deposited) }

// addMonths returns d plus n months, with the day clamped to the end of the
// target month (January 31 + 1 month = February 28 or 29).
func addMonths(d domain.Date, n int) domain.Date {
	i := d.Year*12 + int(d.Month) - 1 + n
	y, m := i/12, time.Month(i%12+1)
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	day := d.Day
	if day > last {
		day = last
	}
	return domain.Date{Year: y, Month: m, Day: day}
}

// MonthsLate is the number of started months of delay of done after due: 0 on
// or before due, 1 from the day after due up to the same day of the next month,
// and so on.
func MonthsLate(due, done domain.Date) int {
	if OnTime(due, done) {
		return 0
	}
	k := (done.Year-due.Year)*12 + int(done.Month) - int(due.Month) - 1
	if k < 0 {
		k = 0
	}
	// addMonths(due, k) is in the month before done's (or is due itself): before done.
	for addMonths(due, k).Before(done) {
		k++
	}
	return k
}

// LateDeclarationPenalty estimates the penalty ("astreinte") for period p's
// declaration deposited on deposited instead of due: the amount per employee
// of the last declaration times employees, capped, for each started month of
// delay. It is an estimate (EstimateNote); a period before the table uses its
// first row.
func (t *Table) LateDeclarationPenalty(p domain.Period, due, deposited domain.Date, employees int) domain.Money {
	return t.atOrFirst(p).LateDeclarationPenalty(due, deposited, employees)
}

// LateDeclarationPenalty is Table.LateDeclarationPenalty with these parameters.
func (p Params) LateDeclarationPenalty(due, deposited domain.Date, employees int) domain.Money {
	months := MonthsLate(due, deposited)
	if months == 0 || employees <= 0 {
		return 0
	}
	perMonth := p.LateDeclarationCap
	if int64(employees) < int64(p.LateDeclarationCap/p.LateDeclarationPerEmployee) {
		perMonth = p.LateDeclarationPerEmployee * domain.Money(employees)
	}
	return perMonth * domain.Money(months)
}

// LatePaymentSurcharge estimates the surcharge on amount for period p's
// contributions paid on paid instead of due: the first-month rate plus the
// further-month rate for each further started month, applied once to amount
// and rounded half up. low uses the low first-month rate (3 %), high the high
// one (5 %): the first-month rate is disputed. It is an estimate
// (EstimateNote); a period before the table uses its first row.
func (t *Table) LatePaymentSurcharge(p domain.Period, due, paid domain.Date, amount domain.Money) (low, high domain.Money) {
	return t.atOrFirst(p).LatePaymentSurcharge(due, paid, amount)
}

// LatePaymentSurcharge is Table.LatePaymentSurcharge with these parameters.
func (p Params) LatePaymentSurcharge(due, paid domain.Date, amount domain.Money) (low, high domain.Money) {
	months := MonthsLate(due, paid)
	if months == 0 || amount <= 0 {
		return 0, 0
	}
	further := int64(months-1) * p.LatePaymentFurtherMonth
	return amount.MulRate(p.LatePaymentFirstMonthLow + further), amount.MulRate(p.LatePaymentFirstMonthHigh + further)
}
