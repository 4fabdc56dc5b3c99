package receipt

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// outageEvidence: the platform down on deadline day, a manual try with a
// screenshot, a CNSS extension, then acceptance within the extension.
func outageEvidence(t testing.TB) Evidence {
	d := normalDeposit(t)
	return Evidence{
		Employer: d.Employer, Period: d.Period, Kind: d.Kind, FileName: d.FileName, SHA256: d.SHA256, Totals: d.Totals,
		DueDate:   domain.Date{Year: 2026, Month: time.February, Day: 10},
		Extension: &Extension{Date: domain.Date{Year: 2026, Month: time.February, Day: 13}, Reference: "CNSS-COM-2026-07"},
		Attempts: []Attempt{
			// Listed out of order: the document sorts them by time.
			{At: utc(2026, 2, 12, 9, 5), Channel: "api", Action: "result", Outcome: "accepted", Answer: "deposit_id=D-42 status=accepted acknowledgement=ACK-2026-000123", Operator: "Fatima Zahra El Ouazzani"},
			{At: utc(2026, 2, 10, 8, 15), Channel: "api", Action: "deposit", Outcome: "network_error", Answer: "network — dial tcp: connection refused", Operator: "Fatima Zahra El Ouazzani"},
			{At: utc(2026, 2, 10, 15, 40), Channel: "manual", Action: "portal", Outcome: "portal_down", Note: "Erreur 502 après connexion", Screenshot: "captures/tentative-2.png", Operator: "Fatima Zahra El Ouazzani"},
			{At: utc(2026, 2, 12, 9, 0), Channel: "api", Action: "deposit", Outcome: "received", Answer: "deposit_id=D-42 status=received", Operator: "Fatima Zahra El Ouazzani"},
		},
		Accepted:    &Accepted{AcknowledgementNumber: "ACK-2026-000123", PaymentReference: "PAY-1234567-202601-01", At: utc(2026, 2, 12, 9, 5)},
		GeneratedAt: utc(2026, 2, 20, 10, 0),
	}
}

func evidenceDoc(l i18n.Lang, name string, mk func(testing.TB) Evidence) document {
	if l != i18n.FR {
		name += "_" + string(l)
	}
	return document{name: "evidence_" + name, lang: l, render: func(t *testing.T) []byte {
		e := mk(t)
		e.Lang = l
		pdf, err := EvidencePDF(e)
		if err != nil {
			t.Fatal(err)
		}
		return pdf
	}}
}

var evidenceDocs = []document{
	evidenceDoc(i18n.FR, "outage", outageEvidence),
	evidenceDoc(i18n.AR, "outage", outageEvidence),
	evidenceDoc(i18n.EN, "outage", outageEvidence),
	evidenceDoc(i18n.FR, "nothing", func(tb testing.TB) Evidence {
		e := outageEvidence(tb)
		e.Attempts, e.Accepted, e.Extension, e.GeneratedAt = nil, nil, nil, time.Time{}
		return e
	}),
}

// TestEvidenceGoldenText: the text of the evidence PDFs, per language.
func TestEvidenceGoldenText(t *testing.T) {
	for _, doc := range evidenceDocs {
		t.Run(doc.name, func(t *testing.T) {
			got := pdfToText(t, doc.render(t), "-layout", "-nodiag")
			file := filepath.Join("testdata", doc.name+".golden.txt")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("text differs from %s (go test -update rewrites it):\n%s", file, lineDiff(string(want), got))
			}
		})
	}
}

