package scripting_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/bindings/internal/comtest"
)

// tree lists the files under dir as "path=content" and folders as "path/".
func tree(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out = append(out, rel+"/")
			return nil
		}
		b, err := os.ReadFile(p)
		out = append(out, rel+"="+string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func seed(t *testing.T, dir string) {
	t.Helper()
	for name, content := range map[string]string{"a.txt": "A", "b.txt": "B", "c.log": "C", "sub/d.txt": "D"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFileOperations(t *testing.T) {
	tests := []struct{ name, src, result, tree string }{
		{"exists", `[fso.FileExists("a.txt"), fso.FileExists("sub"), fso.FolderExists("sub"), fso.FolderExists("a.txt"), fso.FileExists("nope")].join()`,
			"true,false,true,false,false", "a.txt=A b.txt=B c.log=C sub/ sub/d.txt=D"},
		{"create folder", `fso.CreateFolder("new").Path == fso.GetAbsolutePathName("new")`, "true", "a.txt=A b.txt=B c.log=C new/ sub/ sub/d.txt=D"},
		{"delete file", `fso.DeleteFile("a.txt")`, "undefined", "b.txt=B c.log=C sub/ sub/d.txt=D"},
		{"delete wildcard", `fso.DeleteFile("*.TXT")`, "undefined", "c.log=C sub/ sub/d.txt=D"},
		{"delete folder", `fso.DeleteFolder("sub")`, "undefined", "a.txt=A b.txt=B c.log=C"},
		{"copy file", `fso.CopyFile("a.txt", "z.txt")`, "undefined", "a.txt=A b.txt=B c.log=C sub/ sub/d.txt=D z.txt=A"},
		{"copy over", `fso.CopyFile("a.txt", "b.txt")`, "undefined", "a.txt=A b.txt=A c.log=C sub/ sub/d.txt=D"},
		{"copy into folder", `fso.CopyFile("a.txt", "sub/")`, "undefined", "a.txt=A b.txt=B c.log=C sub/ sub/a.txt=A sub/d.txt=D"},
		{"copy wildcard", `fso.CopyFile("*.txt", "sub")`, "undefined", "a.txt=A b.txt=B c.log=C sub/ sub/a.txt=A sub/b.txt=B sub/d.txt=D"},
		{"move file", `fso.MoveFile("a.txt", "sub\\moved.txt")`, "undefined", "b.txt=B c.log=C sub/ sub/d.txt=D sub/moved.txt=A"},
		{"copy folder", `fso.CopyFolder("sub", "copy")`, "undefined", "a.txt=A b.txt=B c.log=C copy/ copy/d.txt=D sub/ sub/d.txt=D"},
		{"move folder", `fso.MoveFolder("sub", "moved")`, "undefined", "a.txt=A b.txt=B c.log=C moved/ moved/d.txt=D"},
		{"file object", `var f = fso.GetFile("c.log"); [f.Name, f.Size, f.Path == fso.BuildPath(fso.GetAbsolutePathName("."), "c.log"), f.ParentFolder.Name == fso.GetFolder(".").Name, f.Type, f.Attributes, typeof f.DateLastModified.getTime, String(f) == f.Path].join()`,
			"c.log,1,true,true,LOG File,32,function,true", "a.txt=A b.txt=B c.log=C sub/ sub/d.txt=D"},
		{"rename", `fso.GetFile("a.txt").Name = "r.txt"`, "r.txt", "b.txt=B c.log=C r.txt=A sub/ sub/d.txt=D"},
		{"file copy move delete", `fso.GetFile("a.txt").Copy("x.txt"); fso.GetFile("b.txt").Move("sub/"); fso.GetFile("c.log").Delete()`, "undefined",
			"a.txt=A sub/ sub/b.txt=B sub/d.txt=D x.txt=A"},
		{"folder collections", `var d = fso.GetFolder("."); var names = []; for (var e = new Enumerator(d.Files); !e.atEnd(); e.moveNext()) names.push(e.item().Name);
			var subs = []; for (e = new Enumerator(d.SubFolders); !e.atEnd(); e.moveNext()) subs.push(e.item().Name + ":" + e.item().Files.Count);
			[names.join("+"), d.Files.Count, d.Files.Item("B.TXT").Name, d.Files("c.log").Size, subs.join(), d.Size, d.IsRootFolder].join()`,
			"a.txt+b.txt+c.log,3,b.txt,1,sub:1,4,false", "a.txt=A b.txt=B c.log=C sub/ sub/d.txt=D"},
		{"subfolders add", `fso.GetFolder(".").SubFolders.Add("added").Name`, "added", "a.txt=A added/ b.txt=B c.log=C sub/ sub/d.txt=D"},
		{"folder delete", `fso.GetFolder("sub").Delete()`, "undefined", "a.txt=A b.txt=B c.log=C"},
		{"special folder", `fso.GetSpecialFolder(2).Path == "` + os.TempDir() + `"`, "true", "a.txt=A b.txt=B c.log=C sub/ sub/d.txt=D"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, dir := newEnv(t)
			seed(t, dir)
			if got := e.String(t, tt.src); got != tt.result {
				t.Errorf("result %q, want %q", got, tt.result)
			}
			if got := tree(t, dir); got != tt.tree {
				t.Errorf("tree:\n got %s\nwant %s", got, tt.tree)
			}
		})
	}
}

func TestFileOperationErrors(t *testing.T) {
	tests := []struct {
		name, src string
		hr        uint32
		desc      string
	}{
		{"delete missing", `fso.DeleteFile("nope.txt")`, 0x800A0035, "File not found"},
		{"delete no match", `fso.DeleteFile("*.bin")`, 0x800A0035, "File not found"},
		{"delete missing folder", `fso.DeleteFolder("nope")`, 0x800A004C, "Path not found"},
		{"create existing folder", `fso.CreateFolder("sub")`, 0x800A003A, "File already exists"},
		{"create nested folder", `fso.CreateFolder("x/y")`, 0x800A004C, "Path not found"},
		{"copy missing", `fso.CopyFile("nope.txt", "x.txt")`, 0x800A0035, "File not found"},
		{"copy no overwrite", `fso.CopyFile("a.txt", "b.txt", false)`, 0x800A003A, "File already exists"},
		{"copy onto folder", `fso.CopyFile("a.txt", "sub")`, 0x800A0046, "Permission denied"},
		{"copy into missing folder", `fso.CopyFile("a.txt", "nodir/")`, 0x800A004C, "Path not found"},
		{"move onto existing", `fso.MoveFile("a.txt", "b.txt")`, 0x800A003A, "File already exists"},
		{"get missing file", `fso.GetFile("nope.txt")`, 0x800A0035, "File not found"},
		{"get folder as file", `fso.GetFile("sub")`, 0x800A0035, "File not found"},
		{"get missing folder", `fso.GetFolder("nope")`, 0x800A004C, "Path not found"},
		{"collection item missing", `fso.GetFolder(".").Files.Item("nope")`, 0x800A0035, "File not found"},
		{"special folder 0", `fso.GetSpecialFolder(0)`, 0x800A0005, "Invalid procedure call or argument"},
		{"read-only delete", `fso.DeleteFile("ro.txt")`, 0x800A0046, "Permission denied"},
		{"rename onto existing", `fso.GetFile("a.txt").Name = "b.txt"`, 0x800A003A, "File already exists"},
		{"copy onto itself", `fso.CopyFile("a.txt", "./a.txt")`, 0x800A0046, "Permission denied"},
		{"copy folder into itself", `fso.CopyFolder("sub", "sub/inner")`, 0x800A0046, "Permission denied"},
		{"rename with separator", `fso.GetFile("a.txt").Name = "x/y"`, 0x800A0034, "Bad file name or number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, dir := newEnv(t)
			seed(t, dir)
			if err := os.WriteFile(filepath.Join(dir, "ro.txt"), []byte("R"), 0o444); err != nil {
				t.Fatal(err)
			}
			before := tree(t, dir)
			hr, desc := e.Caught(t, tt.src)
			if hr != tt.hr || desc != tt.desc {
				t.Errorf("got %#x %q, want %#x %q", hr, desc, tt.hr, tt.desc)
			}
			if after := tree(t, dir); after != before {
				t.Errorf("a failed call changed the tree:\n%s\n→ %s", before, after)
			}
		})
	}
	e, dir := newEnv(t)
	if err := os.WriteFile(filepath.Join(dir, "ro.txt"), []byte("R"), 0o444); err != nil {
		t.Fatal(err)
	}
	e.Run(t, `fso.DeleteFile("ro.txt", true)`)
	if _, err := os.Stat(filepath.Join(dir, "ro.txt")); err == nil {
		t.Errorf("DeleteFile with Force left the read-only file")
	}
}

// TestPermissions: a sandboxed script sees granted folders only; every
// denial is error 70 naming the path and the flag; FileExists answers
// false rather than failing, as it never fails on Windows.
func TestPermissions(t *testing.T) {
	readable, writable, other := t.TempDir(), t.TempDir(), t.TempDir()
	seed(t, readable)
	seed(t, other)
	e := comtest.New(t, comtest.Config{Perms: host.Permissions{Read: []string{readable}, Write: []string{writable}}, Dir: writable})
	e.Run(t, `var fso = new ActiveXObject("Scripting.FileSystemObject")`)
	rd := func(p string) string { return filepath.Join(readable, p) }
	ot := func(p string) string { return filepath.Join(other, p) }
	q := func(p string) string { return `"` + p + `"` }
	denied := func(access, path string) string {
		flag := "--allow-read=DIR"
		if access == "write" {
			flag = "--allow-write=DIR"
		}
		return "Permission denied: " + access + " access to " + path + " is not allowed (grant a folder containing it with " + flag + ")"
	}
	ok := []struct{ src, want string }{
		{`fso.OpenTextFile(` + q(rd("a.txt")) + `).ReadAll()`, "A"},
		{`fso.FileExists(` + q(rd("a.txt")) + `) + "," + fso.FileExists(` + q(ot("a.txt")) + `)`, "true,false"},
		{`fso.CopyFile(` + q(rd("a.txt")) + `, "copy.txt"); fso.OpenTextFile("copy.txt").ReadAll()`, "A"},
		{`fso.CreateTextFile("w.txt").Write("w"); fso.GetFile("w.txt").Size`, "1"},
	}
	for _, tt := range ok {
		if got := e.String(t, tt.src); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
	bad := []struct{ src, desc string }{
		{`fso.OpenTextFile(` + q(ot("a.txt")) + `)`, denied("read", ot("a.txt"))},
		{`fso.GetFolder(` + q(other) + `)`, denied("read", other)},
		{`fso.OpenTextFile(` + q(rd("a.txt")) + `, 8)`, denied("write", rd("a.txt"))},
		{`fso.CreateTextFile(` + q(rd("new.txt")) + `)`, denied("write", rd("new.txt"))},
		{`fso.DeleteFile(` + q(rd("a.txt")) + `)`, denied("write", rd("a.txt"))},
		{`fso.MoveFile(` + q(rd("b.txt")) + `, "m.txt")`, denied("write", rd("b.txt"))},
		{`fso.CopyFile("w.txt", ` + q(ot("w.txt")) + `)`, denied("write", ot("w.txt"))},
		{`fso.CreateFolder("../escape")`, denied("write", filepath.Join(filepath.Dir(writable), "escape"))},
	}
	for _, tt := range bad {
		hr, desc := e.Caught(t, tt.src)
		if hr != 0x800A0046 || desc != tt.desc {
			t.Errorf("%s:\n got %#x %q\nwant 0x800a0046 %q", tt.src, hr, desc, tt.desc)
		}
	}
	if got := tree(t, readable); got != "a.txt=A b.txt=B c.log=C sub/ sub/d.txt=D" {
		t.Errorf("read-only folder changed: %s", got)
	}
}

// TestSymlinkEscape: a link inside a granted folder cannot lead outside.
func TestSymlinkEscape(t *testing.T) {
	granted, outside := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("S"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(granted, "link")); err != nil {
		t.Fatal(err)
	}
	e := comtest.New(t, comtest.Config{Perms: host.Permissions{Write: []string{granted}}, Dir: granted})
	e.Run(t, `var fso = new ActiveXObject("Scripting.FileSystemObject")`)
	for _, src := range []string{`fso.OpenTextFile("link/secret.txt")`, `fso.CreateTextFile("link/new.txt")`} {
		hr, desc := e.Caught(t, src)
		if hr != 0x800A0046 || !strings.Contains(desc, filepath.Join(granted, "link")) {
			t.Errorf("%s: %#x %q", src, hr, desc)
		}
	}
	if _, err := os.Stat(filepath.Join(outside, "new.txt")); err == nil {
		t.Errorf("a write through the link escaped the granted folder")
	}
}
