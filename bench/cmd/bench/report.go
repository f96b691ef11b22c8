package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// rowResult collects one row's measurements over the rounds.
type rowResult struct {
	row         row
	values      []float64 // per round, in the group's unit; NaN when the run failed
	rss         []int64   // per round, bytes
	conns       []int64   // connections opened, per successful round
	cpu         []float64 // per round: the child's CPU per unit of work (see cpuPer); NaN when the run failed
	err         error     // the first failure; the row is not run again
	unavailable string    // the child said the workload cannot run yet
}

// groupResult is a group and its rows' results.
type groupResult struct {
	group
	rows []*rowResult
}

// skip records a round without a value.
func (r *rowResult) skip() {
	r.values, r.rss, r.cpu = append(r.values, math.NaN()), append(r.rss, 0), append(r.cpu, math.NaN())
}

func newGroupResult(g group) *groupResult {
	gr := &groupResult{group: g}
	for _, r := range g.rows {
		gr.rows = append(gr.rows, &rowResult{row: r})
	}
	return gr
}

func (g *groupResult) find(label string) *rowResult {
	for _, r := range g.rows {
		if r.row.label == label {
			return r
		}
	}
	return nil
}

// value converts a measurement to the group's unit.
func (g *groupResult) value(m measurement) float64 {
	secs := m.elapsed().Seconds()
	switch g.unit {
	case reqPerSec:
		return float64(m.requests) / secs
	case mibPerSec:
		return float64(m.bytes) / (1 << 20) / secs
	default:
		return float64(m.wall) / float64(time.Millisecond)
	}
}

// cpuPer is the child's CPU time per unit of the group's work: µs per
// request, ms per GiB moved, or ms per run (start-up). On a shared
// machine it moves less than wall-time throughput: it leaves out the
// time a process waits for a processor.
func (g *groupResult) cpuPer(m measurement) float64 {
	switch {
	case g.unit == reqPerSec && m.requests > 0:
		return float64(m.cpu.Microseconds()) / float64(m.requests)
	case g.unit == mibPerSec && m.bytes > 0:
		return float64(m.cpu.Milliseconds()) / (float64(m.bytes) / (1 << 30))
	case g.unit == millisTime:
		return float64(m.cpu) / float64(time.Millisecond)
	}
	return math.NaN()
}

// ratio is the median over rounds of r's value divided by other's value in
// the same round; NaN when no round has both.
func ratio(r, other *rowResult) float64 {
	if r == nil || other == nil {
		return math.NaN()
	}
	var qs []float64
	for i := range min(len(r.values), len(other.values)) {
		a, b := r.values[i], other.values[i]
		if !math.IsNaN(a) && !math.IsNaN(b) && b != 0 {
			qs = append(qs, a/b)
		}
	}
	return median(qs)
}

func median(xs []float64) float64 {
	var v []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN()
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// spread is (max-min)/median of the rounds, in percent.
func spread(xs []float64) float64 {
	var v []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) < 2 {
		return math.NaN()
	}
	return (slices.Max(v) - slices.Min(v)) / median(v) * 100
}

func medianRSS(xs []int64) int64 {
	f := make([]float64, 0, len(xs))
	for _, x := range xs {
		if x > 0 {
			f = append(f, float64(x))
		}
	}
	m := median(f)
	if math.IsNaN(m) {
		return 0
	}
	return int64(m)
}

// atLeast is the goal "ratio to label >= x" (throughput).
func atLeast(x float64, label string) func(*groupResult, *rowResult) string {
	return func(g *groupResult, r *rowResult) string {
		q := ratio(r, g.find(label))
		return fmt.Sprintf("≥ %.2f× %s: %s", x, label, verdict(q, q >= x, "%.2f×"))
	}
}

// atMost is the goal "ratio to label <= x" (time).
func atMost(x float64, label string) func(*groupResult, *rowResult) string {
	return func(g *groupResult, r *rowResult) string {
		q := ratio(r, g.find(label))
		return fmt.Sprintf("≤ %.2f× %s: %s", x, label, verdict(q, q <= x, "%.3f×"))
	}
}

// rssUnder is the goal "peak RSS below limit".
func rssUnder(limit int64) func(*groupResult, *rowResult) string {
	return func(_ *groupResult, r *rowResult) string {
		rss := medianRSS(r.rss)
		return fmt.Sprintf("RSS < %s: %s", limitText(limit), verdict(float64(rss), rss > 0 && rss < limit, ""))
	}
}

