package params

import (
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

func TestDueDate(t *testing.T) {
	for p, want := range map[string]string{
		"202601": "20260210",
		"202512": "20260110", // December → January of the next year
		"202412": "20250110",
		"202501": "20250210",
		"202402": "20240310",
	} {
		if got := DueDate(per(t, p)); got.String() != want {
			t.Errorf("DueDate(%s) = %s, want %s", p, got, want)
		}
	}
	// The day is a table parameter.
	tab, err := Parse(tableJSON(t, baseRow(), map[string]any{"from": "202506", "due_day": 15}))
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{
		"202505": "20250610",
		"202506": "20250715",
		"202301": "20230210", // before the table: its first row
	} {
		if got := tab.DueDate(per(t, p)); got.String() != want {
			t.Errorf("custom DueDate(%s) = %s, want %s", p, got, want)
		}
	}
}

func TestOnTimeAndMonthsLate(t *testing.T) {
	for _, tc := range []struct {
		due, done string
		onTime    bool
		months    int
	}{
		{"20260210", "20260101", true, 0},
		{"20260210", "20260209", true, 0},
		{"20260210", "20260210", true, 0}, // on the due date: on time
		{"20260210", "20260211", false, 1},
		{"20260210", "20260310", false, 1}, // first month ends on March 10
		{"20260210", "20260311", false, 2},
		{"20260210", "20260410", false, 2},
		{"20260210", "20260411", false, 3},
		{"20260210", "20270210", false, 12},
		{"20260210", "20270211", false, 13},
		{"20251210", "20260111", false, 2}, // across a year end: Dec 11–Jan 10, then Jan 11
		// A due date on the 31st (a user override): months end on the last day
		// of shorter months. Jan 31 + 1 month = Feb 28.
		{"20260131", "20260228", false, 1},
		{"20260131", "20260301", false, 2},
		{"20260131", "20260331", false, 2},
		{"20260131", "20260401", false, 3},
		{"20240131", "20240229", false, 1}, // leap year
		{"20240131", "20240301", false, 2},
	} {
		due, done := day(t, tc.due), day(t, tc.done)
		if got := OnTime(due, done); got != tc.onTime {
			t.Errorf("OnTime(%s, %s) = %v", tc.due, tc.done, got)
		}
		if got := MonthsLate(due, done); got != tc.months {
			t.Errorf("MonthsLate(%s, %s) = %d, want %d", tc.due, tc.done, got, tc.months)
		}
	}
}

func TestLateDeclarationPenalty(t *testing.T) {
	for _, tc := range []struct {
		period, due, deposited string
		employees              int
		want                   domain.Money
	}{
		{"202601", "20260210", "20260210", 10, 0},
		// 1 month × min(50,00 × 10, 5 000,00) = 500,00 MAD.
		{"202601", "20260210", "20260211", 10, 50000},
		// 2 started months × 500,00 = 1 000,00.
		{"202601", "20260210", "20260311", 10, 100000},
		// 99 × 50,00 = 4 950,00 (below the cap); 100 × 50,00 = 5 000,00 = the cap.
		{"202601", "20260210", "20260211", 99, 495000},
		{"202601", "20260210", "20260211", 100, 500000},
		// 150 × 50,00 = 7 500,00 → capped at 5 000,00; 3 months → 15 000,00.
		{"202601", "20260210", "20260211", 150, 500000},
		{"202601", "20260210", "20260415", 150, 1500000},
		{"202601", "20260210", "20260211", 0, 0},
		{"202601", "20260210", "20260211", -1, 0},
		// Same parameters on both sides of the 2025 boundary.
		{"202412", "20250110", "20250111", 3, 15000},
		{"202501", "20250210", "20250211", 3, 15000},
		// Before the table: its first row.
		{"202201", "20220210", "20220211", 3, 15000},
	} {
		got := Default().LateDeclarationPenalty(per(t, tc.period), day(t, tc.due), day(t, tc.deposited), tc.employees)
		if got != tc.want {
			t.Errorf("LateDeclarationPenalty(%s, %s, %s, %d) = %d, want %d", tc.period, tc.due, tc.deposited, tc.employees, got, tc.want)
		}
	}
}

func TestLatePaymentSurcharge(t *testing.T) {
	for _, tc := range []struct {
		period, due, paid string
		amount            domain.Money
		low, high         domain.Money
	}{
		{"202601", "20260210", "20260210", 1000000, 0, 0},
		// 10 000,00 MAD, one month: 3 % = 300,00 / 5 % = 500,00.
		{"202601", "20260210", "20260211", 1000000, 30000, 50000},
		// After the reform, 2 months: 3 % + 0,5 % = 3,5 % → 350,00; 5,5 % → 550,00.
		{"202601", "20260210", "20260311", 1000000, 35000, 55000},
		// 5 months: 3 + 4 × 0,5 = 5 % → 500,00; 7 % → 700,00.
		{"202601", "20260210", "20260611", 1000000, 50000, 70000},
		// Before the reform (202412), 3 months: 3 + 2 × 1 = 5 % → 500,00; 7 % → 700,00.
		{"202412", "20250110", "20250311", 1000000, 50000, 70000},
		// From 202501, 3 months: 3 + 2 × 0,5 = 4 % → 400,00; 6 % → 600,00.
		{"202501", "20250210", "20250411", 1000000, 40000, 60000},
		// Rounding: 1 234,57 × 3,5 % = 123457 × 350 = 43 209 950 → 4 320,995 → 4321;
		// × 5,5 % = 67 901 350 → 6 790,135 → 6790.
		{"202601", "20260210", "20260311", 123457, 4321, 6790},
		// Half up: 1,00 MAD × 3,5 % = 3,5 centimes → 4; × 5,5 % = 5,5 → 6.
		{"202601", "20260210", "20260311", 100, 4, 6},
		{"202601", "20260210", "20260311", 0, 0, 0},
	} {
		low, high := Default().LatePaymentSurcharge(per(t, tc.period), day(t, tc.due), day(t, tc.paid), tc.amount)
		if low != tc.low || high != tc.high {
			t.Errorf("LatePaymentSurcharge(%s, %s, %s, %d) = %d, %d; want %d, %d", tc.period, tc.due, tc.paid, tc.amount, low, high, tc.low, tc.high)
		}
	}
}
