// Package depsanchor keeps the module's dependencies in go.mod while the
// packages that use them are being written. Remove once they are used.
package depsanchor

import (
	_ "github.com/Azure/go-ntlmssp"
	_ "github.com/dop251/goja_nodejs/eventloop"
	_ "github.com/mccutchen/go-httpbin/v2/httpbin"
	_ "github.com/spf13/cobra"
	_ "go.uber.org/goleak"
	_ "golang.org/x/net/http/httpproxy"
	_ "golang.org/x/text/encoding/htmlindex"
	_ "software.sslmate.com/src/go-pkcs12"
)
