// Package scripting provides Scripting.FileSystemObject and the objects it
// hands out (TextStream, File, Folder, the Files and SubFolders
// collections), over the host's file policy (host.Permissions) and the
// runtime's current directory.
package scripting

import (
	"os"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/bindings/hostsys"
)

// ProgIDs returns the names the object is created by.
func ProgIDs() []string { return []string{"Scripting.FileSystemObject"} }

// Factory returns a com.Factory making FileSystemObjects over sys.
func Factory(sys *hostsys.System) com.Factory {
	return func(rt *goja.Runtime) (*goja.Object, error) { return New(rt, sys), nil }
}

// fso is one FileSystemObject. It holds no state of its own: every call
// goes to the disk, as the COM object's do.
type fso struct {
	rt  *goja.Runtime
	sys *hostsys.System
}

// New creates a FileSystemObject.
func New(rt *goja.Runtime, sys *hostsys.System) *goja.Object {
	f := &fso{rt: rt, sys: sys}
	str := func(fn func(string) string) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			return rt.ToValue(fn(call.Argument(0).String()))
		}
	}
	return com.NewObject(rt, []com.Member{
		{Name: "FileExists", Method: f.fileExists},
		{Name: "FolderExists", Method: f.folderExists},
		{Name: "CreateFolder", Method: f.createFolder},
		{Name: "DeleteFile", Method: f.deleteFile},
		{Name: "DeleteFolder", Method: f.deleteFolder},
		{Name: "CopyFile", Method: f.copyFile},
		{Name: "MoveFile", Method: f.moveFile},
		{Name: "CopyFolder", Method: f.copyFolder},
		{Name: "MoveFolder", Method: f.moveFolder},
		{Name: "GetFile", Method: f.getFile},
		{Name: "GetFolder", Method: f.getFolder},
		{Name: "GetSpecialFolder", Method: f.getSpecialFolder},
		{Name: "OpenTextFile", Method: f.openTextFile},
		{Name: "CreateTextFile", Method: f.createTextFile},
		{Name: "GetTempName", Method: func(goja.FunctionCall) goja.Value { return rt.ToValue(tempName()) }},
		{Name: "BuildPath", Method: func(call goja.FunctionCall) goja.Value {
			a := f.args(call, "BuildPath")
			return rt.ToValue(buildPath(a.String(0, "Path"), a.String(1, "Name")))
		}},
		{Name: "GetBaseName", Method: str(baseName)},
		{Name: "GetExtensionName", Method: str(extensionName)},
		{Name: "GetFileName", Method: str(fileName)},
		{Name: "GetParentFolderName", Method: str(parentFolderName)},
		{Name: "GetDriveName", Method: str(driveName)},
		{Name: "GetAbsolutePathName", Method: f.absolutePathName},
	}, com.ObjectOptions{Source: "Scripting.FileSystemObject", Inspect: func() string { return "FileSystemObject" }})
}

func (f *fso) args(call goja.FunctionCall, member string) comarg.Args {
	return comarg.New(f.rt, call, source, member)
}

// stat reads a path for FileExists and FolderExists: a path the policy
// does not let the script read does not exist for it, since both
// functions answer without raising errors on Windows too.
func (f *fso) stat(p string) (os.FileInfo, bool) {
	abs, err := f.sys.ReadPath(p)
	if err != nil {
		return nil, false
	}
	fi, err := os.Stat(abs)
	return fi, err == nil
}

func (f *fso) fileExists(call goja.FunctionCall) goja.Value {
	fi, ok := f.stat(f.args(call, "FileExists").String(0, "FileSpec"))
	return f.rt.ToValue(ok && !fi.IsDir())
}

func (f *fso) folderExists(call goja.FunctionCall) goja.Value {
	fi, ok := f.stat(f.args(call, "FolderExists").String(0, "FolderSpec"))
	return f.rt.ToValue(ok && fi.IsDir())
}

// getSpecialFolder is GetSpecialFolder(n): 2 (TemporaryFolder) is the
// system's temporary folder. There are no Windows (0) or System (1)
// folders here.
func (f *fso) getSpecialFolder(call goja.FunctionCall) goja.Value {
	n := f.args(call, "GetSpecialFolder").Int(0, "SpecialFolder")
	if n != 2 {
		throw(f.rt, hrInvalidCall, msgInvalidCall, "GetSpecialFolder: only 2 (TemporaryFolder) exists here; 0 (WindowsFolder) and 1 (SystemFolder) do not")
	}
	return f.folderObject(os.TempDir())
}
