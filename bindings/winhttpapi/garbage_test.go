package winhttpapi

import (
	"testing"
)

// Every function, called with missing, wrong-typed and hostile arguments
// in every position, fails with an error code (or a JS TypeError) and
// never panics. Each function gets fresh handles, in a fixed order.
func TestGarbageArguments(t *testing.T) {
	srv := httpbinServer(t)
	for _, flags := range []string{"0", "w.WINHTTP_FLAG_ASYNC"} {
		e := newEnv(t, Options{})
		out := e.mustRun(js(prelude+"var FLAGS = "+flags+";"+`
var calls = 0;
Object.keys(w).filter(function (k) { return typeof w[k] === "function"; }).sort().forEach(function (name) {
  var s = w.WinHttpOpen("a", 1, null, null, FLAGS);
  var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
  var r = w.WinHttpOpenRequest(c, "GET", "/get", null, null, null, 0);
  var sent = w.WinHttpOpenRequest(c, "GET", "/get", null, null, null, 0);
  w.WinHttpSendRequest(sent, null, null, 0, 0); w.WinHttpReceiveResponse(sent, null);
  var closed = w.WinHttpOpenRequest(c, "GET", "/get", null, null, null, 0); w.WinHttpCloseHandle(closed);
  var values = [undefined, null, 0, -1, 1.5, NaN, Infinity, 4294967296, "", "x", "\u0100\uffff", true, {}, [], [1, "a"],
    function () {}, new Uint8Array(3), new ArrayBuffer(2), s, c, r, sent, closed, {value: -5}, {length: -1}, {dwAccessType: "x"}, Symbol.iterator];
  for (var i = 0; i < values.length; i++) {
    for (var pos = 0; pos < 7; pos++) {
      var args = [name.indexOf("WinHttpOpen") === 0 || name.indexOf("WinHttpConnect") === 0 ? s : (pos % 2 ? sent : r), 1, 2, 3, 4, 5, 6];
      args[pos] = values[i];
      try { w[name].apply(null, args); } catch (e) { if (!(e instanceof TypeError)) throw new Error(name + ": " + e); }
      calls++;
    }
  }
  w.WinHttpCloseHandle(s);
});
print(calls);
`, srv))
		if out != "11151\n" { // 59 functions × 27 values × 7 positions
			t.Fatalf("flags %s: got %q", flags, out)
		}
	}
}
