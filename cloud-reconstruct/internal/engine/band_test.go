package engine

import (
	"context"
	"math"
	"math/bits"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/mesh"
)

// reconstructCPU runs one reconstruction and returns the engine, to
// inspect its bricks.
func reconstructCPU(t *testing.T, cfg Config, sc scene) *cpu {
	t.Helper()
	e, err := NewCPU(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	var m mesh.Mesh
	if _, err := e.Reconstruct(context.Background(), sc.fs, &m); err != nil {
		t.Fatal(err)
	}
	return e.(*cpu)
}

// TestCornerFieldIsMinOverAllCameras checks the pruning of the corner
// evaluation against the definition: every stored corner value is the
// minimum over every camera (not only the active ones of its level-1
// cell, and whatever the order the cameras were tried in), clamped to R
// and clipped by the volume.
func TestCornerFieldIsMinOverAllCameras(t *testing.T) {
	t.Parallel()
	for i, d := range []rig.Distortion{{}, {K1: -0.25, K2: 0.08, P1: 0.002, P2: -0.001}, {K1: -0.1}} {
		sc := newScene(t, testRing(t, d), twoSpheres)
		// Hi cuts the head: some bricks need the volume clip. The last
		// rig lets unseen space carve.
		e := reconstructCPU(t, Config{Rig: sc.rig, Lo: testLo, Hi: [3]float64{0.6, 1.35, 0.6}, CellSize: 0.01, NoColor: true, UnseenCarves: i == 2}, sc)
		g := &e.g
		checked, mid := 0, 0
		for _, b := range e.bricks[:e.nBricks] {
			for ci := int32(0); ci < brickC*brickC*brickC; ci++ {
				if b.evaluated[ci>>6]&(1<<uint(ci&63)) == 0 {
					continue
				}
				p := g.corner(b.bi*brickN+ci%brickC, b.bj*brickN+ci/brickC%brickC, b.bk*brickN+ci/(brickC*brickC))
				want := math.Min(g.R, g.boxClip(p))
				for c := range e.cams {
					want = math.Min(want, e.cams[c].field(p[0], p[1], p[2], g.R, e.pad))
				}
				if got := b.corner[ci]; got != float32(want) {
					t.Fatalf("distortion %v: corner %v reads %g, the minimum over all cameras is %g", d, p, got, want)
				}
				checked++
				if math.Abs(want) < g.R {
					mid++
				}
			}
		}
		if checked < 1000 || mid < 100 {
			t.Fatalf("only %d corners (%d unsaturated) checked", checked, mid)
		}
	}
}

// TestBandIsChildrenOfLevel1 checks the two levels of the band: the
// finest band cells are exactly the children of the level-1 boundary
// cells, and the cells listed as having triangles are the band cells whose
// configuration is neither empty nor full.
func TestBandIsChildrenOfLevel1(t *testing.T) {
	t.Parallel()
	sc := newScene(t, testRing(t, rig.Distortion{}), twoSpheres)
	e := reconstructCPU(t, Config{Rig: sc.rig, Lo: testLo, Hi: testHi, CellSize: 0.01, NoColor: true}, sc)
	level1 := 0
	for _, b := range e.bricks[:e.nBricks] {
		level1 += bits.OnesCount64(b.band1)
		var want [len(b.band)]uint64
		for c1 := int32(0); c1 < 64; c1++ {
			if b.band1&(1<<uint(c1)) == 0 {
				continue
			}
			if b.mask1[c1] == 0 {
				t.Fatalf("brick (%d,%d,%d) level-1 cell %d on the band without active cameras", b.bi, b.bj, b.bk, c1)
			}
			for v := int32(0); v < 8; v++ {
				x, y, z := 2*(c1&3)+v&1, 2*(c1>>2&3)+v>>1&1, 2*(c1>>4)+v>>2&1
				cell := x + brickN*(y+brickN*z)
				want[cell>>6] |= 1 << uint(cell&63)
			}
		}
		if b.band != want {
			t.Fatalf("brick (%d,%d,%d): band %x, want the children of its level-1 cells %x", b.bi, b.bj, b.bk, b.band, want)
		}
		surf := map[uint16]bool{}
		for _, c := range b.surf {
			surf[c] = true
		}
		for cell := 0; cell < brickN*brickN*brickN; cell++ {
			in := b.band[cell>>6]&(1<<uint(cell&63)) != 0
			hasTris := in && b.conf[cell] != 0 && b.conf[cell] != 255
			if surf[uint16(cell)] != hasTris {
				t.Fatalf("brick (%d,%d,%d) cell %d: listed %v, band %v conf %d", b.bi, b.bj, b.bk, cell, surf[uint16(cell)], in, b.conf[cell])
			}
		}
	}
	if level1 == 0 {
		t.Fatal("no level-1 band cells")
	}
}

// TestClassifyCellHintDoesNotMatter checks that the camera tried first
// changes neither the class nor the active set.
func TestClassifyCellHintDoesNotMatter(t *testing.T) {
	t.Parallel()
	sc := newScene(t, testRing(t, rig.Distortion{K1: -0.1}), twoSpheres)
	ei, err := NewCPU(Config{Rig: sc.rig, Lo: testLo, Hi: testHi, CellSize: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	e := ei.(*cpu)
	active, err := e.install(sc.fs)
	if err != nil {
		t.Fatal(err)
	}
	g := &e.g
	seen := map[int]int{}
	for _, level := range []int{g.top, 2, 1} {
		n := int32(g.n[0] >> uint(level))
		for i := int32(0); i < n; i += 3 {
			for j := int32(0); j < int32(g.n[1]>>uint(level)); j += 2 {
				k := n / 2
				h0 := -1
				cls, mask := e.classifyCell(level, i, j, k, active, &h0)
				seen[cls]++
				for h := range e.cams {
					hint := h
					c2, m2 := e.classifyCell(level, i, j, k, active, &hint)
					if c2 != cls || m2 != mask {
						t.Fatalf("level %d cell (%d,%d,%d): hint %d gives %d %b, no hint %d %b", level, i, j, k, h, c2, m2, cls, mask)
					}
				}
			}
		}
	}
	if seen[cellEmpty] == 0 || seen[cellBoundary] == 0 {
		t.Fatalf("classes seen %v: the test does not exercise carving and the boundary", seen)
	}
}

// TestCornerTables checks that near1 and corners1 describe the same
// incidence: level-1 cell c1 has brick corner ci iff ci is in corners1[c1]
// iff c1 is in near1[ci], and that a corner has at most eight such cells.
func TestCornerTables(t *testing.T) {
	t.Parallel()
	for c1 := 0; c1 < 64; c1++ {
		x, y, z := 2*(c1&3), 2*(c1>>2&3), 2*(c1>>4)
		for ci := 0; ci < brickC*brickC*brickC; ci++ {
			cx, cy, cz := ci%brickC, ci/brickC%brickC, ci/(brickC*brickC)
			want := cx >= x && cx <= x+2 && cy >= y && cy <= y+2 && cz >= z && cz <= z+2
			inCorners := corners1[c1][ci>>6]&(1<<uint(ci&63)) != 0
			inNear := near1[ci]&(1<<uint(c1)) != 0
			if inCorners != want || inNear != want {
				t.Fatalf("cell %d corner %d: want %v, corners1 %v, near1 %v", c1, ci, want, inCorners, inNear)
			}
		}
	}
	for ci := range near1 {
		if n := bits.OnesCount64(near1[ci]); n < 1 || n > 8 {
			t.Fatalf("corner %d has %d level-1 cells", ci, n)
		}
	}
}

// TestSharedCornersEvaluatedOnce checks the ownership of the corners
// bricks share: every corner a brick needs holds a value, a grid corner
// is evaluated by one brick only when the brick holding it at local
// coordinates in [0,8)^3 exists (otherwise by each brick that needs it),
// and the bricks sharing a corner hold the same value.
func TestSharedCornersEvaluatedOnce(t *testing.T) {
	t.Parallel()
	sc := newScene(t, testRing(t, rig.Distortion{K1: -0.1}), twoSpheres)
	e, err := NewCPU(Config{Rig: sc.rig, Lo: testLo, Hi: [3]float64{0.6, 1.35, 0.6}, CellSize: 0.01, NoColor: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	var m mesh.Mesh
	st, err := e.Reconstruct(context.Background(), sc.fs, &m)
	if err != nil {
		t.Fatal(err)
	}
	c := e.(*cpu)
	owned := map[[3]int32]int{} // grid corner -> bricks that own a value
	value := map[[3]int32]float32{}
	shared, owners := 0, 0
	for _, b := range c.bricks[:c.nBricks] {
		own := c.ownedCorners(b)
		for ci := int32(0); ci < brickC*brickC*brickC; ci++ {
			bit := uint64(1) << uint(ci&63)
			needed := b.need[ci>>6]&bit != 0
			has := b.evaluated[ci>>6]&bit != 0
			if needed && !has {
				t.Fatalf("brick (%d,%d,%d) needs corner %d but holds no value", b.bi, b.bj, b.bk, ci)
			}
			if !has {
				continue
			}
			key := [3]int32{b.bi*brickN + ci%brickC, b.bj*brickN + ci/brickC%brickC, b.bk*brickN + ci/(brickC*brickC)}
			if v, ok := value[key]; ok {
				shared++
				if v != b.corner[ci] {
					t.Fatalf("corner %v: %g in one brick, %g in another", key, v, b.corner[ci])
				}
			}
			value[key] = b.corner[ci]
			if own[ci>>6]&bit != 0 {
				owned[key]++
				if facePattern[ci] != 0 {
					owners++ // a face corner the brick evaluates itself
				}
			}
		}
	}
	exists := map[[3]int32]bool{}
	for _, b := range c.bricks[:c.nBricks] {
		exists[[3]int32{b.bi, b.bj, b.bk}] = true
	}
	evaluations, dup := 0, 0
	for key, n := range owned {
		evaluations += n
		if n == 1 {
			continue
		}
		dup++
		if exists[[3]int32{key[0] / brickN, key[1] / brickN, key[2] / brickN}] {
			t.Fatalf("corner %v evaluated by %d bricks although its owner brick exists", key, n)
		}
	}
	if len(owned) != len(value) {
		t.Fatalf("%d corners hold values, %d are evaluated", len(value), len(owned))
	}
	if st.FieldEvals > evaluations {
		t.Fatalf("%d field evaluations for %d corner evaluations", st.FieldEvals, evaluations)
	}
	if shared < 100 {
		t.Fatalf("only %d shared corners: the test does not exercise sharing", shared)
	}
	t.Logf("%d corners (%d evaluated twice or more), %d shared, %d face corners evaluated by a brick, %d field evaluations", len(value), dup, shared, owners, st.FieldEvals)
}

// TestFacePatternTables checks the corner ownership tables: a corner's
// pattern names the axes where it sits at coordinate brickN, its owner
// index is the same corner in the owner brick, and faceSel partitions
// the corners by pattern.
func TestFacePatternTables(t *testing.T) {
	t.Parallel()
	var union [cornerWords]uint64
	for ci := 0; ci < brickC*brickC*brickC; ci++ {
		c := [3]int{ci % brickC, ci / brickC % brickC, ci / (brickC * brickC)}
		var pat uint8
		o := c
		for a := 0; a < 3; a++ {
			if c[a] == brickN {
				pat |= 1 << uint(a)
				o[a] = 0
			}
		}
		if facePattern[ci] != pat {
			t.Fatalf("corner %v: pattern %b, want %b", c, facePattern[ci], pat)
		}
		if want := int32(o[0] + brickC*(o[1]+brickC*o[2])); ownerCorner[ci] != want {
			t.Fatalf("corner %v: owner index %d, want %d", c, ownerCorner[ci], want)
		}
		for d := range faceSel {
			if in := faceSel[d][ci>>6]&(1<<uint(ci&63)) != 0; in != (uint8(d) == pat) {
				t.Fatalf("corner %v in faceSel[%d]: %v", c, d, in)
			}
		}
	}
	for d := range faceSel {
		for w := range union {
			if union[w]&faceSel[d][w] != 0 {
				t.Fatalf("faceSel[%d] overlaps another pattern", d)
			}
			union[w] |= faceSel[d][w]
		}
	}
	for ci := 0; ci < brickC*brickC*brickC; ci++ {
		if union[ci>>6]&(1<<uint(ci&63)) == 0 {
			t.Fatalf("corner %d in no faceSel", ci)
		}
	}
}
