package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/winhttpjs/winhttpjs/engine"
)

// engineClient runs the workloads on the engine package directly (Go, no
// JavaScript), as the WinHttpRequest object drives it: one session, a
// request opened per call. Its rows separate the engine's cost from the
// binding's and the script's.
type engineClient struct {
	s *engine.Session
}

func newEngineClient(noTimeouts bool) *engineClient {
	opts := engine.SessionOptions{
		UserAgent: engine.DefaultUserAgent,
		Proxy:     engine.ProxyConfig{Access: engine.ProxyDirect},
	}
	if noTimeouts {
		opts.Timeouts = &engine.Timeouts{}
	}
	return &engineClient{s: engine.NewSession(opts)}
}

// do sends one request and reads the body into w (nil: into memory,
// checked against want bytes).
func (c *engineClient) do(ctx context.Context, method, url string, body []byte, w io.Writer) (int64, []byte, error) {
	req, err := c.s.NewRequest(method, url)
	if err != nil {
		return 0, nil, err
	}
	resp, err := req.Send(ctx, body)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, nil, fmt.Errorf("%s %s: status %d", method, url, resp.StatusCode)
	}
	if w != nil {
		n, err := io.Copy(w, resp.Body)
		return n, nil, err
	}
	b, err := io.ReadAll(resp.Body)
	return int64(len(b)), b, err
}

func (c *engineClient) seq(ctx context.Context, url string, n int64) (int64, int64, error) {
	var total int64
	for i := int64(0); i < n; i++ {
		got, _, err := c.do(ctx, "GET", url, nil, nil)
		if err != nil {
			return 0, 0, err
		}
		if got != 13 {
			return 0, 0, fmt.Errorf("GET %s: %d bytes", url, got)
		}
		total += got
	}
	return n, total, nil
}

func (c *engineClient) inflight(ctx context.Context, url string, n int64, k int) (int64, int64, error) {
	var next, total atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, k)
	for range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= n {
				got, _, err := c.do(ctx, "GET", url, nil, nil)
				if err == nil && got != 13 {
					err = fmt.Errorf("GET %s: %d bytes", url, got)
				}
				if err != nil {
					errs <- err
					return
				}
				total.Add(got)
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return 0, 0, err
	}
	return n, total.Load(), nil
}

func (c *engineClient) download(ctx context.Context, base string, size int64) error {
	got, _, err := c.do(ctx, "GET", base+"/bytes/"+strconv.FormatInt(size, 10), nil, io.Discard)
	if err == nil && got != size {
		err = fmt.Errorf("download: %d bytes, want %d", got, size)
	}
	return err
}

func (c *engineClient) upload(ctx context.Context, base string, body []byte) error {
	_, answer, err := c.do(ctx, "POST", base+"/upload", body, nil)
	if err == nil && !bytes.Equal(answer, []byte(strconv.Itoa(len(body)))) {
		err = fmt.Errorf("upload: target read %q bytes, want %d", answer, len(body))
	}
	return err
}
