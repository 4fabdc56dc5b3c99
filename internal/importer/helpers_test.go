package importer

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

// openStore opens a fresh store with a random key in a temporary directory.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	return openStoreAt(t, t.TempDir())
}

func openStoreAt(t testing.TB, dir string) *store.Store {
	t.Helper()
	key := make([]byte, store.KeySize)
	if _, err := rand.Read(key); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(dir, key, store.Options{Actor: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// affFor returns a 7-digit affiliation number with a correct check digit.
func affFor(n int) string { return affWith(fmt.Sprintf("%06d", 100000+n%900000)) }

// affWith completes 6 digits with the check digit.
func affWith(s string) string {
	d := func(i int) int { return int(s[i-1] - '0') }
	sum := 2*(d(2)+d(4)+d(6)) + d(1) + d(3) + d(5)
	return s + fmt.Sprint((10-sum%10)%10)
}

// immatFor returns a 9-digit immatriculation with a correct check digit; the
// first digit is lead (use 0 to test lost leading zeros).
func immatFor(lead, n int) string {
	s := fmt.Sprintf("%d%07d", lead, n%10000000)
	d := func(i int) int { return int(s[i-1] - '0') }
	sum := 2*(d(2)+d(4)+d(6)+d(8)) + d(3) + d(5) + d(7)
	return s + fmt.Sprint((10-sum%10)%10)
}

// badCheckImmat returns immatFor with a wrong check digit.
func badCheckImmat(n int) string {
	s := immatFor(1, n)
	return s[:8] + fmt.Sprint((int(s[8]-'0')+1)%10)
}

func cinFor(n int) string { return fmt.Sprintf("BK%06d", n%1000000) }

func mod97Complete(prefix string) string {
	v, _ := new(big.Int).SetString(prefix+"00", 10)
	r := new(big.Int).Mod(v, big.NewInt(97)).Int64()
	return fmt.Sprintf("%s%02d", prefix, (97-r)%97)
}

func ribFor(n int) string { return mod97Complete(fmt.Sprintf("1810%018d", 700000000+n)) }
func iceFor(n int) string { return mod97Complete(fmt.Sprintf("%013d", 1000000+n)) }

func createEmployer(t testing.TB, st *store.Store, n int) domain.Employer {
	t.Helper()
	e, err := st.Employers().Create(domain.Employer{Affiliation: affFor(n), Name: fmt.Sprintf("Société %d", n)})
	if err != nil {
		t.Fatalf("create employer: %v", err)
	}
	return e
}

func csvTableOf(t testing.TB, name, text string) Table {
	t.Helper()
	tb, err := OpenTable(name, strings.NewReader(text), TableOptions{})
	if err != nil {
		t.Fatalf("OpenTable: %v", err)
	}
	return tb
}

func previewEmployees(t testing.TB, st *store.Store, employerID, name, data string) *Preview {
	t.Helper()
	tb, err := OpenTable(name, strings.NewReader(data), TableOptions{})
	if err != nil {
		t.Fatalf("OpenTable: %v", err)
	}
	defer tb.Close()
	p, err := PreviewEmployees(context.Background(), st, tb, PreviewOptions{EmployerID: employerID})
	if err != nil {
		t.Fatalf("PreviewEmployees: %v", err)
	}
	return p
}

func previewEmployers(t testing.TB, st *store.Store, name, data string) *Preview {
	t.Helper()
	tb, err := OpenTable(name, strings.NewReader(data), TableOptions{})
	if err != nil {
		t.Fatalf("OpenTable: %v", err)
	}
	defer tb.Close()
	p, err := PreviewEmployers(context.Background(), st, tb, PreviewOptions{})
	if err != nil {
		t.Fatalf("PreviewEmployers: %v", err)
	}
	return p
}

func apply(t testing.TB, st *store.Store, p *Preview, opts ApplyOptions) Result {
	t.Helper()
	res, err := Apply(context.Background(), st, p, opts)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	return res
}

// codesOf lists the codes of a row's issues (never their messages, which may
// name dates or amounts).
func codesOf(is []Issue) []string {
	var out []string
	for _, i := range is {
		out = append(out, i.Code+"@"+i.Field)
	}
	return out
}

// wantUserError checks err's code and that its message exists in the three
// languages (and differs from French in Arabic and English).
func wantUserError(t testing.TB, err error, code string) *i18n.Error {
	t.Helper()
	var ue *i18n.Error
	if !errors.As(err, &ue) {
		t.Fatalf("want *i18n.Error %s, got %T (%v)", code, err, err)
	}
	if ue.Code != code {
		t.Fatalf("want code %s, got %s", code, ue.Code)
	}
	checkTrilingual(t, ue)
	return ue
}

func checkTrilingual(t testing.TB, e *i18n.Error) {
	t.Helper()
	fr, ar, en := e.In(i18n.FR), e.In(i18n.AR), e.In(i18n.EN)
	if fr == "" || ar == "" || en == "" || ar == fr || en == fr {
		t.Errorf("%s: message not translated in the three languages", e.Code)
	}
	for _, m := range []string{fr, ar, en} {
		if strings.Contains(m, "%!") {
			t.Errorf("%s: bad format verbs in message", e.Code)
		}
	}
}

func countEmployees(t testing.TB, st *store.Store, employerID string) int {
	t.Helper()
	n, err := st.Employees().Count(employerID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// xlsxOf builds a real workbook with excelize: one sheet per entry of
// sheets (name → rows; values as SetSheetRow takes them: string, int,
// float64, time.Time…), in order.
type sheetData struct {
	name string
	rows [][]any
}

func xlsxOf(t testing.TB, date1904 bool, password string, sheets ...sheetData) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if date1904 {
		v := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &v}); err != nil {
			t.Fatal(err)
		}
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(sh.name, cell, &row); err != nil {
				t.Fatal(err)
			}
			for c, v := range row {
				if _, ok := v.(interface{ UnixNano() int64 }); ok {
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					if err := f.SetCellStyle(sh.name, ref, ref, dateStyle); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	var buf bytes.Buffer
	var opts []excelize.Options
	if password != "" {
		opts = append(opts, excelize.Options{Password: password})
	}
	if err := f.Write(&buf, opts...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAll returns every row of a table.
func readAll(t testing.TB, tb Table) []Row {
	t.Helper()
	var rows []Row
	for {
		r, err := tb.Next()
		if errors.Is(err, io.EOF) {
			return rows
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		rows = append(rows, r)
	}
}

func texts(r Row) []string {
	out := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		out[i] = c.Text
	}
	return out
}
