package domain

import (
	"encoding/json"
	"os"
	"testing"
)

// Go's ParseDate is the reference of testdata/date_vectors.json, which the
// page's parseDate tests read too (frontend/src/lib/format.test.ts).
func TestParseDateSharedVectors(t *testing.T) {
	b, err := os.ReadFile("testdata/date_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Vectors []struct {
			Input string `json:"input"`
			Valid bool   `json:"valid"`
		} `json:"vectors"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	valid, invalid := 0, 0
	for _, v := range f.Vectors {
		d, err := ParseDate(v.Input)
		switch {
		case v.Valid && (err != nil || d.String() != v.Input):
			t.Errorf("ParseDate(%q) = %v, %v; want the same date", v.Input, d, err)
		case !v.Valid && err == nil:
			t.Errorf("ParseDate(%q) = %v; want date.syntax", v.Input, d)
		case !v.Valid && err != nil:
			checkTrilingual(t, err)
		}
		if v.Valid {
			valid++
		} else {
			invalid++
		}
	}
	if valid < 5 || invalid < 10 {
		t.Fatalf("%d valid and %d invalid vectors: the file is not read", valid, invalid)
	}
}
