package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// config is the driver's command line.
type config struct {
	rounds       int
	seq          int64 // sequential GETs
	inflight     int64 // requests of the in-flight workload
	concurrency  int   // requests in flight
	download     int64 // bytes
	upload       int64 // bytes
	startupRuns  int   // start-up runs per tool per round
	only         map[string]bool
	runTimeout   time.Duration
	winhttpjs    string
	compare      string
	compareLabel string
	node         string
	curl         string
	keep         bool
}

// The sizes (defaults) and the -quick ones.
var (
	fullSizes  = sizes{rounds: 5, seq: 20000, inflight: 100000, download: 1 << 30, upload: 100 << 20, startupRuns: 10}
	quickSizes = sizes{rounds: 2, seq: 2000, inflight: 10000, download: 64 << 20, upload: 16 << 20, startupRuns: 5}
)

type sizes struct {
	rounds           int
	seq, inflight    int64
	download, upload int64
	startupRuns      int
}

// groupIDs are the workloads -only accepts.
var groupIDs = []string{"seq", "inflight", "download", "upload", "startup", "memory", "kept"}

func parseConfig(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	quick := fs.Bool("quick", false, "smaller counts and sizes (development); explicit flags still win")
	fs.IntVar(&c.rounds, "rounds", fullSizes.rounds, "interleaved rounds")
	fs.Int64Var(&c.seq, "seq", fullSizes.seq, "sequential GETs per run")
	fs.Int64Var(&c.inflight, "inflight", fullSizes.inflight, "requests per run of the in-flight workload")
	fs.IntVar(&c.concurrency, "k", 16, "requests in flight")
	download := fs.String("download", sizeText(fullSizes.download), "download size (bytes, or with KiB/MiB/GiB)")
	upload := fs.String("upload", sizeText(fullSizes.upload), "upload size (bytes, or with KiB/MiB/GiB)")
	fs.IntVar(&c.startupRuns, "startup-runs", fullSizes.startupRuns, "start-up runs per tool per round (their median counts)")
	only := fs.String("only", "", "comma-separated workloads to run: "+strings.Join(groupIDs, ","))
	fs.DurationVar(&c.runTimeout, "timeout", 5*time.Minute, "limit for one child run")
	fs.StringVar(&c.winhttpjs, "winhttpjs", "", "winhttpjs binary (default: go build ./cmd/winhttpjs into a temporary folder)")
	fs.StringVar(&c.compare, "compare", "", "a second winhttpjs binary: its rows are added to every workload (A/B of a change in the same rounds)")
	fs.StringVar(&c.compareLabel, "compare-label", "B", "label of the -compare rows")
	fs.StringVar(&c.node, "node", "", `node binary (default: from PATH; "none" leaves node out)`)
	fs.StringVar(&c.curl, "curl", "", `curl binary (default: from PATH; "none" leaves curl out)`)
	fs.BoolVar(&c.keep, "keep", false, "keep the temporary folder (scripts, binaries, URL lists)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	if c.download, err = parseSize(*download); err != nil {
		return c, fmt.Errorf("-download: %w", err)
	}
	if c.upload, err = parseSize(*upload); err != nil {
		return c, fmt.Errorf("-upload: %w", err)
	}
	if *quick {
		q := quickSizes
		pick(set, "rounds", &c.rounds, q.rounds)
		pick(set, "seq", &c.seq, q.seq)
		pick(set, "inflight", &c.inflight, q.inflight)
		pick(set, "download", &c.download, q.download)
		pick(set, "upload", &c.upload, q.upload)
		pick(set, "startup-runs", &c.startupRuns, q.startupRuns)
	}
	if *only != "" {
		c.only = map[string]bool{}
		for _, id := range strings.Split(*only, ",") {
			id = strings.TrimSpace(id)
			if !contains(groupIDs, id) {
				return c, fmt.Errorf("-only: unknown workload %q (know %s)", id, strings.Join(groupIDs, ", "))
			}
			c.only[id] = true
		}
	}
	if c.rounds < 1 || c.seq < 1 || c.inflight < 1 || c.concurrency < 1 || c.download < 1 || c.upload < 1 || c.startupRuns < 1 {
		return c, fmt.Errorf("counts and sizes must be positive")
	}
	return c, nil
}

func (c config) selected(id string) bool { return c.only == nil || c.only[id] }

func pick[T any](set map[string]bool, name string, dst *T, v T) {
	if !set[name] {
		*dst = v
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// parseSize reads "1073741824", "1GiB", "100MiB", "64KiB".
func parseSize(s string) (int64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = rest, u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}
