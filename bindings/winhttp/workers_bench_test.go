package winhttp

import (
	"context"
	"testing"
)

// BenchmarkWorkersHandOff measures a transfer's trip through the pool
// alone: start hands an item to a parked worker, which runs it (a no-op
// that reports back) and parks again, with 16 items in flight as in
// inflight.js.
func BenchmarkWorkersHandOff(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const inFlight = 16
	done := make(chan struct{}, inFlight)
	p := testPool(ctx, func(int) { done <- struct{}{} })
	for range inFlight {
		p.start(nil, nil, nil)
	}
	b.ReportAllocs()
	for b.Loop() {
		<-done
		p.start(nil, nil, nil)
	}
	for range inFlight {
		<-done
	}
}
