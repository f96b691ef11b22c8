// Command benchprof profiles winhttpjs workloads in-process: it serves the
// loopback target, runs a workload script through runtime.New(...).RunFile
// (what `winhttpjs run` does) under the CPU profiler, and writes the
// profile for `go tool pprof`.
//
//	go run ./bench/cmd/benchprof -script seq-reuse.js -n 20000 -cpuprofile seq.pprof
//	go run ./bench/cmd/benchprof -url http://127.0.0.1:PORT -script inflight.js -n 100000 -cpuprofile inflight.pprof
//	go run ./bench/cmd/benchprof -startup 2000 -cpuprofile startup.pprof
//	go tool pprof -top seq.pprof
//
// -startup N instead creates, runs an empty script in, and closes N
// runtimes, and prints the time and allocations of one.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	goruntime "runtime"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"time"

	"github.com/winhttpjs/winhttpjs/bench/scripts"
	"github.com/winhttpjs/winhttpjs/bench/target"
	"github.com/winhttpjs/winhttpjs/runtime"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "benchprof:", err)
		os.Exit(1)
	}
}

func run() error {
	script := flag.String("script", "seq-reuse.js", "workload script in bench/scripts/winhttpjs")
	n := flag.Int64("n", 20000, "the script's count or size argument")
	startup := flag.Int("startup", 0, "profile N runtime start-ups with an empty script instead")
	cpu := flag.String("cpuprofile", "", "write a CPU profile here")
	mem := flag.String("memprofile", "", "write an allocation profile here (all allocations, sampled at 4 KiB)")
	base := flag.String("url", "", "a target already serving (bench serve), so the profile holds the client alone")
	discard := flag.Bool("discard-streamed-body", false, "run the script as winhttpjs run --discard-streamed-body does")
	traceFile := flag.String("trace", "", "write an execution trace here (go tool trace)")
	flag.Parse()

	if *mem != "" {
		goruntime.MemProfileRate = 4096
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *traceFile != "" {
		f, err := os.Create(*traceFile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := trace.Start(f); err != nil {
			return err
		}
		defer trace.Stop()
	}
	var err error
	if *startup > 0 {
		err = profileStartup(*startup)
	} else {
		err = profileScript(*script, *n, *base, *discard)
	}
	if err != nil {
		return err
	}
	if *mem != "" {
		f, err := os.Create(*mem)
		if err != nil {
			return err
		}
		defer f.Close()
		return pprof.Lookup("allocs").WriteTo(f, 0)
	}
	return nil
}

// profileScript runs one workload script against base, or against an
// in-process target when base is "", with the runtime's
// DiscardStreamedBody set to discard.
func profileScript(name string, n int64, base string, discard bool) error {
	src, err := scripts.FS.ReadFile("winhttpjs/" + name)
	if err != nil {
		return err
	}
	if base == "" {
		srv, err := target.Start("127.0.0.1:0")
		if err != nil {
			return err
		}
		defer srv.Close()
		base = srv.URL
	}
	rt, err := runtime.New(runtime.Options{Stdout: os.Stdout, Stderr: os.Stderr,
		Args: []string{base, strconv.FormatInt(n, 10)}, DiscardStreamedBody: discard})
	if err != nil {
		return err
	}
	defer rt.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	code, err := rt.RunScript(ctx, filepath.Base(name), src)
	if err == nil && code != 0 {
		err = fmt.Errorf("%s exited with %d", name, code)
	}
	return err
}

// profileStartup creates n runtimes, each running an empty script.
func profileStartup(n int) error {
	var before, after goruntime.MemStats
	goruntime.ReadMemStats(&before)
	start := time.Now()
	for range n {
		rt, err := runtime.New(runtime.Options{})
		if err != nil {
			return err
		}
		if _, err := rt.RunScript(context.Background(), "empty.js", nil); err != nil {
			return err
		}
		rt.Close()
	}
	elapsed := time.Since(start)
	goruntime.ReadMemStats(&after)
	fmt.Printf("runtime start-up: %v per New+RunScript+Close, %d allocs, %d KiB allocated\n",
		elapsed/time.Duration(n), (after.Mallocs-before.Mallocs)/uint64(n), (after.TotalAlloc-before.TotalAlloc)/uint64(n)/1024)
	return nil
}
