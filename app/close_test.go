package app

import (
	"testing"
	"time"
)

// Closing the window asks the frontend to save (app:closing) and waits for
// its ReadyToClose, never longer than closeWait, and never blocks the close.
func TestBeforeCloseWaitsForTheFrontend(t *testing.T) {
	svc, sh, _ := testServices(t)
	if svc.beforeClose(t.Context()) {
		t.Fatal("close prevented")
	}
	if len(sh.events) != 0 {
		t.Fatal("app:closing sent before any screen was shown")
	}
	svc.System.ScreenShown("month")
	go func() {
		for {
			sh.mu.Lock()
			n := len(sh.events)
			sh.mu.Unlock()
			if n > 0 {
				svc.System.ReadyToClose()
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	start := time.Now()
	if svc.beforeClose(t.Context()) {
		t.Fatal("close prevented")
	}
	if d := time.Since(start); d >= closeWait {
		t.Errorf("waited %v although the frontend answered", d)
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if len(sh.events) != 1 || sh.events[0].name != "app:closing" {
		t.Errorf("events %+v", sh.events)
	}
	svc.System.ReadyToClose() // a late or extra answer is harmless
}
