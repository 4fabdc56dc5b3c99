package app

import (
	"runtime"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

func TestCheckDisplay(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr bool
	}{
		{"X11", map[string]string{"DISPLAY": ":0"}, false},
		{"Wayland", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, false},
		{"both", map[string]string{"DISPLAY": ":1", "WAYLAND_DISPLAY": "wayland-0"}, false},
		{"none", map[string]string{}, runtime.GOOS != "windows" && runtime.GOOS != "darwin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckDisplay(func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil && i18n.Code(err) != CodeNoDisplay {
				t.Errorf("code = %q", i18n.Code(err))
			}
		})
	}
}
