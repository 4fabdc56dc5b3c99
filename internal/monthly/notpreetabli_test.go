package monthly

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Issue 15.6: a file that is not a préétabli at all gets one sentence in the
// user's language, not the findings of every line; a préétabli with defects
// still gets its detailed findings.
func TestNotAPreetabliIsOneSentence(t *testing.T) {
	s, st, er := setup(t)
	ds, err := os.ReadFile("../declaration/testdata/golden/DS_1234567_202601.txt")
	if err != nil {
		t.Fatal(err)
	}
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0xfe, 0x00, '\n'}, 300)...)
	csv := []byte("immatriculation;nom;prenom;jours;salaire\n123456785;ALAMI;Ahmed;26;8000\n")
	cases := []struct {
		name string
		raw  []byte
		says string // in the French sentence
	}{
		{"payroll CSV", csv, "aucun enregistrement d'en-tête A00 ni A01"},
		{"PDF", pdf, "aucun enregistrement d'en-tête A00 ni A01"},
		{"empty", nil, "aucun enregistrement d'en-tête A00 ni A01"},
		{"declaration DS", ds, "fichier de déclaration"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, rep, err := s.ImportPreetabli(er.ID, "x.txt", c.raw, &p202601)
			if !errors.Is(err, ErrNotPreetabli) || i18n.Code(err) != CodeNotPreetabli {
				t.Fatalf("got %v", err)
			}
			if rep == nil || len(rep.Findings) != 0 {
				t.Fatalf("findings came with the sentence: %+v", rep)
			}
			var ue *i18n.Error
			errors.As(err, &ue)
			if fr := ue.In(i18n.FR); !strings.HasPrefix(fr, "Ce fichier n'est pas un préétabli CNSS : ") || !strings.Contains(fr, c.says) {
				t.Fatalf("FR: %q", fr)
			}
			for _, l := range i18n.Langs {
				if ue.In(l) == "" || ue.In(l) == ue.In(i18n.FR) && l != i18n.FR {
					t.Fatalf("no %s sentence", l)
				}
			}
		})
	}
	if _, err := st.Periods().Preetabli(er.ID, p202601); err == nil {
		t.Fatal("something was imported")
	}

	// A préétabli with a defect (an unknown record type) is one: the detailed findings.
	broken := bytes.Replace(vectorPreetabli(t), []byte("\nA03"), []byte("\nA09"), 1)
	_, rep, err := s.ImportPreetabli(er.ID, "x.txt", broken, &p202601)
	if !errors.Is(err, ErrPreetabliInvalid) || rep == nil || len(rep.Findings) == 0 {
		t.Fatalf("defective préétabli: %v %+v", err, rep)
	}
	// A good one with Windows line ends and a BOM is imported.
	good := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(vectorPreetabli(t), []byte("\n"), []byte("\r\n"))...)
	if _, _, err := s.ImportPreetabli(er.ID, "x.txt", good, &p202601); errors.Is(err, ErrNotPreetabli) {
		t.Fatalf("a préétabli with a BOM was taken for another file: %v", err)
	}
}
