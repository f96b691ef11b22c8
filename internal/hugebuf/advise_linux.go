package hugebuf

import (
	"os"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

const hugePage = 2 << 20

// thpDisabled reports GODEBUG=disablethp=1, with which the user asks Go
// to keep its heap off huge pages: this package does not override it.
var thpDisabled = sync.OnceValue(func() bool { return disablesTHP(os.Getenv("GODEBUG")) })

// disablesTHP reports whether a GODEBUG value sets disablethp=1 (the last
// setting of a name wins, as in Go's own parsing).
func disablesTHP(godebug string) bool {
	disabled := false
	for _, kv := range strings.Split(godebug, ",") {
		if name, value, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && name == "disablethp" {
			disabled = value == "1"
		}
	}
	return disabled
}

// adviseHuge asks for huge pages for the aligned 2 MiB pages inside b,
// before anything is written to them (the kernel picks the page size at
// the first fault). A refusal (an old kernel, THP compiled out) leaves
// ordinary pages, which is only slower, so it is not reported.
func adviseHuge(b []byte) {
	if thpDisabled() {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	first := (start + hugePage - 1) &^ (hugePage - 1)
	end := (start + uintptr(len(b))) &^ (hugePage - 1)
	if end <= first {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, first, end-first, syscall.MADV_HUGEPAGE)
}