// streamTarget is the goal of a streamed download: the throughput of the
// row labelled peer at least (curl for a stream, curl -o file for a body
// kept on disk; "" when that tool is not installed), peak RSS under 64 MiB.
func streamTarget(peer string) func(*groupResult, *rowResult) string {
	const limit = 64 << 20
	return func(g *groupResult, r *rowResult) string {
		rss := medianRSS(r.rss)
		s := fmt.Sprintf("RSS < 64 MiB: %s", verdict(float64(rss), rss > 0 && rss < limit, ""))
		if peer != "" {
			q := ratio(r, g.find(peer))
			s = fmt.Sprintf("≥ 1.00× %s: %s; %s", peer, verdict(q, q >= 1, "%.2f×"), s)
		}
		return s
	}
}

func verdict(q float64, ok bool, format string) string {
	val := ""
	if format != "" {
		if math.IsNaN(q) {
			return "n/a"
		}
		val = fmt.Sprintf(format, q) + " "
	}
	if ok {
		return val + "met"
	}
	return val + "NOT met"
}

// mib prints a byte count in MiB.
func mib(n int64) string {
	if n <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}

// printTable writes the results as a Markdown table: medians over the
// rounds, spread, ratio to the group's baseline, median peak RSS, goal.
func printTable(w io.Writer, results []*groupResult, rounds int) {
	fmt.Fprintf(w, "| workload | tool | median | spread | ratio | CPU | peak RSS | conns | goal |\n")
	fmt.Fprintf(w, "|---|---|--:|--:|--:|--:|--:|--:|---|\n")
	for _, g := range results {
		base := g.find(g.baseline)
		for i, r := range g.rows {
			title := ""
			if i == 0 {
				title = g.title
			}
			if r.unavailable != "" {
				fmt.Fprintf(w, "| %s | %s | not available yet | | | | | | |\n", title, r.row.label)
				continue
			}
			if r.err != nil && countOK(r.values) == 0 {
				fmt.Fprintf(w, "| %s | %s | failed | | | | | | |\n", title, r.row.label)
				continue
			}
			goal := ""
			if r.row.target != nil {
				goal = r.row.target(g, r)
			}
			q := ratio(r, base)
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", title, r.row.label,
				formatValue(g.unit, median(r.values)), formatPct(spread(r.values)),
				formatRatio(q), formatCPU(g.unit, median(r.cpu)), mib(medianRSS(r.rss)), connsText(r.conns), goal)
		}
	}
	fmt.Fprintf(w, "\nmedian of %d interleaved rounds; spread = (max−min)/median over the rounds; "+
		"ratio = median over rounds of (row ÷ the group's first row in the same round); "+
		"CPU = the process's user and system time (start-up included) per request, per GiB or per run, median over the rounds; "+
		"conns = most connections the target accepted in one run (keep-alive: one per request in flight)\n", rounds)
}

// printProgress reports one run on the progress stream.
func printProgress(w io.Writer, round int, g *groupResult, r *rowResult, m measurement, err error) {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	defer tw.Flush()
	switch {
	case err != nil:
		fmt.Fprintf(tw, "round %d\t%s\t%s\tFAILED: %v\n", round+1, g.id, r.row.label, firstLine(err.Error()))
	case m.unavailable != "":
		fmt.Fprintf(tw, "round %d\t%s\t%s\tnot available yet (%s)\n", round+1, g.id, r.row.label, m.unavailable)
	default:
		fmt.Fprintf(tw, "round %d\t%s\t%s\t%s\tCPU %s\tRSS %s\t%d conns\n", round+1, g.id, r.row.label, formatValue(g.unit, g.value(m)), formatCPU(g.unit, g.cpuPer(m)), mib(m.maxRSS), m.conns)
	}
}

func countOK(xs []float64) int {
	n := 0
	for _, x := range xs {
		if !math.IsNaN(x) {
			n++
		}
	}
	return n
}

func formatValue(u unit, v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	switch u {
	case reqPerSec:
		return fmt.Sprintf("%s req/s", thousands(v))
	case mibPerSec:
		return fmt.Sprintf("%s MiB/s", thousands(v))
	default:
		return fmt.Sprintf("%.1f ms", v)
	}
}

func formatCPU(u unit, v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	switch u {
	case reqPerSec:
		return fmt.Sprintf("%.1f µs/req", v)
	case mibPerSec:
		return fmt.Sprintf("%s ms/GiB", thousands(v))
	default:
		return fmt.Sprintf("%.1f ms", v)
	}
}

func formatPct(p float64) string {
	if math.IsNaN(p) {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", p)
}

func formatRatio(q float64) string {
	if math.IsNaN(q) {
		return "-"
	}
	return fmt.Sprintf("%.2f", q)
}

// thousands formats v rounded, with commas.
func thousands(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// limitText prints a memory limit in GiB (one decimal) or MiB.
func limitText(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	}
	return mib(n)
}

// connsText is the largest number of connections a run opened ("-" for
// start-up runs, which open none).
func connsText(cs []int64) string {
	if len(cs) == 0 || slices.Max(cs) == 0 {
		return "-"
	}
	return fmt.Sprint(slices.Max(cs))
}
