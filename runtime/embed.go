package runtime

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"
)

// embedState is what the embedding API (Set, Get, Call, RunProgram) keeps
// between calls. It is touched only while the runtime is held (begin).
type embedState struct {
	// last is the script run last, and lastFull its full name: a Call
	// runs code that script defined, so its errors are mapped to that
	// script's source, and WScript.ScriptName stays the same.
	last     *script
	lastFull string
}

// Feature names a group of globals that a Runtime defines by default; a
// host leaves some out with Options.Without.
type Feature uint

// The features a host can leave out. Leaving out a global leaves out the
// module of the same name too: require("console") then throws.
const (
	// WithoutWScript leaves out the WScript object.
	WithoutWScript Feature = 1 << iota
	// WithoutActiveXObject leaves out the ActiveXObject constructor.
	// WScript.CreateObject still creates what Options.ProgIDs allows.
	WithoutActiveXObject
	// WithoutConsole leaves out console and require("console").
	WithoutConsole
	// WithoutRequire leaves out require: no module can be loaded.
	WithoutRequire
	// WithoutProcess leaves out process and require("process") (the
	// environment and process.exit).
	WithoutProcess
	// WithoutTimers leaves out setTimeout, setInterval, setImmediate and
	// their clear* functions.
	WithoutTimers
)

// allFeatures lists every Feature, for applyEmbedOptions.
const allFeatures = WithoutWScript | WithoutActiveXObject | WithoutConsole | WithoutRequire | WithoutProcess | WithoutTimers

// globals returns the globals that the single feature f defines.
func (f Feature) globals() []string {
	switch f {
	case WithoutWScript:
		return []string{"WScript"}
	case WithoutActiveXObject:
		return []string{"ActiveXObject"}
	case WithoutConsole:
		return []string{"console"}
	case WithoutRequire:
		return []string{"require"}
	case WithoutProcess:
		return []string{"process"}
	case WithoutTimers:
		return []string{"setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate"}
	}
	return nil
}

// FieldNameMapper chooses the JavaScript names of the fields and methods
// of Go structs handed to scripts (Options.FieldNames). An empty name
// hides the member. It has the method set of goja.FieldNameMapper, so any
// goja mapper fits.
type FieldNameMapper interface {
	// FieldName returns the name of field f of struct type t.
	FieldName(t reflect.Type, f reflect.StructField) string
	// MethodName returns the name of method m of type t.
	MethodName(t reflect.Type, m reflect.Method) string
}

// TagFieldNames names fields after their struct tag (`js:"name"` with tag
// "js"; "-" hides a field; untagged fields keep their Go names) and
// methods after their Go names, with the first letter lowered when
// lowerMethods is set.
func TagFieldNames(tag string, lowerMethods bool) FieldNameMapper {
	return goja.TagFieldNameMapper(tag, lowerMethods)
}

// LowerFirstNames names fields and methods after their Go names with the
// first letter lowered: Name becomes name, FetchURL fetchURL.
func LowerFirstNames() FieldNameMapper { return goja.UncapFieldNameMapper() }

// applyEmbedOptions applies the options that take globals and classes
// away, once everything has been installed.
func (r *Runtime) applyEmbedOptions(vm *goja.Runtime) {
	if r.opts.FieldNames != nil {
		vm.SetFieldNameMapper(r.opts.FieldNames)
	}
	g := vm.GlobalObject()
	for f := Feature(1); f&allFeatures != 0; f <<= 1 {
		if r.opts.Without&f == 0 {
			continue
		}
		for _, name := range f.globals() {
			_ = g.Delete(name)
		}
	}
	r.restrictModules(vm)
	if r.opts.ProgIDs != nil {
		r.registry.Retain(r.opts.ProgIDs)
	}
}

