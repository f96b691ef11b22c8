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

// isTypedArrayType reports whether typ is the export type of one of goja's
// TypedArrays; their bytes are sent as they lie in memory, as a SAFEARRAY
// of VT_UI1 would be.
func isTypedArrayType(typ reflect.Type) bool {
	if typ == nil || typ.Kind() != reflect.Slice {
		return false
	}
	switch typ.Elem().Kind() {
	case reflect.Uint8, reflect.Int8, reflect.Uint16, reflect.Int16, reflect.Uint32, reflect.Int32,
		reflect.Float32, reflect.Float64, reflect.Int64, reflect.Uint64:
		return true
	}
	return false
}

// bodyOf converts Send's argument. Strings are encoded as UTF-8; byte
// containers (ArrayBuffer, any TypedArray or Buffer, DataView, another
// request's ResponseBody) are copied verbatim, as are COM-like objects whose
// Native value has a Bytes method (ResponseStream, a host's stream); null or
// no argument means no body; numbers and booleans are sent as their text.
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
	if n, ok := com.NativeOf(o); ok {
		if src, ok := n.(interface{ Bytes() []byte }); ok {
			return requestBody{data: append([]byte{}, src.Bytes()...), present: true}
		}
	}
	if s, ok := o.Export().(string); ok {
		return requestBody{data: []byte(s), isString: true, present: true}
	}
	com.ThrowDetail(r.rt, com.HRTypeMismatch, com.MsgTypeMismatch, source,
		"Send: the body must be a string or bytes (Uint8Array, ArrayBuffer, DataView, ResponseBody, ResponseStream), not "+className(o))
	return requestBody{}
}

// bytesOf returns the bytes viewed by a byte container, sharing memory.
func bytesOf(rt *goja.Runtime, o *goja.Object) ([]byte, bool) {
	typ := o.ExportType()
	if ab, ok := o.Export().(goja.ArrayBuffer); ok && typ == reflect.TypeOf(goja.ArrayBuffer{}) {
		return ab.Bytes(), true
	}
	if isTypedArrayType(typ) || isDataView(o) {
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
