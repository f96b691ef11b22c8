// Package comarg converts script arguments the way IDispatch coerces
// VARIANTs, for the COM classes (WinHttpRequest, ADODB, Scripting, WScript.Shell,
// MSXML, VBArray), and throws the JScript error a wrong argument gives.
package comarg

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// Args reads one call's arguments for member Member of the object whose
// errors carry Source.
type Args struct {
	RT     *goja.Runtime
	Call   goja.FunctionCall
	Source string
	Member string
}

// New returns the argument reader of call.
func New(rt *goja.Runtime, call goja.FunctionCall, source, member string) Args {
	return Args{RT: rt, Call: call, Source: source, Member: member}
}

// Absent reports whether argument i was left out or passed as undefined
// (what JScript passes for a missing optional argument).
func (a Args) Absent(i int) bool {
	return i >= len(a.Call.Arguments) || goja.IsUndefined(a.Call.Arguments[i])
}

// Value returns argument i, throwing "Argument not optional" when absent.
func (a Args) Value(i int, name string) goja.Value {
	if a.Absent(i) {
		com.ThrowDetail(a.RT, com.HRArgumentNotOptional, com.MsgArgumentNotOptional, a.Source,
			a.Member+": argument "+name+" is required")
	}
	return a.Call.Arguments[i]
}

// String returns argument i as text; null is "" as a null BSTR is.
func (a Args) String(i int, name string) string {
	v := a.Value(i, name)
	if goja.IsNull(v) {
		return ""
	}
	return v.String()
}

// OptString returns argument i as text, or def when absent.
func (a Args) OptString(i int, def string) string {
	if a.Absent(i) || goja.IsNull(a.Call.Arguments[i]) {
		return def
	}
	return a.Call.Arguments[i].String()
}

// Int returns argument i as a 32-bit integer, throwing "Type mismatch"
// when it does not convert.
func (a Args) Int(i int, name string) int64 {
	v := a.Value(i, name)
	n, ok := ToInt(v)
	if !ok {
		com.ThrowDetail(a.RT, com.HRTypeMismatch, com.MsgTypeMismatch, a.Source,
			a.Member+": argument "+name+" must be a number, not "+Describe(v))
	}
	return n
}

// OptInt returns argument i as an integer, or def when absent.
func (a Args) OptInt(i int, name string, def int64) int64 {
	if a.Absent(i) {
		return def
	}
	return a.Int(i, name)
}

// OptBool returns argument i as a boolean, or def when absent.
func (a Args) OptBool(i int, name string, def bool) bool {
	if a.Absent(i) {
		return def
	}
	v := a.Call.Arguments[i]
	b, ok := ToBool(v)
	if !ok {
		com.ThrowDetail(a.RT, com.HRTypeMismatch, com.MsgTypeMismatch, a.Source,
			a.Member+": argument "+name+" must be a boolean, not "+Describe(v))
	}
	return b
}

// ToInt converts v as VariantChangeType(VT_I4) would (rounding half to
// even): numbers, numeric strings and booleans (true is -1).
func ToInt(v goja.Value) (int64, bool) {
	f, ok := ToNumber(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) || f < math.MinInt64/2 || f > math.MaxInt64/2 {
		return 0, false
	}
	return int64(math.RoundToEven(f)), true
}

// ToNumber converts numbers, numeric strings and booleans.
func ToNumber(v goja.Value) (float64, bool) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return 0, false
	}
	switch x := com.Export(v).(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case bool:
		if x {
			return -1, true
		}
		return 0, true
	case string:
		s := strings.TrimSpace(x)
		if n, err := strconv.ParseInt(s, 0, 64); err == nil {
			return float64(n), true
		}
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil
	}
	return 0, false
}

// ToBool converts v as VariantChangeType(VT_BOOL) would: numbers are true
// when non-zero, strings "true"/"false" or numeric.
func ToBool(v goja.Value) (bool, bool) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return false, false
	}
	switch x := com.Export(v).(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	f, ok := ToNumber(v)
	return f != 0, ok
}

// Describe names a value in error messages.
func Describe(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	s := v.String()
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	if _, ok := com.Export(v).(string); ok {
		return strconv.Quote(s)
	}
	return s
}
