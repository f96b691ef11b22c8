package main

import (
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/mccutchen/go-httpbin/v2/httpbin"
	"github.com/spf13/cobra"
	"github.com/winhttpjs/winhttpjs/web"
)

// newWebHandler is the playground page and runtime at /, go-httpbin at
// /httpbin/ (the base URL the page gives scripts).
func newWebHandler() (http.Handler, error) {
	page, err := web.Handler(web.Assets())
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/httpbin/", httpbin.New(httpbin.WithPrefix("/httpbin")))
	mux.Handle("/", page)
	return mux, nil
}

// startWeb serves the playground on addr ("127.0.0.1:0": a free port).
func startWeb(addr string) (*localServer, error) {
	h, err := newWebHandler()
	if err != nil {
		return nil, err
	}
	return serveLocal("web", addr, h)
}

func newWebCmd(s streams) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "web",
		Short: "Serve the browser playground (the runtime compiled to WebAssembly)",
		Long: `web serves the winhttpjs playground: a page with a script editor, the
winhttpjs runtime compiled to WebAssembly (requests go through the browser's
fetch), the examples, a REPL and share-by-link, plus go-httpbin under
/httpbin/ on the same origin, which the page passes to scripts as their first
argument and as HTTPBIN_URL. It prints the page's URL on the first line of
standard output and serves until interrupted (SIGINT or SIGTERM).`,
		Example: `  winhttpjs web                      # http://127.0.0.1:8080/
  winhttpjs web --addr 127.0.0.1:0   # any free port`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			sig := make(chan os.Signal, 1)
			signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
			defer signal.Stop(sig)
			w, err := startWeb(addr)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintln(s.out, w.URL+"/")
			select {
			case <-sig:
			case err := <-w.done:
				w.done <- err // for Close
			}
			if err := w.Close(); err != nil {
				return &exitError{code: 1, err: fmt.Errorf("web: %w", err)}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port)")
	return cmd
}
