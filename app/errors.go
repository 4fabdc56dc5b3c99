package app

import (
	"encoding/json"
	"errors"

	"github.com/tasrih/tasrih/internal/i18n"
)

// ErrorPayload is what a failed bound call rejects with in the frontend
// (Wails passes the ErrorFormatter's value through as the promise's reason).
// The frontend switches on Code and never on Message.
type ErrorPayload struct {
	// Code is the stable dotted code of the outermost *i18n.Error, or
	// CodeInternal for an error that is not meant to be shown.
	Code string `json:"code"`
	// Message is the human text, in the language of the settings
	// (Services.formatError); the page shows it as is.
	Message string `json:"message"`
	// Fields lists the errors tied to a form field, in the order they occur in
	// the error tree (errors.Join keeps several). Never nil, so the frontend
	// always receives an array.
	Fields []FieldError `json:"fields"`
}

// FieldError is one error about one input field.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// CodeInternal is the code sent for errors that are not *i18n.Error: a bug or an
// unexpected failure. Their text is not forwarded, since it may carry paths or
// personal data from deep in the engine.
const CodeInternal = "internal.unexpected"

var msgInternal = i18n.Text{
	FR: "Une erreur inattendue s'est produite. Réessayez ; si elle persiste, signalez-la.",
	AR: "حدث خطأ غير متوقع. أعد المحاولة؛ وإن تكرر فأبلغ عنه.",
	EN: "An unexpected error occurred. Try again; if it persists, please report it.",
}

// FormatError is the Wails ErrorFormatter: it maps any error returned by a
// bound method to the JSON text of its *ErrorPayload, with the message in
// French (the bound services use the language of the settings).
//
// A JSON string rather than the struct itself: Wails v2.15's runtime rejects
// the promise with new Error(payload) (runtime/desktop/calls.js, Callback),
// which turns an object into "[object Object]" and loses it, whereas a string
// becomes the Error's message intact. The frontend reads the payload back
// with JSON.parse(error.message).
func FormatError(err error) any {
	if err == nil {
		return nil
	}
	return payloadJSON(formatError(err, i18n.FR))
}

// payloadJSON encodes p (it cannot fail: strings and slices of strings).
func payloadJSON(p *ErrorPayload) string {
	b, _ := json.Marshal(p)
	return string(b)
}

func formatError(err error, lang i18n.Lang) *ErrorPayload {
	p := &ErrorPayload{Fields: []FieldError{}}
	var ue *i18n.Error
	if errors.As(err, &ue) {
		p.Code, p.Message = ue.Code, ue.In(lang)
	} else {
		p.Code, p.Message = CodeInternal, msgInternal.In(lang)
	}
	walk(err, func(e error) {
		if fe, ok := e.(*i18n.Error); ok && fe.Field != "" {
			p.Fields = append(p.Fields, FieldError{Field: fe.Field, Code: fe.Code, Message: fe.In(lang)})
		}
	})
	return p
}

// walk visits err and every error it wraps, depth first, following both
// Unwrap() error and Unwrap() []error (errors.Join, fmt.Errorf with several %w).
func walk(err error, visit func(error)) {
	for err != nil {
		visit(err)
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e, visit)
			}
			return
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		default:
			return
		}
	}
}
