package runtime

import (
	"bufio"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"io"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// newOutStream builds WScript.StdOut or WScript.StdErr: a write-only
// TextStream over w. Lines end with "\n" (WSH on Windows writes "\r\n").
func (r *Runtime) newOutStream(vm *goja.Runtime, name string, w io.Writer) *goja.Object {
	closed := false
	write := func(s string) {
		if closed {
			com.Throw(vm, hrBadFileMode, "Bad file mode", sourceJScript)
		}
		_, _ = io.WriteString(w, s)
	}
	return com.NewObject(vm, []com.Member{
		{Name: "Write", Method: func(call goja.FunctionCall) goja.Value {
			write(comarg.Text(call.Argument(0)))
			return goja.Undefined()
		}},
		{Name: "WriteLine", Method: func(call goja.FunctionCall) goja.Value {
			write(comarg.Text(call.Argument(0)) + "\n")
			return goja.Undefined()
		}},
		{Name: "WriteBlankLines", Method: func(call goja.FunctionCall) goja.Value {
			n := call.Argument(0).ToInteger()
			if n < 0 {
				com.Throw(vm, hrInvalidCall, "Invalid procedure call or argument", sourceJScript)
			}
			write(strings.Repeat("\n", int(min(n, 1<<20))))
			return goja.Undefined()
		}},
		{Name: "Close", Method: func(goja.FunctionCall) goja.Value {
			closed = true
			return goja.Undefined()
		}},
	}, com.ObjectOptions{Source: "WScript." + name, Inspect: func() string { return "TextStream (" + name + ")" }})
}

// newInStream builds WScript.StdIn: a read-only TextStream over
// Options.Stdin, read as UTF-8. Reading past the end throws JScript error
// 62 "Input past end of file", as WSH does.
func (r *Runtime) newInStream(vm *goja.Runtime) *goja.Object {
	line := 1
	in := func() *bufio.Reader {
		if r.stdin == nil {
			r.stdin = bufio.NewReader(r.opts.Stdin)
		}
		return r.stdin
	}
	atEnd := func() bool {
		_, err := in().Peek(1)
		return err != nil
	}
	mustHaveInput := func() {
		if atEnd() {
			com.Throw(vm, hrPastEOF, "Input past end of file", sourceJScript)
		}
	}
	readLine := func() string {
		s, _ := in().ReadString('\n')
		if strings.HasSuffix(s, "\n") {
			line++
		}
		s = strings.TrimSuffix(s, "\n")
		return strings.TrimSuffix(s, "\r")
	}
	readChars := func(n int64) string {
		var b strings.Builder
		for ; n > 0; n-- {
			c, _, err := in().ReadRune()
			if err != nil {
				break
			}
			if c == '\n' {
				line++
			}
			b.WriteRune(c)
		}
		return b.String()
	}
	count := func(call goja.FunctionCall) int64 {
		n := call.Argument(0).ToInteger()
		if n < 0 {
			com.Throw(vm, hrInvalidCall, "Invalid procedure call or argument", sourceJScript)
		}
		return n
	}
	return com.NewObject(vm, []com.Member{
		{Name: "ReadLine", Method: func(goja.FunctionCall) goja.Value {
			mustHaveInput()
			return vm.ToValue(readLine())
		}},
		{Name: "ReadAll", Method: func(goja.FunctionCall) goja.Value {
			mustHaveInput()
			b, _ := io.ReadAll(in())
			line += strings.Count(string(b), "\n")
			return vm.ToValue(string(b))
		}},
		{Name: "Read", Method: func(call goja.FunctionCall) goja.Value {
			n := count(call)
			mustHaveInput()
			return vm.ToValue(readChars(n))
		}},
		{Name: "Skip", Method: func(call goja.FunctionCall) goja.Value {
			n := count(call)
			mustHaveInput()
			readChars(n)
			return goja.Undefined()
		}},
		{Name: "SkipLine", Method: func(goja.FunctionCall) goja.Value {
			mustHaveInput()
			readLine()
			return goja.Undefined()
		}},
		{Name: "AtEndOfStream", Get: func() goja.Value { return vm.ToValue(atEnd()) }},
		{Name: "AtEndOfLine", Get: func() goja.Value {
			b, err := in().Peek(1)
			return vm.ToValue(err != nil || b[0] == '\n' || b[0] == '\r')
		}},
		{Name: "Line", Get: func() goja.Value { return vm.ToValue(line) }},
		{Name: "Close", Method: func(goja.FunctionCall) goja.Value { return goja.Undefined() }},
	}, com.ObjectOptions{Source: "WScript.StdIn", Inspect: func() string { return "TextStream (StdIn)" }})
}
