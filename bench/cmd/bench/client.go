package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/pprof"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// clientTimeout bounds one client run, whatever its counts.
const clientTimeout = 10 * time.Minute

// runClient is the hidden "client" subcommand: the plain net/http baseline
// of a workload, run as a child process like every other tool. It prints
// the BENCH line the scripts print.
func runClient(args []string) error {
	fs := flag.NewFlagSet("client", flag.ContinueOnError)
	workload := fs.String("workload", "", "seq, inflight, inflight-turn, download, upload or empty")
	base := fs.String("url", "", "target base URL")
	n := fs.Int64("n", 0, "requests (seq, inflight) or bytes (download, upload)")
	k := fs.Int("k", 16, "requests in flight (inflight)")
	useEngine := fs.Bool("engine", false, "use the engine package instead of net/http")
	noTimeouts := fs.Bool("no-timeouts", false, "with -engine: no send/receive timeouts (no socket deadlines)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run here")
	output := fs.String("o", "", "download: write the body to this file (created or truncated) instead of discarding it")
	inMemory := fs.Bool("in-memory", false, "download: read the whole body into one buffer of its length, as ResponseBody holds it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *workload == "empty" {
		return nil
	}
	if err := checkBase(*base); err != nil {
		return err
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	ctx, cancel := context.WithTimeout(context.Background(), clientTimeout)
	defer cancel()
	client := &http.Client{Transport: newGoTransport()}
	start := time.Now()
	var requests, bytes int64
	var err error
	if *useEngine {
		requests, bytes, err = runEngine(ctx, *workload, *base, *n, *k, *noTimeouts, &start)
		if err != nil {
			return err
		}
		fmt.Printf("BENCH requests=%d bytes=%d ms=%.3f\n", requests, bytes, float64(time.Since(start))/float64(time.Millisecond))
		return nil
	}
	switch *workload {
	case "seq":
		requests, bytes, err = goSeq(ctx, client, *base+"/hello", *n)
	case "inflight":
		requests, bytes, err = goInflight(ctx, client, *base+"/hello", *n, *k)
	case "inflight-turn":
		requests, bytes, err = goInflightInTurn(ctx, client, *base+"/hello", *n, *k)
	case "download":
		if *inMemory {
			requests, bytes, err = 1, *n, goDownloadInMemory(ctx, client, *base, *n)
		} else {
			requests, bytes, err = 1, *n, goDownload(ctx, client, *base, *n, *output)
		}
	case "upload":
		requests, bytes, err = 1, *n, goUpload(ctx, client, *base, *n, &start)
	default:
		err = fmt.Errorf("unknown workload %q", *workload)
	}
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Printf("BENCH requests=%d bytes=%d ms=%.3f\n", requests, bytes, float64(elapsed)/float64(time.Millisecond))
	return nil
}

// runEngine is runClient's workloads on the engine package.
func runEngine(ctx context.Context, workload, base string, n int64, k int, noTimeouts bool, start *time.Time) (int64, int64, error) {
	c := newEngineClient(noTimeouts)
	defer c.s.Close()
	switch workload {
	case "seq":
		return c.seq(ctx, base+"/hello", n)
	case "inflight":
		return c.inflight(ctx, base+"/hello", n, k)
	case "download":
		return 1, n, c.download(ctx, base, n)
	case "upload":
		body := make([]byte, n)
		for i := 0; i < len(body); i += 4096 {
			body[i] = byte(i)
		}
		*start = time.Now()
		return 1, n, c.upload(ctx, base, body)
	}
	return 0, 0, fmt.Errorf("unknown workload %q", workload)
}

// newGoTransport is Go's default transport with enough idle connections
// per host for the in-flight workload (the default keeps only 2).
func newGoTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	return t
}

// get fetches url and reads its body, checking the answer.
func get(ctx context.Context, client *http.Client, url string, want int64) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK || int64(len(b)) != want {
		return 0, fmt.Errorf("GET %s: status %d, %d bytes", url, resp.StatusCode, len(b))
	}
	return int64(len(b)), nil
}

