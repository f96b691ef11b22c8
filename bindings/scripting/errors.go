package scripting

import (
	"errors"
	"io/fs"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/host"
)

// The FileSystemObject's errors are VBScript/JScript runtime errors
// (facility 0x0A), reported with JScript's source as cscript prints them.
const (
	hrInvalidCall   = 0x800A0005 // 5
	hrFileNotFound  = 0x800A0035 // 53
	hrBadFileMode   = 0x800A0036 // 54
	hrFileExists    = 0x800A003A // 58
	hrPastEOF       = 0x800A003E // 62
	hrPermission    = 0x800A0046 // 70
	hrPathFileError = 0x800A004B // 75
	hrPathNotFound  = 0x800A004C // 76
	hrBadFileName   = 0x800A0034 // 52

	msgInvalidCall   = "Invalid procedure call or argument"
	msgFileNotFound  = "File not found"
	msgBadFileMode   = "Bad file mode"
	msgFileExists    = "File already exists"
	msgPastEOF       = "Input past end of file"
	msgPermission    = "Permission denied"
	msgPathFileError = "Path/File access error"
	msgPathNotFound  = "Path not found"
	msgBadFileName   = "Bad file name or number"

	source = com.SourceJScript
)

func throw(rt *goja.Runtime, hr uint32, msg, detail string) {
	com.ThrowDetail(rt, hr, msg, source, detail)
}

// throwOS throws the FSO error for a failed file operation: a policy denial
// says which path and which flag in its description; other failures keep
// the Windows text and name the path in the detail.
func throwOS(rt *goja.Runtime, err error, notFound uint32) {
	var pe *host.PermissionError
	switch {
	case errors.As(err, &pe):
		com.ThrowDetail(rt, hrPermission, msgPermission+": "+pe.Error(), source, "")
	case errors.Is(err, fs.ErrNotExist):
		if notFound == hrPathNotFound {
			throw(rt, hrPathNotFound, msgPathNotFound, err.Error())
		}
		throw(rt, hrFileNotFound, msgFileNotFound, err.Error())
	case errors.Is(err, fs.ErrExist):
		throw(rt, hrFileExists, msgFileExists, err.Error())
	case errors.Is(err, fs.ErrPermission):
		throw(rt, hrPermission, msgPermission, err.Error())
	}
	throw(rt, hrPathFileError, msgPathFileError, err.Error())
}
