package winhttpapi

import (
	"math"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// isNull reports whether v stands for C NULL (null or undefined).
func isNull(v goja.Value) bool { return v == nil || goja.IsUndefined(v) || goja.IsNull(v) }

// dword converts a DWORD argument. It accepts 0…2^32-1 and the negative
// numbers JS bitwise operators produce (-1 is 0xFFFFFFFF); null and
// undefined are 0. Anything else (a fraction, NaN, a string) is refused.
func dword(v goja.Value) (uint32, bool) {
	if isNull(v) {
		return 0, true
	}
	f, ok := number(v)
	if !ok || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxUint32 {
		return 0, false
	}
	return uint32(int64(f)), true
}

// integer converts a C int argument (WinHttpSetTimeouts, ports): any whole
// number in int32 range, or a DWORD-style large number for ports.
func integer(v goja.Value) (int64, bool) {
	if isNull(v) {
		return 0, true
	}
	f, ok := number(v)
	if !ok || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxUint32 {
		return 0, false
	}
	return int64(f), true
}

// number reads a JS number (or boolean, as C's BOOL is a number).
func number(v goja.Value) (float64, bool) {
	switch x := com.Export(v).(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// str converts an LPCWSTR argument: nil for C NULL, else the string.
func str(v goja.Value) (*string, bool) {
	if isNull(v) {
		return nil, true
	}
	if _, ok := com.Export(v).(string); !ok {
		return nil, false
	}
	s := v.String()
	return &s, true
}

// strOr returns the string argument, or def for NULL.
func strOr(v goja.Value, def string) (string, bool) {
	s, ok := str(v)
	if !ok {
		return "", false
	}
	if s == nil {
		return def, true
	}
	return *s, true
}

// bytesOf converts a buffer argument: a Uint8Array (or any typed array,
// DataView, ArrayBuffer) gives its bytes, a string its UTF-8 encoding,
// null none. The bytes are copied, so the script may reuse its buffer.
func (m *module) bytesOf(v goja.Value) ([]byte, bool) {
	if isNull(v) {
		return nil, true
	}
	if s, ok := com.Export(v).(string); ok {
		return []byte(s), true
	}
	if _, ok := v.(*goja.Object); !ok {
		return nil, false
	}
	switch com.Export(v).(type) {
	case goja.ArrayBuffer, []byte, []int8, []uint16, []int16, []uint32, []int32, []float32, []float64, []int64, []uint64:
	default:
		if v.(*goja.Object).ClassName() != "DataView" {
			return nil, false
		}
	}
	var b []byte
	if err := m.rt.ExportTo(v, &b); err != nil {
		return nil, false
	}
	return append([]byte(nil), b...), true
}

// uint8Array wraps b (owned by the caller from now on) as a Uint8Array.
func (m *module) uint8Array(b []byte) goja.Value {
	ctor, _ := goja.AssertConstructor(m.rt.Get("Uint8Array"))
	arr, err := ctor(nil, m.rt.ToValue(m.rt.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	return arr
}

// object builds a plain JS object from ordered name/value pairs.
func (m *module) object(kv ...any) *goja.Object {
	o := m.rt.NewObject()
	for i := 0; i+1 < len(kv); i += 2 {
		v := kv[i+1]
		if p, ok := v.(*string); ok {
			if p == nil {
				v = goja.Null()
			} else {
				v = *p
			}
		}
		_ = o.Set(kv[i].(string), v)
	}
	return o
}

// field reads property name of an object argument (undefined if absent).
func field(o *goja.Object, name string) goja.Value {
	if o == nil {
		return goja.Undefined()
	}
	v := o.Get(name)
	if v == nil {
		return goja.Undefined()
	}
	return v
}
