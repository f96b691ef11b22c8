package host

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// Permissions is the file and process policy that the companion classes
// (ADODB.Stream, Scripting.FileSystemObject, WScript.Shell) consult before
// touching the disk or starting a program. The zero value denies
// everything, so that a runtime embedded in a Go program gets no file
// access unless its host grants some.
type Permissions struct {
	// All grants every file access and running programs, as cscript has
	// (the CLI's default without --sandbox).
	All bool
	// Read lists folders whose contents may be read (--allow-read).
	// Folders in Write may be read too.
	Read []string
	// Write lists folders whose contents may be created, changed and
	// deleted (--allow-write).
	Write []string
	// Run allows WScript.Shell's Run and Exec (--allow-run).
	Run bool
}

// Unrestricted returns the policy that allows everything.
func Unrestricted() Permissions { return Permissions{All: true, Run: true} }

// Access is the kind of access a PermissionError was about.
type Access string

// The kinds of access, named by the flag that grants them.
const (
	AccessRead  Access = "read"
	AccessWrite Access = "write"
	AccessRun   Access = "run"
)

// PermissionError is a denial: it names the path (or command line) and the
// flag that would have granted it.
type PermissionError struct {
	Access Access
	// Path is the absolute path, or the command line for AccessRun.
	Path string
}

// Flag is the winhttpjs run flag that grants the access.
func (e *PermissionError) Flag() string {
	switch e.Access {
	case AccessRun:
		return "--allow-run"
	case AccessWrite:
		return "--allow-write=DIR"
	}
	return "--allow-read=DIR"
}

// Error names the access, the path and the flag that grants it.
func (e *PermissionError) Error() string {
	if e.Access == AccessRun {
		return "running " + e.Path + " is not allowed (grant it with " + e.Flag() + ")"
	}
	return string(e.Access) + " access to " + e.Path + " is not allowed (grant a folder containing it with " + e.Flag() + ")"
}

// ErrDenied is matched by every PermissionError (errors.Is).
var ErrDenied = errors.New("permission denied")

// Is makes errors.Is(err, ErrDenied) true.
func (e *PermissionError) Is(target error) bool { return target == ErrDenied }

// CheckRead reports whether path (absolute) may be read.
func (p Permissions) CheckRead(path string) error {
	if p.All || within(path, p.Read) || within(path, p.Write) {
		return nil
	}
	return &PermissionError{Access: AccessRead, Path: path}
}

// CheckWrite reports whether path (absolute) may be created, changed or
// deleted.
func (p Permissions) CheckWrite(path string) error {
	if p.All || within(path, p.Write) {
		return nil
	}
	return &PermissionError{Access: AccessWrite, Path: path}
}

// CheckRun reports whether the command line may be run.
func (p Permissions) CheckRun(commandLine string) error {
	if p.All || p.Run {
		return nil
	}
	return &PermissionError{Access: AccessRun, Path: commandLine}
}

// within reports whether path lies in one of roots. Both sides are
// resolved through symbolic links, so that a link inside a granted folder
// cannot lead outside it.
func within(path string, roots []string) bool {
	if len(roots) == 0 {
		return false
	}
	real := resolve(path)
	for _, root := range roots {
		if root == "" {
			continue
		}
		r := resolve(root)
		if real == r || strings.HasPrefix(real, strings.TrimSuffix(r, string(filepath.Separator))+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// resolve returns the absolute, cleaned form of path with the links of its
// longest existing prefix followed; the part that does not exist yet (a
// file about to be created) is kept as written.
func resolve(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	rest := ""
	cur := abs
	for {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest)
		} else if !errors.Is(err, os.ErrNotExist) {
			return abs
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}
