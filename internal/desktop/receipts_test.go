package desktop

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/store"
)

// manualFixture stores an employer, its declaration (the receipt package's
// test vector) and a manual deposit with its receipt, on a real store.
func manualFixture(t *testing.T) (*store.Store, store.Declaration, store.Receipt) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "receipt", "testdata", "DS_1234567_202601.txt"))
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, t.TempDir())
	t.Cleanup(func() { st.Close() })
	er, err := st.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Atlas Démo SARL"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.Declarations().Create(store.Declaration{EmployerID: er.ID, Period: domain.Period{Year: 2026, Month: time.January},
		Kind: store.KindPrincipal, FileName: "DS_1234567_202601.txt", Bytes: data})
	if err != nil {
		t.Fatal(err)
	}
	md, err := st.ManualDeposits().Record(store.ManualDeposit{DeclarationID: d.ID, DepositReference: "DAM-2026-55421",
		DepositDate: domain.Date{Year: 2026, Month: time.February, Day: 9}})
	if err != nil {
		t.Fatal(err)
	}
	rc, err := ReceiptForManual(st, params.Default(), d, md)
	if err != nil {
		t.Fatal(err)
	}
	return st, d, rc
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("poppler-utils not installed")
	}
	f := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", "-nodiag", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestReceiptPDFLanguages: French is the stored original, byte for byte;
// Arabic and English are made from the same stored facts, in their
// language, with the same identifiers.
func TestReceiptPDFLanguages(t *testing.T) {
	st, d, rc := manualFixture(t)
	stored, err := st.Receipts().Get(rc.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang i18n.Lang
		want string
	}{
		{"", "Reçu de dépôt"},
		{i18n.FR, "Reçu de dépôt"},
		{i18n.EN, "Deposit receipt"},
		{i18n.AR, ""}, // checked below: no French, a shaped ligature
	} {
		pdf, err := ReceiptPDF(st, params.Default(), rc.ID, tc.lang)
		if err != nil {
			t.Fatalf("%s: %v", tc.lang, err)
		}
		if (tc.lang == "" || tc.lang == i18n.FR) != bytes.Equal(pdf, stored.PDF) {
			t.Errorf("%s: stored original returned: %v", tc.lang, bytes.Equal(pdf, stored.PDF))
		}
		text := pdfText(t, pdf)
		for _, id := range []string{"DAM-2026-55421", d.FileName, d.SHA256, "1234567", "09/02/2026"} {
			if !strings.Contains(text, id) {
				t.Errorf("%s: %q missing", tc.lang, id)
			}
		}
		if tc.lang != i18n.AR && !strings.Contains(text, tc.want) {
			t.Errorf("%s: %q missing", tc.lang, tc.want)
		}
		if tc.lang == i18n.AR && (strings.Contains(text, "Reçu") || !strings.ContainsRune(text, '\ufef9')) {
			t.Errorf("ar: not an Arabic receipt: %s", text)
		}
	}
	if _, err := ReceiptPDF(st, params.Default(), rc.ID, "de"); i18n.Code(err) != "receipt.invalid" {
		t.Errorf("unknown language: %v", err)
	}
	if _, err := ReceiptPDF(st, params.Default(), "nope", i18n.AR); err == nil {
		t.Error("unknown receipt: no error")
	}
}

// TestSummaryOfLanguages: the summary follows the chosen language.
func TestSummaryOfLanguages(t *testing.T) {
	st, d, _ := manualFixture(t)
	for lang, want := range map[i18n.Lang]string{i18n.FR: "Bordereau récapitulatif", i18n.EN: "Declaration summary"} {
		pdf, err := SummaryOf(st, params.Default(), d.ID, lang)
		if err != nil {
			t.Fatal(err)
		}
		if text := pdfText(t, pdf); !strings.Contains(text, want) || !strings.Contains(text, "12 500,00 MAD") {
			t.Errorf("%s: %q missing", lang, want)
		}
	}
}