// TestEvidenceStatement: the statement follows the facts: failures counted
// against the applicable deadline in Casablanca days, the extension, the
// acceptance within or after it.
func TestEvidenceStatement(t *testing.T) {
	flat := func(e Evidence) string {
		pdf, err := EvidencePDF(e)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(pdfToText(t, pdf, "-nodiag")), " ")
	}
	e := outageEvidence(t)
	text := flat(e)
	for _, want := range []string{
		"Entre le 10/02/2026 09:15 et le 10/02/2026 16:40, 2 tentative(s)",
		"2 de ces tentatives ont eu lieu au plus tard le 13/02/2026",
		"La CNSS a reporté la date limite du 10/02/2026 au 13/02/2026 (communiqué CNSS-COM-2026-07)",
		"acceptée le 12/02/2026 10:05 (accusé de réception ACK-2026-000123), au plus tard à la date limite applicable",
		"Capture d'écran : captures/tentative-2.png",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	// A failure after the legal deadline but within the extension counts
	// as before the applicable deadline.
	e2 := outageEvidence(t)
	e2.Attempts = append(e2.Attempts, Attempt{At: utc(2026, 2, 11, 10, 0), Channel: "manual", Action: "portal", Outcome: "portal_down"})
	if text := flat(e2); !strings.Contains(text, "3 de ces tentatives ont eu lieu au plus tard le 13/02/2026") {
		t.Errorf("extension not applied to the count:\n%s", text)
	}
	// Without the extension, a failure at 23:30 UTC on deadline day is the
	// next day in Casablanca: after the deadline; so is the acceptance.
	e.Extension = nil
	e.Attempts = append(e.Attempts, Attempt{At: utc(2026, 2, 10, 23, 30), Channel: "manual", Action: "portal", Outcome: "portal_down"})
	text = flat(e)
	for _, want := range []string{"3 tentative(s)", "2 de ces tentatives ont eu lieu au plus tard le 10/02/2026", "après la date limite"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if strings.Contains(text, "reporté") {
		t.Error("an extension without one")
	}
	e.Accepted = nil
	if text = flat(e); !strings.Contains(text, "aucun dépôt accepté n'est enregistré") {
		t.Errorf("no acceptance: %s", text)
	}
}

// TestEvidenceZIP: the archive has the PDF, the raw files and a manifest
// whose digests match; the same inputs give the same bytes; unsafe names
// are refused.
func TestEvidenceZIP(t *testing.T) {
	e := outageEvidence(t)
	decl, _ := vector(t)
	shot := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{3}, 300)...)
	raw := []RawFile{{Name: e.FileName, Data: decl}, {Name: "captures/tentative-2.png", Data: shot}}
	var a, b bytes.Buffer
	if err := EvidenceZIP(context.Background(), &a, e, raw); err != nil {
		t.Fatal(err)
	}
	if err := EvidenceZIP(context.Background(), &b, e, raw); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two packs of the same facts differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = data
		names = append(names, f.Name)
		if !f.Modified.Equal(e.GeneratedAt) {
			t.Errorf("%s dated %v", f.Name, f.Modified)
		}
	}
	if strings.Join(names, ",") != EvidenceName+","+e.FileName+",captures/tentative-2.png,"+ManifestName {
		t.Errorf("entries %v", names)
	}
	lines := strings.Split(strings.TrimSpace(string(files[ManifestName])), "\n")
	if len(lines) != 3 {
		t.Fatalf("manifest %q", files[ManifestName])
	}
	for _, l := range lines {
		sum, name, ok := strings.Cut(l, "  ")
		d := sha256.Sum256(files[name])
		if !ok || sum != hex.EncodeToString(d[:]) {
			t.Errorf("manifest line %q does not match", l)
		}
	}
	if !bytes.Equal(files["captures/tentative-2.png"], shot) || !bytes.Equal(files[e.FileName], decl) {
		t.Error("raw files changed")
	}
	for _, bad := range []string{"../evil", "/abs", ManifestName, EvidenceName} {
		if err := EvidenceZIP(context.Background(), io.Discard, e, []RawFile{{Name: bad, Data: []byte("x")}}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	e.SHA256 = "nothex"
	if err := EvidenceZIP(context.Background(), io.Discard, e, nil); i18n.Code(err) != CodeInvalid {
		t.Errorf("bad digest: %v", err)
	}
}

// FuzzEvidenceStrings: any text in an attempt (answers from a hostile
// platform, the user's note, Arabic, direction overrides, huge strings)
// gives an evidence PDF, in every language, never an error or a panic.
func FuzzEvidenceStrings(f *testing.F) {
	f.Add("network — dial tcp", "Erreur 502", "Fatima", "x.png")
	f.Add("\u202eevil\u202c", "البوابة لا تعمل منذ الصباح", "\x00\xff", "")
	f.Add(strings.Repeat("W", 3000), strings.Repeat("é", 2000), strings.Repeat("ل", 300), "captures/a.png")
	base := outageEvidence(f)
	f.Fuzz(func(t *testing.T, answer, note, operator, shot string) {
		for _, l := range i18n.Langs {
			e := base
			e.Lang = l
			e.Attempts = []Attempt{{At: utc(2026, 2, 10, 8, 0), Channel: "manual", Action: "portal", Outcome: "portal_down",
				Answer: answer, Note: note, Operator: operator, Screenshot: shot}}
			if _, err := EvidencePDF(e); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestArabicNameInFrench: a French receipt for an employer whose name is
// in Arabic shows the name shaped, not as question marks.
func TestArabicNameInFrench(t *testing.T) {
	d := normalDeposit(t)
	d.Employer.Name = "شركة النور SARL"
	pdf, err := Receipt(d)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfToText(t, pdf, "-nodiag")
	if strings.Contains(text, "?") || !strings.Contains(text, "Reçu de dépôt") || !strings.ContainsRune(text, '\ufe94') { // teh marbuta final
		t.Errorf("Arabic name not shaped in a French receipt:\n%s", text)
	}
}
