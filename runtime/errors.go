package runtime

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrTimeout is wrapped by the error a run returns when the script ran
// past its time limit (Options.Timeout or WScript.Timeout).
var ErrTimeout = errors.New("script execution time was exceeded")

// ErrClosed is returned when a closed Runtime is used.
var ErrClosed = errors.New("runtime is closed")

// ErrBusy is returned when a Runtime is asked to run a script while it is
// already running one: a Runtime runs one script at a time.
var ErrBusy = errors.New("runtime is already running a script")

// ScriptError is a script's uncaught exception, or a syntax error in it. Its
// positions are in the user's source as written, before the JScript rewrite.
type ScriptError struct {
	// File is the script's name as given to RunFile or RunScript.
	File string
	// Line and Column are 1-based; Column counts characters. Zero when
	// unknown.
	Line, Column int
	// SourceLine is the text of line Line of the script.
	SourceLine string
	// Name is the error's name ("TypeError", "SyntaxError", "Error"); empty
	// when the script threw a value that is not an Error object.
	Name string
	// Message is the error's message, or the thrown value as text when Name
	// is empty.
	Message string
	// HResult is the COM error number (unsigned) of errors raised by COM
	// objects and JScript runtime errors, zero otherwise.
	HResult uint32
	// Source is the COM error source, e.g. "WinHttp.WinHttpRequest".
	Source string
	// Detail says more about a COM error than its description (which
	// scripts compare and so stays JScript's text), e.g. the member at
	// fault.
	Detail string
	// InPromise marks a promise rejection nothing handled.
	InPromise bool
	// Stack holds the JavaScript call stack, innermost frame first; frames
	// of Go-implemented functions are left out.
	Stack []StackFrame
}

// StackFrame is one frame of a ScriptError's stack.
type StackFrame struct {
	// Function is the function's name; empty for global code and anonymous
	// functions.
	Function string
	// File, Line and Column locate the frame.
	File         string
	Line, Column int
}

// maxReportFrames bounds the stack printed in a report.
const maxReportFrames = 20

// headline returns "NAME: MESSAGE (HRESULT 0x…, SOURCE)".
func (e *ScriptError) headline() string {
	var b strings.Builder
	if e.InPromise {
		b.WriteString("Uncaught (in promise) ")
	}
	switch {
	case e.Name == "":
		if !e.InPromise {
			b.WriteString("Uncaught ")
		}
		b.WriteString(e.Message)
	case e.Message == "":
		b.WriteString(e.Name)
	default:
		b.WriteString(e.Name + ": " + e.Message)
	}
	if e.HResult != 0 {
		fmt.Fprintf(&b, " (HRESULT 0x%08X", e.HResult)
		if e.Source != "" {
			b.WriteString(", ")
			b.WriteString(e.Source)
		}
		b.WriteByte(')')
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// location returns "FILE:LINE:COL", or FILE alone when the line is unknown.
func (e *ScriptError) location() string {
	if e.Line <= 0 {
		return e.File
	}
	return e.File + ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column)
}

// Error returns a one-line summary: "FILE:LINE:COL: NAME: MESSAGE".
func (e *ScriptError) Error() string {
	return e.location() + ": " + e.headline()
}

// Report returns the multi-line report printed for an uncaught error:
//
//	FILE:LINE:COL
//	the source line
//	      ^
//	NAME: MESSAGE (HRESULT 0x…, SOURCE): DETAIL
//	    at function (FILE:LINE:COL)
//
// Every line ends with a newline.
func (e *ScriptError) Report() string {
	var b strings.Builder
	b.WriteString(e.location())
	b.WriteByte('\n')
	if e.Line > 0 && e.SourceLine != "" {
		line, col := displayLine(e.SourceLine, e.Column)
		b.WriteString(line)
		b.WriteByte('\n')
		b.WriteString(caretLine(line, col))
		b.WriteByte('\n')
	}
	b.WriteString(e.headline())
	b.WriteByte('\n')
	// Runs of identical frames (deep recursion) print once.
	printed := 0
	for i := 0; i < len(e.Stack); {
		f := e.Stack[i]
		n := 1
		for i+n < len(e.Stack) && e.Stack[i+n] == f {
			n++
		}
		if printed == maxReportFrames {
			fmt.Fprintf(&b, "    ... %d more frames\n", len(e.Stack)-i)
			break
		}
		if f.Function == "" {
			fmt.Fprintf(&b, "    at %s:%d:%d\n", f.File, f.Line, f.Column)
		} else {
			fmt.Fprintf(&b, "    at %s (%s:%d:%d)\n", f.Function, f.File, f.Line, f.Column)
		}
		if n > 1 {
			fmt.Fprintf(&b, "    ... repeated %d more times\n", n-1)
		}
		printed++
		i += n
	}
	return b.String()
}

// maxDisplayWidth is the most characters of a source line a report shows;
// longer lines (minified code) are cut to a window around the column.
const maxDisplayWidth = 160

// displayLine makes a source line fit for a terminal: control characters
// other than tabs become U+FFFD, and a long line is cut around col (with
// "..." marking the cuts). It returns the line and the column within it.
func displayLine(line string, col int) (string, int) {
	runes := []rune(line)
	for i, r := range runes {
		if r < 0x20 && r != '\t' || r == 0x7F {
			runes[i] = '\uFFFD'
		}
	}
	if len(runes) <= maxDisplayWidth {
		return string(runes), col
	}
	start := max(0, min(col-1-maxDisplayWidth/2, len(runes)-maxDisplayWidth))
	end := min(len(runes), start+maxDisplayWidth)
	text := string(runes[start:end])
	col -= start
	if start > 0 {
		text = "..." + text
		col += 3
	}
	if end < len(runes) {
		text += "..."
	}
	return text, col
}

// caretLine puts a caret under the 1-based character column col of line,
// keeping the line's tabs so that the caret lines up in a terminal.
func caretLine(line string, col int) string {
	var b strings.Builder
	n := 1
	for _, r := range line {
		if n >= col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		n++
	}
	for ; n < col; n++ {
		b.WriteByte(' ')
	}
	b.WriteByte('^')
	return b.String()
}
