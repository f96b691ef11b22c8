package winhttpapi

import (
	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// getLastError is GetLastError(): the code the last failing call set (or 0
// after calls that reset it on success, as WinHTTP's do).
func (m *module) getLastError(goja.FunctionCall) goja.Value { return m.rt.ToValue(m.lastError) }

// setLastErrorJS is SetLastError(code), for ports that reset it themselves.
func (m *module) setLastErrorJS(call goja.FunctionCall) goja.Value {
	code, ok := dword(call.Argument(0))
	if ok {
		m.lastError = code
	}
	return goja.Undefined()
}

// ok records success (last error 0) and returns true.
func (m *module) ok() goja.Value {
	m.lastError = 0
	return m.rt.ToValue(true)
}

// fail records code and returns false (BOOL functions).
func (m *module) fail(code engine.Code) goja.Value {
	m.lastError = uint32(code)
	return m.rt.ToValue(false)
}

// failNull records code and returns null (functions that return a handle
// or a value).
func (m *module) failNull(code engine.Code) goja.Value {
	m.lastError = uint32(code)
	return goja.Null()
}

// failErr is fail with the code an engine error carries (ERROR_WINHTTP_INTERNAL_ERROR
// if it carries none).
func (m *module) failErr(err error) goja.Value { return m.fail(codeOf(err)) }

// failNullErr is failNull with the code of err.
func (m *module) failNullErr(err error) goja.Value { return m.failNull(codeOf(err)) }

// dwordResult returns a DWORD-returning function's result: the code
// itself (0 on success), also recorded as the last error.
func (m *module) dwordResult(code engine.Code) goja.Value {
	m.lastError = uint32(code)
	return m.rt.ToValue(uint32(code))
}

func codeOf(err error) engine.Code {
	if c := engine.CodeOf(err); c != 0 {
		return c
	}
	return engine.ErrInternal
}

// unsupportedBool fails a BOOL function that has no meaning off Windows.
func (m *module) unsupportedBool(goja.FunctionCall) goja.Value { return m.fail(engine.ErrNotSupported) }

// unsupportedDword fails a DWORD function that has no meaning off Windows.
func (m *module) unsupportedDword(goja.FunctionCall) goja.Value {
	return m.dwordResult(engine.ErrNotSupported)
}
