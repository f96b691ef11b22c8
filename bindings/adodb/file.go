package adodb

import (
	"errors"
	"io/fs"
	"os"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
)

// SaveOptionsEnum values.
const (
	adSaveCreateNotExist  = 1
	adSaveCreateOverWrite = 2
)

func nativeOf(o *goja.Object) (any, bool) { return com.NativeOf(o) }

// saveToFile is SaveToFile(FileName, [Options]): the whole stream (its
// byte-order mark included), whatever the position. Option 1, the
// default, fails when the file exists; 2 replaces it.
func (s *stream) saveToFile(call goja.FunctionCall) goja.Value {
	a := s.args(call, "SaveToFile")
	name := a.String(0, "FileName")
	opt := a.OptInt(1, "Options", adSaveCreateNotExist)
	s.mustOpen("SaveToFile")
	if opt != adSaveCreateNotExist && opt != adSaveCreateOverWrite {
		s.throw(hrInvalidArgument, msgInvalidArgument, "SaveToFile: Options must be 1 (adSaveCreateNotExist) or 2 (adSaveCreateOverWrite)")
	}
	if name == "" {
		s.throw(hrInvalidArgument, msgInvalidArgument, "SaveToFile: FileName is empty")
	}
	path, err := s.sys.WritePath(name)
	if err != nil {
		s.throwFile(hrWriteFile, msgWriteFile, err)
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if opt == adSaveCreateNotExist {
		flags = os.O_WRONLY | os.O_CREATE | os.O_EXCL
	}
	f, err := os.OpenFile(path, flags, 0o666)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			s.throw(hrWriteFile, msgWriteFile, path+" already exists (pass 2, adSaveCreateOverWrite, to replace it)")
		}
		s.throwFile(hrWriteFile, msgWriteFile, err)
	}
	_, werr := f.Write(s.data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		s.throwFile(hrWriteFile, msgWriteFile, errors.Join(werr, cerr))
	}
	return nil
}

// loadFromFile is LoadFromFile(FileName): the file replaces the stream's
// content and the position goes to 0.
func (s *stream) loadFromFile(call goja.FunctionCall) goja.Value {
	a := s.args(call, "LoadFromFile")
	name := a.String(0, "FileName")
	s.mustOpen("LoadFromFile")
	path, err := s.sys.ReadPath(name)
	if err != nil {
		s.throwFile(hrOpeningFile, msgOpeningFile, err)
	}
	b, err := readFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
			s.throwFile(hrOpeningFile, msgOpeningFile, err)
		}
		s.throwFile(hrReadFile, msgReadFile, err)
	}
	s.data = b
	s.pos = 0
	return nil
}

// readFile is os.ReadFile into memory from hugebuf: a large file (the
// body of an upload, loaded to be sent) is read into huge pages.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	return hugebuf.ReadAll(f, size)
}
