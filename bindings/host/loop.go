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
	// The returned enqueue must be called exactly once (later calls are
	// ignored), from any goroutine; it never blocks: with the job to run on
	// the script's goroutine, or with nil to release the reservation
	// without running anything. A job's error (a JavaScript exception from
	// a handler) ends the script as an uncaught error would. Call Reserve
	// on the script's goroutine (or while holding another reservation):
	// once the script has ended, reservations are not taken, and results
	// of an ended run are dropped, never run in a later one.
	Reserve() (enqueue func(job func() error))

	// Wait runs queued jobs (and due timers and immediates) on the calling
	// goroutine, which must be the script's, until done is closed (true)
	// or timeout passes (false; a negative timeout waits without limit; a
	// nil done is never closed). It is how WScript.Sleep and
	// WaitForResponse let events run while they block. When the run is
	// being stopped (WScript.Quit, an uncaught error, the time limit) it
	// returns false and a non-nil error at once: the caller should then
	// return without doing more.
	Wait(done <-chan struct{}, timeout time.Duration) (bool, error)
}

// TokenLoop is an optional extension of Loop, found by a type assertion,
// for bindings that reserve the loop once per request: a reservation is
// named by two numbers rather than an enqueue closure, its job is a
// function with an argument rather than a closure (two allocations fewer
// per request), and a job with nothing to show the script can be queued
// without waking a script that sleeps in Wait (it runs, in order, at the
// loop's next turn, whatever wakes it).
type TokenLoop interface {
	Loop
	// ReserveToken is Reserve by token; ok is false between runs, when
	// EnqueueTokenArg does nothing for the token.
	ReserveToken() (epoch, id uint64, ok bool)
	// EnqueueTokenArg spends the reservation (epoch, id) on the job
	// fn(arg) (fn nil: releases it), waking a sleeping Wait only when wake
	// is set; later calls for the same reservation do nothing. Safe from
	// any goroutine; never blocks.
	EnqueueTokenArg(epoch, id uint64, fn func(arg any) error, arg any, wake bool)
}
