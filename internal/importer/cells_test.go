package importer

import (
	"bytes"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

func TestParseDateCell(t *testing.T) {
	d := func(y int, m time.Month, day int) domain.Date { return domain.Date{Year: y, Month: m, Day: day} }
	cases := []struct {
		text     string
		numeric  bool
		date1904 bool
		want     domain.Date
		code     string
	}{
		{"", false, false, domain.Date{}, ""},
		{"15/03/1990", false, false, d(1990, 3, 15), ""},
		{"5/3/1990", false, false, d(1990, 3, 5), ""},
		{"15-03-1990", false, false, d(1990, 3, 15), ""},
		{"15.03.1990", false, false, d(1990, 3, 15), ""},
		{"1990-03-15", false, false, d(1990, 3, 15), ""},
		{"1990/3/5", false, false, d(1990, 3, 5), ""},
		{"19900315", false, false, d(1990, 3, 15), ""},
		{"15/03/1990 00:00", false, false, d(1990, 3, 15), ""},
		{"1990-03-15T00:00:00Z", false, false, d(1990, 3, 15), ""},
		{" 29/02/2024 ", false, false, d(2024, 2, 29), ""},
		// Excel serial dates (XLSX number cells).
		{"32947", true, false, d(1990, 3, 15), ""},
		{"32947.75", true, false, d(1990, 3, 15), ""},
		{"31485", true, true, d(1990, 3, 15), ""},
		{"61", true, false, d(1900, 3, 1), ""},
		{"19900315", true, false, d(1990, 3, 15), ""}, // AAAAMMJJ typed as a number
		// Refused.
		{"32947", false, false, domain.Date{}, CodeDate}, // a serial in a CSV: no
		{"31/02/1990", false, false, domain.Date{}, CodeDate},
		{"15/03/90", false, false, domain.Date{}, CodeDate}, // two-digit year
		{"1990-15-03", false, false, domain.Date{}, CodeDate},
		{"03/15/1990", false, false, domain.Date{}, CodeDate}, // US order: month 15
		{"15/03-1990", false, false, domain.Date{}, CodeDate},
		{"15/03/1990 midi", false, false, domain.Date{}, CodeDate},
		{"hier", false, false, domain.Date{}, CodeDate},
		{"15/03/1850", false, false, domain.Date{}, CodeDate},
		{"0", true, false, domain.Date{}, CodeDate},
		{"-5", true, false, domain.Date{}, CodeDate},
		{"1e5", true, false, domain.Date{}, CodeDate},
		{"19901315", true, false, domain.Date{}, CodeDate},
	}
	for _, tc := range cases {
		got, err := parseDateCell(Cell{Text: tc.text, Numeric: tc.numeric}, tc.date1904)
		if code := i18n.Code(err); code != tc.code || got != tc.want {
			t.Errorf("%q numeric=%v 1904=%v: %v %q, want %v %q", tc.text, tc.numeric, tc.date1904, got, code, tc.want, tc.code)
		}
		if err != nil {
			checkTrilingual(t, asUserError(err))
		}
	}
}

// TestDateCellFromWorkbook: a date cell written by excelize reads back as the
// same day in the 1900 and the 1904 date systems.
func TestDateCellFromWorkbook(t *testing.T) {
	birth := time.Date(1987, 11, 30, 0, 0, 0, 0, time.UTC)
	for _, d1904 := range []bool{false, true} {
		data := xlsxOf(t, d1904, "", sheetData{"S", [][]any{{"date de naissance"}, {birth}}})
		tb, err := OpenTable("d.xlsx", bytes.NewReader(data), TableOptions{})
		if err != nil {
			t.Fatal(err)
		}
		rows := readAll(t, tb)
		tb.Close()
		got, err := parseDateCell(rows[1].Cells[0], tb.(*xlsxTable).date1904)
		if err != nil || got != domain.DateOf(birth) {
			t.Errorf("1904=%v: %v %v (cell %+v)", d1904, got, err, rows[1].Cells[0])
		}
	}
}

func TestParseMoneyCell(t *testing.T) {
	cases := []struct {
		text    string
		numeric bool
		want    domain.Money
		code    string
	}{
		{"8000.5", true, 800050, ""},
		{"8000.499999999999", true, 800050, ""}, // a computed cell
		{"8000", true, 800000, ""},
		{"1E+4", true, 1000000, ""},
		{"0.1", true, 10, ""},
		{"8 000,50", false, 800050, ""},
		{"8000,5 DH", false, 800050, ""},
		{"0.125", true, 0, domain.CodeMoneyDecimals},
		{"-8000", true, 0, domain.CodeMoneyNegative},
		{"-1", false, 0, domain.CodeMoneyNegative},
		{"8,500", false, 0, domain.CodeMoneyDecimals},
		{"beaucoup", false, 0, domain.CodeMoneySyntax},
		{"1e300", true, 0, domain.CodeMoneyTooLarge},
	}
	for _, tc := range cases {
		got, err := parseMoneyCell(Cell{Text: tc.text, Numeric: tc.numeric})
		if code := i18n.Code(err); code != tc.code || got != tc.want {
			t.Errorf("%q numeric=%v: %d %q, want %d %q", tc.text, tc.numeric, got, code, tc.want, tc.code)
		}
	}
}

func TestParseDigitsCell(t *testing.T) {
	cases := []struct {
		text    string
		numeric bool
		width   int
		want    string
		code    string
	}{
		{"12345678", true, 9, "012345678", ""}, // leading zero lost by Excel
		{"123", true, 7, "0000123", ""},
		{"123456789", true, 9, "123456789", ""},
		{"1.23456789E+8", true, 9, "123456789", ""},
		{"12345678.0", true, 9, "012345678", ""},
		{"12345678", false, 9, "12345678", ""}, // CSV: as written
		{"123 456 789", false, 9, "123456789", ""},
		{"12345678.5", true, 9, "", CodeNumberID},
		{"1.81E+23", true, 0, "", CodeNumberID},
		{"A12", false, 9, "A12", ""}, // text: checked by the identifier rules
	}
	for _, tc := range cases {
		got, err := parseDigitsCell(Cell{Text: tc.text, Numeric: tc.numeric}, tc.width)
		if code := i18n.Code(err); code != tc.code || (err == nil && got != tc.want) {
			t.Errorf("%q numeric=%v: %q %q, want %q %q", tc.text, tc.numeric, got, code, tc.want, tc.code)
		}
	}
}

func TestParseRIBAndIntCells(t *testing.T) {
	rib := ribFor(1)
	if got, err := parseRIBCell(Cell{Text: rib, Numeric: true}); err != nil || got != rib {
		t.Errorf("24 digits in full: %v", err)
	}
	if _, err := parseRIBCell(Cell{Text: "1.81000000000001E+23", Numeric: true}); i18n.Code(err) != CodeRIBNumber {
		t.Errorf("RIB as number: %v", err)
	}
	if got, err := parseRIBCell(Cell{Text: "ma64 " + rib}); err != nil || got != "MA64"+rib {
		t.Errorf("IBAN text: %v", err)
	}
	for _, tc := range []struct {
		text    string
		numeric bool
		want    int
		ok      bool
	}{{"2", false, 2, true}, {"2.0", true, 2, true}, {"0", false, 0, true}, {"2.5", true, 0, false},
		{"-1", false, 0, false}, {"100", false, 0, false}, {"deux", false, 0, false}} {
		got, err := parseIntCell(Cell{Text: tc.text, Numeric: tc.numeric}, 0, 99)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%q: %d %v", tc.text, got, err)
		}
	}
}
