package scripting_test

import (
	"regexp"
	"testing"

	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/bindings/internal/comtest"
)

func TestPathFunctions(t *testing.T) {
	e := comtest.New(t, comtest.Config{Perms: host.Unrestricted(), Dir: "/work/here"})
	e.Run(t, `var fso = new ActiveXObject("Scripting.FileSystemObject")`)
	tests := []struct{ src, want string }{
		{`fso.BuildPath("/tmp", "a.txt")`, "/tmp/a.txt"},
		{`fso.BuildPath("/tmp/", "a.txt")`, "/tmp/a.txt"},
		{`fso.BuildPath("C:\\logs", "a.txt")`, `C:\logs\a.txt`},
		{`fso.BuildPath("C:\\logs\\", "\\a.txt")`, `C:\logs\a.txt`},
		{`fso.BuildPath("C:", "a.txt")`, `C:a.txt`},
		{`fso.BuildPath("", "a.txt")`, "a.txt"},
		{`fso.GetFileName("/var/log/app.log")`, "app.log"},
		{`fso.GetFileName("C:\\dir\\sub\\")`, "sub"},
		{`fso.GetFileName("name")`, "name"},
		{`fso.GetFileName("/")`, ""},
		{`fso.GetBaseName("/a/b/archive.tar.gz")`, "archive.tar"},
		{`fso.GetBaseName("C:\\x\\README")`, "README"},
		{`fso.GetExtensionName("/a/b/archive.tar.gz")`, "gz"},
		{`fso.GetExtensionName("C:\\x\\README")`, ""},
		{`fso.GetParentFolderName("/var/log/app.log")`, "/var/log"},
		{`fso.GetParentFolderName("C:\\dir\\file.txt")`, `C:\dir`},
		{`fso.GetParentFolderName("C:\\file.txt")`, `C:\`},
		{`fso.GetParentFolderName("/file")`, "/"},
		{`fso.GetParentFolderName("file")`, ""},
		{`fso.GetDriveName("C:\\x")`, "C:"},
		{`fso.GetDriveName("/x")`, ""},
		{`fso.GetAbsolutePathName("sub/../x.txt")`, "/work/here/x.txt"},
		{`fso.GetAbsolutePathName("sub\\x.txt")`, "/work/here/sub/x.txt"},
		{`fso.GetAbsolutePathName("/etc//x")`, "/etc/x"},
		{`fso.GetAbsolutePathName("")`, "/work/here"},
	}
	for _, tt := range tests {
		if got := e.String(t, tt.src); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
	name := e.String(t, `fso.GetTempName()`)
	if !regexp.MustCompile(`^rad[0-9A-F]{5}\.tmp$`).MatchString(name) {
		t.Errorf("GetTempName = %q", name)
	}
}
