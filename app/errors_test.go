package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

var (
	txtSalary = i18n.Text{FR: "salaire invalide « %s »", AR: "أجر غير صالح « %s »", EN: "invalid salary %q"}
	txtDays   = i18n.Text{FR: "jours invalides", AR: "أيام غير صالحة", EN: "invalid days"}
	txtSave   = i18n.Text{FR: "impossible d'enregistrer le salarié", AR: "تعذر حفظ الأجير", EN: "cannot save the employee"}
)

func TestFormatError(t *testing.T) {
	salary := func() error { return i18n.New("employee.salary", txtSalary, "12,345").WithField("salary") }
	days := func() error { return i18n.New("employee.days", txtDays).WithField("days") }
	tests := []struct {
		name string
		err  error
		want ErrorPayload
	}{
		{
			name: "plain user error",
			err:  i18n.New("lang.unknown", i18n.Text{FR: "langue inconnue"}),
			want: ErrorPayload{Code: "lang.unknown", Message: "langue inconnue", Fields: []FieldError{}},
		},
		{
			name: "field error",
			err:  salary(),
			want: ErrorPayload{Code: "employee.salary", Message: "salaire invalide « 12,345 »", Fields: []FieldError{
				{Field: "salary", Code: "employee.salary", Message: "salaire invalide « 12,345 »"},
			}},
		},
		{
			name: "wrapped in plain context: code and text of the user error, no Go prefix",
			err:  fmt.Errorf("store: put employee: %w", salary()),
			want: ErrorPayload{Code: "employee.salary", Message: "salaire invalide « 12,345 »", Fields: []FieldError{
				{Field: "salary", Code: "employee.salary", Message: "salaire invalide « 12,345 »"},
			}},
		},
		{
			name: "outer user error wrapping joined field errors",
			err:  i18n.Wrap(errors.Join(salary(), fmt.Errorf("row 3: %w", days())), "employee.save", txtSave),
			want: ErrorPayload{Code: "employee.save", Message: "impossible d'enregistrer le salarié", Fields: []FieldError{
				{Field: "salary", Code: "employee.salary", Message: "salaire invalide « 12,345 »"},
				{Field: "days", Code: "employee.days", Message: "jours invalides"},
			}},
		},
		{
			name: "joined errors without an outer one: the first user error leads",
			err:  errors.Join(days(), salary()),
			want: ErrorPayload{Code: "employee.days", Message: "jours invalides", Fields: []FieldError{
				{Field: "days", Code: "employee.days", Message: "jours invalides"},
				{Field: "salary", Code: "employee.salary", Message: "salaire invalide « 12,345 »"},
			}},
		},
		{
			name: "not a user error: generic text, the cause is not forwarded",
			err:  fmt.Errorf("open /home/amina/CIN-AB123456.csv: %w", fs.ErrPermission),
			want: ErrorPayload{Code: CodeInternal, Message: msgInternal.FR, Fields: []FieldError{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := decodePayload(t, FormatError(tt.err))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestFormatErrorNil(t *testing.T) {
	if got := FormatError(nil); got != nil {
		t.Errorf("FormatError(nil) = %v, want nil", got)
	}
}

// decodePayload reads what FormatError hands to Wails: the JSON text of an
// ErrorPayload.
func decodePayload(t *testing.T, v any) ErrorPayload {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("FormatError returned %T, want the JSON text of an ErrorPayload", v)
	}
	var p ErrorPayload
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		t.Fatalf("FormatError returned %q: %v", s, err)
	}
	return p
}

// The frontend (src/api/errors.ts) relies on exactly these JSON names, on
// fields being an array even when empty, and on getting them as the message
// of the Error Wails rejects the call with (its runtime wraps whatever the
// formatter returns in new Error(...), so it must be a string).
func TestErrorPayloadJSON(t *testing.T) {
	got := FormatError(errors.New("boom"))
	want := `{"code":"internal.unexpected","message":"` + msgInternal.FR + `","fields":[]}`
	if got != want {
		t.Errorf("got  %v\nwant %s", got, want)
	}
	got = FormatError(i18n.New("a.b", txtDays).WithField("days"))
	if s, _ := got.(string); !strings.Contains(s, `"fields":[{"field":"days","code":"a.b","message":"jours invalides"}]}`) {
		t.Errorf("field error JSON: %v", got)
	}
}

func TestFormatErrorInOtherLanguages(t *testing.T) {
	err := i18n.New("employee.days", txtDays).WithField("days")
	for lang, want := range map[i18n.Lang]string{i18n.FR: txtDays.FR, i18n.AR: txtDays.AR, i18n.EN: txtDays.EN} {
		p := formatError(err, lang)
		if p.Message != want || p.Fields[0].Message != want {
			t.Errorf("%s: got %q / %q, want %q", lang, p.Message, p.Fields[0].Message, want)
		}
	}
	if p := formatError(errors.New("x"), i18n.AR); p.Message != msgInternal.AR {
		t.Errorf("internal message in Arabic = %q", p.Message)
	}
}

func TestMsgInternalIsTranslated(t *testing.T) {
	for _, l := range i18n.Langs {
		if strings.TrimSpace(msgInternal.In(l)) == "" {
			t.Errorf("empty %s text", l)
		}
	}
	if msgInternal.AR == msgInternal.FR || msgInternal.EN == msgInternal.FR {
		t.Error("Arabic or English text falls back to French")
	}
}
