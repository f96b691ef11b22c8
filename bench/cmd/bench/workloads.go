package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// unit is how a group's rows are measured.
type unit int

const (
	reqPerSec  unit = iota // requests per second, higher is better
	mibPerSec              // MiB per second, higher is better
	millisTime             // milliseconds per run, lower is better
)

// row is one tool (or one way of using winhttpjs) in a group.
type row struct {
	label string
	cmd   command
	// target, when set, states the row's goal and whether this run met it.
	target func(g *groupResult, r *rowResult) string
}

// group is one workload: its rows are run in turn in every round, and
// ratios are taken against the baseline row of the same round.
type group struct {
	id       string // selects the group with --only
	title    string
	unit     unit
	baseline string // label of the row ratios are taken against
	// repeat runs each row this many times per round and keeps the median
	// (start-up runs are short and noisy).
	repeat int
	// warmup, when set, runs once at the start of the group in every
	// round, unmeasured, so that the first row is not the only one to pay
	// for what the group's runs leave behind for each other.
	warmup *command
	rows   []row
}

// env is what the workload commands are built from.
type env struct {
	cfg       config
	base      string // target base URL
	self      string // this executable (the net/http client)
	winhttpjs string // the winhttpjs binary
	compare   string // a second winhttpjs binary whose rows are added ("" for none)
	node      string // "" when not installed
	curl      string // "" when not installed
	scripts   string // folder holding winhttpjs/ and node/
	tmp       string // folder for curl's URL lists and upload file
}

func (e *env) js(name string, args ...string) []string {
	return append([]string{e.winhttpjs, "run", filepath.Join(e.scripts, "winhttpjs", name), e.base}, args...)
}

// jsWith is js with flags for the run command before the script.
func (e *env) jsWith(flags []string, name string, args ...string) []string {
	argv := append([]string{e.winhttpjs, "run"}, flags...)
	return append(append(argv, filepath.Join(e.scripts, "winhttpjs", name), e.base), args...)
}

func (e *env) nodeScript(name string, args ...string) []string {
	return append([]string{e.node, filepath.Join(e.scripts, "node", name), e.base}, args...)
}

func (e *env) goClient(workload string, n int64) []string {
	return []string{e.self, "client", "-workload", workload, "-url", e.base, "-n", itoa(n), "-k", itoa(int64(e.cfg.concurrency))}
}

// engineRow is the workload run on the engine package from Go, without
// JavaScript: the part of winhttpjs's cost that is the engine's.
func (e *env) engineRow(label, workload string, n int64) row {
	return row{label: label, cmd: command{argv: append(e.goClient(workload, n), "-engine")}}
}

// urlList writes a curl config file naming url n times.
func (e *env) urlList(name, url string, n int64) (string, error) {
	var b strings.Builder
	line := "url = \"" + url + "\"\n"
	b.Grow(len(line) * int(n))
	for range n {
		b.WriteString(line)
	}
	path := filepath.Join(e.tmp, name)
	return path, os.WriteFile(path, []byte(b.String()), 0o644)
}

