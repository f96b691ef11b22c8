package bindings_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/engine"
)

func TestInstall(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "hello") }))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pool := engine.NewPool()
	defer pool.CloseIdleConnections()

	reg := com.NewRegistry()
	reg.Register("Host.Thing", func(rt *goja.Runtime) (*goja.Object, error) {
		return com.NewObject(rt, []com.Member{{Name: "Name", Get: func() goja.Value { return rt.ToValue("thing") }}}, com.ObjectOptions{}), nil
	})
	rt := goja.New()
	if got := bindings.Install(rt, bindings.Options{Context: ctx, Pool: pool, Registry: reg}); got != reg {
		t.Fatalf("Install returned another registry")
	}
	tests := []struct{ src, want string }{
		{`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `"); r.Send(); r.ResponseText`, "hello"},
		{`var q = new ActiveXObject("WinHttp.WinHttpRequest.5"); q.Open("GET", "` + srv.URL + `"); q.Send(); q.Status`, "200"},
		{`new ActiveXObject("host.thing").name`, "thing"},
		{`typeof __winhttpjs_propput__`, "object"},
	}
	for _, tt := range tests {
		v, err := rt.RunString(tt.src)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		if v.String() != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, v, tt.want)
		}
	}
	if obj := reg.Create(rt, "winhttp.winhttprequest.5.1"); !com.IsObject(obj) {
		t.Errorf("Create did not make a COM-like object")
	}

	// Without a registry Install makes one.
	rt2 := goja.New()
	if reg2 := bindings.Install(rt2, bindings.Options{}); reg2 == nil || reg2 == reg {
		t.Errorf("Install without a registry returned %v", reg2)
	}
	if _, err := rt2.RunString(`new ActiveXObject("Host.Thing")`); err == nil {
		t.Errorf("a second runtime saw the first runtime's classes")
	}
}
