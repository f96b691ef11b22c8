package runtime

import (
	"context"
	"strings"
	"testing"
	"time"
)

// Events come in WinHTTP's order with IWinHttpRequestEvents' arguments,
// whatever the way the script waits: not at all (the loop keeps the script
// alive until the request ends), WaitForResponse, a WScript.Sleep loop, or
// a synchronous Send.
func TestAsyncEvents(t *testing.T) {
	srv := newTestServer(t)
	refused := refusedURL(t)
	outcomes := []struct {
		name, url, setup, events string
	}{
		{"success", srv.URL + "/text", ``,
			"start 200 text/plain\nfinished 5\n"},
		{"many chunks", srv.URL + "/big", ``,
			"start 200 application/octet-stream\nfinished 100000\n"},
		{"HTTP error status", srv.URL + "/missing", ``,
			"start 404 text/html\nfinished 12\n"},
		{"connection refused", refused + "/", ``,
			"error -2147012867 A connection with the server could not be established\n"},
		{"receive timeout", srv.URL + "/stall", `r.SetTimeouts(0, 0, 0, 100);`,
			"error -2147012894 The operation timed out\n"},
	}
	waits := []struct {
		name, async, wait, before, after string
	}{
		{"no wait", "true", ``, "sent\n", ""},
		{"WaitForResponse", "true", `try { WScript.Echo("waited", r.WaitForResponse()) } catch (e) { WScript.Echo("waited", e.number) }`, "sent\n", ""},
		{"Sleep loop", "true", `while (!finished) WScript.Sleep(5); WScript.Echo("slept");`, "sent\n", "slept\n"},
		{"synchronous", "false", ``, "", "sent\n"},
	}
	for _, o := range outcomes {
		for _, w := range waits {
			t.Run(o.name+"/"+w.name, func(t *testing.T) {
				src := eventHandlers + `var finished = false;
var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
var f1 = r_OnResponseFinished, f2 = r_OnError;
r_OnResponseFinished = function () { f1(); finished = true };
r_OnError = function (n, d) { f2(n, d); finished = true };
` + o.setup + `
r.Open("GET", "` + o.url + `", ` + w.async + `);
try { r.Send() } catch (e) { WScript.Echo("Send threw", e.number) }
WScript.Echo("sent");
` + w.wait
				want := w.before + o.events + w.after
				if w.name == "WaitForResponse" {
					if strings.HasPrefix(o.events, "error") {
						want += "waited " + strings.Fields(o.events)[1] + "\n"
					} else {
						want += "waited -1\n"
					}
				}
				if w.name == "synchronous" && strings.HasPrefix(o.events, "error") {
					want = o.events + "Send threw " + strings.Fields(o.events)[1] + "\nsent\n"
				}
				runJS(t, Options{}, src).check(t, 0, want, "")
			})
		}
	}
}

// A handler that throws after the script's code has finished ends the run
// with the handler's error reported, as an uncaught error.
func TestAsyncHandlerError(t *testing.T) {
	srv := newTestServer(t)
	src := "var r = WScript.CreateObject(\"WinHttp.WinHttpRequest.5.1\", \"r_\");\n" +
		"function r_OnResponseStart(status) {\n" +
		"  throw new Error(\"bad status \" + status);\n" +
		"}\n" +
		"function r_OnResponseFinished() { WScript.Echo(\"not reached\") }\n" +
		"r.Open(\"GET\", \"" + srv.URL + "/missing\", true);\n" +
		"r.Send();\n" +
		"WScript.Echo(\"sent\");\n"
	runJS(t, Options{}, src).check(t, 1, "sent\n",
		"t.js:3:9\n  throw new Error(\"bad status \" + status);\n        ^\nError: bad status 404\n    at r_OnResponseStart (t.js:3:9)\n")
}

// A handler error inside WaitForResponse cannot be caught around the wait:
// it ends the script.
func TestAsyncHandlerErrorInsideWait(t *testing.T) {
	srv := newTestServer(t)
	src := "var r = WScript.CreateObject(\"WinHttp.WinHttpRequest.5.1\", \"r_\");\n" +
		"function r_OnResponseFinished() { null.x }\n" +
		"r.Open(\"GET\", \"" + srv.URL + "/text\", true);\n" +
		"r.Send();\n" +
		"try { r.WaitForResponse() } catch (e) { WScript.Echo(\"caught\") }\n" +
		"WScript.Echo(\"not reached\");\n"
	runJS(t, Options{}, src).check(t, 1, "",
		"t.js:2:40\nfunction r_OnResponseFinished() { null.x }\n                                       ^\n"+
			"TypeError: Cannot read property 'x' of undefined\n    at r_OnResponseFinished (t.js:2:40)\n    at t.js:5:24\n")
}