// groups builds the selected workloads for the tools found.
func (e *env) groups() ([]group, error) {
	c := e.cfg
	var gs []group
	hello := e.base + "/hello"
	if c.selected("seq") {
		g := group{id: "seq", title: fmt.Sprintf("sequential keep-alive GETs, 13-byte body, %d requests", c.seq),
			unit: reqPerSec, baseline: labelGo}
		g.rows = append(g.rows, row{label: labelGo, cmd: command{argv: e.goClient("seq", c.seq)}})
		g.rows = append(g.rows, e.engineRow(labelEngine, "seq", c.seq))
		if e.curl != "" {
			list, err := e.urlList("seq.curl", hello, c.seq)
			if err != nil {
				return nil, err
			}
			g.rows = append(g.rows, row{label: "curl", cmd: command{argv: []string{e.curl, "-s", "-f", "-K", list},
				silent: true, requests: c.seq, bytes: 13 * c.seq}})
		}
		if e.node != "" {
			g.rows = append(g.rows, row{label: "node fetch", cmd: command{argv: e.nodeScript("seq.js", itoa(c.seq))}})
		}
		g.rows = append(g.rows,
			row{label: "winhttpjs, one object", cmd: command{argv: e.js("seq-reuse.js", itoa(c.seq))}, target: atLeast(0.95, labelGo)},
			row{label: "winhttpjs, new object each", cmd: command{argv: e.js("seq-new.js", itoa(c.seq))}, target: atLeast(0.95, labelGo)},
			row{label: "winhttpjs, MSXML2.XMLHTTP", cmd: command{argv: e.js("seq-xmlhttp.js", itoa(c.seq))}},
			row{label: "winhttpjs, WinHttp* flat API", cmd: command{argv: e.js("seq-flat.js", itoa(c.seq))}})
		gs = append(gs, g)
	}
	if c.selected("inflight") {
		k := itoa(int64(c.concurrency))
		g := group{id: "inflight", title: fmt.Sprintf("%s requests in flight from one script, %d requests", k, c.inflight),
			unit: reqPerSec, baseline: labelGo}
		g.rows = append(g.rows, row{label: labelGo + ", " + k + " goroutines", cmd: command{argv: e.goClient("inflight", c.inflight)}})
		g.baseline = g.rows[0].label
		g.rows = append(g.rows, e.engineRow(labelEngine+", "+k+" goroutines", "inflight", c.inflight))
		// The pattern of inflight.js in Go: how much waiting in turn
		// costs by itself.
		g.rows = append(g.rows, row{label: labelGo + ", " + k + " in flight waited on in turn", cmd: command{argv: e.goClient("inflight-turn", c.inflight)}})
		if e.curl != "" {
			list, err := e.urlList("inflight.curl", hello, c.inflight)
			if err != nil {
				return nil, err
			}
			g.rows = append(g.rows, row{label: "curl -Z", cmd: command{argv: []string{e.curl, "-s", "-f", "-Z", "--parallel-max", k, "-K", list},
				silent: true, requests: c.inflight, bytes: 13 * c.inflight}})
		}
		if e.node != "" {
			g.rows = append(g.rows, row{label: "node fetch", cmd: command{argv: e.nodeScript("inflight.js", itoa(c.inflight), k)}})
		}
		g.rows = append(g.rows,
			row{label: "winhttpjs, " + k + " async objects, WaitForResponse in turn", cmd: command{argv: e.js("inflight.js", itoa(c.inflight), k)},
				target: atLeast(0.8, g.baseline)},
			row{label: "winhttpjs, " + k + " async objects, re-sent from OnResponseFinished", cmd: command{argv: e.js("inflight-events.js", itoa(c.inflight), k)},
				target: atLeast(0.8, g.baseline)})
		gs = append(gs, g)
	}
	if c.selected("download") {
		size := itoa(c.download)
		g := group{id: "download", title: "download of " + sizeText(c.download), unit: mibPerSec, baseline: labelGo + ", streamed"}
		g.rows = append(g.rows, row{label: g.baseline, cmd: command{argv: e.goClient("download", c.download)}},
			e.engineRow(labelEngine+", streamed", "download", c.download))
		if e.curl != "" {
			g.rows = append(g.rows, row{label: labelCurl, cmd: command{argv: []string{e.curl, "-s", "-f", "-o", "/dev/null", e.base + "/bytes/" + size},
				silent: true, requests: 1, bytes: c.download}})
		}
		if e.node != "" {
			g.rows = append(g.rows, row{label: "node fetch, streamed", cmd: command{argv: e.nodeScript("download.js", size)}})
		}
		var peer string
		if e.curl != "" {
			peer = labelCurl
		}
		streamed := streamTarget(peer)
		g.rows = append(g.rows,
			// The object's default keeps the body besides the events (in
			// a temporary file): that is the "kept" group's work.
			row{label: "winhttpjs, OnResponseDataAvailable, --discard-streamed-body", cmd: command{argv: e.jsWith([]string{"--discard-streamed-body"}, "download-events.js", size)}, target: streamed},
			row{label: "winhttpjs, WinHttpReadData", cmd: command{argv: e.js("download-readdata.js", size)}, target: streamed})
		gs = append(gs, g)
	}
	if c.selected("upload") {
		g := group{id: "upload", title: "upload of " + sizeText(c.upload) + " from memory", unit: mibPerSec, baseline: labelGo}
		g.rows = append(g.rows, row{label: labelGo, cmd: command{argv: e.goClient("upload", c.upload)}},
			e.engineRow(labelEngine, "upload", c.upload))
		if e.curl != "" {
			file := filepath.Join(e.tmp, "upload.bin")
			if err := writeUploadFile(file, c.upload); err != nil {
				return nil, err
			}
			g.rows = append(g.rows, row{label: "curl -T file", cmd: command{argv: []string{e.curl, "-s", "-f", "-o", "/dev/null",
				"-X", "POST", "-H", "Expect:", "-H", "Content-Type: application/octet-stream", "-T", file, e.base + "/upload"},
				silent: true, requests: 1, bytes: c.upload}})
		}
		if e.node != "" {
			g.rows = append(g.rows, row{label: "node fetch", cmd: command{argv: e.nodeScript("upload.js", itoa(c.upload))}})
		}
		g.rows = append(g.rows, row{label: "winhttpjs, Uint8Array", cmd: command{argv: e.js("upload.js", itoa(c.upload))}})
		gs = append(gs, g)
	}
	if c.selected("startup") {
		g := group{id: "startup", title: "start-up of an empty script (wall time)", unit: millisTime,
			repeat: c.startupRuns, baseline: labelGo + " binary, no work"}
		if e.node != "" {
			g.baseline = "node -e ''"
			g.rows = append(g.rows, row{label: g.baseline, cmd: command{argv: []string{e.node, "-e", ""}, silent: true}})
		}
		var goal func(*groupResult, *rowResult) string
		if e.node != "" {
			goal = atMost(0.1, g.baseline)
		}
		g.rows = append(g.rows,
			row{label: "winhttpjs run empty.js", cmd: command{argv: []string{e.winhttpjs, "run", filepath.Join(e.scripts, "winhttpjs", "empty.js")}, silent: true},
				target: goal},
			row{label: labelGo + " binary, no work", cmd: command{argv: []string{e.self, "client", "-workload", "empty"}, silent: true}})
		gs = append(gs, g)
	}
	if c.selected("memory") {
		gs = append(gs, e.inMemoryGroup())
	}
	if c.selected("kept") {
		gs = append(gs, e.keptGroup())
	}
	if e.compare != "" {
		for i := range gs {
			gs[i].rows = append(gs[i].rows, e.compareRows(gs[i].rows)...)
		}
	}
	return gs, nil
}

