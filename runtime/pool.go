package runtime

import (
	"context"
	goruntime "runtime"
	"sync"
)

// PoolOptions configure a Pool.
type PoolOptions struct {
	// Options are those of every runtime the pool creates. Runs on
	// several goroutines share its writers, which must then be safe for
	// concurrent use.
	Options Options
	// Setup, when set, prepares each new runtime once (Set its host
	// objects); a runtime it fails for is closed and the error returned.
	Setup func(*Runtime) error
	// MaxIdle is how many runtimes are kept for reuse; zero means
	// GOMAXPROCS.
	MaxIdle int
}

// Pool reuses runtimes for hosts that run many short scripts: creating a
// runtime installs every global, while taking one from the pool costs
// nothing. Programs compiled once (Compile) are shared by all of them.
//
// A reused runtime keeps what earlier scripts left in its globals, as a
// browser tab keeps a page's globals across scripts; scripts that must not
// see each other's state need runtimes of their own (New). A runtime whose
// run hit an internal error is not reused.
//
// A Pool is safe for concurrent use.
type Pool struct {
	opts PoolOptions

	mu     sync.Mutex
	idle   []*Runtime
	closed bool
}

// NewPool returns an empty pool; runtimes are created as needed.
func NewPool(opts PoolOptions) *Pool {
	if opts.MaxIdle <= 0 {
		opts.MaxIdle = goruntime.GOMAXPROCS(0)
	}
	return &Pool{opts: opts}
}

// Get returns an idle runtime, or a new one. Give it back with Put.
func (p *Pool) Get() (*Runtime, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, ErrClosed
	}
	if n := len(p.idle); n > 0 {
		rt := p.idle[n-1]
		p.idle[n-1] = nil
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return rt, nil
	}
	p.mu.Unlock()
	rt, err := New(p.opts.Options)
	if err != nil {
		return nil, err
	}
	if p.opts.Setup != nil {
		if err := p.opts.Setup(rt); err != nil {
			rt.Close()
			return nil, err
		}
	}
	return rt, nil
}

// Put gives a runtime back for reuse. A runtime that is closed, running,
// unusable, or beyond MaxIdle is closed instead.
func (p *Pool) Put(rt *Runtime) {
	if rt == nil {
		return
	}
	rt.mu.Lock()
	reusable := !rt.closed && !rt.running && !rt.broken
	rt.mu.Unlock()
	p.mu.Lock()
	if reusable && !p.closed && len(p.idle) < p.opts.MaxIdle {
		p.idle = append(p.idle, rt)
		rt = nil
	}
	p.mu.Unlock()
	if rt != nil {
		rt.Close()
	}
}

// Run runs prog on a runtime of the pool (see Runtime.RunProgram) and
// gives the runtime back.
func (p *Pool) Run(ctx context.Context, prog *Program) (int, error) {
	rt, err := p.Get()
	if err != nil {
		return 1, err
	}
	defer p.Put(rt)
	return rt.RunProgram(ctx, prog)
}

// Close closes the idle runtimes; runtimes given back later are closed
// too, and Get fails with ErrClosed.
func (p *Pool) Close() error {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, rt := range idle {
		rt.Close()
	}
	return nil
}
