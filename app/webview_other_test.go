//go:build !linux || !cgo || !webkit2_41 || headless

package app

import "testing"

// Outside a Linux build against webkit2gtk-4.1 (this test binary), the web
// view is not reached natively: the caller reloads the page instead.
func TestResetNativeViewWithoutWebKit(t *testing.T) {
	if err := resetNativeView("user"); err != errNoNativeView || nativeViewExpected {
		t.Errorf("resetNativeView = %v (expected natively: %v), want errNoNativeView", err, nativeViewExpected)
	}
}
