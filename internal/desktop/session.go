package desktop

import (
	"context"
	"path/filepath"
	"time"

	"github.com/tasrih/tasrih/internal/atomicfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Dashboard returns the portfolio of period p seen on today.
func (s *Session) Dashboard(p domain.Period, today domain.Date) (Dashboard, error) {
	return BuildDashboard(s.Store, s.Params, p, today)
}

// ReportFinding is a finding of the rule catalogue on a file (a préétabli
// being imported), in the three languages.
type ReportFinding struct {
	Rule     string               `json:"rule"`
	Severity declaration.Severity `json:"severity"`
	Record   string               `json:"record"`
	Line     int                  `json:"line"`
	Field    string               `json:"field"`
	Employee string               `json:"employee"`
	Message  i18n.Text            `json:"message"`
	Hint     i18n.Text            `json:"hint"`
}

// ReportFindings renders the findings of a report ([] for nil).
func ReportFindings(r *declaration.Report) []ReportFinding {
	out := []ReportFinding{}
	if r == nil {
		return out
	}
	for _, f := range r.Findings {
		out = append(out, ReportFinding{Rule: f.Rule, Severity: f.Severity, Record: f.Record, Line: f.Line, Field: f.Field,
			Employee: f.Employee,
			Message:  i18n.Text{FR: f.Message(i18n.FR), AR: f.Message(i18n.AR), EN: f.Message(i18n.EN)},
			Hint:     i18n.Text{FR: f.Hint(i18n.FR), AR: f.Hint(i18n.AR), EN: f.Hint(i18n.EN)}})
	}
	return out
}

// CallTimeout bounds a platform call made for the UI (login, OTP, préétabli).
const CallTimeout = 90 * time.Second

// CallContext returns the context of a platform call made for the UI: it ends
// after CallTimeout or when the session locks.
func (s *Session) CallContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(s.ctx, CallTimeout)
}

// WriteFileAtomic writes b to path through internal/atomicfile (temporary
// file, fsync, rename, folder sync), mode 0600: the file is complete or absent.
func WriteFileAtomic(path string, b []byte) error {
	if err := atomicfile.WriteFile(path, b, 0o600); err != nil {
		return i18n.Wrap(err, CodeWrite, msgWrite, filepath.Base(path))
	}
	return nil
}
