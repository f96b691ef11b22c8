package runtime

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"go.uber.org/goleak"
	"net/http"
	"net/http/httptest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestTimeout(t *testing.T) {
	tests := []struct {
		name    string
		timeout time.Duration
		src     string
		stderr  string
	}{
		{"option, busy loop", 100 * time.Millisecond, `WScript.Echo("a"); while (true) {}`,
			"t.js: script execution time was exceeded (time limit 100ms); script terminated\n"},
		{"option, sleeping", 100 * time.Millisecond, `WScript.Echo("a"); WScript.Sleep(60000)`,
			"t.js: script execution time was exceeded (time limit 100ms); script terminated\n"},
		{"option, pending timer", 100 * time.Millisecond, `WScript.Echo("a"); setTimeout(function () {}, 60000)`,
			"t.js: script execution time was exceeded (time limit 100ms); script terminated\n"},
		{"WScript.Timeout", 0, `WScript.Echo("a"); WScript.Timeout = 1; while (true) {}`,
			"t.js: script execution time was exceeded (time limit 1s); script terminated\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := noCOM()
			o.Timeout = tt.timeout
			r := runJS(t, o, tt.src)
			r.check(t, 1, "a\n", tt.stderr)
			if !errors.Is(r.err, ErrTimeout) {
				t.Errorf("err = %v, want ErrTimeout", r.err)
			}
		})
	}
}

func TestCancel(t *testing.T) {
	for _, src := range []string{
		`while (true) {}`,
		`WScript.Sleep(60000)`,
		`setInterval(function () {}, 10)`,
		`try { while (true) {} } finally { WScript.Echo("finally must not run") }`,
	} {
		t.Run(src, func(t *testing.T) {
			var out, errb bytes.Buffer
			o := noCOM()
			o.Stdout, o.Stderr = &out, &errb
			rt, err := New(o)
			if err != nil {
				t.Fatal(err)
			}
			defer rt.Close()
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			code, err := rt.RunScript(ctx, "t.js", []byte(src))
			if code != 1 || !errors.Is(err, context.Canceled) {
				t.Errorf("code %d err %v, want 1 and context.Canceled", code, err)
			}
			if out.Len() != 0 || errb.Len() != 0 {
				t.Errorf("stdout %q stderr %q, want nothing", out.String(), errb.String())
			}
			// The runtime can run again after a cancelled run.
			out.Reset()
			if code, err := rt.RunScript(context.Background(), "u.js", []byte(`WScript.Echo("again")`)); code != 0 || err != nil || out.String() != "again\n" {
				t.Errorf("second run: %d %v %q", code, err, out.String())
			}
		})
	}
}

func TestCloseStopsARun(t *testing.T) {
	rt, err := New(noCOM())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := rt.RunScript(context.Background(), "t.js", []byte(`while (true) {}`))
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	if _, err := rt.RunScript(context.Background(), "u.js", []byte(`1`)); !errors.Is(err, ErrBusy) {
		t.Errorf("concurrent run: %v, want ErrBusy", err)
	}
	rt.Close()
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Errorf("err = %v, want ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not stop the script")
	}
	if _, err := rt.RunScript(context.Background(), "v.js", []byte(`1`)); !errors.Is(err, ErrClosed) {
		t.Errorf("run after Close: %v", err)
	}
}

func TestRuntimeReuse(t *testing.T) {
	var out bytes.Buffer
	o := noCOM()
	o.Stdout = &out
	rt, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	for i, src := range []string{`var count = 1; WScript.Quit(3)`, `count++; WScript.Echo(count, WScript.ScriptName)`} {
		code, err := rt.RunScript(context.Background(), []string{"a.js", "b.js"}[i], []byte(src))
		if code != []int{3, 0}[i] || err != nil {
			t.Errorf("run %d: %d %v", i, code, err)
		}
	}
	if out.String() != "2 b.js\n" {
		t.Errorf("stdout %q", out.String())
	}
}

// defineEventSource registers "Test.Events", whose Fire(name, args…) fires
// an event to the sink attached by WScript.CreateObject/ConnectObject.
func defineEventSource(rt *Runtime) {
	rt.registry.Register("Test.Events", func(vm *goja.Runtime) (*goja.Object, error) {
		var sink com.EventSink
		return com.NewObject(vm, []com.Member{{
			Name: "Fire",
			Method: func(call goja.FunctionCall) goja.Value {
				if sink != nil {
					sink.Fire(call.Argument(0).String(), call.Arguments[1:])
				}
				return vm.ToValue("fired")
			},
		}}, com.ObjectOptions{Source: "Test.Events", Events: func(s com.EventSink) { sink = s }}), nil
	})
}

