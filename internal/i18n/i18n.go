// Package i18n holds the three languages Tasrih speaks (French, Arabic, English),
// a trilingual text type and the user-facing error type that carries a stable code.
//
// French is the working language of the domain and the default everywhere.
package i18n

import (
	"errors"
	"fmt"
	"strings"
)

// Lang is one of the languages of the application.
type Lang string

// The supported languages. FR is the default.
const (
	FR Lang = "fr"
	AR Lang = "ar"
	EN Lang = "en"
)

// Langs lists the supported languages, default first.
var Langs = []Lang{FR, AR, EN}

// ParseLang accepts "fr", "ar" or "en" (case-insensitive, surrounding spaces ignored);
// an empty string means French.
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "fr":
		return FR, nil
	case "ar":
		return AR, nil
	case "en":
		return EN, nil
	}
	return FR, New("lang.unknown", Text{
		FR: "langue inconnue « %s » : choisissez fr, ar ou en",
		AR: "لغة غير معروفة « %s »: اختر fr أو ar أو en",
		EN: "unknown language %q: choose fr, ar or en",
	}, s)
}

// Text is one message in each language. The French text is mandatory; an empty
// Arabic or English text falls back to French.
type Text struct {
	FR string `json:"fr"`
	AR string `json:"ar"`
	EN string `json:"en"`
}

// In returns the text in l, falling back to French.
func (t Text) In(l Lang) string {
	switch l {
	case AR:
		if t.AR != "" {
			return t.AR
		}
	case EN:
		if t.EN != "" {
			return t.EN
		}
	}
	return t.FR
}

// Format returns the text in l with fmt-style arguments applied; arguments
// that are an *Error or a Text are rendered in l.
func (t Text) Format(l Lang, args ...any) string {
	if len(args) == 0 {
		return t.In(l)
	}
	return fmt.Sprintf(t.In(l), localize(l, args)...)
}

// Error is a user-facing error: a stable machine code (the frontend and scripts
// switch on it, never on the text), a message in each language with its
// arguments, an optional field name and an optional wrapped cause.
type Error struct {
	Code  string
	Msg   Text
	Args  []any
	Field string
	Err   error
}

// New returns a user-facing error with the given code, message and arguments.
func New(code string, msg Text, args ...any) *Error {
	return &Error{Code: code, Msg: msg, Args: args}
}

// Wrap is New with a wrapped cause.
func Wrap(err error, code string, msg Text, args ...any) *Error {
	return &Error{Code: code, Msg: msg, Args: args, Err: err}
}

// WithField sets the field the error is about and returns e.
func (e *Error) WithField(f string) *Error { e.Field = f; return e }

// Error returns the French message.
func (e *Error) Error() string { return e.In(FR) }

// In returns the message in l. Arguments that are themselves an *Error or a
// Text are rendered in l too, so that messages nest across languages.
func (e *Error) In(l Lang) string { return e.Msg.Format(l, localize(l, e.Args)...) }

func localize(l Lang, args []any) []any {
	var out []any
	for i, a := range args {
		var s string
		switch v := a.(type) {
		case *Error:
			s = v.In(l)
		case Text:
			s = v.In(l)
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = s
	}
	if out == nil {
		return args
	}
	return out
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Message returns err's message in l: the translated message of the outermost
// *Error in its chain (prefixed by any plain context wrapped around it), or
// err.Error() for errors without one.
func Message(err error, l Lang) string {
	if err == nil {
		return ""
	}
	var ue *Error
	if !errors.As(err, &ue) {
		return err.Error()
	}
	full, inner := err.Error(), ue.Error()
	msg := ue.In(l)
	if prefix, ok := strings.CutSuffix(full, inner); ok && prefix != "" {
		return prefix + msg
	}
	return msg
}

// Code returns the code of the outermost *Error in err's chain, or "" if none.
func Code(err error) string {
	var ue *Error
	if errors.As(err, &ue) {
		return ue.Code
	}
	return ""
}
