package runtime_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/runtime"
	"go.uber.org/goleak"
)

// store is a host object: its fields and methods are seen by scripts under
// the names the host's mapper gives them.
type store struct {
	Name  string `js:"name"`
	Count int    `js:"-"`
	data  map[string]string
}

// Lookup returns the value of key, or an error scripts can catch.
func (s *store) Lookup(key string) (string, error) {
	v, ok := s.data[key]
	if !ok {
		return "", fmt.Errorf("no key %q", key)
	}
	return v, nil
}

// newRuntime returns a runtime writing to out, closed with the test.
func newRuntime(t *testing.T, opts runtime.Options, out *bytes.Buffer) *runtime.Runtime {
	t.Helper()
	opts.Stdout, opts.Stderr = out, out
	if opts.Env == nil {
		opts.Env = []string{}
	}
	rt, err := runtime.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rt.Close() })
	return rt
}

func run(t *testing.T, rt *runtime.Runtime, src string) {
	t.Helper()
	if code, err := rt.RunScript(context.Background(), "t.js", []byte(src)); code != 0 || err != nil {
		t.Fatalf("run: code %d, err %v", code, err)
	}
}

// Host values set with Set reach scripts; Go errors and panics of host
// functions become JavaScript errors scripts can catch.
func TestEmbedHostValues(t *testing.T) {
	var out bytes.Buffer
	rt := newRuntime(t, runtime.Options{FieldNames: runtime.TagFieldNames("js", true)}, &out)
	st := &store{Name: "main", Count: 7, data: map[string]string{"a": "alpha"}}
	sets := []struct {
		name  string
		value any
	}{
		{"store", st},
		{"add", func(a, b int) int { return a + b }},
		{"fail", func() error { return errors.New("disk on fire") }},
		{"boom", func(s string) string { panic("host bug: " + s) }},
		{"join", func(sep string, parts ...string) string { return strings.Join(parts, sep) }},
		{"limit", 3},
		{"tags", []string{"x", "y"}},
	}
	for _, s := range sets {
		if err := rt.Set(s.name, s.value); err != nil {
			t.Fatalf("Set(%s): %v", s.name, err)
		}
	}
	run(t, rt, `
function attempt(f) { try { return "ok " + f() } catch (e) { return (e instanceof Error) + " " + e.message } }
WScript.Echo(store.name, typeof store.Count, store.lookup("a"));
WScript.Echo(attempt(function () { return store.lookup("zz") }));
WScript.Echo(add(2, 3), limit, tags.join("+"), join("-", "a", "b", "c"));
WScript.Echo(attempt(fail));
WScript.Echo(attempt(function () { return boom("x") }));
var answer = {n: 42, s: "str", list: [1, "two", true], nothing: null};
`)
	want := "main undefined alpha\n" +
		"true no key \"zz\"\n" +
		"5 3 x+y a-b-c\n" +
		"true disk on fire\n" +
		"true panic in host function: host bug: x\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	gets := []struct {
		name string
		want string
	}{
		{"answer", "map[list:[1 two true] n:42 nothing:<nil> s:str]"},
		{"limit", "3"},
		{"missing", "<nil>"},
		{"store", fmt.Sprintf("%p", st)},
	}
	for _, g := range gets {
		v, err := rt.Get(g.name)
		if err != nil {
			t.Fatalf("Get(%s): %v", g.name, err)
		}
		got := fmt.Sprint(v)
		if p, ok := v.(*store); ok {
			got = fmt.Sprintf("%p", p)
		}
		if got != g.want {
			t.Errorf("Get(%s) = %s, want %s", g.name, got, g.want)
		}
	}
}

