package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// measurement is what one child run gave.
type measurement struct {
	wall     time.Duration // process start to exit, as the driver saw it
	loop     time.Duration // the child's own timing of its loop (0: none printed)
	requests int64
	bytes    int64
	maxRSS   int64 // peak resident set of the child, bytes
	// cpu is the child's user and system CPU time, start-up included
	// (the target server runs in the driver, so none of it is the
	// server's).
	cpu   time.Duration
	conns int64 // connections the target accepted during the run
	// unavailable is set when the child reported the workload cannot run
	// yet ("BENCH unavailable=REASON").
	unavailable string
}

// elapsed is the child's own timing when it printed one, else wall time.
func (m measurement) elapsed() time.Duration {
	if m.loop > 0 {
		return m.loop
	}
	return m.wall
}

// command is one way of running a workload: argv and, for tools that do
// not print a BENCH line (curl, start-up runs), the requests and bytes it
// moves.
type command struct {
	argv []string
	// silent marks a child that prints no BENCH line; its wall time is
	// the measure and its standard output is discarded.
	silent   bool
	requests int64
	bytes    int64
	// remove names files the child writes (a download kept in a file):
	// they are removed after each run, outside the measured time, as
	// winhttpjs's temporary body file is removed when the script ends.
	remove []string
}

// run runs c once, bounded by timeout, and measures it.
func run(ctx context.Context, c command, timeout time.Duration) (measurement, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.argv[0], c.argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if c.silent {
		// curl writes the bodies to standard output: send them nowhere.
		cmd.Stdout = nil
	}
	start := time.Now()
	err := cmd.Run()
	m := measurement{wall: time.Since(start), requests: c.requests, bytes: c.bytes}
	for _, name := range c.remove {
		// Removed before the sync below: like the script's unlinked
		// temporary file, its pages are dropped rather than written back.
		os.Remove(name)
	}
	// A child that wrote a file (winhttpjs keeping a streamed body in a
	// temporary file) leaves dirty pages that the kernel writes back
	// later, in whichever run comes next: write them now, outside any
	// measured time.
	syscall.Sync()
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			m.maxRSS = ru.Maxrss * 1024 // kilobytes on Linux
			m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("timed out after %v", timeout)
		}
		return m, fmt.Errorf("%s: %w\n%s", strings.Join(c.argv, " "), err, tail(stderr.String(), 800))
	}
	if c.silent {
		return m, nil
	}
	if err := parseBench(stdout.String(), &m); err != nil {
		return m, fmt.Errorf("%s: %w\n%s", strings.Join(c.argv, " "), err, tail(stdout.String()+stderr.String(), 800))
	}
	return m, nil
}

// parseBench reads the child's "BENCH key=value ..." line, if any.
func parseBench(out string, m *measurement) error {
	for _, line := range strings.Split(out, "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "BENCH ")
		if !ok {
			continue
		}
		if reason, ok := strings.CutPrefix(rest, "unavailable="); ok {
			m.unavailable = reason
			return nil
		}
		for _, kv := range strings.Fields(rest) {
			k, v, _ := strings.Cut(kv, "=")
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return fmt.Errorf("bad BENCH field %q", kv)
			}
			switch k {
			case "requests":
				m.requests = int64(f)
			case "bytes":
				m.bytes = int64(f)
			case "ms":
				m.loop = time.Duration(f * float64(time.Millisecond))
			}
		}
		return nil
	}
	return fmt.Errorf("no BENCH line in the output")
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
