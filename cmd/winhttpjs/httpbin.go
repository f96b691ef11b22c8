package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/mccutchen/go-httpbin/v2/httpbin"
	"github.com/spf13/cobra"
)

// startHTTPBin serves go-httpbin on addr ("127.0.0.1:0" picks a free port).
func startHTTPBin(addr string) (*localServer, error) {
	return serveLocal("httpbin", addr, httpbin.New())
}

func newHTTPBinCmd(s streams) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "httpbin",
		Short: "Serve a local httpbin (HTTP request and response test service)",
		Long: `httpbin serves go-httpbin on a local address, for trying scripts against
endpoints such as /get, /post, /status/404, /redirect/3, /basic-auth/u/p and
/delay/2 without reaching the internet. It prints its base URL on the first
line of standard output and serves until interrupted (SIGINT or SIGTERM).`,
		Example: `  winhttpjs httpbin
  winhttpjs httpbin --addr 127.0.0.1:0    # any free port`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			sig := make(chan os.Signal, 1)
			signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
			defer signal.Stop(sig)
			h, err := startHTTPBin(addr)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintln(s.out, h.URL)
			select {
			case <-sig:
			case err := <-h.done:
				h.done <- err // for Close
			}
			if err := h.Close(); err != nil {
				return &exitError{code: 1, err: fmt.Errorf("httpbin: %w", err)}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port)")
	return cmd
}
