package winhttp

import (
	"reflect"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// requestBody is Send's argument turned into bytes.
type requestBody struct {
	data     []byte
	isString bool // a string body gets a UTF-8 Content-Type
	present  bool
}

var byteSliceType = reflect.TypeOf([]byte(nil))

// typedArrayTypes are the export types of goja's TypedArrays; their bytes
// are sent as they lie in memory, as a SAFEARRAY of VT_UI1 would be.
var typedArrayTypes = map[reflect.Type]bool{
	reflect.TypeOf([]uint8(nil)): true, reflect.TypeOf([]int8(nil)): true,
	reflect.TypeOf([]uint16(nil)): true, reflect.TypeOf([]int16(nil)): true,
	reflect.TypeOf([]uint32(nil)): true, reflect.TypeOf([]int32(nil)): true,
	reflect.TypeOf([]float32(nil)): true, reflect.TypeOf([]float64(nil)): true,
	reflect.TypeOf([]int64(nil)): true, reflect.TypeOf([]uint64(nil)): true,
}

// bodyOf converts Send's argument. Strings are encoded as UTF-8; byte
// containers (ArrayBuffer, any TypedArray or Buffer, DataView, another
// request's ResponseBody) are copied verbatim; null or no argument means
// no body; numbers and booleans are sent as their text.
func (r *request) bodyOf(call goja.FunctionCall) requestBody {
	if absent(call, 0) || goja.IsNull(call.Argument(0)) {
		return requestBody{}
	}
	v := call.Argument(0)
	o, isObj := v.(*goja.Object)
	if !isObj {
		return requestBody{data: []byte(v.String()), isString: true, present: true}
	}
	if b, ok := bytesOf(r.rt, o); ok {
		return requestBody{data: append([]byte{}, b...), present: true}
	}
	if s, ok := o.Export().(string); ok {
		return requestBody{data: []byte(s), isString: true, present: true}
	}
	com.ThrowDetail(r.rt, com.HRTypeMismatch, com.MsgTypeMismatch, source,
		"Send: the body must be a string or bytes (Uint8Array, ArrayBuffer, DataView, ResponseBody), not "+className(o))
	return requestBody{}
}

// bytesOf returns the bytes viewed by a byte container, sharing memory.
func bytesOf(rt *goja.Runtime, o *goja.Object) ([]byte, bool) {
	typ := o.ExportType()
	if ab, ok := o.Export().(goja.ArrayBuffer); ok && typ == reflect.TypeOf(goja.ArrayBuffer{}) {
		return ab.Bytes(), true
	}
	if typedArrayTypes[typ] || isDataView(o) {
		var b []byte
		if err := rt.ExportTo(o, &b); err == nil {
			return b, true
		}
	}
	return nil, false
}

func isDataView(o *goja.Object) bool {
	tag := o.GetSymbol(goja.SymToStringTag)
	return tag != nil && tag.String() == "DataView"
}

func className(o *goja.Object) string {
	if tag := o.GetSymbol(goja.SymToStringTag); tag != nil && !goja.IsUndefined(tag) {
		return tag.String()
	}
	return strings.ToLower(o.ClassName())
}
