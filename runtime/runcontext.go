package runtime

import (
	"context"
	"sync"
	"time"
)

// runContext is the context handed to the bindings once, at start-up. It
// delegates to the context of the run in progress (or to the runtime's base
// context between runs), so that a request started by a script is aborted
// when that script's run ends, and the same runtime can run again.
type runContext struct {
	mu  sync.Mutex
	cur context.Context
}

func newRunContext(base context.Context) *runContext { return &runContext{cur: base} }

func (c *runContext) set(ctx context.Context) {
	c.mu.Lock()
	c.cur = ctx
	c.mu.Unlock()
}

func (c *runContext) get() context.Context {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur
}

// Deadline implements context.Context.
func (c *runContext) Deadline() (time.Time, bool) { return c.get().Deadline() }

// Done implements context.Context.
func (c *runContext) Done() <-chan struct{} { return c.get().Done() }

// Err implements context.Context.
func (c *runContext) Err() error { return c.get().Err() }

// Value implements context.Context.
func (c *runContext) Value(key any) any { return c.get().Value(key) }
