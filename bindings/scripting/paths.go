package scripting

import (
	"crypto/rand"
	"encoding/hex"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
)

// The path functions work on the text of a path, as the FileSystemObject's
// do: both '\' and '/' separate components, and nothing is looked up on
// disk (GetAbsolutePathName excepted).

func isSep(c byte) bool { return c == '/' || c == '\\' }

// driveLen is the length of a "C:" drive prefix, 0 when there is none.
func driveLen(p string) int {
	if len(p) >= 2 && p[1] == ':' && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')) {
		return 2
	}
	return 0
}

// trimTrailingSeps drops separators at the end, but not a root's.
func trimTrailingSeps(p string) string {
	root := driveLen(p) + 1
	for len(p) > root && isSep(p[len(p)-1]) {
		p = p[:len(p)-1]
	}
	return p
}

// fileName is GetFileName: the last component.
func fileName(p string) string {
	p = trimTrailingSeps(p)
	d := driveLen(p)
	i := len(p) - 1
	for i >= d && !isSep(p[i]) {
		i--
	}
	return p[i+1:]
}

// parentFolderName is GetParentFolderName: the path without its last
// component and the separator before it ("" for a bare name; a root stays).
func parentFolderName(p string) string {
	p = trimTrailingSeps(p)
	d := driveLen(p)
	i := len(p) - 1
	for i >= d && !isSep(p[i]) {
		i--
	}
	if i < d {
		return p[:d]
	}
	parent := p[:i]
	for len(parent) > d && isSep(parent[len(parent)-1]) {
		parent = parent[:len(parent)-1]
	}
	if len(parent) == d {
		return p[:i+1]
	}
	return parent
}

// extensionName is GetExtensionName: after the last dot of the last
// component, "" when it has none.
func extensionName(p string) string {
	name := fileName(p)
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return ""
}

// baseName is GetBaseName: the last component without its extension.
func baseName(p string) string {
	name := fileName(p)
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[:i]
	}
	return name
}

// buildPath is BuildPath: path and name joined by one separator. The
// separator is '\' when path is written with backslashes and '/' otherwise,
// so that Windows-style and native paths both come out consistent.
func buildPath(path, name string) string {
	if path == "" {
		return name
	}
	sep := "/"
	if strings.Contains(path, "\\") && !strings.Contains(path, "/") {
		sep = "\\"
	}
	if isSep(path[len(path)-1]) || (len(path) == 2 && driveLen(path) == 2) {
		sep = ""
	}
	for len(name) > 0 && isSep(name[0]) {
		name = name[1:]
	}
	return path + sep + name
}

// driveName is GetDriveName: "C:" for a drive-letter path, "" otherwise
// (there are no drives here).
func driveName(p string) string { return p[:driveLen(p)] }

// tempName is GetTempName: "rad" and five hexadecimal digits, ".tmp".
func tempName() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return "rad" + strings.ToUpper(hex.EncodeToString(b[:])[:5]) + ".tmp"
}

func (f *fso) absolutePathName(call goja.FunctionCall) goja.Value {
	p := call.Argument(0)
	if goja.IsUndefined(p) || goja.IsNull(p) || p.String() == "" {
		return f.rt.ToValue(f.sys.Dir())
	}
	return f.rt.ToValue(filepath.Clean(f.sys.Abs(p.String())))
}
