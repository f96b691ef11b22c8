package runtime

import (
	"container/heap"
	"math"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/errors"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// timer is one setTimeout, setInterval or setImmediate. The script holds
// it as an opaque object and gives it back to clear*.
type timer struct {
	due     time.Time
	seq     uint64
	every   time.Duration // the period of an interval; 0 for one-shot kinds
	index   int           // position in the heap, -1 when not in it
	cleared bool
	call    func() error
}

// timerHeap orders pending timers by due time, then by creation.
type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if !h[i].due.Equal(h[j].due) {
		return h[i].due.Before(h[j].due)
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *timerHeap) Push(x any) {
	t := x.(*timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	t.index = -1
	return t
}

func (l *eventLoop) schedule(t *timer, delay time.Duration) {
	l.seq++
	t.seq = l.seq
	t.due = time.Now().Add(delay)
	heap.Push(&l.timers, t)
}

// dueTimers takes the timers due at now out of the heap, in order. Taking
// them out first means a callback that schedules a zero-delay timer does
// not run it in the same turn, and a running interval is not in the heap,
// so a nested Wait (WScript.Sleep inside the callback) cannot re-enter it.
func (l *eventLoop) dueTimers(now time.Time) []*timer {
	var due []*timer
	for len(l.timers) > 0 && !l.timers[0].due.After(now) {
		due = append(due, heap.Pop(&l.timers).(*timer))
	}
	return due
}

// fire runs a due timer; an interval is scheduled again once its callback
// has returned, unless it was cleared meanwhile.
func (l *eventLoop) fire(t *timer) {
	if t.cleared {
		return
	}
	if t.every == 0 {
		t.cleared = true
	}
	l.runJob(t.call)
	if t.every > 0 && !t.cleared {
		l.schedule(t, t.every)
	}
}

func (l *eventLoop) clear(t *timer) {
	if t == nil || t.cleared {
		return
	}
	t.cleared = true
	if t.index >= 0 {
		heap.Remove(&l.timers, t.index)
	}
}

// installTimers defines setTimeout, setInterval, setImmediate and their
// clear* functions on the runtime's loop. A callback that throws ends the
// run as an uncaught error would.
func (r *Runtime) installTimers(vm *goja.Runtime) {
	l := r.loop
	// newTimer checks the callback and binds it with its arguments.
	newTimer := func(call goja.FunctionCall, extra int) *timer {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(errors.NewNotCorrectTypeError(vm, "callback", "function"))
		}
		var args []goja.Value
		if len(call.Arguments) > extra {
			args = append(args, call.Arguments[extra:]...)
		}
		return &timer{index: -1, call: func() error {
			_, err := fn(goja.Undefined(), args...)
			return err
		}}
	}
	vm.Set("setTimeout", func(call goja.FunctionCall) goja.Value {
		t := newTimer(call, 2)
		l.schedule(t, delayArg(call.Argument(1), 0))
		return vm.ToValue(t)
	})
	vm.Set("setInterval", func(call goja.FunctionCall) goja.Value {
		t := newTimer(call, 2)
		// As in Node, a period under 1 ms is 1 ms, so that an interval
		// cannot starve everything else.
		t.every = delayArg(call.Argument(1), time.Millisecond)
		l.schedule(t, t.every)
		return vm.ToValue(t)
	})
	vm.Set("setImmediate", func(call goja.FunctionCall) goja.Value {
		t := newTimer(call, 1)
		l.immediates = append(l.immediates, t)
		return vm.ToValue(t)
	})
	clearTimer := func(call goja.FunctionCall) goja.Value {
		if t, ok := com.Export(call.Argument(0)).(*timer); ok {
			l.clear(t)
		}
		return goja.Undefined()
	}
	for _, name := range []string{"clearTimeout", "clearInterval", "clearImmediate"} {
		vm.Set(name, clearTimer)
	}
}

// delayArg converts a timer's delay in milliseconds; a missing, negative
// or non-numeric delay is min, and a huge one is capped (at about 146
// years) so that due times never overflow.
func delayArg(v goja.Value, min time.Duration) time.Duration {
	ms := v.ToFloat()
	if math.IsNaN(ms) || ms <= 0 {
		return min
	}
	if ms >= float64(foreverish/time.Millisecond) {
		return foreverish
	}
	return max(time.Duration(ms*float64(time.Millisecond)), min)
}
