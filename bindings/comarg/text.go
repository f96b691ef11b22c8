package comarg

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Text converts a value as a VARIANT becomes a BSTR when a script passes
// it to a string parameter (TextStream.Write, WriteText): undefined is
// empty, booleans are "-1" and "0", numbers print with at most 15
// significant digits.
func Text(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return ""
	}
	if goja.IsNull(v) {
		return "null"
	}
	switch x := v.Export().(type) {
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
		if strings.Contains(mant, ".") {
			mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
		}
		return mant + "E" + exp
	}
	return s
}