func TestEvents(t *testing.T) {
	tests := []struct {
		name, src, stdout, stderr string
		code                      int
	}{
		{"CreateObject with a prefix",
			`var o = WScript.CreateObject("Test.Events", "ev_");
function ev_OnThing(a, b) { WScript.Echo("thing", a, b) }
WScript.Echo(o.Fire("OnThing", 1, "x")); o.Fire("OnMissing");`,
			"thing 1 x\nfired\n", "", 0},
		{"handler defined after connecting",
			`var o = WScript.CreateObject("Test.Events", "late_"); o.Fire("OnA"); late_OnA = function () { WScript.Echo("late") }; o.Fire("OnA");`,
			"late\n", "", 0},
		{"ConnectObject and DisconnectObject",
			`var o = WScript.CreateObject("Test.Events"); function c_OnA() { WScript.Echo("a") }
o.Fire("OnA"); WScript.ConnectObject(o, "c_"); o.Fire("OnA"); WScript.DisconnectObject(o); o.Fire("OnA");`,
			"a\n", "", 0},
		{"ConnectObject on a non-COM object",
			`try { WScript.ConnectObject({}, "x_") } catch (e) { WScript.Echo(e.number >>> 0, e.description) }`,
			"2147746304 Object is not a source of events\n", "", 0},
		{"handler error ends the script",
			"var o = WScript.CreateObject(\"Test.Events\", \"h_\");\nfunction h_OnBad() {\n  throw new Error(\"in handler\");\n}\ntry { o.Fire(\"OnBad\"); WScript.Echo(\"not reached\") } catch (e) { WScript.Echo(\"not caught\") }",
			"", "t.js:3:9\n  throw new Error(\"in handler\");\n        ^\nError: in handler\n    at h_OnBad (t.js:3:9)\n    at t.js:5:13\n", 1},
		{"Quit in a handler",
			`var o = WScript.CreateObject("Test.Events", "q_"); function q_OnQ() { WScript.Quit(7) } o.Fire("OnQ"); WScript.Echo("not reached")`,
			"", "", 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			o := noCOM()
			o.Stdout, o.Stderr = &out, &errb
			rt, err := New(o)
			if err != nil {
				t.Fatal(err)
			}
			defer rt.Close()
			defineEventSource(rt)
			code, _ := rt.RunScript(context.Background(), "t.js", []byte(tt.src))
			result{code: code, stdout: out.String(), stderr: errb.String()}.check(t, tt.code, tt.stdout, tt.stderr)
		})
	}
}

func TestEnv(t *testing.T) {
	o := noCOM()
	o.Env = []string{"A=1", "B=x=y", "A=2", "bad"}
	runJS(t, o, `WScript.Echo(process.env.A, process.env.B, Object.keys(process.env).sort().join())`).check(t, 0, "2 x=y A,B\n", "")
}

// Scripts get the real WinHttpRequest through the bindings.
func TestBindingsInstalled(t *testing.T) {
	r := runJS(t, Options{}, `var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Option(6) = false;
var c = WScript.CreateObject("WINHTTP.WinHttpRequest.5.1");
WScript.Echo(r.Option(6), typeof c.Open)`)
	r.check(t, 0, "0 function\n", "")
	if strings.Contains(r.stderr, "panic") {
		t.Fatal(r.stderr)
	}
}

// slowServer answers after a long delay, unless the client goes away.
func slowServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// A request in flight is aborted when the run stops, and the stop (not the
// request's "operation cancelled" error) is the outcome.
func TestStopDuringRequest(t *testing.T) {
	srv := slowServer(t)
	src := `var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Open("GET", "` + srv.URL + `", false);
WScript.Echo("sending");
r.Send();
WScript.Echo("not reached");`
	t.Run("timeout", func(t *testing.T) {
		r := runJS(t, Options{Timeout: 200 * time.Millisecond}, src)
		r.check(t, 1, "sending\n", "t.js: script execution time was exceeded (time limit 200ms); script terminated\n")
	})
	t.Run("cancel", func(t *testing.T) {
		var out, errb bytes.Buffer
		rt, err := New(Options{Stdout: &out, Stderr: &errb})
		if err != nil {
			t.Fatal(err)
		}
		defer rt.Close()
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(200*time.Millisecond, cancel)
		code, err := rt.RunScript(ctx, "t.js", []byte(src))
		if code != 1 || !errors.Is(err, context.Canceled) {
			t.Errorf("code %d err %v", code, err)
		}
		result{code: code, stdout: out.String(), stderr: errb.String()}.check(t, 1, "sending\n", "")
	})
	t.Run("quit from an event handler", func(t *testing.T) {
		fast := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			_, _ = w.Write([]byte("hi"))
		}))
		defer fast.Close()
		r := runJS(t, Options{}, `var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
function r_OnResponseStart(status, type) { WScript.Echo("start", status, type); WScript.Quit(5) }
r.Open("GET", "`+fast.URL+`", false);
r.Send();
WScript.Echo("not reached");`)
		r.check(t, 5, "start 200 text/plain\n", "")
	})
}

// The common async pattern: Open(…, true), Send, then WScript.Sleep until
// the event handler says the response is complete.
func TestSleepDeliversEvents(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(50 * time.Millisecond)
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("body"))
	}))
	defer srv.Close()
	r := runJS(t, Options{}, `var done = false;
var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
function r_OnResponseStart(status, type) { WScript.Echo("start", status, type) }
function r_OnResponseFinished() { WScript.Echo("finished"); done = true }
r.Open("GET", "`+srv.URL+`", true);
r.Send();
WScript.Echo("sent");
var naps = 0;
while (!done && naps < 200) { WScript.Sleep(50); naps++ }
WScript.Echo(done, r.ResponseText);`)
	r.check(t, 0, "sent\nstart 200 text/plain\nfinished\n-1 body\n", "")
}

// A WinHTTP error reaches the report with its HRESULT and source.
func TestWinHTTPErrorReport(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there any more: connection refused
	r := runJS(t, Options{}, "var r = new ActiveXObject(\"WinHttp.WinHttpRequest.5.1\");\nr.Open(\"GET\", \""+url+"/\", false);\nr.Send();\n")
	const head = "t.js:3:7\nr.Send();\n      ^\nError: A connection with the server could not be established (HRESULT 0x80072EFD, WinHttp.WinHttpRequest)"
	if r.code != 1 || !strings.HasPrefix(r.stderr, head) || !strings.HasSuffix(r.stderr, "\n    at t.js:3:7\n") || strings.Count(r.stderr, "\n") != 5 {
		t.Errorf("code %d, stderr:\n%s", r.code, r.stderr)
	}
	var se *ScriptError
	if !errors.As(r.err, &se) || se.HResult != 0x80072EFD || se.Source != "WinHttp.WinHttpRequest" {
		t.Errorf("err = %#v", r.err)
	}
}
