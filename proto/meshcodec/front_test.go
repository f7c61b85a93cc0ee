package meshcodec

import (
	"math/rand/v2"
	"testing"
)

// TestFrontLoops checks the loop bookkeeping on a seed and a C, L, E
// sequence that closes a tetrahedron, numbered as the decoder numbers
// corners.
func TestFrontLoops(t *testing.T) {
	t.Parallel()
	var f front
	vert := make([]uint32, 12)
	f.reset(vert, 12)
	n := int32(0)
	addTriangle := func(v0, v1, v2 uint32) (c0 int32) {
		c0 = n
		vert[c0], vert[c0+1], vert[c0+2] = v0, v1, v2
		n += 3
		return c0
	}
	attach := func(g int32, tip uint32) (c1, c2 int32) {
		c0 := addTriangle(tip, f.end(g), f.start(g))
		f.attach(g, c0, c0+1, c0+2)
		return c0 + 1, c0 + 2
	}
	f.addSeed(addTriangle(0, 1, 2))
	loopLen := func(k int32) int {
		n := 1
		for j := f.lnext(k); j != k; j = f.lnext(j) {
			if f.lprev(f.lnext(j)) != j {
				t.Fatal("lnext and lprev disagree")
			}
			if f.state[j] != cornerOpen {
				t.Fatalf("corner %d on a loop is not open", j)
			}
			n++
		}
		return n
	}
	if loopLen(0) != 3 {
		t.Fatalf("seed loop has %d edges", loopLen(0))
	}
	g, ok := f.popGate()
	if !ok || g != 0 {
		t.Fatalf("first gate %d, %v", g, ok)
	}
	c1, c2 := attach(g, 3)
	f.applyC(g, c1, c2)
	if loopLen(c1) != 4 {
		t.Fatalf("after C the loop has %d edges, want 4", loopLen(c1))
	}
	g, _ = f.popGate()
	if !f.canL(g) || f.canE(g) {
		t.Fatalf("gate %d: canL %v canE %v", g, f.canL(g), f.canE(g))
	}
	c1, c2 = attach(g, f.start(f.lprev(g)))
	f.applyL(g, c1, c2)
	g, _ = f.popGate()
	if !f.canE(g) {
		t.Fatal("last triangle cannot close")
	}
	c1, c2 = attach(g, f.start(f.lprev(g)))
	f.applyE(g, c1, c2)
	if g, ok := f.popGate(); ok {
		t.Fatalf("open edge %d left on a closed tetrahedron", g)
	}
	for c, s := range f.state {
		if s != cornerClosed {
			t.Fatalf("corner %d in state %d, want closed", c, s)
		}
	}
}

// linkApply are the apply functions written as plain sequences of links,
// the way the format describes them, to check the one-go versions against.
var linkApply = map[string]func(f *front, g, c1, c2 int32){
	"C": func(f *front, g, c1, c2 int32) {
		f.link(f.lprev(g), c1)
		f.link(c1, c2)
		f.link(c2, f.lnext(g))
		f.push(c2)
	},
	"L": func(f *front, g, c1, c2 int32) {
		p := f.lprev(g)
		f.join(c1, p)
		f.link(f.lprev(p), c2)
		f.link(c2, f.lnext(g))
		f.push(c2)
	},
	"R": func(f *front, g, c1, c2 int32) {
		n := f.lnext(g)
		f.join(c2, n)
		f.link(f.lprev(g), c1)
		f.link(c1, f.lnext(n))
		f.push(c1)
	},
}

// TestApplyMatchesLinks applies C, L and R across every gate of random
// loops, including loops of one and two corners, both ways and compares.
func TestApplyMatchesLinks(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	apply := map[string]func(f *front, g, c1, c2 int32){"C": (*front).applyC, "L": (*front).applyL, "R": (*front).applyR}
	can := map[string]func(f *front, g int32) bool{"C": func(*front, int32) bool { return true }, "L": (*front).canL, "R": (*front).canR}
	for trial := 0; trial < 300; trial++ {
		// Open corners 0..n-1 in loops of random sizes; c1, c2 are n, n+1.
		n := 1 + rng.IntN(7)
		var base front
		base.reset(make([]uint32, n+2), n+2)
		for start := 0; start < n; {
			size := min(1+rng.IntN(4), n-start)
			for i := 0; i < size; i++ {
				k := int32(start + i)
				base.state[k] = cornerOpen
				base.link(k, int32(start+(i+1)%size))
			}
			start += size
		}
		g, c1, c2 := int32(rng.IntN(n)), int32(n), int32(n+1)
		for _, op := range []string{"C", "L", "R"} {
			if !can[op](&base, g) {
				continue
			}
			var got, want front
			for _, f := range []*front{&got, &want} {
				f.reset(make([]uint32, n+2), n+2)
				copy(f.state, base.state)
				copy(f.loop, base.loop)
				f.attach(g, g, c1, c2) // c0 is irrelevant to the loops
			}
			apply[op](&got, g, c1, c2)
			linkApply[op](&want, g, c1, c2)
			for k := range got.state {
				if got.state[k] != want.state[k] {
					t.Fatalf("trial %d %s: corner %d state %d, want %d", trial, op, k, got.state[k], want.state[k])
				}
				if got.state[k] == cornerOpen && got.loop[k] != want.loop[k] {
					t.Fatalf("trial %d %s across %d: corner %d links %v, want %v", trial, op, g, k, got.loop[k], want.loop[k])
				}
			}
			if got.sp != want.sp || got.stack[got.sp-1] != want.stack[want.sp-1] {
				t.Fatalf("trial %d %s: stacks differ", trial, op)
			}
		}
	}
}

// popGate returns the next open corner on the stack; ok is false when the
// stack holds none. (The encoder's and decoder's traversal loops do the
// same inline.)
func (f *front) popGate() (g int32, ok bool) {
	for f.sp > 0 {
		f.sp--
		if g = f.stack[f.sp]; f.state[g] == cornerOpen {
			return g, true
		}
	}
	return 0, false
}
