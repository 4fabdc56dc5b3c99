//go:build !linux || !cgo || !webkit2_41 || headless

package app

// resetNativeView: without webkit2gtk-4.1 (Windows' WebView2, macOS'
// WKWebView, a Linux build against webkit2gtk-4.0, tests) the web view is
// not reached natively; the page is reloaded instead (wailsShell.ResetView).
func resetNativeView(string) error { return errNoNativeView }

// nativeViewExpected: without the native route the reload is the expected
// path, not a failure to report.
const nativeViewExpected = false
