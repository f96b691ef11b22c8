package com_test

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// Export and ExportTo give what goja's do, except for a view of a
// detached ArrayBuffer, whose export panics in goja.
func TestExportDetachedView(t *testing.T) {
	rt := goja.New()
	ab := rt.NewArrayBuffer([]byte("hello"))
	view, err := rt.New(rt.Get("Uint8Array"), rt.ToValue(ab))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := com.Export(view).([]byte); !ok || string(got) != "hello" {
		t.Fatalf("live view exported as %#v", com.Export(view))
	}
	for _, tt := range []struct {
		v    goja.Value
		want any
	}{
		{rt.ToValue(5), int64(5)},
		{rt.ToValue("s"), "s"},
		{rt.ToValue(true), true},
		{goja.Null(), nil},
		{nil, nil},
	} {
		if got := com.Export(tt.v); got != tt.want {
			t.Errorf("Export(%v) = %#v, want %#v", tt.v, got, tt.want)
		}
	}
	ab.Detach()
	if got := com.Export(view); got != nil {
		t.Errorf("detached view exported as %#v, want nil", got)
	}
	var b []byte
	if err := com.ExportTo(rt, view, &b); err == nil || err.Error() != "the value's ArrayBuffer is detached" {
		t.Errorf("ExportTo of a detached view: %v", err)
	}
}
