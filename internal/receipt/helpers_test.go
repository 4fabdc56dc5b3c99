package receipt

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/params"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var period = domain.NewPeriod(2026, 1)

// A long company name with every accent the tests look for (é, è, ç, É).
const longName = "Société Française de Crèmerie, d'Équipements, Façades & Rénovation du Grand Casablanca (Aïn Sebaâ) SARL"

// vector is the test vector of cnss-edi.md §8 (testdata/DS_1234567_202601.txt).
func vector(t testing.TB) (data []byte, decl cnssfile.Declaration) {
	t.Helper()
	data, err := os.ReadFile("testdata/DS_1234567_202601.txt")
	if err != nil {
		t.Fatal(err)
	}
	parsed, rep := declaration.Validate(data, declaration.Options{})
	if !rep.Valid() {
		t.Fatalf("test vector: %d findings", len(rep.Findings))
	}
	return data, parsed.Decl
}

func estimate(t testing.TB, tot Totals) params.Estimate {
	t.Helper()
	ps, err := params.Default().At(period)
	if err != nil {
		t.Fatal(err)
	}
	return ps.Estimate(tot.Real, tot.Capped, false)
}

func hexSHA(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

// normalDeposit is an accepted principal declaration (the test vector).
func normalDeposit(t testing.TB) Deposit {
	data, decl := vector(t)
	b02, b04, tot := Facts(&decl)
	return Deposit{
		Employer:              Employer{Affiliation: "1234567", Name: longName, ICE: "001561191000066"},
		Period:                period,
		Kind:                  declaration.Principal,
		FileName:              "DS_1234567_202601.txt",
		SHA256:                hexSHA(data),
		B02Count:              b02,
		B04Count:              b04,
		Totals:                tot,
		Estimate:              estimate(t, tot),
		AcknowledgementNumber: "ACK-2026-000123",
		PaymentReference:      "PAY-1234567-202601-01",
		DepositedAt:           utc(2026, 2, 5, 9, 14),
		AcceptedAt:            utc(2026, 2, 5, 9, 16),
		Operator:              "Fatima Zahra El Ouazzani",
		DueDate:               domain.Date{Year: 2026, Month: 2, Day: 10},
	}
}

func sandboxDeposit(t testing.TB) Deposit {
	d := normalDeposit(t)
	d.Sandbox = true
	d.AcknowledgementNumber = "SBX-000042"
	d.PaymentReference = "SBX-PAY-000042"
	return d
}

func manualDeposit(t testing.TB) Deposit {
	d := normalDeposit(t)
	d.AcknowledgementNumber, d.PaymentReference = "", ""
	d.AcceptedAt = time.Time{}
	d.DepositedAt = utc(2026, 2, 9, 16, 40)
	d.Manual = &ManualEvidence{DepositReference: "DAM-2026-55421", DepositDate: domain.Date{Year: 2026, Month: 2, Day: 9},
		PaymentReference: "REF-PAIE-8891", ControlReportAttached: true}
	return d
}

// complementaryDeposit is a DSC2 with three entrants, deposited late.
func complementaryDeposit(t testing.TB) Deposit {
	d := normalDeposit(t)
	d.Kind, d.Sequence = declaration.Complementary, 2
	d.FileName = "DSC2_1234567_202601.txt"
	d.SHA256 = hexSHA([]byte("DSC2 test"))
	d.B02Count, d.B04Count = 0, 3
	d.Totals = Totals{Days: 62, Real: 1234556, Capped: 1234556}
	d.Estimate = estimate(t, d.Totals)
	d.AcknowledgementNumber = "ACK-2026-000987"
	d.PaymentReference = "PAY-1234567-202601-03"
	d.DepositedAt, d.AcceptedAt = utc(2026, 2, 12, 14, 2), utc(2026, 2, 12, 14, 5)
	return d
}

// vectorSummary is the summary of the test vector.
func vectorSummary(t testing.TB) Summary {
	data, decl := vector(t)
	_, _, tot := Facts(&decl)
	return Summary{
		Employer:  Employer{Affiliation: "1234567", Name: longName, ICE: "001561191000066"},
		Decl:      decl,
		SHA256:    hexSHA(data),
		Estimate:  estimate(t, tot),
		CreatedAt: utc(2026, 2, 5, 9, 16),
	}
}

// bigSummary is the summary of a generated declaration of n employees and
// entrants entrants.
func bigSummary(t testing.TB, n, entrants int) Summary {
	t.Helper()
	aff := decltest.Affiliation(123456)
	pre := decltest.Preetabli(aff, period, n, 1)
	raw, err := cnssfile.AppendPreetabli(nil, pre)
	if err != nil {
		t.Fatal(err)
	}
	p, rep := declaration.ReadPreetabli(raw)
	if !rep.Valid() {
		t.Fatal("generated préétabli is not valid")
	}
	in := declaration.Input{Preetabli: p}
	for i, ins := range pre.Insured {
		switch {
		case i%50 == 7:
			in.Lines = append(in.Lines, declaration.MonthLine{Immat: ins.Immat, Situation: domain.SitLeft})
		case i%97 == 3:
			in.Lines = append(in.Lines, declaration.MonthLine{Immat: ins.Immat, Situation: domain.SitUnpaid})
		default:
			in.Lines = append(in.Lines, declaration.MonthLine{Immat: ins.Immat, Days: 26, Gross: domain.Money(350000 + (i*7919)%1500000)})
		}
	}
	for i := 0; i < entrants; i++ {
		last, first := decltest.Name(i + 3)
		e := declaration.EntrantLine{Immat: decltest.Immat(50_000_000 + i*104729), LastName: last, FirstName: first, Days: 20, Gross: domain.Money(400000 + i*1013)}
		if i%5 == 0 {
			e.Immat, e.CIN = "", "BK"+strconv.Itoa(100000+i)
		}
		in.Entrants = append(in.Entrants, e)
	}
	res, err := declaration.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Bytes == nil {
		t.Fatalf("generated declaration has %d findings", len(res.Report.Findings))
	}
	return Summary{
		Employer:  Employer{Affiliation: aff, Name: "Société de Démonstration SARL"},
		Decl:      res.Decl,
		SHA256:    res.SHA256,
		Estimate:  res.Estimate,
		CreatedAt: utc(2026, 2, 6, 8, 0),
	}
}

// poppler returns the path of a poppler-utils tool, or skips the test.
func poppler(t testing.TB, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		t.Skip("poppler-utils not installed")
	}
	return p
}

// writePDF writes pdf to a temporary file and returns its path.
func writePDF(t testing.TB, pdf []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// pdfText runs pdftotext with args on pdf and returns the text.
func pdfToText(t testing.TB, pdf []byte, args ...string) string {
	t.Helper()
	tool := poppler(t, "pdftotext")
	f := writePDF(t, pdf)
	var out, errb bytes.Buffer
	cmd := exec.Command(tool, append(append(args, "-enc", "UTF-8"), f, "-")...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v: %s", err, errb.String())
	}
	return out.String()
}

// pages returns the number of pages pdfinfo reports.
func pages(t testing.TB, pdf []byte) int {
	t.Helper()
	tool := poppler(t, "pdfinfo")
	out, err := exec.Command(tool, writePDF(t, pdf)).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("pdfinfo: no page count")
	return 0
}
