// Package gctune lets a small heap grow by a fixed allowance before the
// garbage collector runs, instead of by the default 100% of itself.
//
// A script host's live heap is a few MiB (the JS runtime, its objects, a
// few buffers), and requests allocate briskly: with GOGC=100 the collector
// then runs every few MiB of allocation, and collecting costs as much as a
// tenth of the CPU of a keep-alive GET loop. Setting GOGC higher for good
// would multiply a large heap too (a 1 GiB ResponseBody, a streamed body
// held back by a slow script). The tuner instead sets GOGC after every
// collection so the next one comes when the heap has grown by
// max(live, allowance): a small heap gets the fixed allowance, a heap
// larger than the allowance gets GOGC=100, as without the tuner.
package gctune

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// goHeapMinimum is the heap size under which Go does not collect at
// GOGC=100; it scales with GOGC (a GOGC of 2000 would let even an empty
// heap reach 80 MiB), so it bounds the GOGC the tuner sets.
const goHeapMinimum = 4 << 20

// Tuner adjusts GOGC after each collection; see the package comment.
type Tuner struct {
	allowance uint64
	stopped   atomic.Bool
	sample    []metrics.Sample
	percent   atomic.Int32 // the GOGC last set
}

// Start starts tuning with the given allowance in bytes. It does nothing
// (and returns a Tuner whose Stop does nothing) when the GOGC environment
// variable is set: the user's choice stands.
func Start(allowance uint64) *Tuner {
	if _, set := os.LookupEnv("GOGC"); set || allowance == 0 {
		t := &Tuner{}
		t.stopped.Store(true)
		return t
	}
	return start(allowance)
}

func start(allowance uint64) *Tuner {
	t := &Tuner{allowance: allowance}
	t.percent.Store(100)
	t.sample = []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/scan/globals:bytes"},
		{Name: "/gc/scan/stack:bytes"},
	}
	// No tuning before the first collection: nothing is measured yet (the
	// live heap reads 0), and the first one comes at Go's 4 MiB as usual.
	t.arm()
	return t
}

// Stop ends the tuning and puts GOGC back to 100.
func (t *Tuner) Stop() {
	if t.stopped.Swap(true) {
		return
	}
	debug.SetGCPercent(100)
}

// sentinel is an object whose finalizer runs once per collection: it is
// unreachable as soon as it is made, and each run makes the next one.
type sentinel struct{ _ [16]byte }

func (t *Tuner) arm() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if t.stopped.Load() {
			return
		}
		t.tune()
		t.arm()
	})
}

// tune sets GOGC for the heap measured by the last collection. GOGC
// applies to the live heap plus the GC roots (globals and goroutine
// stacks), so they count too.
func (t *Tuner) tune() {
	metrics.Read(t.sample)
	var base uint64
	for _, s := range t.sample {
		if s.Value.Kind() != metrics.KindUint64 {
			return
		}
		base += s.Value.Uint64()
	}
	p := Percent(base, t.allowance)
	if int32(p) != t.percent.Swap(int32(p)) {
		debug.SetGCPercent(p)
	}
}

// Percent is the GOGC that lets a heap of live bytes (with its roots)
// grow by max(live, allowance) before the next collection, capped where
// Go's minimum heap, which GOGC scales, would pass live + allowance.
func Percent(live, allowance uint64) int {
	if live >= allowance {
		return 100
	}
	limit := (allowance + goHeapMinimum) * 100 / goHeapMinimum
	if live == 0 {
		return int(limit)
	}
	return int(min(allowance*100/live, limit))
}
