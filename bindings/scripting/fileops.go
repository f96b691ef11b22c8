package scripting

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dop251/goja"
)

// hasWildcard reports whether the last component of p has * or ?, which
// the Copy/Move/Delete methods expand (only there, as on Windows).
func hasWildcard(p string) bool { return strings.ContainsAny(fileName(p), "*?") }

// expand resolves a file or folder specification whose last component may
// hold wildcards; dirs selects folders rather than files. Matching ignores
// case, as on Windows. It checks the policy with check.
func (f *fso) expand(spec string, dirs bool, check func(string) (string, error)) []string {
	path, err := check(spec)
	if err != nil {
		throwOS(f.rt, err, hrFileNotFound)
	}
	if !hasWildcard(spec) {
		return []string{path}
	}
	dir, pattern := filepath.Dir(path), strings.ToLower(filepath.Base(path))
	entries, err := os.ReadDir(dir)
	if err != nil {
		throw(f.rt, hrPathNotFound, msgPathNotFound, dir+" does not exist")
	}
	var out []string
	for _, e := range entries {
		if ok, _ := filepath.Match(pattern, strings.ToLower(e.Name())); ok && e.IsDir() == dirs {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

// target is where a copied or moved item called name goes: into dst when
// dst ends with a separator (or several items are copied), else dst itself.
func (f *fso) target(dst, name string, many bool) string {
	abs, err := f.sys.WritePath(dst)
	if err != nil {
		throwOS(f.rt, err, hrPathNotFound)
	}
	if many || (dst != "" && isSep(dst[len(dst)-1])) {
		if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
			throw(f.rt, hrPathNotFound, msgPathNotFound, abs+" is not an existing folder")
		}
		return filepath.Join(abs, name)
	}
	return abs
}

func (f *fso) createFolder(call goja.FunctionCall) goja.Value {
	path, err := f.sys.WritePath(f.args(call, "CreateFolder").String(0, "Path"))
	if err != nil {
		throwOS(f.rt, err, hrPathNotFound)
	}
	if _, err := os.Stat(path); err == nil {
		throw(f.rt, hrFileExists, msgFileExists, path+" already exists")
	}
	f.parentMustExist(path)
	if err := os.Mkdir(path, 0o777); err != nil {
		throwOS(f.rt, err, hrPathNotFound)
	}
	return f.folderObject(path)
}

// deleteFile is DeleteFile(FileSpec, [Force]): a read-only file is deleted
// only with Force.
func (f *fso) deleteFile(call goja.FunctionCall) goja.Value {
	a := f.args(call, "DeleteFile")
	spec := a.String(0, "FileSpec")
	force := a.OptBool(1, "Force", false)
	paths := f.expand(spec, false, f.sys.WritePath)
	deleted := 0
	for _, p := range paths {
		fi, err := os.Lstat(p)
		if err != nil || fi.IsDir() {
			continue
		}
		if !force && fi.Mode().Perm()&0o200 == 0 {
			throw(f.rt, hrPermission, msgPermission, p+" is read-only (pass true as Force)")
		}
		if err := os.Remove(p); err != nil {
			throwOS(f.rt, err, hrFileNotFound)
		}
		deleted++
	}
	if deleted == 0 {
		throw(f.rt, hrFileNotFound, msgFileNotFound, "no file matches "+spec)
	}
	return nil
}

func (f *fso) deleteFolder(call goja.FunctionCall) goja.Value {
	a := f.args(call, "DeleteFolder")
	spec := a.String(0, "FolderSpec")
	_ = a.OptBool(1, "Force", false)
	paths := f.expand(spec, true, f.sys.WritePath)
	deleted := 0
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			throwOS(f.rt, err, hrPathNotFound)
		}
		deleted++
	}
	if deleted == 0 {
		throw(f.rt, hrPathNotFound, msgPathNotFound, "no folder matches "+spec)
	}
	return nil
}

// copyFile is CopyFile(Source, Destination, [OverWriteFiles]); overwriting
// is the default.
func (f *fso) copyFile(call goja.FunctionCall) goja.Value {
	a := f.args(call, "CopyFile")
	src, dst := a.String(0, "Source"), a.String(1, "Destination")
	overwrite := a.OptBool(2, "OverWriteFiles", true)
	paths := f.sourceFiles(src)
	for _, p := range paths {
		to := f.target(dst, filepath.Base(p), hasWildcard(src))
		f.checkDestination(to, overwrite)
		f.notItself(p, to)
		if err := copyFileData(p, to); err != nil {
			throwOS(f.rt, err, hrPathNotFound)
		}
	}
	return nil
}