// Call calls script functions: plain results, promises (settled by the
// event loop), exceptions, quitting, and names that are not functions.
func TestEmbedCall(t *testing.T) {
	var out bytes.Buffer
	rt := newRuntime(t, runtime.Options{}, &out)
	run(t, rt, `
function greet(name, n) { return "hello " + name + " x" + n }
function later(v) { return new Promise(function (res) { setTimeout(function () { res(v * 2) }, 1) }) }
function refuse() { return Promise.reject(new TypeError("refused")) }
function never() { return new Promise(function () {}) }
function thrower() { null.x }
function quitter() { WScript.Quit(4) }
var notFn = 1;`)
	tests := []struct {
		name string
		args []any
		want any
		err  string
	}{
		{"greet", []any{"go", 3}, "hello go x3", ""},
		{"later", []any{21}, int64(42), ""},
		{"refuse", nil, nil, "t.js: Uncaught (in promise) TypeError: refused"},
		{"never", nil, nil, "the promise never settled"},
		{"thrower", nil, nil, "t.js:6:27: TypeError: Cannot read property 'x' of undefined"},
		{"quitter", nil, nil, "script quit with exit code 4"},
		{"notFn", nil, nil, "not a function: notFn"},
	}
	for _, tt := range tests {
		got, err := rt.Call(context.Background(), tt.name, tt.args...)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tt.want || msg != tt.err {
			t.Errorf("Call(%s) = %#v, %q; want %#v, %q", tt.name, got, msg, tt.want, tt.err)
		}
	}
	if out.Len() != 0 {
		t.Errorf("Call wrote %q; errors are the host's to report", out.String())
	}
	var exit *runtime.ExitError
	if _, err := rt.Call(context.Background(), "quitter"); !errors.As(err, &exit) || exit.Code != 4 {
		t.Errorf("quitter: %v, want *ExitError with code 4", err)
	}
	var se *runtime.ScriptError
	if _, err := rt.Call(context.Background(), "thrower"); !errors.As(err, &se) || se.Name != "TypeError" || se.Line != 6 {
		t.Errorf("thrower: %#v, want a *ScriptError (TypeError, line 6)", err)
	}
	if _, err := rt.Call(context.Background(), "notFn"); !errors.Is(err, runtime.ErrNotFunction) {
		t.Errorf("notFn: %v, want ErrNotFunction", err)
	}
}

// While a script runs, Set, Get and Call return ErrBusy, from another
// goroutine and from a host function the script is in.
func TestEmbedBusy(t *testing.T) {
	var out bytes.Buffer
	rt := newRuntime(t, runtime.Options{}, &out)
	entered, release := make(chan struct{}), make(chan struct{})
	var inside []error
	if err := rt.Set("wait", func() {
		_, err := rt.Get("x")
		inside = append(inside, err, rt.Set("x", 1))
		close(entered)
		<-release
	}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := rt.RunScript(context.Background(), "t.js", []byte(`wait()`))
		done <- err
	}()
	<-entered
	_, callErr := rt.Call(context.Background(), "wait")
	_, getErr := rt.Get("wait")
	outside := []error{rt.Set("x", 1), getErr, callErr}
	_, runErr := rt.RunScript(context.Background(), "u.js", []byte(`1`))
	outside = append(outside, runErr)
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	for i, err := range append(inside, outside...) {
		if !errors.Is(err, runtime.ErrBusy) {
			t.Errorf("call %d: %v, want ErrBusy", i, err)
		}
	}
	if err := rt.Set("x", 2); err != nil {
		t.Errorf("Set after the run: %v", err)
	}
}

// blockingServer answers nothing until the test ends; each request's
// abort (the client going away) is reported on the returned channel.
func blockingServer(t *testing.T) (*httptest.Server, chan struct{}, chan struct{}) {
	t.Helper()
	arrived, aborted := make(chan struct{}, 16), make(chan struct{}, 16)
	end := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		select {
		case <-r.Context().Done():
			aborted <- struct{}{}
		case <-end:
		}
	}))
	t.Cleanup(func() { close(end); srv.Close() })
	return srv, arrived, aborted
}

