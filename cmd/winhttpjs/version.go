package main

import (
	"fmt"
	goruntime "runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is the release version, set at build time with
// -ldflags "-X main.version=v1.2.3". It is the one package-level variable
// of the program because the linker can only set variables.
var version = "dev"

func newVersionCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print version information",
		Example: "  winhttpjs version",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(s.out, "winhttpjs %s\n", version)
			fmt.Fprintf(s.out, "go: %s\n", goruntime.Version())
			fmt.Fprintf(s.out, "goja: %s\n", depVersion("github.com/dop251/goja"))
			fmt.Fprintf(s.out, "goja_nodejs: %s\n", depVersion("github.com/dop251/goja_nodejs"))
			return nil
		},
	}
}

// depVersion returns the version of a module linked into the binary.
func depVersion(path string) string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == path {
				if d.Replace != nil {
					return d.Replace.Version
				}
				return d.Version
			}
		}
	}
	return "unknown"
}
