package gctune

import (
	"runtime"
	"runtime/metrics"
	"testing"
)

func TestPercent(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		live, allowance uint64
		want            int
	}{
		{4 * mib, 16 * mib, 400},
		{8 * mib, 16 * mib, 200},
		{16 * mib, 16 * mib, 100},
		{1024 * mib, 16 * mib, 100},
		{mib / 2, 16 * mib, 500}, // capped: Go's 4 MiB minimum × 5 = 4 + 16 MiB
		{0, 16 * mib, 500},
		{mib, 64 * mib, 1700},
	}
	for _, tt := range tests {
		if got := Percent(tt.live, tt.allowance); got != tt.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", tt.live, tt.allowance, got, tt.want)
		}
	}
}

func TestStartLeavesUserGOGCAlone(t *testing.T) {
	t.Setenv("GOGC", "150")
	before := gogc()
	tu := Start(64 << 20)
	runtime.GC()
	runtime.GC()
	tu.Stop()
	if got := gogc(); got != before {
		t.Fatalf("GOGC = %d, want the user's %d untouched", got, before)
	}
}

// TestTunerFollowsCollections: after collections the tuner has set GOGC
// for the live heap it measured (a test binary's heap is far below 1 GiB),
// and Stop puts 100 back.
func TestTunerFollowsCollections(t *testing.T) {
	tu := start(1 << 30)
	defer tu.Stop()
	for i := 0; i < 100 && gogc() == 100; i++ {
		runtime.GC()
	}
	if got := gogc(); got != 25700 { // (1 GiB + 4 MiB) / 4 MiB × 100
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		t.Fatalf("GOGC = %d with %d bytes in use, want 25700", got, m.HeapAlloc)
	}
	tu.Stop()
	if got := gogc(); got != 100 {
		t.Fatalf("GOGC after Stop = %d, want 100", got)
	}
}

func gogc() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}
