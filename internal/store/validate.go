package store

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
)

// FieldError is one refused field of a record.
type FieldError struct {
	// Field is the JSON path of the field, e.g. "cin" or "deadline_overrides[1].date".
	Field string `json:"field"`
	// Code is "validation.<tag>", e.g. "validation.required", "validation.cin".
	Code string `json:"code"`
	// Param is the tag's parameter ("60" for max=60), if any.
	Param string `json:"param,omitempty"`
	// Msg names the field and says what is wrong, in each language. It never
	// repeats the refused value.
	Msg i18n.Text `json:"message"`
}

// ValidationError lists every refused field of a record. The store returns it
// wrapped in an *i18n.Error with code validation.failed; reach it with
// errors.As(err, &ve) where ve is a *ValidationError.
type ValidationError struct {
	Fields []FieldError
}

// Error returns the French messages, separated by "; ".
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Msg.FR
	}
	return strings.Join(parts, " ; ")
}

// FieldErrors returns the per-field errors of err, or nil when err is not a
// validation error.
func FieldErrors(err error) []FieldError {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Fields
	}
	return nil
}

var (
	validateOnce sync.Once
	validate     *validator.Validate
)

func validatorInstance() *validator.Validate {
	validateOnce.Do(func() {
		v := validator.New(validator.WithRequiredStructEnabled())
		v.RegisterTagNameFunc(func(f reflect.StructField) string {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				return ""
			}
			if name == "" {
				return f.Name
			}
			return name
		})
		str := func(ok func(string) bool) validator.Func {
			return func(fl validator.FieldLevel) bool {
				return fl.Field().Kind() == reflect.String && ok(fl.Field().String())
			}
		}
		custom := map[string]validator.Func{
			// Shape only: a failing check digit is a warning of the declaration rules.
			"affiliation":     str(domain.AffiliationShapeOK),
			"immatriculation": str(domain.ImmatriculationShapeOK),
			"cin":             str(domain.ValidCIN),
			"ice":             str(domain.ValidICE),
			"if":              str(domain.ValidIF),
			"rib":             str(func(s string) bool { return domain.ValidRIB(s) || domain.ValidIBAN(s) }),
			"situation":       str(func(s string) bool { return domain.Situation(s).Valid() }),
			// Empty means the default (sandbox); Normalize fills it in.
			"profile": str(func(s string) bool { return s == "" || domain.PlatformProfile(s).Valid() }),
			"money": func(fl validator.FieldLevel) bool {
				return fl.Field().CanInt() && fl.Field().Int() >= 0
			},
			"days": func(fl validator.FieldLevel) bool {
				return fl.Field().CanInt() && fl.Field().Int() >= 0 && fl.Field().Int() <= int64(maxDays())
			},
			"period": func(fl validator.FieldLevel) bool {
				p, ok := fl.Field().Interface().(domain.Period)
				return ok && p.Valid()
			},
			"date": func(fl validator.FieldLevel) bool {
				d, ok := fl.Field().Interface().(domain.Date)
				return ok && d.Valid()
			},
			"date_or_zero": func(fl validator.FieldLevel) bool {
				d, ok := fl.Field().Interface().(domain.Date)
				return ok && (d.IsZero() || d.Valid())
			},
			"opaque_id": str(validID),
			"sha256hex": str(func(s string) bool {
				if len(s) != 64 {
					return false
				}
				for i := 0; i < len(s); i++ {
					if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
						return false
					}
				}
				return true
			}),
		}
		for tag, fn := range custom {
			if err := v.RegisterValidation(tag, fn); err != nil {
				panic(err) // programming error: a bad tag name
			}
		}
		v.RegisterStructValidation(employeeStructLevel, domain.Employee{})
		v.RegisterStructValidation(employerStructLevel, domain.Employer{})
		validate = v
	})
	return validate
}

// employeeStructLevel: an employee needs an immatriculation or a CIN, and
// cannot leave before being hired.
func employeeStructLevel(sl validator.StructLevel) {
	e := sl.Current().Interface().(domain.Employee)
	if e.Immatriculation == "" && e.CIN == "" {
		sl.ReportError(e.CIN, "cin", "CIN", "imm_or_cin", "")
	}
	if !e.ExitDate.IsZero() && !e.HireDate.IsZero() && e.ExitDate.Before(e.HireDate) {
		sl.ReportError(e.ExitDate, "exit_date", "ExitDate", "exit_after_hire", "")
	}
}

// employerStructLevel: one deadline override per period.
func employerStructLevel(sl validator.StructLevel) {
	e := sl.Current().Interface().(domain.Employer)
	if e.DuplicateOverride() >= 0 {
		sl.ReportError(e.DeadlineOverrides, "deadline_overrides", "DeadlineOverrides", "unique_period", "")
	}
}