// DisconnectObject stops the events of a request in flight.
func TestDisconnectInFlight(t *testing.T) {
	srv := newTestServer(t)
	src := eventHandlers + `var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
r.Open("GET", "` + srv.URL + `/text", true);
r.Send();
WScript.DisconnectObject(r);
r.WaitForResponse();
WScript.Echo(r.Status, r.ResponseText);`
	runJS(t, Options{}, src).check(t, 0, "200 hello\n", "")
}

// WaitForResponse(timeout) returns false while the response has not come,
// and the request goes on; Abort then ends it without any event.
func TestWaitForResponseTimeout(t *testing.T) {
	srv := newTestServer(t)
	src := eventHandlers + `var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
r.Open("GET", "` + srv.URL + `/stall", true);
r.Send();
` + srv.untilStalled(1) + `
WScript.Echo(r.WaitForResponse(0), r.WaitForResponse(0.05));
try { r.Status } catch (e) { WScript.Echo("pending", e.number) }
r.Abort();
WScript.Echo(r.WaitForResponse(5));`
	runJS(t, Options{}, src).check(t, 0, "0 0\npending -2147483638\n-1\n", "")
	srv.waitGone(t, 1)
}

// WScript.Quit while requests are in flight ends the script at once with
// its code; the requests are cancelled (the server sees its clients go
// away) and no event is delivered.
func TestQuitCancelsRequests(t *testing.T) {
	srv := newTestServer(t)
	src := eventHandlers + `var rs = [];
for (var i = 0; i < 3; i++) {
  var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
  WScript.ConnectObject(r, "r_");
  r.Open("GET", "` + srv.URL + `/stall", true);
  r.Send();
  rs.push(r);
}
` + srv.untilStalled(3) + `
setTimeout(function () { WScript.Echo("quitting"); WScript.Quit(4) }, 1);`
	runJS(t, Options{}, src).check(t, 4, "quitting\n", "")
	srv.waitGone(t, 3)
}

// A handler that sleeps is not re-entered by the next event of the same
// request; events keep their order.
func TestHandlerNotReentered(t *testing.T) {
	srv := newTestServer(t)
	src := `var depth = 0, maxDepth = 0, chunks = 0, bytes = 0, order = [];
var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
function enter(name) { depth++; maxDepth = Math.max(maxDepth, depth); if (order[order.length - 1] !== name) order.push(name) }
function r_OnResponseStart() { enter("start"); WScript.Sleep(20); depth-- }
function r_OnResponseDataAvailable(d) { enter("data"); bytes += d.length; WScript.Sleep(5); depth-- }
function r_OnResponseFinished() { enter("finished"); depth--; WScript.Echo(order.join(), bytes, "max depth", maxDepth) }
r.Open("GET", "` + srv.URL + `/big", true);
r.Send();`
	runJS(t, Options{}, src).check(t, 0, "start,data,finished 100000 max depth 1\n", "")
}

// Events of one request are delivered while a handler of another sleeps,
// as WSH's message pump does.
func TestEventsOfOthersDuringHandlerSleep(t *testing.T) {
	srv := newTestServer(t)
	src := `var bDone = false;
var a = new ActiveXObject("WinHttp.WinHttpRequest.5.1"), b = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
WScript.ConnectObject(a, "a_"); WScript.ConnectObject(b, "b_");
function a_OnResponseFinished() {
  WScript.Echo("a finished; sending b");
  b.Open("GET", "` + srv.URL + `/text", true);
  b.Send();
  while (!bDone) WScript.Sleep(5);
  WScript.Echo("a handler returns");
}
function b_OnResponseFinished() { WScript.Echo("b finished inside a's handler"); bDone = true }
a.Open("GET", "` + srv.URL + `/text", true);
a.Send();`
	runJS(t, Options{}, src).check(t, 0, "a finished; sending b\nb finished inside a's handler\na handler returns\n", "")
}

