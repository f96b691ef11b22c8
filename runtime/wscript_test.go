package runtime

import (
	"strings"
	"testing"
)

func TestWScriptMembers(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"echo no args", `WScript.Echo()`, "\n"},
		{"echo joins with a space", `WScript.Echo("a", "b", "c")`, "a b c\n"},
		{"echo case-insensitive", `WScript.echo("x"); WScript.ECHO("y")`, "x\ny\n"},
		{"echo numbers", `WScript.Echo(1, -2, 1.5, 0.1 + 0.2, 1e21, 1/3, 2147483648, 1e-5)`,
			"1 -2 1.5 0.3 1E+21 0.333333333333333 2147483648 1E-05\n"},
		{"echo special numbers", `WScript.Echo(NaN, Infinity, -Infinity, 0, -0)`, "NaN Infinity -Infinity 0 0\n"},
		{"echo booleans as VARIANT_BOOL", `WScript.Echo(true, false)`, "-1 0\n"},
		{"echo null and undefined", `WScript.Echo(null, undefined, "end")`, "null  end\n"},
		{"echo objects via toString", `WScript.Echo([1, "a"], {}, {toString: function () { return "T" }})`, "1,a [object Object] T\n"},
		{"name", `WScript.Echo(WScript.Name)`, "Windows Script Host\n"},
		{"version", `WScript.Echo(WScript.Version, typeof WScript.Version)`, "5.812 string\n"},
		{"build version", `WScript.Echo(WScript.BuildVersion, typeof WScript.BuildVersion)`, "10240 number\n"},
		{"script name", `WScript.Echo(WScript.ScriptName, WScript.ScriptFullName)`, "t.js t.js\n"},
		{"host path", `WScript.Echo(WScript.Path, WScript.FullName)`, "/opt/winhttpjs/bin /opt/winhttpjs/bin/winhttpjs\n"},
		{"default property is Name", `WScript.Echo(String(WScript))`, "Windows Script Host\n"},
		{"application is WScript", `WScript.Echo(WScript.Application === WScript)`, "-1\n"},
		{"interactive", `WScript.Echo(WScript.Interactive); WScript.Interactive = true; WScript.Echo(WScript.Interactive)`, "0\n-1\n"},
		{"timeout default", `WScript.Echo(WScript.Timeout)`, "0\n"},
		{"timeout set", `WScript.Timeout = 30; WScript.Echo(WScript.Timeout); WScript.Timeout = 0; WScript.Echo(WScript.Timeout)`, "30\n0\n"},
		{"sleep", `var t = Date.now(); WScript.Sleep(50); WScript.Echo(Date.now() - t >= 50)`, "-1\n"},
		{"sleep zero", `WScript.Sleep(0); WScript.Echo("ok")`, "ok\n"},
		{"stdout write", `WScript.StdOut.Write("a"); WScript.StdOut.Write(1.5); WScript.StdOut.WriteLine("b"); WScript.StdOut.WriteLine(); WScript.StdOut.WriteBlankLines(2); WScript.StdOut.write("c")`, "a1.5b\n\n\n\nc"},
		{"script engine", `WScript.Echo(ScriptEngine(), ScriptEngineMajorVersion(), ScriptEngineMinorVersion(), ScriptEngineBuildVersion())`, "JScript 5 8 16384\n"},
		{"top-level declarations are globals", `var g = 1; function h() {} WScript.Echo(this.g, typeof this.h, Object.getOwnPropertyDescriptor(this, "g").configurable)`, "1 function 0\n"},
		{"console", `console.log("l %d", 1); console.info("i")`, "l 1\ni\n"},
		{"enumerator over an array", `for (var e = new Enumerator([1, 2]); !e.atEnd(); e.moveNext()) WScript.Echo(e.item()); WScript.Echo(e.item())`, "1\n2\n\n"},
		{"enumerator move first", `var e = new Enumerator(["a"]); e.moveNext(); e.moveFirst(); WScript.Echo(e.item())`, "a\n"},
		{"host globals are not enumerable", `var n = []; for (var k in this) n.push(k); WScript.Echo(n.join())`, "n,k\n"},
		{"timers", `setTimeout(function (a) { WScript.Echo("t", a) }, 5, "x"); setImmediate(function () { WScript.Echo("i") })`, "i\nt x\n"},
		{"process env", `WScript.Echo(process.env.WINHTTPJS_TEST, process.env.HOME)`, "1 \n"},
		{"buffer and url", `WScript.Echo(Buffer.from("hi").toString("hex"), new URL("http://h/p?q=1").searchParams.get("q"))`, "6869 1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runJS(t, noCOM(), tt.src).check(t, 0, tt.want, "")
		})
	}
}

func TestArguments(t *testing.T) {
	args := []string{"one", "/v", "/Out:file.txt", "two words", "/empty:", "--x", "/:odd"}
	tests := []struct {
		name, src, want string
	}{
		{"all, in order", `var a = WScript.Arguments; for (var i = 0; i < a.length; i++) WScript.Echo(i, a(i), a.Item(i))`,
			"0 one one\n1 /v /v\n2 /Out:file.txt /Out:file.txt\n3 two words two words\n4 /empty: /empty:\n5 --x --x\n6 /:odd /:odd\n"},
		{"count and length", `WScript.Echo(WScript.Arguments.Count(), WScript.Arguments.length, WScript.arguments.LENGTH)`, "7 7 7\n"},
		{"unnamed", `var u = WScript.Arguments.Unnamed; WScript.Echo(u.length, u.Count(), u(0), u.Item(1), u(2), u(3))`, "4 4 one two words --x /:odd\n"},
		{"named", `var n = WScript.Arguments.Named; WScript.Echo(n.length, n.Count(), n("out"), n.Item("OUT"), n("v") === undefined, n("empty"), n("nope") === undefined)`,
			"3 3 file.txt file.txt -1  -1\n"},
		{"named exists", `var n = WScript.Arguments.Named; WScript.Echo(n.Exists("V"), n.Exists("out"), n.Exists("empty"), n.Exists("one"))`, "-1 -1 -1 0\n"},
		{"enumerator", `for (var e = new Enumerator(WScript.Arguments.Unnamed); !e.atEnd(); e.moveNext()) WScript.Echo(e.item())`, "one\ntwo words\n--x\n/:odd\n"},
		{"string index", `WScript.Echo(WScript.Arguments("1"))`, "/v\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := noCOM()
			o.Args = args
			runJS(t, o, tt.src).check(t, 0, tt.want, "")
		})
	}
}

