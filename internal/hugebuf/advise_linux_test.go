package hugebuf

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestDisablesTHP(t *testing.T) {
	for _, tc := range []struct {
		godebug string
		want    bool
	}{
		{"", false},
		{"disablethp=1", true},
		{"gctrace=1, disablethp=1", true},
		{"disablethp=0", false},
		{"disablethp=1,disablethp=0", false},
		{"xdisablethp=1", false},
	} {
		if got := disablesTHP(tc.godebug); got != tc.want {
			t.Errorf("disablesTHP(%q) = %v, want %v", tc.godebug, got, tc.want)
		}
	}
}

// TestMakeAdvisesHugePages checks, in the kernel's own account of the
// process's mappings, that the 2 MiB pages inside a large buffer carry
// the huge-page advice (VmFlags "hg") where the kernel has transparent
// huge pages, and that nothing was advised where it has none.
func TestMakeAdvisesHugePages(t *testing.T) {
	if thpDisabled() {
		t.Fatal("GODEBUG=disablethp=1 is set for the test process; unset it to run this test")
	}
	b := Make(0, 8<<20)
	addr := (uintptr(unsafe.Pointer(unsafe.SliceData(b))) + hugePage - 1) &^ (hugePage - 1)
	flags := vmFlagsAt(t, addr)
	_, err := os.Stat("/sys/kernel/mm/transparent_hugepage")
	thp := err == nil
	if got := strings.Contains(" "+flags+" ", " hg "); got != thp {
		t.Fatalf("mapping at %#x has VmFlags %q: huge-page advice %v, want %v (kernel has THP: %v)", addr, flags, got, thp, thp)
	}
}

// vmFlagsAt returns the VmFlags line of the mapping holding addr.
func vmFlagsAt(t *testing.T, addr uintptr) string {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= addr && addr < hi
			continue
		}
		if in {
			if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok {
				return strings.TrimSpace(flags)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("no mapping in /proc/self/smaps holds %#x", addr)
	return ""
}

// mappingRange parses the "lo-hi perms ..." header of an smaps entry.
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	field, _, _ := strings.Cut(line, " ")
	l, h, found := strings.Cut(field, "-")
	if !found {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(l, 16, 64)
	b, err2 := strconv.ParseUint(h, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}
