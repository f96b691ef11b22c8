package adodb

import (
	"errors"

	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/host"
)

// source is the IErrorInfo source of the object's errors.
const source = "ADODB.Stream"

// ADO's ErrorValueEnum values as HRESULTs (facility 0x0A) and their
// English descriptions.
const (
	hrInvalidArgument = 0x800A0BB9 // 3001 adErrInvalidArgument
	hrOpeningFile     = 0x800A0BBA // 3002 adErrOpeningFile
	hrReadFile        = 0x800A0BBB // 3003 adErrReadFile
	hrWriteFile       = 0x800A0BBC // 3004 adErrWriteFile
	hrIllegal         = 0x800A0C93 // 3219 adErrIllegalOperation
	hrObjectClosed    = 0x800A0E78 // 3704 adErrObjectClosed
	hrObjectOpen      = 0x800A0E79 // 3705 adErrObjectOpen
	hrNotSupported    = 0x800A0CB3 // 3251 adErrFeatureNotAvailable

	msgInvalidArgument = "Arguments are of the wrong type, are out of acceptable range, or are in conflict with one another."
	msgOpeningFile     = "File could not be opened."
	msgReadFile        = "File could not be read."
	msgWriteFile       = "Write to file failed."
	msgIllegal         = "Operation is not allowed in this context."
	msgObjectClosed    = "Operation is not allowed when the object is closed."
	msgObjectOpen      = "Operation is not allowed when the object is open."
	msgNotSupported    = "Current provider does not support the necessary interface for this operation."
)

func (s *stream) throw(hr uint32, msg, detail string) {
	com.ThrowDetail(s.rt, hr, msg, source, detail)
}

// throwFile throws ADO's error for a failed file operation. A denial by
// the host's policy keeps ADO's number but says in the description which
// path and which flag, since a script printing e.description must show it.
func (s *stream) throwFile(hr uint32, msg string, err error) {
	var pe *host.PermissionError
	if errors.As(err, &pe) {
		com.ThrowDetail(s.rt, hr, msg+" Permission denied: "+pe.Error(), source, "")
	}
	com.ThrowDetail(s.rt, hr, msg, source, err.Error())
}
