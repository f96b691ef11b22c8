package com

// HRESULTs that the COM layer itself raises, as JScript reports them. JScript
// turns the DISP_E_* failures of IDispatch::Invoke into its own runtime
// errors (facility 0x0A), so these are the numbers scripts compare against.
const (
	// HRUnsupportedMember is JScript error 438 (DISP_E_UNKNOWNNAME,
	// DISP_E_MEMBERNOTFOUND).
	HRUnsupportedMember uint32 = 0x800A01B6
	// HRCannotCreateObject is JScript error 429 (ActiveXObject failure).
	HRCannotCreateObject uint32 = 0x800A01AD
	// HRArgumentNotOptional is JScript error 449 (DISP_E_PARAMNOTFOUND).
	HRArgumentNotOptional uint32 = 0x800A01C1
	// HRInvalidAssignment is JScript error 450 (DISP_E_BADPARAMCOUNT, an
	// assignment to a read-only property).
	HRInvalidAssignment uint32 = 0x800A01C2
	// HRTypeMismatch is JScript error 13 (DISP_E_TYPEMISMATCH).
	HRTypeMismatch uint32 = 0x800A000D
	// HRInvalidArg is E_INVALIDARG.
	HRInvalidArg uint32 = 0x80070057
	// HRPending is E_PENDING.
	HRPending uint32 = 0x8000000A
	// HRNotImpl is E_NOTIMPL.
	HRNotImpl uint32 = 0x80004001
)

// JScript's English texts for the errors above.
const (
	MsgUnsupportedMember   = "Object doesn't support this property or method"
	MsgCannotCreateObject  = "Automation server can't create object"
	MsgArgumentNotOptional = "Argument not optional"
	MsgInvalidAssignment   = "Wrong number of arguments or invalid property assignment"
	MsgTypeMismatch        = "Type mismatch"
)

// SourceJScript is the source JScript names for its own runtime errors.
const SourceJScript = "Microsoft JScript runtime error"