// Validate checks a record (domain.Employer, domain.Employee, domain.MonthLine
// or one of the store's records) as the store does before writing it. It
// returns nil or a validation.failed *i18n.Error wrapping a *ValidationError.
// Forms may call it to show every problem at once.
func Validate(v any) error {
	err := validatorInstance().Struct(v)
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return errIO(err)
	}
	fields := make([]FieldError, 0, len(ves))
	for _, fe := range ves {
		fields = append(fields, translate(fe))
	}
	return newValidationError(fields)
}

func newValidationError(fields []FieldError) error {
	ve := &ValidationError{Fields: fields}
	join := func(l i18n.Lang, sep string) string {
		parts := make([]string, len(fields))
		for i, f := range fields {
			parts[i] = f.Msg.In(l)
		}
		return strings.Join(parts, sep)
	}
	msg := i18n.Text{
		FR: "données invalides : " + join(i18n.FR, " ; "),
		AR: "بيانات غير صالحة: " + join(i18n.AR, "؛ "),
		EN: "invalid data: " + join(i18n.EN, "; "),
	}
	e := i18n.Wrap(ve, CodeValidation, msg)
	if len(fields) > 0 {
		e.Field = fields[0].Field
	}
	return e
}

// fieldPath turns validator's namespace "Employer.deadline_overrides[1].date"
// into "deadline_overrides[1].date".
func fieldPath(ns string) string {
	if _, rest, ok := strings.Cut(ns, "."); ok {
		return rest
	}
	return ns
}

// maxDays bounds the declared days of a stored line: the largest maximum of
// the parameter table (internal/params), whatever the period (computed on
// first use: the table is not parsed at the start of every command).
var maxDays = sync.OnceValue(func() int { return params.Default().MaxDaysBound() })

// translate builds the trilingual message of one field error.
func translate(fe validator.FieldError) FieldError {
	path := fieldPath(fe.Namespace())
	tag := fe.Tag()
	out := FieldError{Field: path, Code: "validation." + tag, Param: fe.Param()}
	label := fieldLabel(path)
	m := tagMessage(tag, fe.Kind())
	param := fe.Param()
	if tag == "oneof" {
		param = strings.Join(strings.Fields(param), ", ")
	}
	if tag == "days" {
		param = strconv.Itoa(maxDays())
	}
	m = i18n.Text{
		FR: strings.ReplaceAll(m.FR, "%s", param),
		AR: strings.ReplaceAll(m.AR, "%s", param),
		EN: strings.ReplaceAll(m.EN, "%s", param),
	}
	out.Msg = joinLabel(label, m)
	return out
}

// joinLabel returns "<label> : <message>" (French spacing) in each language.
func joinLabel(label, m i18n.Text) i18n.Text {
	return i18n.Text{
		FR: label.FR + " : " + m.FR,
		AR: label.AR + ": " + m.AR,
		EN: label.EN + ": " + m.EN,
	}
}

// fieldLabel returns the label of a JSON path in each language; for an element
// of a list it is "<list label> n° <i+1> — <field label>".
func fieldLabel(path string) i18n.Text {
	segs := strings.Split(path, ".")
	leaf := segs[len(segs)-1]
	leafName, leafIdx := splitIndex(leaf)
	lbl := lookupLabel(leafName)
	if leafIdx >= 0 {
		lbl = numbered(lbl, leafIdx)
	}
	if len(segs) > 1 {
		parentName, parentIdx := splitIndex(segs[len(segs)-2])
		p := lookupLabel(parentName)
		if parentIdx >= 0 {
			p = numbered(p, parentIdx)
		}
		lbl = i18n.Text{
			FR: p.FR + " — " + lbl.FR,
			AR: p.AR + " — " + lbl.AR,
			EN: p.EN + " — " + lbl.EN,
		}
	}
	return lbl
}

func numbered(t i18n.Text, i int) i18n.Text {
	n := strconv.Itoa(i + 1)
	return i18n.Text{FR: t.FR + " n° " + n, AR: t.AR + " رقم " + n, EN: t.EN + " #" + n}
}

func splitIndex(seg string) (string, int) {
	name, rest, ok := strings.Cut(seg, "[")
	if !ok {
		return seg, -1
	}
	i, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
	if err != nil {
		return name, -1
	}
	return name, i
}

func lookupLabel(name string) i18n.Text {
	if t, ok := fieldLabels[name]; ok {
		return t
	}
	// A field without a label is a programming error caught by the tests; the
	// raw name keeps the message useful meanwhile.
	return i18n.Text{FR: name, AR: name, EN: name}
}

func tagMessage(tag string, kind reflect.Kind) i18n.Text {
	if byKind, ok := sizeTagMessages[tag]; ok {
		switch kind {
		case reflect.String:
			return byKind[0]
		case reflect.Slice, reflect.Array, reflect.Map:
			return byKind[2]
		default:
			return byKind[1]
		}
	}
	if t, ok := tagMessages[tag]; ok {
		return t
	}
	return tagMessages["invalid"]
}
