package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/winhttpjs/winhttpjs/bench/scripts"
	"github.com/winhttpjs/winhttpjs/bench/target"
)

// runDriver is the default command: every selected workload, every tool,
// interleaved rounds, then the table.
func runDriver(args []string) error {
	cfg, err := parseConfig(args)
	if err != nil {
		if err == flag.ErrHelp {
			return nil
		}
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	tmp, err := os.MkdirTemp("", "winhttpjs-bench-")
	if err != nil {
		return err
	}
	if cfg.keep {
		fmt.Fprintf(os.Stderr, "temporary folder: %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	e, err := setup(ctx, cfg, tmp)
	if err != nil {
		return err
	}
	srv, err := target.Start("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer srv.Close()
	e.base = srv.URL

	gs, err := e.groups()
	if err != nil {
		return err
	}
	printEnvironment(os.Stdout, e)
	results := make([]*groupResult, len(gs))
	for i, g := range gs {
		results[i] = newGroupResult(g)
	}
	for round := range cfg.rounds {
		for _, g := range results {
			if g.warmup != nil {
				if _, err := run(ctx, *g.warmup, cfg.runTimeout); err != nil {
					fmt.Fprintf(os.Stderr, "round %d %s warm-up: %v\n", round+1, g.id, err)
				}
			}
			n := len(g.rows)
			for j := range n {
				// Rotate the order each round, so that no tool always runs
				// right after the same neighbour.
				r := g.rows[(j+round)%n]
				if ctx.Err() != nil {
					return ctx.Err()
				}
				runRow(ctx, cfg, srv, round, g, r)
			}
		}
	}
	fmt.Println()
	printTable(os.Stdout, results, cfg.rounds)
	return nil
}

// runRow runs one row once in a round (repeat times for start-up) and
// records its value.
func runRow(ctx context.Context, cfg config, srv *target.Server, round int, g *groupResult, r *rowResult) {
	for len(r.values) < round {
		r.skip()
	}
	if r.err != nil || r.unavailable != "" {
		r.skip()
		return
	}
	repeat := max(g.repeat, 1)
	var vals, rss, cpu []float64
	var last measurement
	for range repeat {
		before := srv.Conns()
		m, err := run(ctx, r.row.cmd, cfg.runTimeout)
		m.conns = srv.Conns() - before
		if err != nil || m.unavailable != "" {
			printProgress(os.Stderr, round, g, r, m, err)
			r.err, r.unavailable = err, m.unavailable
			r.skip()
			return
		}
		vals = append(vals, g.value(m))
		rss = append(rss, float64(m.maxRSS))
		cpu = append(cpu, g.cpuPer(m))
		last = m
	}
	v, peak := median(vals), int64(median(rss))
	r.values, r.rss = append(r.values, v), append(r.rss, peak)
	r.cpu = append(r.cpu, median(cpu))
	r.conns = append(r.conns, last.conns)
	if repeat > 1 {
		// Report the median of the repeats, not the last run.
		last.wall = msDuration(v)
		last.loop = 0
		last.maxRSS = peak
	}
	printProgress(os.Stderr, round, g, r, last, nil)
}

// setup finds the tools, builds winhttpjs and writes the scripts out.
func setup(ctx context.Context, cfg config, tmp string) (*env, error) {
	e := &env{cfg: cfg, tmp: tmp, scripts: filepath.Join(tmp, "scripts")}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	e.self = self
	if err := writeScripts(e.scripts); err != nil {
		return nil, err
	}
	built := cfg.winhttpjs
	if built == "" {
		built = filepath.Join(tmp, "winhttpjs.build")
		fmt.Fprintln(os.Stderr, "building winhttpjs (CGO_ENABLED=0 go build ./cmd/winhttpjs, as the README builds it)…")
		build := exec.CommandContext(ctx, "go", "build", "-o", built, "github.com/winhttpjs/winhttpjs/cmd/winhttpjs")
		// A static binary, as the README's build line makes it: with cgo,
		// net and os/user link the C library, whose loading and
		// initialization were a fifth of an empty script's start-up.
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return nil, fmt.Errorf("building winhttpjs: %w (pass -winhttpjs PATH to use a built binary)", err)
		}
	}
	if e.winhttpjs, err = installCopy(built, filepath.Join(tmp, "winhttpjs")); err != nil {
		return nil, err
	}
	if cfg.compare != "" {
		cmp, err := exec.LookPath(cfg.compare)
		if err != nil {
			return nil, fmt.Errorf("-compare: %w", err)
		}
		if e.compare, err = installCopy(cmp, filepath.Join(tmp, "winhttpjs-compare")); err != nil {
			return nil, err
		}
	}
	e.node = lookTool(cfg.node, "node")
	e.curl = lookTool(cfg.curl, "curl")
	return e, nil
}

// lookTool resolves a tool flag: "none" leaves the tool out, "" looks in
// PATH; a tool not found is left out with a note.
func lookTool(flagValue, name string) string {
	if flagValue == "none" {
		return ""
	}
	if flagValue == "" {
		flagValue = name
	}
	path, err := exec.LookPath(flagValue)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s not found: its rows are left out\n", name)
		return ""
	}
	return path
}

// writeScripts copies the embedded workload scripts to dir.
func writeScripts(dir string) error {
	return fs.WalkDir(scripts.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := scripts.FS.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}

// toolVersion is the first line a tool prints for --version.
func toolVersion(path string) string {
	if path == "" {
		return "not installed"
	}
	out, err := exec.Command(path, "--version").Output()
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

// installCopy copies the binary at src to dst, as installing it does, and
// returns dst. Every binary under test is timed from such a copy: on Linux
// a file just written by the Go linker starts 1–1.5 ms slower than the
// same bytes copied into place (measured; its page-cache pages differ),
// which would make start-up A/B runs compare how files were written
// rather than the code in them.
func installCopy(src, dst string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", fmt.Errorf("copying %s: %w", src, err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return "", fmt.Errorf("copying %s: %w", src, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return "", fmt.Errorf("copying %s to %s: %w", src, dst, err)
	}
	if err := out.Close(); err != nil {
		return "", fmt.Errorf("copying %s to %s: %w", src, dst, err)
	}
	return dst, nil
}
