package params

import (
	"errors"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

func FuzzParse(f *testing.F) {
	f.Add(embedded)
	f.Add([]byte(`{"version":1,"rows":[]}`))
	f.Add([]byte(`{"version":1,"rows":[{"from":"202401"}]}`))
	f.Add([]byte(`{"version":1,"rows":[1]}`))
	f.Add(tableJSON(f, baseRow(), map[string]any{"from": "202501", "smig_hourly": 1710, "smig_monthly": 326610}))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := Parse(data)
		if err != nil {
			var ue *i18n.Error
			if tab != nil || !errors.Is(err, ErrInvalid) || !errors.As(err, &ue) || ue.Msg.AR == "" || ue.Msg.EN == "" {
				t.Fatalf("Parse error %#v with table %v", err, tab)
			}
			return
		}
		rows := tab.Rows()
		if len(rows) == 0 {
			t.Fatal("accepted an empty table")
		}
		for i, r := range rows {
			if err := r.check(); err != nil {
				t.Fatalf("row %d accepted but inconsistent: %v", i, err)
			}
			if i > 0 && !rows[i-1].From.Before(r.From) {
				t.Fatalf("rows not increasing")
			}
			got, err := tab.At(r.From)
			if err != nil || got != r {
				t.Fatalf("At(%v) = %+v, %v", r.From, got, err)
			}
			if r.DueDay < 1 || r.DueDay > 28 || r.MaxDays < 1 || r.Ceiling <= 0 {
				t.Fatalf("out-of-range value accepted: %+v", r)
			}
		}
		if _, err := tab.At(rows[0].From.Prev()); err == nil {
			t.Fatal("At before the first row succeeded")
		}
	})
}
