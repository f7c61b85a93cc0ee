package meshcodec

import "testing"

// TestFrontLoops checks the loop bookkeeping on a seed and a C, L, E
// sequence that closes a tetrahedron.
func TestFrontLoops(t *testing.T) {
	t.Parallel()
	var f front
	f.reset(12)
	f.addSeed(0, 1, 2)
	loopLen := func(k int32) int {
		n := 1
		for j := f.lnext[k]; j != k; j = f.lnext[j] {
			if f.lprev[f.lnext[j]] != j {
				t.Fatal("lnext and lprev disagree")
			}
			n++
		}
		return n
	}
	if loopLen(0) != 3 {
		t.Fatalf("seed loop has %d edges", loopLen(0))
	}
	g, ok := f.nextGate()
	if !ok || g != 0 {
		t.Fatalf("first gate %d, %v", g, ok)
	}
	c0 := f.attach(g, 3)
	f.applyC(g, c0)
	if loopLen(c0+1) != 4 {
		t.Fatalf("after C the loop has %d edges, want 4", loopLen(c0+1))
	}
	g, _ = f.nextGate()
	if !f.canL(g) || f.canE(g) {
		t.Fatalf("gate %d: canL %v canE %v", g, f.canL(g), f.canE(g))
	}
	c1 := f.attach(g, f.start(f.lprev[g]))
	f.applyL(g, c1)
	g, _ = f.nextGate()
	if !f.canE(g) {
		t.Fatal("last triangle cannot close")
	}
	f.applyE(g, f.attach(g, f.start(f.lprev[g])))
	if _, ok := f.nextGate(); ok {
		t.Fatal("open edges left on a closed tetrahedron")
	}
	for c, o := range f.opp {
		if o < 0 || f.opp[o] != int32(c) {
			t.Fatalf("corner %d not joined symmetrically", c)
		}
	}
}
