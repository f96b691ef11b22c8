package winhttp

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// Script arguments arrive as JS values; these helpers coerce them the way
// IDispatch coerces VARIANTs into the IDL types of IWinHttpRequest, and
// throw the JScript error a wrong argument gives.

// absent reports whether argument i was left out (or passed as undefined,
// which script authors write to mean the same).
func absent(call goja.FunctionCall, i int) bool {
	return i >= len(call.Arguments) || goja.IsUndefined(call.Arguments[i])
}

func isNull(v goja.Value) bool { return v == nil || goja.IsNull(v) || goja.IsUndefined(v) }

func (r *request) requireArg(call goja.FunctionCall, i int, member, name string) goja.Value {
	if absent(call, i) {
		com.ThrowDetail(r.rt, com.HRArgumentNotOptional, com.MsgArgumentNotOptional, source,
			member+": argument "+name+" is required")
	}
	return call.Arguments[i]
}

// toInt32 converts v as VariantChangeType(VT_I4) would: numbers, numeric
// strings and booleans. ok is false for anything else or out of range.
func toInt32(v goja.Value) (int32, bool) {
	f, ok := toNumber(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	f = math.RoundToEven(f)
	if f < math.MinInt32 || f > math.MaxUint32 {
		return 0, false
	}
	if f > math.MaxInt32 {
		// A DWORD written as an unsigned literal (0xFFFFFFFF) is the
		// same 32 bits as the long Windows stores.
		return int32(uint32(f)), true
	}
	return int32(f), true
}

func toNumber(v goja.Value) (float64, bool) {
	if isNull(v) {
		return 0, false
	}
	switch x := v.Export().(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case bool:
		// VARIANT_TRUE is -1.
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

// toBool converts v as VariantChangeType(VT_BOOL) would: numbers are true
// when non-zero, strings "true"/"false" or numeric. JS truthiness would make
// the string "false" true, which no script means.
func toBool(v goja.Value) (bool, bool) {
	if isNull(v) {
		return false, false
	}
	switch x := v.Export().(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "#true#":
			return true, true
		case "false", "#false#":
			return false, true
		}
	}
	f, ok := toNumber(v)
	return f != 0, ok
}

func (r *request) int32Arg(call goja.FunctionCall, i int, member, name string) int32 {
	v := r.requireArg(call, i, member, name)
	n, ok := toInt32(v)
	if !ok {
		com.ThrowDetail(r.rt, com.HRTypeMismatch, com.MsgTypeMismatch, source,
			member+": argument "+name+" must be a number, not "+describe(v))
	}
	return n
}

// describe names a value in error messages.
func describe(v goja.Value) string {
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
	if _, ok := v.Export().(string); ok {
		return strconv.Quote(s)
	}
	return s
}
