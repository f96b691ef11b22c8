package winhttp

import (
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
)

// requestBody is Send's argument turned into bytes.
type requestBody struct {
	data     []byte
	isString bool // a string body gets a UTF-8 Content-Type
	present  bool
	// shared is set when data is the script's own memory (a byte
	// container): Send copies it unless the script cannot run before
	// the transfer is over.
	shared bool
}

// bodyOf converts Send's argument. Strings are encoded as UTF-8; byte
// containers (ArrayBuffer, any TypedArray or Buffer, DataView, another
// request's ResponseBody) are taken verbatim (a view: see shared), as are COM-like objects whose
// Native value has a Bytes method (ResponseStream, a host's stream); null or
// no argument means no body; numbers and booleans are sent as their text.
func (r *request) bodyOf(call goja.FunctionCall) requestBody {
	if absent(call, 0) || goja.IsNull(call.Argument(0)) {
		return requestBody{}
	}
	v := call.Argument(0)
	o, isObj := v.(*goja.Object)
	if !isObj {
		return requestBody{data: hugebuf.Bytes(v.String()), isString: true, present: true}
	}
	if b, ok := comarg.Bytes(r.rt, o); ok {
		return requestBody{data: b, present: true, shared: true}
	}
	if s, ok := com.Export(o).(string); ok {
		return requestBody{data: hugebuf.Bytes(s), isString: true, present: true}
	}
	com.ThrowDetail(r.rt, com.HRTypeMismatch, com.MsgTypeMismatch, source,
		"Send: the body must be a string or bytes (Uint8Array, ArrayBuffer, DataView, ResponseBody, ResponseStream), not "+className(o))
	return requestBody{}
}

func className(o *goja.Object) string {
	if tag := o.GetSymbol(goja.SymToStringTag); tag != nil && !goja.IsUndefined(tag) {
		return tag.String()
	}
	return strings.ToLower(o.ClassName())
}