func (f *fso) moveFile(call goja.FunctionCall) goja.Value {
	a := f.args(call, "MoveFile")
	src, dst := a.String(0, "Source"), a.String(1, "Destination")
	for _, p := range f.sourceFiles(src) {
		if _, err := f.sys.WritePath(p); err != nil {
			throwOS(f.rt, err, hrFileNotFound)
		}
		to := f.target(dst, filepath.Base(p), hasWildcard(src))
		f.checkDestination(to, false)
		if err := move(p, to); err != nil {
			throwOS(f.rt, err, hrPathNotFound)
		}
	}
	return nil
}

// sourceFiles lists the files a Copy/Move source names; none is 53.
func (f *fso) sourceFiles(src string) []string {
	var out []string
	for _, p := range f.expand(src, false, f.sys.ReadPath) {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		throw(f.rt, hrFileNotFound, msgFileNotFound, "no file matches "+src)
	}
	return out
}

// checkDestination refuses to replace a folder, a file when not
// overwriting (58), or a read-only file (70).
func (f *fso) checkDestination(to string, overwrite bool) {
	f.parentMustExist(to)
	fi, err := os.Stat(to)
	if err != nil {
		return
	}
	switch {
	case fi.IsDir():
		throw(f.rt, hrPermission, msgPermission, to+" is a folder (end the destination with a separator to copy into it)")
	case !overwrite:
		throw(f.rt, hrFileExists, msgFileExists, to+" already exists")
	case fi.Mode().Perm()&0o200 == 0:
		throw(f.rt, hrPermission, msgPermission, to+" is read-only")
	}
}

func (f *fso) copyFolder(call goja.FunctionCall) goja.Value {
	a := f.args(call, "CopyFolder")
	src, dst := a.String(0, "Source"), a.String(1, "Destination")
	overwrite := a.OptBool(2, "OverWriteFiles", true)
	paths := f.expand(src, true, f.sys.ReadPath)
	if len(paths) == 0 {
		throw(f.rt, hrPathNotFound, msgPathNotFound, "no folder matches "+src)
	}
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
			throw(f.rt, hrPathNotFound, msgPathNotFound, p+" is not a folder")
		}
		to := f.target(dst, filepath.Base(p), hasWildcard(src))
		f.notInside(p, to)
		if err := f.copyTree(p, to, overwrite); err != nil {
			throwOS(f.rt, err, hrPathNotFound)
		}
	}
	return nil
}

func (f *fso) copyTree(from, to string, overwrite bool) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dest := filepath.Join(to, rel)
		if d.IsDir() {
			if err := os.Mkdir(dest, 0o777); err != nil && !errors.Is(err, fs.ErrExist) {
				return err
			}
			return nil
		}
		if _, err := os.Stat(dest); err == nil && !overwrite {
			throw(f.rt, hrFileExists, msgFileExists, dest+" already exists")
		}
		return copyFileData(p, dest)
	})
}

func (f *fso) moveFolder(call goja.FunctionCall) goja.Value {
	a := f.args(call, "MoveFolder")
	src, dst := a.String(0, "Source"), a.String(1, "Destination")
	paths := f.expand(src, true, f.sys.WritePath)
	if len(paths) == 0 {
		throw(f.rt, hrPathNotFound, msgPathNotFound, "no folder matches "+src)
	}
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
			throw(f.rt, hrPathNotFound, msgPathNotFound, p+" is not a folder")
		}
		to := f.target(dst, filepath.Base(p), hasWildcard(src))
		if _, err := os.Stat(to); err == nil {
			throw(f.rt, hrFileExists, msgFileExists, to+" already exists")
		}
		f.parentMustExist(to)
		if err := move(p, to); err != nil {
			throwOS(f.rt, err, hrPathNotFound)
		}
	}
	return nil
}

func copyFileData(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, fi.Mode().Perm())
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}

// move renames, or copies and deletes when the rename crosses devices.
func move(from, to string) error {
	err := os.Rename(from, to)
	if err == nil {
		return nil
	}
	var le *os.LinkError
	if !errors.As(err, &le) {
		return err
	}
	fi, serr := os.Stat(from)
	if serr != nil {
		return err
	}
	if fi.IsDir() {
		return err
	}
	if cerr := copyFileData(from, to); cerr != nil {
		return cerr
	}
	return os.Remove(from)
}

// notItself refuses to copy a file onto itself, which would truncate it
// (Windows refuses with "Permission denied").
func (f *fso) notItself(from, to string) {
	a, errA := os.Stat(from)
	b, errB := os.Stat(to)
	if errA == nil && errB == nil && os.SameFile(a, b) {
		throw(f.rt, hrPermission, msgPermission, "cannot copy "+from+" onto itself")
	}
}

// notInside refuses to copy a folder into itself, which would never end.
func (f *fso) notInside(from, to string) {
	rel, err := filepath.Rel(from, to)
	if err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		throw(f.rt, hrPermission, msgPermission, "cannot copy "+from+" into itself ("+to+")")
	}
}
