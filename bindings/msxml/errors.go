package msxml

import (
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/engine"
)

// HRESULTs the object raises besides the network's WinHTTP codes.
const (
	hrPending  = 0x8000000A // E_PENDING
	hrFail     = 0x80004005 // E_FAIL
	hrInvalid  = 0x80070057 // E_INVALIDARG
	hrNotImpl  = 0x80004001 // E_NOTIMPL
	msgPending = "The data necessary to complete this operation is not yet available."
	msgFail    = "Unspecified error"
	msgInvalid = "The parameter is incorrect."
)

func (x *xhr) throw(hr uint32, msg, detail string) {
	com.ThrowDetail(x.rt, hr, msg, x.source, detail)
}

// notSupported throws E_NOTIMPL for the MSXML DOM features this host
// leaves out, saying so in the description.
func (x *xhr) notSupported(what string) {
	x.throw(hrNotImpl, "Not implemented: "+what+" is not supported (winhttpjs has no MSXML DOM; parse responseText instead)", what)
}

// throwErr throws the error of a failed transfer: WinHTTP's code as an
// HRESULT, as ServerXMLHTTP reports it (XMLHTTP's WinInet uses the same
// numbers for the same failures).
func (x *xhr) throwErr(err error) {
	code := engine.CodeFor(err)
	com.ThrowDetail(x.rt, code.HRESULT(), code.Message(), x.source, err.Error())
}