func goSeq(ctx context.Context, client *http.Client, url string, n int64) (int64, int64, error) {
	var total int64
	for i := int64(0); i < n; i++ {
		got, err := get(ctx, client, url, 13)
		if err != nil {
			return 0, 0, err
		}
		total += got
	}
	return n, total, nil
}

func goInflight(ctx context.Context, client *http.Client, url string, n int64, k int) (int64, int64, error) {
	var next, total atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, k)
	for range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= n {
				got, err := get(ctx, client, url, 13)
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

// goInflightInTurn is inflight.js's pattern in Go: k requests in flight,
// each on a goroutine of its own, waited on in turn by one goroutine,
// which re-sends each as soon as it has taken its answer. It separates
// what waiting in turn costs from what winhttpjs costs.
func goInflightInTurn(ctx context.Context, client *http.Client, url string, n int64, k int) (int64, int64, error) {
	type result struct {
		got int64
		err error
	}
	slots := make([]chan result, k)
	start := func(i int) {
		go func() {
			got, err := get(ctx, client, url, 13)
			slots[i] <- result{got, err}
		}()
	}
	var sent, done, total int64
	for i := range slots {
		slots[i] = make(chan result, 1)
		if sent < n {
			start(i)
			sent++
		}
	}
	for i := 0; done < n; i = (i + 1) % k {
		r := <-slots[i]
		if r.err != nil {
			return 0, 0, r.err
		}
		total += r.got
		done++
		if sent < n {
			start(i)
			sent++
		}
	}
	return n, total, nil
}

// getBytes asks the target for size bytes.
func getBytes(ctx context.Context, client *http.Client, base string, size int64) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/bytes/"+strconv.FormatInt(size, 10), nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

// goDownload streams the body into io.Discard, or into the file named
// output when one is given (the work of curl -o file).
func goDownload(ctx context.Context, client *http.Client, base string, size int64, output string) error {
	resp, err := getBytes(ctx, client, base, size)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var dst io.Writer = io.Discard
	if output != "" {
		f, err := os.Create(output)
		if err != nil {
			return err
		}
		defer f.Close()
		dst = f
	}
	got, err := io.Copy(dst, resp.Body)
	if err != nil {
		return fmt.Errorf("download: %w", err)
	}
	if resp.StatusCode != http.StatusOK || got != size {
		return fmt.Errorf("download: status %d, %d bytes, want %d", resp.StatusCode, got, size)
	}
	return nil
}

// goDownloadInMemory reads the body into one buffer of its declared
// length: the peer of ResponseBody, which holds the body once in memory.
func goDownloadInMemory(ctx context.Context, client *http.Client, base string, size int64) error {
	resp, err := getBytes(ctx, client, base, size)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.ContentLength != size {
		return fmt.Errorf("download: status %d, Content-Length %d, want %d", resp.StatusCode, resp.ContentLength, size)
	}
	body := make([]byte, size)
	if _, err := io.ReadFull(resp.Body, body); err != nil {
		return fmt.Errorf("download: %w", err)
	}
	return nil
}

// goUpload posts size bytes from memory; the clock starts once the buffer
// is filled, as in the scripts.
func goUpload(ctx context.Context, client *http.Client, base string, size int64, start *time.Time) error {
	body := make([]byte, size)
	for i := 0; i < len(body); i += 4096 {
		body[i] = byte(i)
	}
	*start = time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/upload", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || string(b) != strconv.FormatInt(size, 10) {
		return fmt.Errorf("upload: status %d, target read %q bytes, want %d", resp.StatusCode, b, size)
	}
	return nil
}

// checkBase refuses a target that is not on 127.0.0.1.
func checkBase(base string) error {
	const prefix = "http://127.0.0.1:"
	if len(base) <= len(prefix) || base[:len(prefix)] != prefix {
		return errors.New("the target URL must be http://127.0.0.1:PORT")
	}
	return nil
}

// exitf prints an error and exits with status 1.
func exitf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}
