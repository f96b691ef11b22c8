package scripting

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dop251/goja"
)

// IOMode values of OpenTextFile.
const (
	forReading   = 1
	forWriting   = 2
	forAppending = 8
)

// openTextFile is OpenTextFile(FileName, [IOMode], [Create], [Format]).
func (f *fso) openTextFile(call goja.FunctionCall) goja.Value {
	a := f.args(call, "OpenTextFile")
	name := a.String(0, "FileName")
	mode := a.OptInt(1, "IOMode", forReading)
	create := a.OptBool(2, "Create", false)
	format := a.OptInt(3, "Format", tristateFalse)
	if mode != forReading && mode != forWriting && mode != forAppending {
		throw(f.rt, hrInvalidCall, msgInvalidCall, "OpenTextFile: IOMode must be 1 (ForReading), 2 (ForWriting) or 8 (ForAppending)")
	}
	unicodeText := f.tristate(format, "OpenTextFile")
	return f.openText(name, mode, create, unicodeText)
}

// createTextFile is CreateTextFile(FileName, [Overwrite], [Unicode]);
// Overwrite defaults to true.
func (f *fso) createTextFile(call goja.FunctionCall) goja.Value {
	a := f.args(call, "CreateTextFile")
	name := a.String(0, "FileName")
	overwrite := a.OptBool(1, "Overwrite", true)
	unicodeText := a.OptBool(2, "Unicode", false)
	return f.createText(name, overwrite, unicodeText)
}

func (f *fso) tristate(v int64, member string) bool {
	switch v {
	case tristateTrue:
		return true
	case tristateFalse, tristateUseDefault:
		return false
	}
	throw(f.rt, hrInvalidCall, msgInvalidCall, member+": Format must be 0 (ASCII), -1 (Unicode) or -2 (system default)")
	return false
}

func (f *fso) createText(name string, overwrite, unicodeText bool) goja.Value {
	path, err := f.sys.WritePath(name)
	if err != nil {
		throwOS(f.rt, err, hrPathNotFound)
	}
	f.parentMustExist(path)
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			throw(f.rt, hrPermission, msgPermission, path+" is a folder")
		}
		if !overwrite {
			throw(f.rt, hrFileExists, msgFileExists, path+" exists (pass true as Overwrite to replace it)")
		}
	}
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		throwOS(f.rt, err, hrPathNotFound)
	}
	if unicodeText {
		if _, err := file.WriteString(bomUTF16LE); err != nil {
			_ = file.Close()
			throwOS(f.rt, err, hrPathNotFound)
		}
	}
	return f.writeStream(path, file, unicodeText)
}

func (f *fso) openText(name string, mode int64, create, unicodeText bool) goja.Value {
	if mode == forReading {
		path, err := f.sys.ReadPath(name)
		if err != nil {
			throwOS(f.rt, err, hrFileNotFound)
		}
		file, err := os.Open(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				f.parentMustExist(path)
				if create {
					// Windows creates the empty file even for reading.
					f.createText(name, false, false)
					file, err = os.Open(path)
				}
			}
			if err != nil {
				throwOS(f.rt, err, hrFileNotFound)
			}
		}
		var size int64
		if fi, err := file.Stat(); err == nil {
			if fi.IsDir() {
				_ = file.Close()
				throw(f.rt, hrPermission, msgPermission, path+" is a folder")
			}
			size = fi.Size()
		}
		return NewTextStream(f.rt, StreamConfig{Name: path, Reader: decoder(file, unicodeText), Closer: file, SizeHint: size})
	}
	path, err := f.sys.WritePath(name)
	if err != nil {
		throwOS(f.rt, err, hrFileNotFound)
	}
	f.parentMustExist(path)
	_, statErr := os.Stat(path)
	exists := statErr == nil
	if !exists && !create {
		throw(f.rt, hrFileNotFound, msgFileNotFound, path+" does not exist (pass true as Create to create it)")
	}
	if mode == forWriting || !exists {
		return f.createText(name, true, unicodeText)
	}
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		throwOS(f.rt, err, hrFileNotFound)
	}
	return f.writeStream(path, file, unicodeText)
}

// parentMustExist throws 76 "Path not found" when path's folder is missing.
func (f *fso) parentMustExist(path string) {
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
		throw(f.rt, hrPathNotFound, msgPathNotFound, filepath.Dir(path)+" does not exist")
	}
}

// writeStream wraps a file opened for writing. Writes are not buffered, so
// a script that never calls Close loses nothing (os.File closes the
// descriptor when collected).
func (f *fso) writeStream(path string, file *os.File, unicodeText bool) goja.Value {
	return NewTextStream(f.rt, StreamConfig{Name: path, Writer: encWriter{w: file, unicodeText: unicodeText}, Closer: file})
}