// denyModulesJS wraps require so that it refuses the modules of features
// left out. Replacing the global is enough: goja_nodejs hands the global
// require to modules, and setup has already loaded (and cached) console
// and process, so unregistering them would not do.
const denyModulesJS = `(function (orig, denied) {
  return function require(id) {
    var name = String(id).replace(/^node:/, "");
    if (denied.indexOf(name) >= 0) throw new Error("module \"" + name + "\" is disabled by the host");
    return orig.apply(this, arguments);
  };
})`

// restrictModules makes require() throw for the modules behind the
// globals left out (console, process).
func (r *Runtime) restrictModules(vm *goja.Runtime) {
	var denied []string
	if r.opts.Without&WithoutConsole != 0 {
		denied = append(denied, consoleModule)
	}
	if r.opts.Without&WithoutProcess != 0 {
		denied = append(denied, processModule)
	}
	g := vm.GlobalObject()
	orig := g.Get("require")
	if len(denied) == 0 || orig == nil || goja.IsUndefined(orig) {
		return
	}
	wrap, err := vm.RunString(denyModulesJS)
	if err != nil {
		panic(err) // a bug in the constant above; setup turns it into an error
	}
	fn, _ := goja.AssertFunction(wrap)
	req, err := fn(goja.Undefined(), orig, vm.ToValue(denied))
	if err != nil {
		panic(err)
	}
	_ = g.DefineDataProperty("require", req, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// requireOptions make require() load modules from Options.FS, or from the
// disk only where the runtime may read: the stock loader would read any
// file the process can, whatever Options.Permissions says.
func (r *Runtime) requireOptions() []require.Option {
	if r.opts.FS != nil {
		return []require.Option{
			require.WithLoader(r.loadModuleFS),
			// Module paths are slash-separated FS paths; resolving them
			// must not consult the disk (the stock resolver follows links).
			require.WithPathResolver(func(base, p string) string {
				return path.Join(filepath.ToSlash(base), p)
			}),
		}
	}
	return []require.Option{require.WithLoader(r.loadModuleDisk)}
}

// loadModuleFS reads a module from Options.FS.
func (r *Runtime) loadModuleFS(p string) ([]byte, error) {
	name := strings.TrimPrefix(path.Clean(filepath.ToSlash(p)), "/")
	if !fs.ValidPath(name) {
		return nil, require.ModuleFileDoesNotExistError
	}
	fi, err := fs.Stat(r.opts.FS, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, require.ModuleFileDoesNotExistError
		}
		return nil, err
	}
	if fi.IsDir() {
		return nil, require.ModuleFileDoesNotExistError
	}
	return fs.ReadFile(r.opts.FS, name)
}

// loadModuleDisk reads a module from the disk if it lies in the folder of
// the script given to RunFile (the host chose that folder) or the
// permissions let scripts read it. The check comes first, so that a
// denied path does not reveal whether the file exists.
func (r *Runtime) loadModuleDisk(p string) ([]byte, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	if !r.inScriptFolder(abs) {
		if err := r.opts.Permissions.CheckRead(abs); err != nil {
			if strings.Contains(abs, string(filepath.Separator)+"node_modules"+string(filepath.Separator)) {
				// The search for a bare module name tries node_modules
				// folders up to the root: a denied guess is just not
				// there, so that a typo reads "Invalid module".
				return nil, require.ModuleFileDoesNotExistError
			}
			return nil, err
		}
	}
	return require.DefaultSourceLoader(abs)
}

// inScriptFolder reports whether abs lies in the folder of the script
// being run, when that script came from the disk (RunFile gives scripts
// an absolute full name).
func (r *Runtime) inScriptFolder(abs string) bool {
	st := r.cur
	if st == nil || !filepath.IsAbs(st.fullName) {
		return false
	}
	rel, err := filepath.Rel(filepath.Dir(st.fullName), abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// runFS runs the script at name in Options.FS (see RunFile).
func (r *Runtime) runFS(ctx context.Context, name string) (int, error) {
	b, err := fs.ReadFile(r.opts.FS, name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return 1, fmt.Errorf("cannot read script %s: %w", name, err)
	}
	return r.run(ctx, name, name, b)
}
