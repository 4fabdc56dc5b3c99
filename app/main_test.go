package app

import (
	"os"
	"testing"

	"github.com/tasrih/tasrih/internal/anchor/anchortest"
)

// TestMain keeps the audit anchors of the vaults these tests open out of the
// user's config folder.
func TestMain(m *testing.M) { os.Exit(anchortest.Main(m)) }
