package comarg

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// Text converts a value as a VARIANT becomes a BSTR when a script passes
// it to a string parameter (WScript.Echo, TextStream.Write, WriteText):
// undefined is empty, booleans are "-1" and "0" (VARIANT_TRUE/FALSE),
// integers that fit 32 bits print as such (JScript passes them as VT_I4),
// other numbers with at most 15 significant digits (0.1+0.2 is "0.3", 1e21
// is "1E+21"), everything else through JavaScript's String().
func Text(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return ""
	}
	if goja.IsNull(v) {
		return "null"
	}
	switch x := com.Export(v).(type) {
	case bool:
		if x {
			return "-1"
		}
		return "0"
	case int64:
		if x >= math.MinInt32 && x <= math.MaxInt32 {
			return strconv.FormatInt(x, 10)
		}
		return formatDouble(float64(x))
	case float64:
		return formatDouble(x)
	case string:
		return x
	}
	return v.String()
}

// formatDouble formats a double as VarBstrFromR8 does (for the cases that
// do not depend on the locale).
func formatDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	s := strconv.FormatFloat(f, 'G', 15, 64)
	if mant, exp, ok := strings.Cut(s, "E"); ok {
		// Go writes at least two exponent digits, as VarBstrFromR8 does;
		// only the mantissa's trailing zeros need trimming.
		if strings.Contains(mant, ".") {
			mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
		}
		return mant + "E" + exp
	}
	return s
}
