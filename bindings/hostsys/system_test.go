package hostsys_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/bindings/hostsys"
)

func TestSystem(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o777); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"Path": "/bin", "HOME": "/home/u"}
	s := hostsys.New(hostsys.Config{Perms: host.Permissions{Read: []string{dir}}, Dir: dir, Env: env})
	abs := []struct{ in, want string }{
		{"a.txt", filepath.Join(dir, "a.txt")},
		{`sub\b.txt`, filepath.Join(dir, "sub", "b.txt")},
		{"/x/../y", "/y"},
	}
	for _, tt := range abs {
		if got := s.Abs(tt.in); got != tt.want {
			t.Errorf("Abs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if v, ok := s.Getenv("PATH"); !ok || v != "/bin" {
		t.Errorf("Getenv(PATH) = %q %v", v, ok)
	}
	s.Setenv("PATH", "/usr/bin")
	s.Setenv("NEW", "1")
	s.Unsetenv("home")
	if want := []string{"NEW=1", "PATH=/usr/bin"}; !reflect.DeepEqual(s.Environ(), want) {
		t.Errorf("Environ = %q, want %q", s.Environ(), want)
	}
	if !reflect.DeepEqual(env, map[string]string{"PATH": "/usr/bin", "NEW": "1"}) {
		t.Errorf("the runtime's map was not updated in place: %v", env)
	}
	if err := s.Chdir("sub"); err != nil || s.Dir() != filepath.Join(dir, "sub") {
		t.Errorf("Chdir(sub): %v, Dir %q", err, s.Dir())
	}
	if err := s.Chdir("missing"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Chdir(missing) = %v", err)
	}
	if err := s.Chdir("/"); !errors.Is(err, host.ErrDenied) {
		t.Errorf("Chdir(/) = %v", err)
	}
	if _, err := s.WritePath("x"); !errors.Is(err, host.ErrDenied) {
		t.Errorf("WritePath in a read-only root = %v", err)
	}
	if p, err := s.ReadPath("x"); err != nil || p != filepath.Join(dir, "sub", "x") {
		t.Errorf("ReadPath = %q %v", p, err)
	}
}
