package domain

import (
	"fmt"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Period is a declaration month. The zero value is invalid.
type Period struct {
	Year  int
	Month time.Month
}

// CodePeriodSyntax is the error code of ParsePeriod.
const CodePeriodSyntax = "period.syntax"

var msgPeriodSyntax = i18n.Text{
	FR: "période invalide « %s » : attendu AAAAMM, par exemple 202601",
	AR: "فترة غير صالحة « %s »: المتوقع AAAAMM مثل 202601",
	EN: "invalid period %q: expected YYYYMM, e.g. 202601",
}

// NewPeriod returns the period of year y, month m.
func NewPeriod(y int, m time.Month) Period { return Period{Year: y, Month: m} }

// ParsePeriod parses "AAAAMM" (years 1950–2199).
func ParsePeriod(s string) (Period, error) {
	if len(s) != 6 {
		return Period{}, i18n.New(CodePeriodSyntax, msgPeriodSyntax, s)
	}
	v := 0
	for i := 0; i < 6; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return Period{}, i18n.New(CodePeriodSyntax, msgPeriodSyntax, s)
		}
		v = v*10 + int(c-'0')
	}
	p := Period{Year: v / 100, Month: time.Month(v % 100)}
	if !p.Valid() {
		return Period{}, i18n.New(CodePeriodSyntax, msgPeriodSyntax, s)
	}
	return p, nil
}

// Valid reports whether p is a month of years 1950–2199.
func (p Period) Valid() bool {
	return p.Year >= 1950 && p.Year <= 2199 && p.Month >= 1 && p.Month <= 12
}

// String returns "AAAAMM".
func (p Period) String() string { return fmt.Sprintf("%04d%02d", p.Year, int(p.Month)) }

// Int returns the period as the integer AAAAMM.
func (p Period) Int() int { return p.Year*100 + int(p.Month) }

// Index returns a month count usable for ordering and differences.
func (p Period) Index() int { return p.Year*12 + int(p.Month) - 1 }

// AddMonths returns the period n months later (earlier if n < 0).
func (p Period) AddMonths(n int) Period {
	i := p.Index() + n
	return Period{Year: i / 12, Month: time.Month(i%12 + 1)}
}

// Next returns the following month.
func (p Period) Next() Period { return p.AddMonths(1) }

// Prev returns the previous month.
func (p Period) Prev() Period { return p.AddMonths(-1) }

// Before reports whether p is earlier than q.
func (p Period) Before(q Period) bool { return p.Index() < q.Index() }

// First returns the first day of the period (UTC midnight).
func (p Period) First() time.Time { return time.Date(p.Year, p.Month, 1, 0, 0, 0, 0, time.UTC) }

// Label returns a human label such as "janvier 2026" in the given language
// (French for an unknown language). An invalid period is shown as "AAAAMM".
func (p Period) Label(l i18n.Lang) string {
	if p.Month < 1 || p.Month > 12 {
		return p.String()
	}
	names, ok := monthNames[l]
	if !ok {
		names = monthNames[i18n.FR]
	}
	return names[p.Month-1] + " " + fmt.Sprint(p.Year)
}

var monthNames = map[i18n.Lang][12]string{
	i18n.FR: {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	i18n.AR: {"يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"},
	i18n.EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// MarshalText encodes the period as "AAAAMM" (empty for the zero Period, so
// that it reads back, like Date).
func (p Period) MarshalText() ([]byte, error) {
	if p == (Period{}) {
		return []byte{}, nil
	}
	return []byte(p.String()), nil
}

// UnmarshalText decodes "AAAAMM"; empty text is the zero Period.
func (p *Period) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = Period{}
		return nil
	}
	q, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// Date is a calendar day, without time or zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// CodeDateSyntax is the error code of ParseDate.
const CodeDateSyntax = "date.syntax"

var msgDateSyntax = i18n.Text{
	FR: "date invalide « %s » : attendu AAAAMMJJ",
	AR: "تاريخ غير صالح « %s »: المتوقع AAAAMMJJ",
	EN: "invalid date %q: expected YYYYMMDD",
}

// ParseDate parses "AAAAMMJJ" and checks that the day exists.
func ParseDate(s string) (Date, error) {
	if len(s) != 8 {
		return Date{}, i18n.New(CodeDateSyntax, msgDateSyntax, s)
	}
	v := 0
	for i := 0; i < 8; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return Date{}, i18n.New(CodeDateSyntax, msgDateSyntax, s)
		}
		v = v*10 + int(c-'0')
	}
	d := Date{Year: v / 10000, Month: time.Month(v / 100 % 100), Day: v % 100}
	if !d.Valid() {
		return Date{}, i18n.New(CodeDateSyntax, msgDateSyntax, s)
	}
	return d, nil
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// Valid reports whether d is an existing day of years 1900–2199.
func (d Date) Valid() bool {
	if d.Year < 1900 || d.Year > 2199 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String returns "AAAAMMJJ".
func (d Date) String() string { return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day) }

// Time returns d at UTC midnight.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// AddDays returns d plus n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Period returns the month d falls in.
func (d Date) Period() Period { return Period{Year: d.Year, Month: d.Month} }

// MarshalText encodes the date as "AAAAMMJJ" (empty for the zero Date).
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.String()), nil
}

// UnmarshalText decodes "AAAAMMJJ"; empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	e, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = e
	return nil
}
