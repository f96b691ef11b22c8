package main

import (
	"bytes"
	"context"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/winhttpjs/winhttpjs/bench/target"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1GiB": 1 << 30, "100MiB": 100 << 20, "64 KiB": 64 << 10, "1234": 1234} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-5", "1TB", "GiB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) accepted", in)
		}
	}
}

func TestParseBench(t *testing.T) {
	var m measurement
	if err := parseBench("noise\nBENCH requests=20 bytes=260 ms=12.5\n", &m); err != nil {
		t.Fatal(err)
	}
	if m.requests != 20 || m.bytes != 260 || m.loop != 12500*time.Microsecond {
		t.Errorf("parsed %+v", m)
	}
	m = measurement{}
	if err := parseBench(`BENCH unavailable=require("winhttp") failed`, &m); err != nil || m.unavailable == "" {
		t.Errorf("unavailable line: %+v, %v", m, err)
	}
	if err := parseBench("nothing here", &measurement{}); err == nil {
		t.Error("output without a BENCH line accepted")
	}
}

func TestStatistics(t *testing.T) {
	if got := median([]float64{3, math.NaN(), 1, 2}); got != 2 {
		t.Errorf("median = %v", got)
	}
	if got := spread([]float64{90, 100, 110}); math.Abs(got-20) > 1e-9 {
		t.Errorf("spread = %v", got)
	}
	a := &rowResult{values: []float64{10, 30, math.NaN()}}
	b := &rowResult{values: []float64{20, 30, 40}}
	// Per-round ratios 0.5 and 1 (the third round has no value): median 0.75.
	if got := ratio(a, b); got != 0.75 {
		t.Errorf("ratio = %v", got)
	}
}

func TestQuickKeepsExplicitFlags(t *testing.T) {
	c, err := parseConfig([]string{"-quick", "-seq", "777"})
	if err != nil {
		t.Fatal(err)
	}
	if c.seq != 777 || c.inflight != quickSizes.inflight || c.download != quickSizes.download {
		t.Errorf("config %+v", c)
	}
	if _, err := parseConfig([]string{"-only", "nope"}); err == nil {
		t.Error("-only accepted an unknown workload")
	}
}

func TestCPUPer(t *testing.T) {
	tests := []struct {
		unit unit
		m    measurement
		want float64
		text string
	}{
		{reqPerSec, measurement{cpu: 500 * time.Millisecond, requests: 20000}, 25, "25.0 µs/req"},
		{mibPerSec, measurement{cpu: 300 * time.Millisecond, bytes: 1 << 29}, 600, "600 ms/GiB"},
		{millisTime, measurement{cpu: 6500 * time.Microsecond}, 6.5, "6.5 ms"},
	}
	for _, tt := range tests {
		g := &groupResult{group: group{unit: tt.unit}}
		got := g.cpuPer(tt.m)
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("cpuPer(%+v) = %v, want %v", tt.m, got, tt.want)
		}
		if s := formatCPU(tt.unit, got); s != tt.text {
			t.Errorf("formatCPU = %q, want %q", s, tt.text)
		}
	}
	if got := (&groupResult{group: group{unit: reqPerSec}}).cpuPer(measurement{cpu: time.Second}); !math.IsNaN(got) {
		t.Errorf("no requests: cpuPer = %v, want NaN", got)
	}
}

// The in-turn client makes exactly n requests, never more than k at once.
func TestGoInflightInTurn(t *testing.T) {
	var cur, most atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := cur.Add(1)
		for m := most.Load(); c > m && !most.CompareAndSwap(m, c); m = most.Load() {
		}
		time.Sleep(time.Millisecond)
		cur.Add(-1)
		_, _ = w.Write([]byte("Hello, world!"))
	}))
	defer srv.Close()
	client := &http.Client{Transport: newGoTransport()}
	n, total, err := goInflightInTurn(context.Background(), client, srv.URL, 50, 4)
	if err != nil || n != 50 || total != 50*13 {
		t.Fatalf("got %d requests, %d bytes, %v; want 50, 650", n, total, err)
	}
	if m := most.Load(); m > 4 || m < 2 {
		t.Errorf("at most %d requests at once, want 2 to 4", m)
	}
}

// A download with -o leaves the body in the file, byte for byte; one
// -in-memory reads it whole; the driver's run removes a command's files
// once it has ended.
func TestGoDownloadToFileAndRemove(t *testing.T) {
	srv, err := target.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	const size = 300_001
	file := filepath.Join(t.TempDir(), "body.bin")
	client := &http.Client{Transport: newGoTransport()}
	if err := goDownload(context.Background(), client, srv.URL, size, file); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Get(srv.URL + "/bytes/300001")
	if err != nil {
		t.Fatal(err)
	}
	want, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || len(want) != size || !bytes.Equal(got, want) {
		t.Fatalf("file holds %d bytes, want the %d the target serves (equal: %v, read error %v)", len(got), len(want), bytes.Equal(got, want), err)
	}

	if err := goDownloadInMemory(context.Background(), client, srv.URL, size); err != nil {
		t.Fatalf("in memory: %v", err)
	}

	kept := filepath.Join(t.TempDir(), "kept.bin")
	m, err := run(context.Background(), command{argv: []string{"sh", "-c", "echo x > " + kept}, silent: true, remove: []string{kept}}, time.Minute)
	if err != nil || m.wall <= 0 {
		t.Fatalf("run: %v, wall %v", err, m.wall)
	}
	if _, err := os.Stat(kept); !os.IsNotExist(err) {
		t.Fatalf("after the run, %s: %v; want it removed", kept, err)
	}
}