// compareRows repeats the winhttpjs rows with the -compare binary, so that
// a change can be measured against the checkout in the same rounds.
func (e *env) compareRows(rows []row) []row {
	var out []row
	for _, r := range rows {
		if r.cmd.argv[0] != e.winhttpjs {
			continue
		}
		c := r
		c.label = r.label + " [" + e.cfg.compareLabel + "]"
		c.cmd.argv = append([]string{e.compare}, r.cmd.argv[1:]...)
		out = append(out, c)
	}
	return out
}

// inMemoryGroup is the download held whole in memory, apart from the
// streamed one: each run takes and frees a GiB of fresh memory, which in
// a VM can slow whatever runs next (the host takes freed memory back and
// gives it again through faults), so these runs come after the streamed
// and start-up groups. Within the group a run that reuses memory another
// just freed is the faster one; the rotation shares that out.
func (e *env) inMemoryGroup() group {
	c := e.cfg
	size := itoa(c.download)
	g := group{id: "memory", title: "download of " + sizeText(c.download) + " held in memory", unit: mibPerSec,
		baseline: labelGo + ", body in memory"}
	g.rows = append(g.rows,
		// The body held once in memory costs the first touch of every
		// page of it.
		row{label: g.baseline, cmd: command{argv: append(e.goClient("download", c.download), "-in-memory")}},
		row{label: "winhttpjs, ResponseBody", cmd: command{argv: e.js("download-body.js", size)}, target: rssUnder(13 * c.download / 10)},
		row{label: "winhttpjs, MSXML2.XMLHTTP responseBody", cmd: command{argv: e.js("download-xmlhttp.js", size)}})
	return g
}

// keptGroup is the download whose body is kept besides being streamed:
// what WinHttpRequest does by default with OnResponseDataAvailable
// connected (Windows keeps the body for ResponseBody), which winhttpjs
// does in a temporary file. Its peers are the clients that write the body
// to a file: the same work, a disk's worth more than a stream's. It runs
// last in each round: writing and dropping a GiB of file pages slows the
// next run that takes fresh memory, whatever it is. Within the group the
// first writer of a round was the slow one (≈450 MiB/s against 650–1,300
// for the same tool later in the round, whichever tool it was): a
// warm-up run, the net/http client writing the file, takes that turn.
func (e *env) keptGroup() group {
	c := e.cfg
	size := itoa(c.download)
	g := group{id: "kept", title: "download of " + sizeText(c.download) + " kept in a file", unit: mibPerSec,
		baseline: labelGo + ", io.Copy to a file"}
	goFile := filepath.Join(e.tmp, "download-go.bin")
	toFile := command{argv: append(e.goClient("download", c.download), "-o", goFile), remove: []string{goFile}}
	g.warmup = &toFile
	g.rows = append(g.rows, row{label: g.baseline, cmd: toFile})
	var peer string
	if e.curl != "" {
		curlFile := filepath.Join(e.tmp, "download-curl.bin")
		g.rows = append(g.rows, row{label: labelCurlFile, cmd: command{argv: []string{e.curl, "-s", "-f", "-o", curlFile, e.base + "/bytes/" + size},
			silent: true, requests: 1, bytes: c.download, remove: []string{curlFile}}})
		peer = labelCurlFile
	}
	g.rows = append(g.rows, row{label: "winhttpjs, OnResponseDataAvailable, body kept (the default)",
		cmd: command{argv: e.js("download-events.js", size)}, target: streamTarget(peer)})
	// The Windows idiom for saving a download: the whole body in memory,
	// then written out.
	adodbFile := filepath.Join(e.tmp, "download-adodb.bin")
	g.rows = append(g.rows, row{label: "winhttpjs, ResponseBody saved with ADODB.Stream",
		cmd: command{argv: e.js("download-adodb.js", size, adodbFile), remove: []string{adodbFile}}})
	return g
}

const (
	labelCurlFile = "curl -o file"
	labelGo       = "net/http"
	labelEngine   = "engine (Go, no JS)"
	labelCurl     = "curl"
)

// writeUploadFile writes size bytes for curl to upload.
func writeUploadFile(path string, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	buf := make([]byte, 1<<20)
	for left := size; left > 0; left -= int64(len(buf)) {
		if _, err := f.Write(buf[:min(left, int64(len(buf)))]); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// sizeText prints a byte count in GiB, MiB or KiB when exact.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
