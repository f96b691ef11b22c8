// Package host declares what the bindings need from the script host (the
// runtime package implements it), so that bindings never import the runtime.
package host

import "time"

// Loop hands the results of Go work back to the script's goroutine, where
// all JavaScript runs. It follows the reserve-then-enqueue pattern: the
// script cannot end while Go work it started is still in flight.
type Loop interface {
	// Reserve records that Go work has started whose result must reach the
	// script. The loop does not finish while a reservation is outstanding.
	// The returned enqueue must be called exactly once, from any goroutine:
	// with the job to run on the script's goroutine, or with nil to release
	// the reservation without running anything. A job's error (a JavaScript
	// exception from a handler) ends the script as an uncaught error would.
	Reserve() (enqueue func(job func() error))

	// Wait runs queued jobs (and due timers) on the calling goroutine, which
	// must be the script's, until done is closed (true) or timeout passes
	// (false; a negative timeout waits without limit). It is how
	// WScript.Sleep and WaitForResponse let events run while they block.
	// It returns false at once when the run is being stopped.
	Wait(done <-chan struct{}, timeout time.Duration) (bool, error)
}
