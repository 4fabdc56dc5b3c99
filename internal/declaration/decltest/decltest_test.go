package decltest

import (
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

func TestCheckDigits(t *testing.T) {
	if Immat(12345678) != "123456785" || Affiliation(123456) != "1234567" {
		t.Fatalf("known vectors: %s %s", Immat(12345678), Affiliation(123456))
	}
	for i := 0; i < 1000; i++ {
		if im := Immat(10_000_000 + i*7919); !domain.ImmatriculationCheckOK(im) {
			t.Fatalf("immatriculation %s", im)
		}
		if a := Affiliation(i * 37); !domain.AffiliationCheckOK(a) {
			t.Fatalf("affiliation %s", a)
		}
	}
}
