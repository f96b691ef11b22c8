package winhttp

import (
	"math"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
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
	f, ok := comarg.ToNumber(v)
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

func (r *request) int32Arg(call goja.FunctionCall, i int, member, name string) int32 {
	v := r.requireArg(call, i, member, name)
	n, ok := toInt32(v)
	if !ok {
		com.ThrowDetail(r.rt, com.HRTypeMismatch, com.MsgTypeMismatch, source,
			member+": argument "+name+" must be a number, not "+comarg.Describe(v))
	}
	return n
}
