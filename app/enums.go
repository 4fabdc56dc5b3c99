package app

import (
	"strings"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/importer"
	"github.com/tasrih/tasrih/internal/lifecycle"
	"github.com/tasrih/tasrih/internal/monthly"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/store"
)

// enums are bound with EnumBind: every status, kind and severity the page
// receives is a TypeScript enum in wailsjs/go/models.ts, and the fields of
// these types are typed with it (a value Go does not have is a tsc error).
// The values come from each package's own list.
func enums() []any {
	return []any{
		Langs, Urgencies,
		enum(EventNames...),
		enum(outbox.EventKinds...),
		enum(desktop.PasswordPresences...),
		enum(desktop.FirmStages...),
		enum(desktop.ProfileKinds...),
		enum(client.Reaches...),
		enum(store.PeriodStates...),
		enum(lifecycle.Statuses...),
		enum(lifecycle.SubStates...),
		enum(store.DeclKinds...),
		enum(store.AttemptChannels...),
		enum(store.AttemptOutcomes...),
		enum(store.DepositStatuses...),
		enum(monthly.Categories...),
		enum(monthly.Sources...),
		enum(monthly.BatchStates...),
		enum(declaration.Severities...),
		enum(importer.Actions...),
		enum(importer.Kinds...),
	}
}

// enumValue is one member of a bound enum: Wails reads Value and TSName.
type enumValue[T ~string] struct {
	Value  T
	TSName string
}

// enum makes the EnumBind list of values: each member is named after its
// value in CamelCase ("not_started" → NotStarted).
func enum[T ~string](values ...T) []enumValue[T] {
	out := make([]enumValue[T], len(values))
	for i, v := range values {
		out[i] = enumValue[T]{Value: v, TSName: tsName(string(v))}
	}
	return out
}

// tsName is the CamelCase member name of an enum value.
func tsName(v string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == '_' || r == '-' || r == ' ' || r == ':' }) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}
