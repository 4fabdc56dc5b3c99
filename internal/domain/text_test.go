package domain

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tasrih/tasrih/internal/i18n"
)

func TestFileText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"ALAMI AHMED", "ALAMI AHMED"},
		{"alami ahmed", "ALAMI AHMED"},
		{"Élodie", "ELODIE"},
		{"François", "FRANCOIS"},
		{"Çà et là", "CA ET LA"},
		{"Ñúñez Müller", "NUNEZ MULLER"},
		{"Œuvre", "OEUVRE"},
		{"Lætitia", "LAETITIA"},
		{"Strauß", "STRAUSS"},
		{"Aït-Ben Haddou", "AIT BEN HADDOU"},
		{"O'Brien", "O BRIEN"},
		{"O’Brien", "O BRIEN"},
		{"EL_ALAMI", "EL ALAMI"},
		{"M. Ahmed, Jr.", "M AHMED JR"},
		{"  a   b  ", "A B"},
		{"--", ""},
		{"a - b", "A B"},
		{"e\u0301", "E"},              // already decomposed: the combining acute is dropped
		{"\u0130stanbul", "ISTANBUL"}, // İ = I + combining dot above
		{"\u0131", "I"},               // dotless ı upper-cases to I
		{"x\u00a0y", "X Y"},           // no-break space
		{"a\tb", "A B"},               // TAB is allowed in the set but never written
		{"a\r\nb", "A B"},
		{"Ben\u2010Ali", "BEN ALI"}, // Unicode hyphen
		{"Ben\u2013Ali", "BEN ALI"}, // en dash
		{"BK123456", "BK123456"},
		{"12 rue Ibn Batouta", "12 RUE IBN BATOUTA"},
	} {
		got, err := FileText(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("FileText(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestFileTextRefuses(t *testing.T) {
	for _, tc := range []struct {
		in   string
		r    rune
		show string // how the FR message names the character
	}{
		{"Ø", 'Ø', "« Ø » (U+00D8)"},
		{"Søren", 'ø', "« ø » (U+00F8)"},
		{"محمد", 'م', "« م » (U+0645)"},
		{"ALAMI أحمد", 'أ', "« أ » (U+0623)"},
		{"a@b", '@', "« @ » (U+0040)"},
		{"a/b", '/', "« / » (U+002F)"},
		{"Łukasz", 'Ł', "« Ł » (U+0141)"},
		{"N°12", '°', "« ° » (U+00B0)"},
		{"a\x00b", 0, "« U+0000 » (U+0000)"},
		{"a\x07", 7, "« U+0007 » (U+0007)"},
		{"a\xffb", utf8.RuneError, "« U+FFFD » (U+FFFD)"}, // invalid UTF-8
		{"😀", '😀', "« 😀 » (U+1F600)"},
	} {
		got, err := FileText(tc.in)
		if err == nil || got != "" {
			t.Errorf("FileText(%q) = %q, %v; want an error", tc.in, got, err)
			continue
		}
		if i18n.Code(err) != CodeTextCharset {
			t.Errorf("FileText(%q): code %q", tc.in, i18n.Code(err))
		}
		var ce *CharsetError
		if !errors.As(err, &ce) || ce.Rune != tc.r {
			t.Errorf("FileText(%q): cause %v, want rune %U", tc.in, err, tc.r)
		}
		if fr := i18n.Message(err, i18n.FR); !strings.Contains(fr, tc.show) {
			t.Errorf("FileText(%q): FR message %q does not name %s", tc.in, fr, tc.show)
		}
		code := strings.TrimSuffix(tc.show[strings.LastIndex(tc.show, "(")+1:], ")")
		for _, l := range []i18n.Lang{i18n.AR, i18n.EN} {
			if m := i18n.Message(err, l); !strings.Contains(m, code) || m == i18n.Message(err, i18n.FR) {
				t.Errorf("FileText(%q): %s message %q", tc.in, l, m)
			}
		}
		checkTrilingual(t, err)
	}
}

func TestFileCharOK(t *testing.T) {
	n := 0
	for c := 0; c < 256; c++ {
		ok := FileCharOK(byte(c))
		want := c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '\t'
		if ok != want {
			t.Errorf("FileCharOK(%#x) = %v", c, ok)
		}
		if ok {
			n++
		}
	}
	if n != 38 {
		t.Errorf("%d allowed bytes, want 38", n)
	}
}

// checkFileText asserts the invariants of a FileText result.
func checkFileText(t *testing.T, out string) {
	t.Helper()
	for i := 0; i < len(out); i++ {
		if !FileCharOK(out[i]) || out[i] == '\t' {
			t.Fatalf("byte %#x outside the written charset", out[i])
		}
	}
	if strings.Contains(out, "  ") || strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") {
		t.Fatalf("spaces not collapsed/trimmed: %q", out)
	}
}

func FuzzFileText(f *testing.F) {
	for _, s := range []string{"", "Élodie-Marie O'Brien", "Œuvre", "محمد", "Ø", "a\x00b", "e\u0301", "\u0130", "  a  b ", "x\u00a0y\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := FileText(s)
		if err != nil {
			if out != "" || i18n.Code(err) != CodeTextCharset {
				t.Fatalf("error %v with output %q", err, out)
			}
			var ce *CharsetError
			if !errors.As(err, &ce) {
				t.Fatalf("no CharsetError cause")
			}
			return
		}
		checkFileText(t, out)
		again, err := FileText(out)
		if err != nil || again != out {
			t.Fatalf("not idempotent: %q → %q, %v", out, again, err)
		}
	})
}

func BenchmarkFileText(b *testing.B) {
	for name, in := range map[string]string{"ascii": "ALAMI AHMED", "accents": "Élodie-Marie Aït O'Brien"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := FileText(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
