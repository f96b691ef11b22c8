// Command winhttpjs runs Windows Script Host JScript scripts that use
// WinHttp.WinHttpRequest.5.1, unchanged, on Linux and macOS.
package main

import "os"

func main() {
	os.Exit(execute(os.Args[1:], streams{in: os.Stdin, out: os.Stdout, err: os.Stderr, exiting: true}))
}