// Timers run while requests are in flight, and a request can depend on
// one: /wait answers only after a timer has sent /release. The interval
// (1 ms) is due before the 10 ms timer, so it has ticked by then.
func TestTimersInterleavedWithRequests(t *testing.T) {
	srv := newTestServer(t)
	src := `var ticks = 0, ticksAtRelease = -1, lines = [];
var tick = setInterval(function () { ticks++ }, 1);
function finish(line) {
  // a and b finish in either order: print once both have.
  lines.push(line);
  if (lines.length === 2) { clearInterval(tick); WScript.Echo(lines.sort().join("\n")) }
}
var a = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
WScript.ConnectObject(a, "a_");
function a_OnResponseFinished() { finish("a: " + a.ResponseText + ", ticked before the release: " + (ticksAtRelease > 0)) }
a.Open("GET", "` + srv.URL + `/wait", true);
a.Send();
setTimeout(function () {
  ticksAtRelease = ticks;
  var b = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
  b.Open("GET", "` + srv.URL + `/release", true);
  b.Send();
  b.WaitForResponse();
  finish("b: " + b.ResponseText);
}, 10);
WScript.Echo("main code done");`
	runJS(t, Options{}, src).check(t, 0, "main code done\na: waited, ticked before the release: true\nb: released\n", "")
}

// Requests wrapped in promises work with async/await and Promise.all.
func TestPromiseWrappedRequests(t *testing.T) {
	srv := newTestServer(t)
	refused := refusedURL(t)
	src := `var g = this, seq = 0;
function fetch(url) {
  return new Promise(function (resolve, reject) {
    var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
    var p = "f" + (seq++) + "_";
    g[p + "OnResponseFinished"] = function () { resolve(r.Status + " " + r.ResponseText) };
    g[p + "OnError"] = function (n, d) { reject(new Error(d)) };
    WScript.ConnectObject(r, p);
    r.Open("GET", url, true);
    r.Send();
  });
}
async function main() {
  WScript.Echo(await fetch("` + srv.URL + `/text"));
  try { await fetch("` + refused + `/") } catch (e) { WScript.Echo("rejected:", e.message) }
  var all = await Promise.all([fetch("` + srv.URL + `/n/1"), fetch("` + srv.URL + `/n/2"), fetch("` + srv.URL + `/missing")]);
  WScript.Echo(all.join(" | "));
}
main().then(function () { WScript.Echo("main resolved") });`
	runJS(t, Options{}, src).check(t, 0,
		"200 hello\nrejected: A connection with the server could not be established\n200 body-1 | 200 body-2 | 404 no such page\nmain resolved\n", "")
}

// A runtime runs again after a run that quit with a request in flight:
// nothing of the first run is delivered in the second on its own, and the
// old object reports the cancellation when asked.
func TestReuseAfterQuitWithRequestInFlight(t *testing.T) {
	srv := newTestServer(t)
	var out strings.Builder
	rt, err := New(Options{Stdout: &out, Stderr: &out})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	runs := []struct{ src, want string }{
		{eventHandlers + `var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
r.Open("GET", "` + srv.URL + `/stall", true);
r.Send();
` + srv.untilStalled(1) + `
WScript.Quit(3);`, ""},
		{`var s = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
s.Open("GET", "` + srv.URL + `/text", true);
s.Send();`, "start 200 text/plain\nfinished 5\n"},
		{`try { r.WaitForResponse() } catch (e) { WScript.Echo("old request:", e.number, e.description) }`,
			"error -2147012879 The operation has been canceled\nold request: -2147012879 The operation has been canceled\n"},
	}
	for i, run := range runs {
		out.Reset()
		code, err := rt.RunScript(context.Background(), "t.js", []byte(run.src))
		if want := []int{3, 0, 0}[i]; code != want || err != nil || out.String() != run.want {
			t.Errorf("run %d: code %d err %v output %q, want %d and %q", i+1, code, err, out.String(), want, run.want)
		}
	}
	srv.waitGone(t, 1)
}

// The time limit stops a script whose code has finished but whose request
// is still in flight; the request is cancelled.
func TestTimeLimitWithRequestInFlight(t *testing.T) {
	srv := newTestServer(t)
	src := eventHandlers + `var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
r.Open("GET", "` + srv.URL + `/stall", true);
r.Send();
` + srv.untilStalled(1) + `
WScript.Echo("code done");`
	runJS(t, Options{Timeout: 300 * time.Millisecond}, src).check(t, 1, "code done\n",
		"t.js: script execution time was exceeded (time limit 300ms); script terminated\n")
	srv.waitGone(t, 1)
}
