// Package bad is a fixture for archtest: it breaks the rule on purpose. It is
// under testdata, so the go command never builds it.
package bad

import (
	"fmt"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"
)

var _ = fmt.Sprint
var _ = wruntime.EventsEmit
