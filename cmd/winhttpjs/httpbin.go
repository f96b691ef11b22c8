package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mccutchen/go-httpbin/v2/httpbin"
	"github.com/spf13/cobra"
)

// httpbinServer is a go-httpbin instance serving on a local address.
type httpbinServer struct {
	URL  string // base URL, no trailing slash
	srv  *http.Server
	done chan error
}

// startHTTPBin serves go-httpbin on addr ("127.0.0.1:0" picks a free port).
func startHTTPBin(addr string) (*httpbinServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("httpbin: %w", err)
	}
	h := &httpbinServer{
		URL:  "http://" + ln.Addr().String(),
		srv:  &http.Server{Handler: httpbin.New(), ReadHeaderTimeout: 30 * time.Second},
		done: make(chan error, 1),
	}
	go func() { h.done <- h.srv.Serve(ln) }()
	return h, nil
}

// Close stops the server, letting requests in progress finish for a while.
func (h *httpbinServer) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := h.srv.Shutdown(ctx)
	if serveErr := <-h.done; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	return err
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
