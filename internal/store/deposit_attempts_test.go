package store

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tasrih/tasrih/internal/domain"
)

// TestDepositAttemptLabels: every validated field has a label and message.
func TestDepositAttemptLabels(t *testing.T) {
	typ := reflect.TypeOf(DepositAttempt{})
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if f.Tag.Get("validate") == "" {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if l, ok := fieldLabels[name]; !ok || l.FR == "" || l.AR == "" || l.EN == "" {
			t.Errorf("%s (%s): no label in every language", f.Name, name)
		}
	}
}

var pngHeader = []byte("\x89PNG\r\n\x1a\n")

// TestDepositAttempts: attempts are recorded with the declaration's facts,
// the operator and the Casablanca time, listed in order, audited; the
// screenshot is kept apart and bounded; bad input is refused.
func TestDepositAttempts(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	d := must[Declaration](t)(s.Declarations().Create(sampleDecl(er.ID, nil)))
	r := s.DepositAttempts()
	if got := must[[]DepositAttempt](t)(r.List(d.ID)); len(got) != 0 {
		t.Fatalf("empty list: %+v", got)
	}
	shot := append(append([]byte{}, pngHeader...), bytes.Repeat([]byte{1}, 5000)...)
	a1 := must[DepositAttempt](t)(r.Record(DepositAttempt{DeclarationID: d.ID, Channel: ChannelAPI, Action: "deposit",
		Outcome: OutcomeNetworkError, Answer: "dial tcp: connection refused"}))
	a2 := must[DepositAttempt](t)(r.Record(DepositAttempt{DeclarationID: d.ID, Channel: ChannelManual, Action: "portal",
		Outcome: OutcomePortalDown, Note: "page blanche après connexion", Screenshot: shot}))
	if a1.SHA256 != d.SHA256 || a1.EmployerID != er.ID || a1.Period != d.Period || a1.FileName != d.FileName || a1.Operator != testOptions().Actor {
		t.Errorf("facts not copied: %+v", a1)
	}
	if a1.At.IsZero() || a1.At.Location().String() != "Africa/Casablanca" {
		t.Errorf("time %v", a1.At)
	}
	if a2.Screenshot != nil || !a2.HasScreenshot || a1.HasScreenshot {
		t.Errorf("screenshot flags: %+v %+v", a1, a2)
	}
	list := must[[]DepositAttempt](t)(r.List(d.ID))
	if len(list) != 2 || list[0].ID != a1.ID || list[1].ID != a2.ID || list[1].Note != a2.Note || list[1].Screenshot != nil {
		t.Fatalf("list: %+v", list)
	}
	if !list[0].Outcome.Failed() || !list[1].Outcome.Failed() || OutcomeAccepted.Failed() {
		t.Error("Failed()")
	}
	if got := must[[]byte](t)(r.Screenshot(d.ID, a2.ID)); !bytes.Equal(got, shot) {
		t.Error("screenshot round trip")
	}
	if got := must[[]byte](t)(r.Screenshot(d.ID, a1.ID)); got != nil {
		t.Error("screenshot of an attempt without one")
	}
	_, err := r.Screenshot(d.ID, newID())
	wantCode(t, err, CodeNotFound)
	_, err = r.Screenshot("../"+d.ID, a2.ID)
	wantCode(t, err, CodeNotFound)

	// Audited, without the screenshot bytes.
	entries := must[[]AuditEntry](t)(s.AuditEntries(1, 1000))
	n := 0
	for _, e := range entries {
		if e.Action == "deposit_attempt.record" {
			n++
			if bytes.Contains(e.After, []byte(`"screenshot":`)) {
				t.Error("screenshot in the audit log")
			}
		}
	}
	if n != 2 {
		t.Errorf("%d audit entries", n)
	}

	// Long answers and notes are cut (valid UTF-8), not refused.
	long := must[DepositAttempt](t)(r.Record(DepositAttempt{DeclarationID: d.ID, Channel: ChannelManual, Action: "portal",
		Outcome: OutcomePortalDown, Note: strings.Repeat("é", 3000), Answer: strings.Repeat("x", 5000)}))
	if len(long.Note) > MaxAttemptNote || !utf8.ValidString(long.Note) || len(long.Answer) != MaxAttemptAnswer {
		t.Errorf("clipped: %d %d", len(long.Note), len(long.Answer))
	}

	for name, bad := range map[string]DepositAttempt{
		"unknown declaration": {DeclarationID: newID(), Channel: ChannelManual, Action: "portal", Outcome: OutcomePortalDown},
		"bad id":              {DeclarationID: "../x", Channel: ChannelManual, Action: "portal", Outcome: OutcomePortalDown},
		"bad channel":         {DeclarationID: d.ID, Channel: "fax", Action: "portal", Outcome: OutcomePortalDown},
		"bad outcome":         {DeclarationID: d.ID, Channel: ChannelManual, Action: "portal", Outcome: "maybe"},
		"no action":           {DeclarationID: d.ID, Channel: ChannelManual, Outcome: OutcomePortalDown},
		"not an image":        {DeclarationID: d.ID, Channel: ChannelManual, Action: "portal", Outcome: OutcomePortalDown, Screenshot: []byte("<svg/>")},
		"screenshot too big":  {DeclarationID: d.ID, Channel: ChannelManual, Action: "portal", Outcome: OutcomePortalDown, Screenshot: append(append([]byte{}, pngHeader...), make([]byte, MaxAttemptScreenshot)...)},
	} {
		if _, err := r.Record(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if got := must[[]DepositAttempt](t)(r.List(d.ID)); len(got) != 3 {
		t.Errorf("refused attempts were stored: %d", len(got))
	}
	// The time is the store's clock, shown in Casablanca.
	if d := time.Since(a1.At); d < 0 || d > time.Minute {
		t.Errorf("time %v", a1.At)
	}
}