// Cancelling the context of Call or RunScript during a slow request
// interrupts the script and aborts the request: the call returns
// context.Canceled while the server's handler is still blocked.
func TestEmbedCancelSlowRequest(t *testing.T) {
	srv, arrived, aborted := blockingServer(t)
	src := `function fetch(url) {
  var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
  r.Open("GET", url, false);
  r.Send();
  return r.Status;
}`
	tests := []struct {
		name string
		do   func(ctx context.Context, rt *runtime.Runtime) error
	}{
		{"Call", func(ctx context.Context, rt *runtime.Runtime) error {
			run(t, rt, src)
			_, err := rt.Call(ctx, "fetch", srv.URL+"/slow")
			return err
		}},
		{"RunScript", func(ctx context.Context, rt *runtime.Runtime) error {
			_, err := rt.RunScript(ctx, "t.js", []byte(src+"\nfetch("+"\""+srv.URL+"/slow\")"))
			return err
		}},
		{"RunScript MSXML2.XMLHTTP", func(ctx context.Context, rt *runtime.Runtime) error {
			// A synchronous send runs on the script's goroutine: the
			// run's context still ends it.
			_, err := rt.RunScript(ctx, "t.js", []byte(`var x = new ActiveXObject("MSXML2.XMLHTTP");
x.open("GET", "`+srv.URL+`/slow", false); x.send();`))
			return err
		}},
		{"RunScript async", func(ctx context.Context, rt *runtime.Runtime) error {
			_, err := rt.RunScript(ctx, "t.js", []byte(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Open("GET", "`+srv.URL+`/slow", true); r.Send(); r.WaitForResponse();`))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			rt := newRuntime(t, runtime.Options{QuietErrors: true}, &out)
			ctx, cancel := context.WithCancel(context.Background())
			go func() { <-arrived; cancel() }()
			if err := tt.do(ctx, rt); !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			<-aborted // the request was aborted, not left hanging
			if out.Len() != 0 {
				t.Errorf("output %q", out.String())
			}
		})
	}
}

// Two runtimes run at once on two goroutines, each with its own host
// object and requests to a loopback server (run with -race).
func TestEmbedTwoRuntimesConcurrently(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "echo %s", r.URL.Query().Get("id"))
	}))
	defer srv.Close()
	const n = 2
	outs := make([]bytes.Buffer, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rt, err := runtime.New(runtime.Options{Stdout: &outs[i]})
			if err != nil {
				errs[i] = err
				return
			}
			defer rt.Close()
			if err := rt.Set("id", func() int { return i }); err != nil {
				errs[i] = err
				return
			}
			_, errs[i] = rt.RunScript(context.Background(), "t.js", []byte(`
for (var k = 0; k < 20; k++) {
  var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
  r.Open("GET", "`+srv.URL+`/?id=" + id() + "-" + k, false);
  r.Send();
  if (k === 19) WScript.Echo(r.ResponseText);
}`))
		}()
	}
	wg.Wait()
	for i := range n {
		if want := fmt.Sprintf("echo %d-19\n", i); errs[i] != nil || outs[i].String() != want {
			t.Errorf("runtime %d: %v, output %q, want %q", i, errs[i], outs[i].String(), want)
		}
	}
}

// Nothing a runtime started outlives Close: requests, timers, the loop.
func TestEmbedNoLeaks(t *testing.T) {
	// Registered first, the check runs last: after the servers' cleanups.
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
	srv, arrived, aborted := blockingServer(t)
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	t.Cleanup(ok.Close)
	var out bytes.Buffer
	rt, err := runtime.New(runtime.Options{Stdout: &out})
	if err != nil {
		t.Fatal(err)
	}
	if err := rt.Set("log", func(s string) { out.WriteString("log " + s + "\n") }); err != nil {
		t.Fatal(err)
	}
	run(t, rt, `setInterval(function () {}, 1000000); var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Open("GET", "`+ok.URL+`", false); r.Send(); log(r.ResponseText); WScript.Quit(0);`)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { <-arrived; cancel() }()
	_, err = rt.RunScript(ctx, "t.js", []byte(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Open("GET", "`+srv.URL+`", true); r.Send(); WScript.Sleep(100000000);`))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	<-aborted
	run(t, rt, `function fetch(url) { var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", url, false); r.Send() }`)
	ctx, cancel = context.WithCancel(context.Background())
	go func() { <-arrived; cancel() }()
	if _, err := rt.Call(ctx, "fetch", srv.URL); !errors.Is(err, context.Canceled) {
		t.Fatalf("Call: %v, want context.Canceled", err)
	}
	<-aborted
	rt.Close()
	if out.String() != "log ok\n" {
		t.Errorf("output %q", out.String())
	}
}

// Options.Without leaves globals (and their modules) out.
func TestEmbedWithout(t *testing.T) {
	probe := `var names = ["WScript", "ActiveXObject", "console", "require", "process", "setTimeout", "clearImmediate"], seen = [];
for (var i = 0; i < names.length; i++) seen.push(names[i] + "=" + (typeof this[names[i]]).charAt(0));
var mods = [];
if (typeof require === "function") ["console", "node:process", "util"].forEach(function (m) {
  try { require(m); mods.push(m + " ok") } catch (e) { mods.push(e.message) }
});
var result = seen.join(" ") + (mods.length ? " | " + mods.join(", ") : "");`
	tests := []struct {
		without runtime.Feature
		want    string
	}{
		{0, "WScript=o ActiveXObject=f console=o require=f process=o setTimeout=f clearImmediate=f | console ok, node:process ok, util ok"},
		{runtime.WithoutWScript | runtime.WithoutActiveXObject, "WScript=u ActiveXObject=u console=o require=f process=o setTimeout=f clearImmediate=f | console ok, node:process ok, util ok"},
		{runtime.WithoutConsole | runtime.WithoutProcess, `WScript=o ActiveXObject=f console=u require=f process=u setTimeout=f clearImmediate=f | module "console" is disabled by the host, module "process" is disabled by the host, util ok`},
		{runtime.WithoutRequire | runtime.WithoutTimers, "WScript=o ActiveXObject=f console=o require=u process=o setTimeout=u clearImmediate=u"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		rt := newRuntime(t, runtime.Options{Without: tt.without}, &out)
		run(t, rt, probe)
		got, err := rt.Get("result")
		if err != nil || got != tt.want {
			t.Errorf("Without %b: %v %v\nwant %v", tt.without, got, err, tt.want)
		}
	}
}

// Options.ProgIDs limits what ActiveXObject and WScript.CreateObject create.
func TestEmbedProgIDs(t *testing.T) {
	var out bytes.Buffer
	rt := newRuntime(t, runtime.Options{ProgIDs: []string{"winhttp.winhttprequest.5.1"}}, &out)
	run(t, rt, `function make(how, id) {
  try { how(id); return id + ": created" } catch (e) { return id + ": " + e.message }
}
var ax = function (id) { return new ActiveXObject(id) }, co = function (id) { return WScript.CreateObject(id) };
WScript.Echo(make(ax, "WinHttp.WinHttpRequest.5.1"));
WScript.Echo(make(co, "WinHttp.WinHttpRequest.5.1"));
WScript.Echo(make(ax, "Scripting.FileSystemObject"));
WScript.Echo(make(co, "WScript.Shell"));`)
	want := "WinHttp.WinHttpRequest.5.1: created\nWinHttp.WinHttpRequest.5.1: created\n" +
		"Scripting.FileSystemObject: Automation server can't create object\n" +
		"WScript.Shell: Automation server can't create object\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

// Scripts and their modules come from Options.FS, and nothing else; on
// disk, require() reads only the script's folder and what Permissions
// grant.
func TestEmbedScriptFS(t *testing.T) {
	fsys := fstest.MapFS{
		"hooks/main.js":     {Data: []byte(`var u = require("./lib/util.js"); WScript.Echo(u.shout("hi"), WScript.ScriptName);`)},
		"hooks/lib/util.js": {Data: []byte(`exports.shout = function (s) { return require("../../shared/case.js").upper(s) + "!" }`)},
		"shared/case.js":    {Data: []byte(`exports.upper = function (s) { return s.toUpperCase() }`)},
		"hooks/escape.js":   {Data: []byte(`try { require("../../../etc/passwd") } catch (e) { WScript.Echo(e.message) }`)},
		"hooks/absolute.js": {Data: []byte(`WScript.Echo(require("/shared/case.js").upper("abs"))`)},
	}
	tests := []struct {
		file, want string
		code       int
	}{
		{"hooks/main.js", "HI! main.js\n", 0},
		{"hooks/escape.js", "Invalid module\n", 0},
		{"hooks/absolute.js", "ABS\n", 0},
		{"hooks/none.js", "", 1},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		rt := newRuntime(t, runtime.Options{FS: fsys}, &out)
		code, err := rt.RunFile(context.Background(), tt.file)
		if code != tt.code || out.String() != tt.want {
			t.Errorf("%s: code %d (%v), output %q; want %d, %q", tt.file, code, err, out.String(), tt.code, tt.want)
		}
		if tt.code == 1 && (err == nil || err.Error() != "cannot read script hooks/none.js: file does not exist") {
			t.Errorf("%s: err %v", tt.file, err)
		}
	}

	dir, other := t.TempDir(), t.TempDir()
	mod := filepath.Join(other, "mod.js")
	if err := os.WriteFile(mod, []byte(`exports.v = "from disk"`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.js"), []byte(`
try { WScript.Echo(require(`+"`"+mod+"`"+`).v) } catch (e) { WScript.Echo(e.message) }
try { require("no-such-module") } catch (e) { WScript.Echo(e.message) }`), 0o600); err != nil {
		t.Fatal(err)
	}
	disk := []struct {
		name  string
		perms host.Permissions
		want  string
	}{
		{"denied", host.Permissions{}, "read access to " + mod + " is not allowed (grant a folder containing it with --allow-read=DIR)\nInvalid module\n"},
		{"granted", host.Permissions{Read: []string{other}}, "from disk\nInvalid module\n"},
	}
	for _, tt := range disk {
		var out bytes.Buffer
		rt := newRuntime(t, runtime.Options{Permissions: tt.perms}, &out)
		if code, err := rt.RunFile(context.Background(), filepath.Join(dir, "main.js")); code != 0 || out.String() != tt.want {
			t.Errorf("%s: code %d (%v), output %q, want %q", tt.name, code, err, out.String(), tt.want)
		}
	}
}

// LowerFirstNames maps Go names to JavaScript's usual lower camel case.
func TestEmbedLowerFirstNames(t *testing.T) {
	var out bytes.Buffer
	rt := newRuntime(t, runtime.Options{FieldNames: runtime.LowerFirstNames()}, &out)
	if err := rt.Set("store", &store{Name: "n", Count: 2, data: map[string]string{"k": "v"}}); err != nil {
		t.Fatal(err)
	}
	run(t, rt, `WScript.Echo(store.name, store.count, store.lookup("k"), typeof store.Name, typeof store.Lookup)`)
	if want := "n 2 v undefined undefined\n"; out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
}
