package runtime

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/globals.golden (TestGlobalSurface)")

// surfaceJS prints what a script can see of the host before it touches
// anything: every own property of the global object with its descriptor,
// the own properties of the host's objects, and which require() names give
// the same object as a global. Start-up work made lazy must leave all of
// it as it was, so the descriptors are read first, before any value.
const surfaceJS = `
var out = [];
function kind(v) {
  if (v === null) return "null";
  var t = typeof v;
  // goja names a Go function after the Go symbol, which depends on the
  // compiler's inlining: only whether it has such a name is pinned.
  if (t === "function") return "function " + (/[.\/]/.test(v.name) ? "<Go>" : v.name) + "/" + v.length;
  return t;
}
function flags(d) {
  var s = "";
  if ("value" in d) s += "data " + (d.writable ? "w" : "-");
  else s += "accessor " + (d.get ? "g" : "-") + (d.set ? "s" : "-");
  return s + (d.enumerable ? "e" : "-") + (d.configurable ? "c" : "-");
}
function describe(label, o) {
  var names = Object.getOwnPropertyNames(o);
  var descs = names.map(function (k) { return Object.getOwnPropertyDescriptor(o, k); });
  names.forEach(function (k, i) {
    var d = descs[i];
    out.push(label + "." + k + ": " + flags(d) + ("value" in d ? " " + kind(d.value) : ""));
  });
  Object.getOwnPropertySymbols(o).forEach(function (s) {
    out.push(label + "[" + String(s) + "]: " + flags(Object.getOwnPropertyDescriptor(o, s)));
  });
  out.push(label + " proto: " + kind(Object.getPrototypeOf(o)));
}
describe("global", globalThis);
var enumerable = [];
for (var k in globalThis) enumerable.push(k);
out.push("for-in global: " + enumerable.join(","));
describe("console", console);
describe("process", process);
out.push("process.env keys: " + Object.keys(process.env).join(","));
describe("Buffer", Buffer);
describe("Buffer.prototype", Buffer.prototype);
describe("URL.prototype", URL.prototype);
describe("URLSearchParams.prototype", URLSearchParams.prototype);
out.push("WScript keys: " + Object.keys(WScript).join(","));
out.push("String(WScript): " + String(WScript));
out.push("WScript.Arguments: " + typeof WScript.Arguments + " " + WScript.Arguments.length + " " + WScript.Arguments(1) + " " + WScript.Arguments.Named("b"));
out.push("WScript.StdOut keys: " + Object.keys(WScript.StdOut).join(","));
out.push("WScript.StdErr keys: " + Object.keys(WScript.StdErr).join(","));
out.push("WScript.StdIn keys: " + Object.keys(WScript.StdIn).join(","));
out.push("same WScript.StdOut: " + (WScript.StdOut === WScript.StdOut) + " " + (WScript.Arguments === WScript.Arguments));
[
  ["console", console], ["node:console", console],
  ["process", process], ["node:process", process],
  ["buffer", Buffer, "Buffer"], ["node:buffer", Buffer, "Buffer"],
  ["url", URL, "URL"], ["node:url", URL, "URL"],
].forEach(function (c) {
  var m;
  try { m = require(c[0]); } catch (e) { out.push("require(" + c[0] + "): throws " + e.message); return; }
  var v = c[2] ? m[c[2]] : m;
  out.push("require(" + c[0] + ")" + (c[2] ? "." + c[2] : "") + " same as global: " + (v === c[1]));
});
out.push("require(console) twice: " + (require("console") === require("node:console")));
out.push("require(winhttp): " + kind(require("winhttp")));
WScript.Echo(out.join("\n"));
`

// TestGlobalSurface pins the globals, their property descriptors and the
// modules behind them, as a script sees them: start-up work that is
// deferred or built differently must not show. Run with -update to
// rewrite testdata/globals.golden after an intended change.
func TestGlobalSurface(t *testing.T) {
	res := runJS(t, Options{Args: []string{"a", "/b:c"}}, surfaceJS)
	if res.code != 0 || res.err != nil {
		t.Fatalf("script failed: code %d, err %v\n%s", res.code, res.err, res.stderr)
	}
	golden := filepath.Join("testdata", "globals.golden")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(res.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if res.stdout != string(want) {
		t.Errorf("the script sees a different host than testdata/globals.golden:\n%s", lineDiff(string(want), res.stdout))
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(s, "\n") {
			m[l]++
		}
		return m
	}
	w, g := count(want), count(got)
	var d string
	for _, l := range strings.Split(want, "\n") {
		if g[l] > 0 {
			g[l]--
			continue
		}
		d += "- " + l + "\n"
	}
	for _, l := range strings.Split(got, "\n") {
		if w[l] > 0 {
			w[l]--
			continue
		}
		d += "+ " + l + "\n"
	}
	if d == "" {
		d = "(same lines, in another order)\n"
	}
	return d
}

// TestConsoleFormatsThroughUtil pins what the console does with the util
// module, which it now loads at its first call instead of at start-up:
// it formats with util.format, looked up at every call (a script may
// replace it), and it still works after the script replaced require.
func TestConsoleFormatsThroughUtil(t *testing.T) {
	runJS(t, noCOM(), `
require = function () { throw new Error("no"); };
console.log("%s=%d", "a", 1, {x: 1}, [1, 2]);
console.warn("warn");
`).check(t, 0, "a=1 [object Object] 1,2\n", "warn\n")

	runJS(t, noCOM(), `
var u = require("util");
var orig = u.format;
u.format = function () { return "patched:" + orig.apply(u, arguments); };
console.info("x", 2);
u.format = 5;
try { console.debug("y"); } catch (e) { WScript.Echo(e.name + ": " + e.message); }
u.format = orig;
console.error("back", 3);
WScript.Echo(require("node:console") !== console, require("console") === console);
`).check(t, 0, "patched:x 2\nTypeError: util.format is not a function\n-1 -1\n", "back 3\n")
}
