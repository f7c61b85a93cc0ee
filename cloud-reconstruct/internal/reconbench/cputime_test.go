package reconbench

import "testing"

func TestProcessCPUAdvances(t *testing.T) {
	before := processCPU()
	x := 0.0
	for i := 0; i < 50_000_000; i++ {
		x += float64(i & 7)
	}
	if x == 0 {
		t.Fatal("loop folded")
	}
	if after := processCPU(); after <= before {
		t.Fatalf("CPU time did not advance: %v then %v", before, after)
	}
}
