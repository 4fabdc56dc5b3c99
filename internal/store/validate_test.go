package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// validatedTypes are every record the store validates.
var validatedTypes = []any{
	domain.Employer{}, domain.DeadlineOverride{}, domain.Employee{}, domain.MonthLine{},
	Preetabli{}, Declaration{}, Finding{}, Submission{}, Receipt{}, monthLines{},
}

// Tags reported by struct-level checks or by the store itself.
var extraTags = []string{"imm_or_cin", "exit_after_hire", "unique_period", "duplicate_employee", "unknown_employee", "sequence_kind", "invalid"}

func TestEveryValidatedFieldHasLabelsAndMessages(t *testing.T) {
	for _, v := range validatedTypes {
		typ := reflect.TypeOf(v)
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			tag := f.Tag.Get("validate")
			if tag == "" {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if _, ok := fieldLabels[name]; !ok {
				t.Errorf("%s.%s (%s): no label", typ.Name(), f.Name, name)
			}
			for _, part := range strings.Split(tag, ",") {
				tg, _, _ := strings.Cut(part, "=")
				if tg == "omitempty" || tg == "dive" {
					continue
				}
				_, ok1 := tagMessages[tg]
				_, ok2 := sizeTagMessages[tg]
				if !ok1 && !ok2 {
					t.Errorf("%s.%s: no message for tag %q", typ.Name(), f.Name, tg)
				}
			}
		}
	}
	for _, tg := range extraTags {
		if _, ok := tagMessages[tg]; !ok {
			t.Errorf("no message for tag %q", tg)
		}
	}
}

func TestTranslationsComplete(t *testing.T) {
	check := func(what string, tx i18n.Text) {
		t.Helper()
		if tx.FR == "" || tx.AR == "" || tx.EN == "" {
			t.Errorf("%s: missing language: %+v", what, tx)
		}
		if tx.AR == tx.FR || tx.AR == tx.EN {
			t.Errorf("%s: Arabic text is a copy: %+v", what, tx)
		}
		if !strings.ContainsFunc(tx.AR, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF }) {
			t.Errorf("%s: Arabic text has no Arabic letter: %q", what, tx.AR)
		}
	}
	for k, v := range fieldLabels {
		check("label "+k, v)
	}
	for k, v := range tagMessages {
		check("tag "+k, v)
	}
	for k, v := range sizeTagMessages {
		for i, m := range v {
			check("tag "+k+string(rune('0'+i)), m)
		}
	}
	for k, v := range entityNames {
		check("entity "+k, v)
	}
}

func TestValidationMessages(t *testing.T) {
	e := sampleEmployee("01a20b12-cfbd-7939-b26d-220ccbd4998b", 1)
	e.CIN = "ZZZ9999"
	e.LastName = strings.Repeat("X", 61)
	err := Validate(e)
	if i18n.Code(err) != CodeValidation {
		t.Fatalf("code %q", i18n.Code(err))
	}
	var ue *i18n.Error
	if !errors.As(err, &ue) || ue.Field != "cin" {
		t.Fatalf("Field of the error: %+v", ue)
	}
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 2 {
		t.Fatalf("ValidationError not reachable: %v", err)
	}
	want := map[i18n.Lang]string{
		i18n.FR: "données invalides : CIN : format invalide : 1 ou 2 lettres suivies de 1 à 6 chiffres (ex. BK123456) ; Nom : 60 caractères au plus",
		i18n.AR: "بيانات غير صالحة: رقم البطاقة الوطنية: صيغة غير صالحة: حرف أو حرفان متبوعان بـ 1 إلى 6 أرقام (مثال BK123456)؛ الاسم العائلي: 60 حرفاً على الأكثر",
		i18n.EN: "invalid data: National ID card number (CIN): invalid format: 1 or 2 letters followed by 1 to 6 digits (e.g. BK123456); Last name: at most 60 characters",
	}
	for l, w := range want {
		if got := i18n.Message(err, l); got != w {
			t.Errorf("%s:\n got %s\nwant %s", l, got, w)
		}
	}
	if strings.Contains(err.Error(), "ZZZ9999") || strings.Contains(err.Error(), "XXXX") {
		t.Fatal("message repeats the refused value")
	}
	if ve.Fields[1].Param != "60" || ve.Fields[1].Code != "validation.max" {
		t.Fatalf("%+v", ve.Fields[1])
	}
}

func TestValidateAcceptsGoodRecords(t *testing.T) {
	good := []any{
		sampleEmployer(1),
		sampleEmployee("01a20b12-cfbd-7939-b26d-220ccbd4998b", 1),
		domain.MonthLine{EmployeeID: "x", Days: 0, Situation: domain.SitUnpaid},
		domain.MonthLine{EmployeeID: "x", Days: 26, Gross: domain.MAD(1)},
	}
	for _, v := range good {
		if err := Validate(v); err != nil {
			t.Errorf("%T: %v", v, err)
		}
	}
	// Pointers are validated like values.
	bad := sampleEmployee("x", 1)
	bad.CIN, bad.Immatriculation = "", ""
	if fe := FieldErrors(Validate(&bad)); len(fe) != 1 || fe[0].Code != "validation.imm_or_cin" {
		t.Fatalf("pointer: %+v", fe)
	}
	if FieldErrors(nil) != nil || FieldErrors(errors.New("x")) != nil {
		t.Fatal("FieldErrors of a non-validation error")
	}
}
