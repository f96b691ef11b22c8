package main

import (
	"fmt"
	"io"
	"os"
	goruntime "runtime"
	"strings"
	"time"
)

// printEnvironment writes the machine and tool versions the table was
// measured with.
func printEnvironment(w io.Writer, e *env) {
	c := e.cfg
	fmt.Fprintf(w, "date:      %s\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "machine:   %d CPUs (nproc), %s, %s RAM, load average %s\n",
		goruntime.NumCPU(), cpuModel(), memTotal(), loadAverage())
	fmt.Fprintf(w, "tools:     %s; winhttpjs (this checkout); node %s; %s\n",
		goruntime.Version(), toolVersion(e.node), shortVersion(toolVersion(e.curl)))
	if e.compare != "" {
		fmt.Fprintf(w, "compare:   rows marked [%s] run %s\n", c.compareLabel, e.compare)
	}
	fmt.Fprintf(w, "sizes:     %d rounds; %d sequential GETs; %d requests, %d in flight; download %s; upload %s; %d start-ups per round\n\n",
		c.rounds, c.seq, c.inflight, c.concurrency, sizeText(c.download), sizeText(c.upload), c.startupRuns)
}

// procField returns the value of the first "key: value" line of a /proc file.
func procField(file, key string) string {
	b, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func cpuModel() string {
	if m := procField("/proc/cpuinfo", "model name"); m != "" {
		return m
	}
	return "unknown CPU"
}

func memTotal() string {
	v := procField("/proc/meminfo", "MemTotal") // "24000000 kB"
	var kb int64
	if _, err := fmt.Sscanf(v, "%d kB", &kb); err != nil || kb == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// shortVersion keeps the first two words of a version line ("curl 7.88.1").
func shortVersion(s string) string {
	f := strings.Fields(s)
	if len(f) > 2 {
		f = f[:2]
	}
	return strings.Join(f, " ")
}
