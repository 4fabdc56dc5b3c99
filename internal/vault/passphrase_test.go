package vault

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckPassphrase(t *testing.T) {
	for _, tc := range []struct {
		in   string
		code string // "" = accepted
	}{
		// Accepted.
		{testPass, ""},
		{testPass2, ""},
		{"correct horse battery staple", ""},
		{"Le chat de Nadia mange du couscous", ""},
		{"x7#Kq9!vLm2$", ""},
		{"j'ai planté 3 figuiers à Ifrane", ""},
		{"القط الأزرق يقرأ جريدة الصباح", ""},
		{"qmzpxkwvjdrtbnfhylcg", ""},

		// Too short / too long.
		{"", CodePassTooShort},
		{"Ab1!Ab1!Ab1", CodePassTooShort},
		{"été à l'eau", CodePassTooShort},
		{strings.Repeat("ab1!", 257), CodePassTooLong},

		// The application or the institution.
		{"Mon coffre Tasrih 2026!", CodePassAppName},
		{"ma boite declare a la CNSS vite", CodePassAppName},
		{"c'est damancom qui va planter", CodePassAppName},
		{"T4sr1h est mon ami fidele", CodePassAppName},
		{"مفتاح تصريح الشركة الجديد", CodePassAppName},

		// One class only.
		{"zqxwvjkpfmbhgdtr", CodePassOneClass},
		{"zqxwvjkpfmbh", CodePassOneClass},
		{"ZQXWVJKPFMBH", CodePassOneClass},
		{"927461830572", CodePassOneClass},
		{"!#%&*()!#%&*()", CodePassOneClass},

		// Common words, names, cities, years, l33t.
		{"motdepasse2026", CodePassCommon},
		{"Password123!", CodePassCommon},
		{"P@ssw0rd2024!!", CodePassCommon},
		{"Casablanca2025!", CodePassCommon},
		{"casablanca rabat fes marrakech", CodePassCommon},
		{"Mohammed Amine 1987", CodePassCommon},
		{"Bismillah@2024", CodePassCommon},
		{"jetaime mon amour", CodePassCommon},
		{"Wydad Casablanca!", CodePassCommon},
		{"Fatima-Zahra 1990", CodePassCommon},

		// Sequences.
		{"azertyuiop123", CodePassSequence},
		{"Qwerty123456!", CodePassSequence},
		{"abcdefgh12345678", CodePassSequence},
		{"0123456789Az", CodePassSequence},

		// Repetitions.
		{"aaaaaaaaaaaaaaaaaaaa!", CodePassRepeated},
		{"Ab1!Ab1!Ab1!", CodePassRepeated},
		{"Kx9#Kx9#Kx9#Kx9#", CodePassRepeated},
		{"zzzzzzzzzzzzzzzzzzzzzzzz", CodePassRepeated},
	} {
		err := CheckPassphrase(tc.in)
		if tc.code == "" {
			if err != nil {
				t.Errorf("CheckPassphrase(%q) = %v, want accepted", tc.in, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("CheckPassphrase(%q) accepted, want %s", tc.in, tc.code)
			continue
		}
		t.Run(tc.code, func(t *testing.T) { wantCode(t, err, tc.code) })
		if !errors.Is(err, ErrWeakPassphrase) {
			t.Errorf("CheckPassphrase(%q): not errors.Is ErrWeakPassphrase", tc.in)
		}
	}
}

// Every word of the embedded list is refused on its own, padded to the
// minimum length with digits, or with a year: the list is really used.
func TestCommonListUsed(t *testing.T) {
	words, longest := commonWords()
	if len(words) < 200 || longest < 8 {
		t.Fatalf("%d words, longest %d", len(words), longest)
	}
	for w := range words {
		for _, p := range []string{w + "2024!", strings.ToUpper(string([]rune(w)[:1])) + string([]rune(w)[1:]) + "1234567890", w + " " + w + " " + w} {
			if CheckPassphrase(p) == nil {
				t.Errorf("%q accepted", p)
			}
		}
	}
}

func TestNormPassphrase(t *testing.T) {
	if string(normPassphrase("e\u0301té")) != "été" {
		t.Fatal("not NFC")
	}
	if string(normPassphrase(" a ")) != " a " {
		t.Fatal("spaces changed")
	}
}
