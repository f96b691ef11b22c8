package runtime_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing/fstest"

	"github.com/winhttpjs/winhttpjs/runtime"
)

// Inventory is a host object: scripts see its fields and methods under
// the names Options.FieldNames gives them.
type Inventory struct {
	Owner string `js:"owner"`
	stock map[string]int
}

// Count returns the stock of item; an unknown item is a JavaScript error.
func (inv *Inventory) Count(item string) (int, error) {
	n, ok := inv.stock[item]
	if !ok {
		return 0, fmt.Errorf("unknown item %q", item)
	}
	return n, nil
}

// A Go program embeds the runtime, hands a user script a host object and
// runs it. The script's file access is denied (the zero Permissions).
func Example() {
	rt, err := runtime.New(runtime.Options{Stdout: os.Stdout, FieldNames: runtime.TagFieldNames("js", true)})
	if err != nil {
		panic(err)
	}
	defer rt.Close()
	_ = rt.Set("inventory", &Inventory{Owner: "shop", stock: map[string]int{"apples": 3}})
	code, err := rt.RunScript(context.Background(), "user.js", []byte(`
WScript.Echo(inventory.owner, "has", inventory.count("apples"), "apples");
try { inventory.count("pears") } catch (e) { WScript.Echo("error:", e.message) }`))
	fmt.Println(code, err)
	// Output:
	// shop has 3 apples
	// error: unknown item "pears"
	// 0 <nil>
}

// Call calls a function the script defined; a promise it returns is
// awaited (here a timer settles it).
func ExampleRuntime_Call() {
	rt, err := runtime.New(runtime.Options{})
	if err != nil {
		panic(err)
	}
	defer rt.Close()
	_, _ = rt.RunScript(context.Background(), "hooks.js", []byte(`
function onRequest(path, n) { return path.toUpperCase() + " x" + n }
function later(v) { return new Promise(function (resolve) { setTimeout(resolve, 10, v + 1) }) }`))
	v, err := rt.Call(context.Background(), "onRequest", "/api", 2)
	fmt.Println(v, err)
	v, err = rt.Call(context.Background(), "later", 41)
	fmt.Println(v, err)
	// Output:
	// /API x2 <nil>
	// 42 <nil>
}

// Cancelling the context interrupts the script at once and aborts its
// request: Call returns context.Canceled while the server still stalls.
func ExampleRuntime_Call_cancel() {
	arrived, release := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)

	rt, err := runtime.New(runtime.Options{})
	if err != nil {
		panic(err)
	}
	defer rt.Close()
	_, _ = rt.RunScript(context.Background(), "check.js", []byte(`function check(url) {
  var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
  r.Open("GET", url, false);
  r.Send();
  return r.Status;
}`))
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-arrived; cancel() }()
	_, err = rt.Call(ctx, "check", srv.URL)
	fmt.Println(errors.Is(err, context.Canceled))
	// Output:
	// true
}

// Options limit what scripts get: no require or process, only the
// WinHttpRequest class, scripts from an fs.FS.
func ExampleOptions() {
	scripts := fstest.MapFS{
		"main.js": {Data: []byte(`WScript.Echo(typeof require, typeof process);
try { new ActiveXObject("WScript.Shell") } catch (e) { WScript.Echo(e.message) }`)},
	}
	rt, err := runtime.New(runtime.Options{
		Stdout:           os.Stdout,
		FS:               scripts,
		Without:          runtime.WithoutRequire | runtime.WithoutProcess,
		ProgIDs:          []string{"WinHttp.WinHttpRequest.5.1"},
		MaxCallStackSize: 500,
	})
	if err != nil {
		panic(err)
	}
	defer rt.Close()
	code, err := rt.RunFile(context.Background(), "main.js")
	fmt.Println(code, err)
	// Output:
	// undefined undefined
	// Automation server can't create object
	// 0 <nil>
}

// A Pool runs one compiled program on reused runtimes.
func ExamplePool() {
	var out strings.Builder // one goroutine here; share only concurrency-safe writers
	pool := runtime.NewPool(runtime.PoolOptions{
		Options: runtime.Options{Stdout: &out},
		Setup:   func(rt *runtime.Runtime) error { return rt.Set("hostName", "gateway-1") },
	})
	defer pool.Close()
	prog, err := runtime.Compile("hook.js", []byte(`WScript.Echo("hello from", hostName)`))
	if err != nil {
		panic(err)
	}
	for range 3 {
		if _, err := pool.Run(context.Background(), prog); err != nil {
			panic(err)
		}
	}
	fmt.Print(out.String())
	// Output:
	// hello from gateway-1
	// hello from gateway-1
	// hello from gateway-1
}
