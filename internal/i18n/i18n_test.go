package i18n

import (
	"fmt"
	"testing"
)

func TestParseLang(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Lang
		ok   bool
	}{{"", FR, true}, {"fr", FR, true}, {" AR ", AR, true}, {"en", EN, true}, {"de", FR, false}} {
		got, err := ParseLang(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseLang(%q) = %v, %v", tc.in, got, err)
		}
	}
}

func TestMessageKeepsContextAndTranslates(t *testing.T) {
	base := New("x.bad", Text{FR: "valeur %d invalide", EN: "bad value %d"}, 7)
	err := fmt.Errorf("paie.csv ligne 3: %w", base)
	if got := Message(err, EN); got != "paie.csv ligne 3: bad value 7" {
		t.Errorf("EN: %q", got)
	}
	if got := Message(err, AR); got != "paie.csv ligne 3: valeur 7 invalide" {
		t.Errorf("AR falls back to FR: %q", got)
	}
	if Code(err) != "x.bad" {
		t.Errorf("code %q", Code(err))
	}
	if Message(fmt.Errorf("plain"), EN) != "plain" || Code(fmt.Errorf("plain")) != "" {
		t.Error("plain errors pass through")
	}
}

func TestNestedErrorsTranslate(t *testing.T) {
	inner := New("inner", Text{FR: "montant négatif", EN: "negative amount", AR: "مبلغ سالب"})
	outer := New("outer", Text{FR: "ligne %d : %s", EN: "line %d: %s", AR: "السطر %d: %s"}, 4, inner)
	for l, want := range map[Lang]string{FR: "ligne 4 : montant négatif", EN: "line 4: negative amount", AR: "السطر 4: مبلغ سالب"} {
		if got := outer.In(l); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
}
