package app

import (
	"errors"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
)

func TestOptions(t *testing.T) {
	assets := fstest.MapFS{"index.html": {Data: []byte("<!doctype html>")}}
	o, err := Options(Config{Assets: assets, Icon: []byte{1, 2, 3}, Version: "1.2.3", DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if o.Title != "Tasrih" {
		t.Errorf("Title = %q", o.Title)
	}
	if o.MinWidth <= 0 || o.MinHeight <= 0 || o.Width < o.MinWidth || o.Height < o.MinHeight {
		t.Errorf("geometry %dx%d, min %dx%d", o.Width, o.Height, o.MinWidth, o.MinHeight)
	}
	if o.ErrorFormatter == nil {
		t.Fatal("no ErrorFormatter")
	}
	if p := decodePayload(t, o.ErrorFormatter(i18n.New("x.y", i18n.Text{FR: "z"}))); p.Code != "x.y" || p.Message != "z" {
		t.Errorf("ErrorFormatter is not FormatError: %#v", p)
	}
	if o.AssetServer == nil || o.AssetServer.Assets == nil {
		t.Error("no assets")
	}
	if o.EnableDefaultContextMenu {
		t.Error("default context menu enabled in production")
	}
	if o.DragAndDrop == nil || !o.DragAndDrop.DisableWebViewDrop {
		t.Error("a dropped file could make the web view navigate away")
	}
	if o.Linux == nil || o.Linux.ProgramName != "tasrih" || string(o.Linux.Icon) != "\x01\x02\x03" || o.Linux.WebviewGpuPolicy != linux.WebviewGpuPolicyNever {
		t.Errorf("Linux options = %+v", o.Linux)
	}
	var sys *System
	for _, b := range o.Bind {
		if s, ok := b.(*System); ok {
			sys = s
		}
	}
	if sys == nil {
		t.Fatal("System is not bound")
	}
	if v := sys.Version().Version; v != "1.2.3" {
		t.Errorf("bound System version = %q", v)
	}
	if len(o.EnumBind) == 0 {
		t.Error("i18n.Lang enum not bound")
	}
}

func TestOptionsWithoutAssets(t *testing.T) {
	if _, err := Options(Config{}); !errors.Is(err, ErrNoAssets) {
		t.Errorf("err = %v, want ErrNoAssets", err)
	}
}

// typeName is the name of the type of a bound service.
func typeName(v any) string {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}
