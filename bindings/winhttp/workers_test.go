package winhttp

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// testPool returns a pool whose items run fn instead of a transfer; a
// workItem's body carries the test's job number.
func testPool(ctx context.Context, fn func(n int)) *workers {
	p := newWorkers(ctx)
	p.run = func(it workItem) { fn(len(it.body)) }
	return p
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// idleCount is the number of parked workers.
func (p *workers) idleCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.idle)
}

// startBlocked starts n items that block (their function waits) and
// waits until all have started.
func startBlocked(p *workers, n int, started *sync.WaitGroup) {
	started.Add(n)
	for i := 0; i < n; i++ {
		p.start(nil, nil, nil)
	}
	started.Wait()
}

func TestWorkersReuse(t *testing.T) {
	tests := []struct {
		name      string
		inFlight  int // items running at once, per round
		rounds    int
		wantLive  int // goroutines started in all
		wantIdle  int // parked at the end
		wantTotal int
	}{
		{name: "sequential", inFlight: 1, rounds: 20, wantLive: 1, wantIdle: 1, wantTotal: 20},
		{name: "16 in flight", inFlight: 16, rounds: 5, wantLive: 16, wantIdle: 16, wantTotal: 80},
		{name: "more than are kept", inFlight: maxIdleWorkers + 6, rounds: 2, wantLive: maxIdleWorkers, wantIdle: maxIdleWorkers, wantTotal: 2 * (maxIdleWorkers + 6)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var mu sync.Mutex
			total := 0
			var started sync.WaitGroup
			var release chan struct{}
			p := testPool(ctx, func(int) {
				mu.Lock()
				total++
				rel := release
				mu.Unlock()
				started.Done()
				<-rel
			})
			maxLive := int32(0)
			for round := 0; round < tt.rounds; round++ {
				mu.Lock()
				rel := make(chan struct{})
				release = rel
				mu.Unlock()
				startBlocked(p, tt.inFlight, &started)
				if l := p.live.Load(); l > maxLive {
					maxLive = l
				}
				close(rel)
				// Every worker parks (or ends, past maxIdleWorkers)
				// before the next round, so that it must reuse them.
				waitFor(t, "the workers to park", func() bool {
					return p.idleCount() == tt.wantIdle && int(p.live.Load()) == tt.wantIdle
				})
			}
			if tt.inFlight <= maxIdleWorkers && int(maxLive) != tt.wantLive {
				t.Errorf("%d workers ran at once, want %d", maxLive, tt.wantLive)
			}
			if int(p.live.Load()) != tt.wantLive {
				t.Errorf("%d workers live at the end, want %d", p.live.Load(), tt.wantLive)
			}
			mu.Lock()
			defer mu.Unlock()
			if total != tt.wantTotal {
				t.Errorf("%d items ran, want %d", total, tt.wantTotal)
			}
		})
	}
}

// workerGoroutines counts the goroutines running workers.work, every
// pool's: a test that counts waits first (noOtherWorkers) for the workers
// of earlier tests, which park for workerIdle before they end.
func workerGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Count(string(buf[:n]), "winhttp.(*workers).work(")
		}
		buf = make([]byte, 2*len(buf))
	}
}

// noOtherWorkers waits until no worker of another test's pool is left.
func noOtherWorkers(t *testing.T) {
	t.Helper()
	waitFor(t, "earlier tests' workers to end", func() bool { return workerGoroutines() == 0 })
}

// Parked workers end when the host context ends: every goroutine the pool
// started is gone (goleak), and the pool's own count agrees.
func TestWorkersEndWithHostContext(t *testing.T) {
	noOtherWorkers(t)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	ctx, cancel := context.WithCancel(context.Background())
	var started sync.WaitGroup
	release := make(chan struct{})
	p := testPool(ctx, func(int) { started.Done(); <-release })
	startBlocked(p, 8, &started)
	if got := workerGoroutines(); got != 8 || p.live.Load() != 8 {
		t.Errorf("%d worker goroutines (%d live) with 8 items running, want 8", got, p.live.Load())
	}
	close(release)
	waitFor(t, "8 parked workers", func() bool { return p.idleCount() == 8 })
	if got := workerGoroutines(); got != 8 {
		t.Errorf("%d worker goroutines with 8 parked, want 8", got)
	}
	cancel()
	waitFor(t, "the workers to end", func() bool { return workerGoroutines() == 0 })
	if n := p.live.Load(); n != 0 || p.idleCount() != 0 {
		t.Errorf("%d live, %d parked after the context ended", n, p.idleCount())
	}
	// A pool whose context has ended still runs what it is given, on a
	// goroutine that ends right after.
	done := make(chan int, 1)
	p.run = func(it workItem) { done <- len(it.body) }
	p.start(nil, nil, make([]byte, 3))
	if got := <-done; got != 3 {
		t.Errorf("item %d ran, want 3", got)
	}
	waitFor(t, "the last worker to end", func() bool { return p.live.Load() == 0 })
}

// A worker left without work ends after workerIdle, even when the host
// context never ends.
func TestWorkersIdleTimeout(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	ran := make(chan struct{}, 1)
	p := testPool(context.Background(), func(int) { ran <- struct{}{} })
	start := time.Now()
	p.start(nil, nil, nil)
	<-ran
	waitFor(t, "the idle worker to end", func() bool { return p.live.Load() == 0 })
	if d := time.Since(start); d < workerIdle {
		t.Errorf("the worker ended after %v, before workerIdle (%v)", d, workerIdle)
	}
	if p.idleCount() != 0 {
		t.Errorf("%d parked after the idle timeout", p.idleCount())
	}
}

// A worker handed an item just as its idle time runs out runs it: start
// and the worker leaving race for the idle stack, and exactly one wins.
func TestWorkersHandOffAtIdleTimeout(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	got := 0
	done := make(chan struct{}, 1)
	p := testPool(ctx, func(int) {
		mu.Lock()
		got++
		mu.Unlock()
		done <- struct{}{}
	})
	for i := 0; i < 8; i++ {
		p.start(nil, nil, nil)
		<-done
		// Land the next item around the moment the worker gives up.
		time.Sleep(workerIdle - 2*time.Millisecond + time.Duration(i%5)*time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if got != 8 {
		t.Errorf("%d items ran, want 8", got)
	}
}

// set makes ctx the context c delegates to, as a new run does.
func (c *switchCtx) set(ctx context.Context) {
	c.mu.Lock()
	c.cur = ctx
	c.mu.Unlock()
}

// Workers parked during a run end when that run's context ends, run after
// run, well before their idle time: the pool watches each run's context
// in turn.
func TestWorkersFollowHostContext(t *testing.T) {
	noOtherWorkers(t)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	host := &switchCtx{cur: context.Background()}
	var started sync.WaitGroup
	p := testPool(host, func(int) { started.Done() })
	for run := 0; run < 3; run++ {
		ctx, cancel := context.WithCancel(context.Background())
		host.set(ctx)
		// Should the test be held up past workerIdle (a loaded machine),
		// the reaper ends the parked workers first: start them again.
		for parked := false; !parked; {
			startBlocked(p, 4, &started)
			waitFor(t, "4 parked workers", func() bool {
				parked = p.idleCount() == 4
				return parked || p.live.Load() == 0
			})
		}
		begin := time.Now()
		cancel()
		waitFor(t, "the run's workers to end", func() bool { return p.live.Load() == 0 })
		if d := time.Since(begin); d >= workerIdle {
			t.Errorf("run %d: the workers ended %v after the run, not at once", run, d)
		}
		host.set(context.Background())
	}
}
