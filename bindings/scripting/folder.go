package scripting

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

func (f *fso) getFolder(call goja.FunctionCall) goja.Value {
	path, err := f.sys.ReadPath(f.args(call, "GetFolder").String(0, "FolderPath"))
	if err != nil {
		throwOS(f.rt, err, hrPathNotFound)
	}
	fi, err := os.Stat(path)
	if err != nil || !fi.IsDir() {
		throw(f.rt, hrPathNotFound, msgPathNotFound, path+" is not an existing folder")
	}
	return f.folderObject(path)
}

// folderObject is a Folder; its default property is Path.
func (f *fso) folderObject(path string) *goja.Object {
	rt := f.rt
	info := func() os.FileInfo { return f.info(path, true) }
	return com.NewObject(rt, []com.Member{
		{Name: "Name", Get: func() goja.Value { return rt.ToValue(filepath.Base(path)) }, Set: func(v goja.Value) { path = f.rename(path, v.String()) }},
		{Name: "Path", Get: func() goja.Value { return rt.ToValue(path) }},
		{Name: "ShortName", Get: func() goja.Value { return rt.ToValue(filepath.Base(path)) }},
		{Name: "ShortPath", Get: func() goja.Value { return rt.ToValue(path) }},
		{Name: "IsRootFolder", Get: func() goja.Value { return rt.ToValue(filepath.Dir(path) == path) }},
		{Name: "Type", Get: func() goja.Value { return rt.ToValue("File folder") }},
		{Name: "Attributes", Get: func() goja.Value { return rt.ToValue(attributes(info())) }},
		{Name: "DateLastModified", Get: func() goja.Value { return f.date(info().ModTime()) }},
		{Name: "DateCreated", Get: func() goja.Value { return f.date(info().ModTime()) }},
		{Name: "DateLastAccessed", Get: func() goja.Value { return f.date(info().ModTime()) }},
		{Name: "Size", Get: func() goja.Value { return rt.ToValue(f.treeSize(path)) }},
		{Name: "ParentFolder", Get: func() goja.Value {
			if filepath.Dir(path) == path {
				return goja.Undefined()
			}
			return f.folderObject(filepath.Dir(path))
		}},
		{Name: "Files", Get: func() goja.Value { return f.collection(path, false) }},
		{Name: "SubFolders", Get: func() goja.Value { return f.collection(path, true) }},
		{Name: "CreateTextFile", Method: func(call goja.FunctionCall) goja.Value {
			a := f.args(call, "CreateTextFile")
			name := a.String(0, "FileName")
			return f.createText(filepath.Join(path, name), a.OptBool(1, "Overwrite", true), a.OptBool(2, "Unicode", false))
		}},
		{Name: "Delete", Method: func(goja.FunctionCall) goja.Value {
			if _, err := f.sys.WritePath(path); err != nil {
				throwOS(rt, err, hrPathNotFound)
			}
			info()
			if err := os.RemoveAll(path); err != nil {
				throwOS(rt, err, hrPathNotFound)
			}
			return nil
		}},
		{Name: "Copy", Method: func(call goja.FunctionCall) goja.Value {
			a := f.args(call, "Copy")
			to := f.target(a.String(0, "Destination"), filepath.Base(path), false)
			f.notInside(path, to)
			if err := f.copyTree(path, to, a.OptBool(1, "OverWriteFiles", true)); err != nil {
				throwOS(rt, err, hrPathNotFound)
			}
			return nil
		}},
		{Name: "Move", Method: func(call goja.FunctionCall) goja.Value {
			to := f.target(f.args(call, "Move").String(0, "Destination"), filepath.Base(path), false)
			if _, err := f.sys.WritePath(path); err != nil {
				throwOS(rt, err, hrPathNotFound)
			}
			if _, err := os.Stat(to); err == nil {
				throw(rt, hrFileExists, msgFileExists, to+" already exists")
			}
			if err := move(path, to); err != nil {
				throwOS(rt, err, hrPathNotFound)
			}
			path = to
			return nil
		}},
	}, com.ObjectOptions{
		Source:  "Scripting.Folder",
		Inspect: func() string { return path },
	})
}

func (f *fso) treeSize(root string) int64 {
	var n int64
	_ = filepath.WalkDir(root, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// collection is a Files or SubFolders collection: Count, Item(name), and
// its members for Enumerator, listed when the property is read, sorted by
// name without regard to case as NTFS lists them.
type collection struct {
	names []string
	items []goja.Value
}

// Items implements vbarray.Itemser for Enumerator.
func (c *collection) Items() []goja.Value { return c.items }

func (f *fso) collection(dir string, folders bool) goja.Value {
	entries, err := os.ReadDir(dir)
	if err != nil {
		throwOS(f.rt, err, hrPathNotFound)
	}
	sort.SliceStable(entries, func(i, j int) bool {
		return strings.ToLower(entries[i].Name()) < strings.ToLower(entries[j].Name())
	})
	c := &collection{}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		fi, err := os.Stat(p) // follows links, as Windows lists a link's target kind
		if err != nil || fi.IsDir() != folders {
			continue
		}
		c.names = append(c.names, e.Name())
		if folders {
			c.items = append(c.items, f.folderObject(p))
		} else {
			c.items = append(c.items, f.fileObject(p))
		}
	}
	label := "Files"
	if folders {
		label = "Folders"
	}
	item := func(call goja.FunctionCall) goja.Value {
		key := f.args(call, "Item").String(0, "Key")
		for i, n := range c.names {
			if strings.EqualFold(n, key) {
				return c.items[i]
			}
		}
		if folders {
			throw(f.rt, hrPathNotFound, msgPathNotFound, filepath.Join(dir, key)+" is not in the collection")
		}
		throw(f.rt, hrFileNotFound, msgFileNotFound, filepath.Join(dir, key)+" is not in the collection")
		return nil
	}
	members := []com.Member{
		{Name: "Count", Get: func() goja.Value { return f.rt.ToValue(len(c.items)) }},
		{Name: "Item", Method: item},
	}
	if folders {
		members = append(members, com.Member{Name: "Add", Method: func(call goja.FunctionCall) goja.Value {
			name := f.args(call, "Add").String(0, "Name")
			call.Arguments = []goja.Value{f.rt.ToValue(filepath.Join(dir, name))}
			return f.createFolder(call)
		}})
	}
	return com.NewObject(f.rt, members, com.ObjectOptions{
		Source:  "Scripting." + label,
		Default: item,
		Native:  c,
		Inspect: func() string { return label + " of " + dir + " (" + f.rt.ToValue(len(c.items)).String() + ")" },
	})
}
