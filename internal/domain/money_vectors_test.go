package domain

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

// moneyVector is one line of testdata/money_vectors.json, the file the
// page's parseMoney tests read too (frontend/src/lib/format.test.ts).
type moneyVector struct {
	Input    string `json:"input"`
	Centimes string `json:"centimes,omitempty"`
	Error    string `json:"error,omitempty"`
}

func loadMoneyVectors(t *testing.T) []moneyVector {
	t.Helper()
	b, err := os.ReadFile("testdata/money_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Vectors []moneyVector `json:"vectors"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Vectors) < 50 {
		t.Fatalf("only %d money vectors", len(f.Vectors))
	}
	return f.Vectors
}

// Go's ParseMoney is the reference of the shared vectors.
func TestParseMoneySharedVectors(t *testing.T) {
	codes := map[string]bool{CodeMoneyEmpty: true, CodeMoneySyntax: true, CodeMoneyDecimals: true, CodeMoneyNegative: true, CodeMoneyTooLarge: true}
	seen := map[string]bool{}
	for _, v := range loadMoneyVectors(t) {
		if (v.Centimes == "") == (v.Error == "") {
			t.Fatalf("vector %q: exactly one of centimes and error", v.Input)
		}
		if v.Error != "" && !codes[v.Error] {
			t.Fatalf("vector %q: unknown code %q", v.Input, v.Error)
		}
		seen[v.Error] = true
		got, err := ParseMoney(v.Input)
		if v.Error != "" {
			if i18n.Code(err) != v.Error {
				t.Errorf("ParseMoney(%q) = %d, %v; want %s", v.Input, got, err, v.Error)
			}
			continue
		}
		want, perr := strconv.ParseInt(v.Centimes, 10, 64)
		if perr != nil {
			t.Fatalf("vector %q: centimes %q", v.Input, v.Centimes)
		}
		if err != nil || int64(got) != want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", v.Input, got, err, want)
		}
	}
	for c := range codes {
		if !seen[c] {
			t.Errorf("no vector for %s", c)
		}
	}
}