func TestArgumentsOutOfRange(t *testing.T) {
	tests := []struct {
		name, expr string
	}{
		{"default member", `WScript.Arguments(2)`},
		{"item", `WScript.Arguments.Item(-1)`},
		{"unnamed", `WScript.Arguments.Unnamed(1)`},
		{"not a number", `WScript.Arguments("x")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := noCOM()
			o.Args = []string{"a", "/n:1"}
			src := "try { " + tt.expr + " } catch (e) { WScript.Echo(e.number, (e.number >>> 0).toString(16), e.description, e.message, e.name) }"
			runJS(t, o, src).check(t, 0, "-2146828279 800a0009 Subscript out of range Subscript out of range Error\n", "")
		})
	}
}

func TestQuit(t *testing.T) {
	tests := []struct {
		name, src, stdout string
		code              int
	}{
		{"no code", `WScript.Echo("a"); WScript.Quit(); WScript.Echo("b")`, "a\n", 0},
		{"code", `WScript.Quit(3)`, "", 3},
		{"code as string", `WScript.Quit("7")`, "", 7},
		{"negative", `WScript.Quit(-1)`, "", -1},
		{"inside try/finally", `try { WScript.Quit(4) } catch (e) { WScript.Echo("caught") } finally { WScript.Echo("finally") }`, "", 4},
		{"inside a function", `function f() { WScript.Quit(5); WScript.Echo("no") } f(); WScript.Echo("no")`, "", 5},
		{"in a timer", `setTimeout(function () { WScript.Quit(6); WScript.Echo("no") }, 1); setTimeout(function () { WScript.Echo("later") }, 200)`, "", 6},
		{"pending timers dropped", `setTimeout(function () { WScript.Echo("no") }, 1); setImmediate(function () { WScript.Echo("no") }); WScript.Quit(8)`, "", 8},
		{"process.exit", `process.exit(9); WScript.Echo("no")`, "", 9},
		{"case-insensitive", `WScript.quit(2)`, "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runJS(t, noCOM(), tt.src)
			r.check(t, tt.code, tt.stdout, "")
			if r.err != nil {
				t.Errorf("err = %v, want nil", r.err)
			}
		})
	}
}

func TestStdIn(t *testing.T) {
	const input = "first line\r\nsecond\nthird é\nlast"
	tests := []struct {
		name, src, want string
	}{
		{"read lines", `var i = WScript.StdIn; while (!i.AtEndOfStream) WScript.Echo("[" + i.ReadLine() + "]")`,
			"[first line]\n[second]\n[third é]\n[last]\n"},
		{"read all", `WScript.StdOut.Write(WScript.StdIn.ReadAll())`, input},
		{"read chars", `var i = WScript.StdIn; WScript.Echo(i.Read(5)); i.Skip(1); WScript.Echo(i.Read(4), i.AtEndOfLine); i.SkipLine(); WScript.Echo(i.ReadLine(), i.Line); i.Skip(6); WScript.Echo(i.Read(100), i.AtEndOfStream, i.AtEndOfLine)`,
			"first\nline -1\nsecond 3\né\nlast -1 -1\n"},
		{"past end", `var i = WScript.StdIn; i.ReadAll(); try { i.ReadLine() } catch (e) { WScript.Echo(e.number >>> 0, e.description) }`,
			"2148139070 Input past end of file\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := noCOM()
			o.Stdin = strings.NewReader(input)
			runJS(t, o, tt.src).check(t, 0, tt.want, "")
		})
	}
}

func TestStdErrAndClose(t *testing.T) {
	r := runJS(t, noCOM(), `WScript.StdErr.WriteLine("e1"); console.error("e2"); console.warn("e3");
WScript.StdOut.Close(); try { WScript.StdOut.Write("x") } catch (e) { WScript.StdErr.Write(e.description) }`)
	r.check(t, 0, "", "e1\ne2\ne3\nBad file mode")
}

func TestGetObject(t *testing.T) {
	for _, expr := range []string{"GetObject('winmgmts:')", "WScript.GetObject('x')"} {
		t.Run(expr, func(t *testing.T) {
			r := runJS(t, noCOM(), "try { "+expr+" } catch (e) { WScript.Echo(e.number >>> 0, e.description) }")
			want := "2148139437 GetObject is not supported: winhttpjs cannot attach to running COM objects or files\n"
			if strings.HasPrefix(expr, "WScript") {
				want = "2148139437 WScript.GetObject is not supported: winhttpjs cannot attach to running COM objects or files\n"
			}
			r.check(t, 0, want, "")
		})
	}
}

func TestCreateObjectUnknownProgID(t *testing.T) {
	r := runJS(t, noCOM(), `try { WScript.CreateObject("No.Such.Thing") } catch (e) { WScript.Echo(e.number, e.description) }`)
	r.check(t, 0, "-2146827859 Automation server can't create object\n", "")
}
