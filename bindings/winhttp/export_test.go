package winhttp

import "context"

// WithSpill returns ctx making the transfers it bounds spill bodies read
// with events past at bytes, into dir: tests give it as the host's
// Context, so each test has its own threshold and directory.
func WithSpill(ctx context.Context, at int64, dir string) context.Context {
	return withSpill(ctx, spillSettings{at: at, dir: dir})
}

// MaxEventChunk is the largest OnResponseDataAvailable chunk.
const MaxEventChunk = maxEventChunk
