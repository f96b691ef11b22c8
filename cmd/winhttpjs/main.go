// Command winhttpjs runs Windows Script Host JScript scripts that use
// WinHttp.WinHttpRequest.5.1, unchanged, on Linux and macOS.
package main

import (
	"os"

	"github.com/winhttpjs/winhttpjs/internal/gctune"
)

// gcAllowance is how much a small heap may grow between collections (see
// internal/gctune): a script host's heap is a few MiB, and collecting at
// every doubling of it cost a tenth of the CPU of a request loop.
const gcAllowance = 16 << 20

func main() {
	gctune.Start(gcAllowance)
	os.Exit(execute(os.Args[1:], streams{in: os.Stdin, out: os.Stdout, err: os.Stderr, exiting: true}))
}
