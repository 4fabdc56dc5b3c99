package receipt

import (
	"strconv"
	"sync"
	"time"
	_ "time/tzdata" // Africa/Casablanca on machines without a zoneinfo database

	"github.com/tasrih/tasrih/internal/domain"
)

// casablanca is the time zone of every time a document shows.
var casablanca = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Africa/Casablanca")
	if err != nil { // not reachable with time/tzdata linked in
		return time.FixedZone("+01", 3600)
	}
	return loc
})

// formatTime formats t as "JJ/MM/AAAA HH:MM" in Casablanca time ("—" when zero).
func formatTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(casablanca()).Format("02/01/2006 15:04")
}

// formatDate formats d as "JJ/MM/AAAA" ("—" when zero).
func formatDate(d domain.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Time().Format("02/01/2006")
}

// localDate is the calendar day of t in Casablanca.
func localDate(t time.Time) domain.Date { return domain.DateOf(t.In(casablanca())) }

// formatInt formats n with space-grouped thousands, like domain.Money: "51 480".
func formatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	if len(s) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	b := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		b = append(b, '-')
	}
	head := len(s) % 3
	if head > 0 {
		b = append(b, s[:head]...)
	}
	for i := head; i < len(s); i += 3 {
		if len(b) > 0 && b[len(b)-1] != '-' {
			b = append(b, ' ')
		}
		b = append(b, s[i:i+3]...)
	}
	return string(b)
}

// formatRate formats a rate in hundredths of a percent: 898 → "8,98 %".
func formatRate(bp int64) string {
	if bp == 0 {
		return "—"
	}
	return domain.Money(bp).String() + " %"
}

// orDash returns s, or "—" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// periodText is "janvier 2026 (202601)" in the document's language.
func (d *doc) periodText(p domain.Period) string {
	return p.Label(d.lang) + " (" + d.data(p.String()) + ")"
}
