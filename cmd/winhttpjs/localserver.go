package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// localServer is an HTTP server of the command line's own (httpbin, the
// playground) serving on a local address.
type localServer struct {
	URL  string // base URL, no trailing slash
	srv  *http.Server
	done chan error
}

// serveLocal serves h on addr ("127.0.0.1:0" picks a free port); name
// prefixes a listen error ("httpbin: listen tcp …").
func serveLocal(name, addr string, h http.Handler) (*localServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s := &localServer{
		URL:  "http://" + ln.Addr().String(),
		srv:  &http.Server{Handler: h, ReadHeaderTimeout: 30 * time.Second},
		done: make(chan error, 1),
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server, letting requests in progress finish for a while.
func (s *localServer) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if serveErr := <-s.done; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	return err
}
