package runtime

import (
	"context"
	"testing"
)

func TestTimersAndPromises(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"order of a turn: code, promise jobs, due timers, immediates",
			`setTimeout(function () { WScript.Echo("timeout 0") }, 0);
setImmediate(function () { WScript.Echo("immediate") });
Promise.resolve().then(function () { WScript.Echo("promise") });
WScript.Echo("code");`,
			"code\npromise\ntimeout 0\nimmediate\n"},
		{"same delay fires in creation order",
			`for (var i = 0; i < 5; i++) setTimeout(function (i) { WScript.Echo(i) }, 5, i)`,
			"0\n1\n2\n3\n4\n"},
		{"arguments",
			`setTimeout(function (a, b) { WScript.Echo(a, b) }, 0, "x", 2); setImmediate(function (a) { WScript.Echo(a) }, "y")`,
			"x 2\ny\n"},
		{"interval until cleared",
			`var n = 0, h = setInterval(function () { n++; WScript.Echo("tick", n); if (n === 3) clearInterval(h) }, 1)`,
			"tick 1\ntick 2\ntick 3\n"},
		{"clear before firing",
			`var a = setTimeout(function () { WScript.Echo("no") }, 1); var b = setImmediate(function () { WScript.Echo("no") });
var c = setInterval(function () { WScript.Echo("no") }, 1);
clearTimeout(a); clearImmediate(b); clearInterval(c); clearTimeout(undefined); clearTimeout(null); clearTimeout(42); WScript.Echo("cleared")`,
			"cleared\n"},
		{"a timer clears a later one due in the same turn",
			`var b; setTimeout(function () { WScript.Echo("a"); clearTimeout(b) }, 1); b = setTimeout(function () { WScript.Echo("b") }, 1)`,
			"a\n"},
		{"zero-delay timer set by a timer runs in a later turn",
			`setTimeout(function () { setTimeout(function () { WScript.Echo("inner") }, 0); setImmediate(function () { WScript.Echo("immediate") }) }, 0)`,
			"immediate\ninner\n"},
		{"promise jobs run after each callback",
			`setTimeout(function () { Promise.resolve().then(function () { WScript.Echo("job 1") }) }, 1);
setTimeout(function () { WScript.Echo("timer 2") }, 1);`,
			"job 1\ntimer 2\n"},
		{"async and await",
			`function delay(ms, v) { return new Promise(function (res) { setTimeout(res, ms, v) }) }
async function main() { var a = await delay(5, "a"); var b = await delay(1, "b"); WScript.Echo(a + b); return "done" }
main().then(function (v) { WScript.Echo(v) });
WScript.Echo("started");`,
			"started\nab\ndone\n"},
		{"Sleep runs due timers and immediates",
			`var fired = [];
setTimeout(function () { fired.push("timer") }, 1); setImmediate(function () { fired.push("immediate") });
while (fired.length < 2) WScript.Sleep(1);
WScript.Echo(fired.sort().join())`,
			"immediate,timer\n"},
		{"promise jobs wait for the stack to empty, not for Sleep",
			`Promise.resolve().then(function () { WScript.Echo("promise") }); WScript.Sleep(10); WScript.Echo("after sleep")`,
			"after sleep\npromise\n"},
		{"an interval is not re-entered while its callback sleeps",
			`var depth = 0, max = 0, n = 0;
var h = setInterval(function () { depth++; max = Math.max(max, depth); WScript.Sleep(10); depth--; if (++n === 3) { clearInterval(h); WScript.Echo(n, "calls, max depth", max) } }, 1)`,
			"3 calls, max depth 1\n"},
		{"odd delays",
			`var out = [];
var far = setTimeout(function () { out.push("never") }, 1e300);
setTimeout(function () { out.push("negative") }, -5);
setTimeout(function () { out.push("NaN") }, "soon");
setTimeout(function () { out.push("missing") });
setImmediate(function () { clearTimeout(far); WScript.Echo(out.join()) });`,
			"negative,NaN,missing\n"},
		{"setTimeout returns distinct handles",
			`var a = setTimeout(function () {}, 1), b = setTimeout(function () {}, 1); WScript.Echo(typeof a, a === b)`,
			"object 0\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runJS(t, noCOM(), tt.src).check(t, 0, tt.want, "")
		})
	}
}

func TestTimerErrors(t *testing.T) {
	tests := []struct {
		name, src, stdout, stderr string
	}{
		{"callback not a function", "setTimeout(\"code\", 1)", "",
			"t.js:1:11\nsetTimeout(\"code\", 1)\n          ^\nTypeError: The \"callback\" argument must be of type function.\n    at t.js:1:11\n"},
		{"a throwing interval ends the script", "var n = 0;\nsetInterval(function () {\n  if (++n === 2) throw new Error(\"tick \" + n);\n  WScript.Echo(\"tick\", n);\n}, 1);", "tick 1\n",
			"t.js:3:24\n  if (++n === 2) throw new Error(\"tick \" + n);\n                       ^\nError: tick 2\n    at t.js:3:24\n"},
		{"a throwing immediate inside Sleep ends the script", "setImmediate(function () {\n  null.x;\n});\ntry { WScript.Sleep(10) } catch (e) { WScript.Echo(\"caught\") }\nWScript.Echo(\"not reached\");", "",
			"t.js:2:8\n  null.x;\n       ^\nTypeError: Cannot read property 'x' of undefined\n    at t.js:2:8\n    at t.js:4:20\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runJS(t, noCOM(), tt.src).check(t, 1, tt.stdout, tt.stderr)
		})
	}
}

// Timers left pending by a run that quit are dropped; clearing them in a
// later run leaves that run's timers alone.
func TestTimersAcrossRuns(t *testing.T) {
	var out bytesBuffer
	o := noCOM()
	o.Stdout = &out
	rt, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	runs := []struct {
		src  string
		code int
		want string
	}{
		{`var a = setTimeout(function () { WScript.Echo("a") }, 50), b = setInterval(function () {}, 50), c = setImmediate(function () {}); WScript.Quit(2)`, 2, ""},
		{`var d = setTimeout(function () { WScript.Echo("d") }, 1), e = setTimeout(function () { WScript.Echo("e") }, 2);
clearTimeout(a); clearInterval(b); clearImmediate(c); WScript.Echo("cleared")`, 0, "cleared\nd\ne\n"},
	}
	for i, run := range runs {
		out.Reset()
		code, err := rt.RunScript(context.Background(), "t.js", []byte(run.src))
		if code != run.code || err != nil || out.String() != run.want {
			t.Errorf("run %d: code %d err %v output %q, want %d %q", i+1, code, err, out.String(), run.code, run.want)
		}
	}
}
