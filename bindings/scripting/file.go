package scripting

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// FileAttribute bits the objects report.
const (
	attrReadOnly  = 1
	attrDirectory = 16
	attrArchive   = 32
)

func (f *fso) getFile(call goja.FunctionCall) goja.Value {
	path, err := f.sys.ReadPath(f.args(call, "GetFile").String(0, "FilePath"))
	if err != nil {
		throwOS(f.rt, err, hrFileNotFound)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.IsDir() {
		throw(f.rt, hrFileNotFound, msgFileNotFound, path+" is not an existing file")
	}
	return f.fileObject(path)
}

// info stats path again on every property read: File and Folder objects
// describe the disk as it is now, not as it was when they were made.
func (f *fso) info(path string, wantDir bool) os.FileInfo {
	fi, err := os.Stat(path)
	if err != nil || fi.IsDir() != wantDir {
		if wantDir {
			throw(f.rt, hrPathNotFound, msgPathNotFound, path+" no longer exists")
		}
		throw(f.rt, hrFileNotFound, msgFileNotFound, path+" no longer exists")
	}
	return fi
}

func attributes(fi os.FileInfo) int64 {
	var a int64
	if fi.IsDir() {
		a |= attrDirectory
	} else {
		a |= attrArchive
	}
	if fi.Mode().Perm()&0o200 == 0 {
		a |= attrReadOnly
	}
	return a
}

// date returns a time as a JavaScript Date (a VT_DATE arrives in JScript
// as a date value).
func (f *fso) date(t time.Time) goja.Value {
	v, err := f.rt.New(f.rt.Get("Date"), f.rt.ToValue(t.UnixMilli()))
	if err != nil {
		panic(err)
	}
	return v
}

// fileObject is a File: its default property is Path, so String(file)
// and WScript.Echo(file) print the path.
func (f *fso) fileObject(path string) *goja.Object {
	rt := f.rt
	info := func() os.FileInfo { return f.info(path, false) }
	return com.NewObject(rt, []com.Member{
		{Name: "Name", Get: func() goja.Value { return rt.ToValue(filepath.Base(path)) }, Set: func(v goja.Value) { path = f.rename(path, v.String()) }},
		{Name: "Path", Get: func() goja.Value { return rt.ToValue(path) }},
		{Name: "ShortName", Get: func() goja.Value { return rt.ToValue(filepath.Base(path)) }},
		{Name: "ShortPath", Get: func() goja.Value { return rt.ToValue(path) }},
		{Name: "Size", Get: func() goja.Value { return rt.ToValue(info().Size()) }},
		{Name: "Type", Get: func() goja.Value { return rt.ToValue(fileType(path)) }},
		{Name: "Attributes", Get: func() goja.Value { return rt.ToValue(attributes(info())) }},
		{Name: "DateLastModified", Get: func() goja.Value { return f.date(info().ModTime()) }},
		{Name: "DateCreated", Get: func() goja.Value { return f.date(info().ModTime()) }},
		{Name: "DateLastAccessed", Get: func() goja.Value { return f.date(info().ModTime()) }},
		{Name: "ParentFolder", Get: func() goja.Value { return f.folderObject(filepath.Dir(path)) }},
		{Name: "Drive", Get: func() goja.Value { return rt.ToValue("") }},
		{Name: "Copy", Method: func(call goja.FunctionCall) goja.Value {
			a := f.args(call, "Copy")
			to := f.target(a.String(0, "Destination"), filepath.Base(path), false)
			f.checkDestination(to, a.OptBool(1, "OverWriteFiles", true))
			f.notItself(path, to)
			if err := copyFileData(path, to); err != nil {
				throwOS(rt, err, hrPathNotFound)
			}
			return nil
		}},
		{Name: "Move", Method: func(call goja.FunctionCall) goja.Value {
			to := f.target(f.args(call, "Move").String(0, "Destination"), filepath.Base(path), false)
			if _, err := f.sys.WritePath(path); err != nil {
				throwOS(rt, err, hrFileNotFound)
			}
			f.checkDestination(to, false)
			if err := move(path, to); err != nil {
				throwOS(rt, err, hrPathNotFound)
			}
			path = to
			return nil
		}},
		{Name: "Delete", Method: func(call goja.FunctionCall) goja.Value {
			force := f.args(call, "Delete").OptBool(0, "Force", false)
			if _, err := f.sys.WritePath(path); err != nil {
				throwOS(rt, err, hrFileNotFound)
			}
			if !force && info().Mode().Perm()&0o200 == 0 {
				throw(rt, hrPermission, msgPermission, path+" is read-only (pass true as Force)")
			}
			if err := os.Remove(path); err != nil {
				throwOS(rt, err, hrFileNotFound)
			}
			return nil
		}},
		{Name: "OpenAsTextStream", Method: func(call goja.FunctionCall) goja.Value {
			a := f.args(call, "OpenAsTextStream")
			mode := a.OptInt(0, "IOMode", forReading)
			if mode != forReading && mode != forWriting && mode != forAppending {
				throw(rt, hrInvalidCall, msgInvalidCall, "OpenAsTextStream: IOMode must be 1, 2 or 8")
			}
			return f.openText(path, mode, false, f.tristate(a.OptInt(1, "Format", tristateFalse), "OpenAsTextStream"))
		}},
	}, com.ObjectOptions{
		Source:  "Scripting.File",
		Inspect: func() string { return path },
	})
}

// rename sets a File's or Folder's Name: a rename within its folder.
func (f *fso) rename(path, name string) string {
	if name == "" || strings.ContainsAny(name, "/\\") {
		throw(f.rt, hrBadFileName, msgBadFileName, "Name "+name+" is not a plain file name")
	}
	if _, err := f.sys.WritePath(path); err != nil {
		throwOS(f.rt, err, hrFileNotFound)
	}
	to := filepath.Join(filepath.Dir(path), name)
	if _, err := os.Stat(to); err == nil {
		throw(f.rt, hrFileExists, msgFileExists, to+" already exists")
	}
	if err := os.Rename(path, to); err != nil {
		throwOS(f.rt, err, hrFileNotFound)
	}
	return to
}

// fileType is what Explorer would call the file: "TXT File" for an
// extension without a registered type, the way Windows names them.
func fileType(path string) string {
	ext := strings.TrimPrefix(filepath.Ext(path), ".")
	if ext == "" {
		return "File"
	}
	return strings.ToUpper(ext) + " File"
}
