package engine

import "fmt"

// The marching-cubes table is generated at start-up rather than copied:
// for each of the 256 sign configurations of a cube's corners, the
// contour is first drawn on each of the six faces, then the face segments
// are linked into closed loops and the loops triangulated.
//
// Corner v of a cube is at offset (v&1, v>>1&1, v>>2&1); a corner is
// "inside" when its bit is set in the configuration. Edge e runs along
// axis e/4 from the corner whose other two coordinates are the bits of
// e%4 (lower axis first): edges 0-3 along x, 4-7 along y, 8-11 along z.
//
// Watertightness does not depend on luck in a hand-written table: on a face
// with two diagonal inside corners (the ambiguous face) the inside corners
// are always joined, so the two cubes sharing any face draw the same
// segments on it, and every cut grid edge gets exactly one vertex. Segments
// are oriented so that the loops run counter-clockwise seen from outside
// (inside is where the field is positive), which makes the triangles'
// normals point outwards. A loop is triangulated without any diagonal that
// joins two vertices of one face (unless a segment joins them already), so
// that no triangle edge can be produced by both cubes sharing that face.

// mcCase lists the triangles of one configuration as cube edges.
type mcCase struct {
	n   int
	tri [12][3]uint8
}

var mcTable = buildMCTable()

// edgeCorner returns the start corner offset and axis of cube edge e.
func edgeCorner(e int) (off [3]int, axis int) {
	axis = e / 4
	b := e % 4
	others := [3][2]int{{1, 2}, {0, 2}, {0, 1}}[axis]
	off[others[0]] = b & 1
	off[others[1]] = b >> 1 & 1
	return off, axis
}

// edgeOf returns the cube edge along axis starting at corner offset off.
func edgeOf(off [3]int, axis int) int {
	others := [3][2]int{{1, 2}, {0, 2}, {0, 1}}[axis]
	return axis*4 + off[others[0]] + 2*off[others[1]]
}

func cornerIndex(off [3]int) int { return off[0] | off[1]<<1 | off[2]<<2 }

// edgeMid returns the midpoint of cube edge e.
func edgeMid(e int) [3]float64 {
	off, a := edgeCorner(e)
	p := [3]float64{float64(off[0]), float64(off[1]), float64(off[2])}
	p[a] += 0.5
	return p
}

// edgeFaces returns the two faces (axis*2+side) that contain edge e.
func edgeFaces(e int) [2]int {
	off, a := edgeCorner(e)
	var f [2]int
	n := 0
	for ax := 0; ax < 3; ax++ {
		if ax != a {
			f[n] = ax*2 + off[ax]
			n++
		}
	}
	return f
}

func buildMCTable() [256]mcCase {
	var t [256]mcCase
	for cfg := 0; cfg < 256; cfg++ {
		c, err := buildCase(cfg)
		if err != nil {
			panic(fmt.Sprintf("marching cubes table, configuration %d: %v", cfg, err))
		}
		t[cfg] = c
	}
	return t
}

func buildCase(cfg int) (mcCase, error) {
	inside := func(off [3]int) bool { return cfg>>cornerIndex(off)&1 == 1 }
	next := [12]int{}
	for i := range next {
		next[i] = -1
	}
	for axis := 0; axis < 3; axis++ {
		u, w := [3][2]int{{1, 2}, {0, 2}, {0, 1}}[axis][0], [3][2]int{{1, 2}, {0, 2}, {0, 1}}[axis][1]
		for side := 0; side < 2; side++ {
			var corners [4][3]int
			for i, uw := range [4][2]int{{0, 0}, {1, 0}, {1, 1}, {0, 1}} {
				corners[i][axis] = side
				corners[i][u] = uw[0]
				corners[i][w] = uw[1]
			}
			nf := [3]float64{}
			nf[axis] = float64(2*side - 1)
			// The face edge between corners i and i+1.
			faceEdge := func(i int) int {
				a, b := corners[i], corners[(i+1)%4]
				off := a
				ax := u
				if a[u] == b[u] {
					ax = w
				}
				off[ax] = min(a[ax], b[ax])
				return edgeOf(off, ax)
			}
			var cut []int
			for i := 0; i < 4; i++ {
				if inside(corners[i]) != inside(corners[(i+1)%4]) {
					cut = append(cut, i)
				}
			}
			type seg struct {
				a, b   int        // cube edges
				toward [3]float64 // direction from inside to outside
			}
			var segs []seg
			switch len(cut) {
			case 0:
			case 2:
				var cin, cout [3]float64
				nin, nout := 0.0, 0.0
				for _, c := range corners {
					p := [3]float64{float64(c[0]), float64(c[1]), float64(c[2])}
					if inside(c) {
						cin = add3(cin, p)
						nin++
					} else {
						cout = add3(cout, p)
						nout++
					}
				}
				segs = append(segs, seg{faceEdge(cut[0]), faceEdge(cut[1]), sub3(scale3(cout, 1/nout), scale3(cin, 1/nin))})
			case 4:
				// Diagonal corners inside: cut off each outside corner.
				for i := 0; i < 4; i++ {
					if inside(corners[i]) {
						continue
					}
					prev := (i + 3) % 4
					ea, eb := faceEdge(prev), faceEdge(i)
					mid := scale3(add3(edgeMid(ea), edgeMid(eb)), 0.5)
					o := [3]float64{float64(corners[i][0]), float64(corners[i][1]), float64(corners[i][2])}
					segs = append(segs, seg{ea, eb, sub3(o, mid)})
				}
			default:
				return mcCase{}, fmt.Errorf("face %d/%d has %d cut edges", axis, side, len(cut))
			}
			for _, s := range segs {
				d := cross3(s.toward, nf)
				if dot3(sub3(edgeMid(s.b), edgeMid(s.a)), d) < 0 {
					s.a, s.b = s.b, s.a
				}
				if next[s.a] != -1 {
					return mcCase{}, fmt.Errorf("edge %d starts two segments", s.a)
				}
				next[s.a] = s.b
			}
		}
	}
	var c mcCase
	done := [12]bool{}
	for start := 0; start < 12; start++ {
		if next[start] == -1 || done[start] {
			continue
		}
		var loop []int
		for e := start; !done[e]; e = next[e] {
			if next[e] == -1 {
				return mcCase{}, fmt.Errorf("loop through edge %d does not close", e)
			}
			done[e] = true
			loop = append(loop, e)
		}
		if loop[0] != next[loop[len(loop)-1]] {
			return mcCase{}, fmt.Errorf("loop from edge %d closes elsewhere", start)
		}
		tris, ok := triangulateLoop(loop, next)
		if !ok {
			return mcCase{}, fmt.Errorf("no face-safe triangulation of loop %v", loop)
		}
		for _, tr := range tris {
			c.tri[c.n] = [3]uint8{uint8(tr[0]), uint8(tr[1]), uint8(tr[2])}
			c.n++
		}
	}
	return c, nil
}

// diagonalOK reports whether a triangle edge between cube edges a and b is
// allowed: they are joined by a segment, or share no face.
func diagonalOK(a, b int, next [12]int) bool {
	if next[a] == b || next[b] == a {
		return true
	}
	fa, fb := edgeFaces(a), edgeFaces(b)
	for _, x := range fa {
		for _, y := range fb {
			if x == y {
				return false
			}
		}
	}
	return true
}

// triangulateLoop splits a closed loop into triangles, keeping its
// orientation, using only allowed diagonals. Loops have at most 12
// vertices, so a plain recursive search is fast enough for a table built
// once.
func triangulateLoop(loop []int, next [12]int) ([][3]int, bool) {
	n := len(loop)
	if n < 3 {
		return nil, false
	}
	if n == 3 {
		return [][3]int{{loop[0], loop[1], loop[2]}}, true
	}
	// The edge loop[0]-loop[n-1] belongs to exactly one triangle
	// (loop[0], loop[k], loop[n-1]).
	for k := 1; k < n-1; k++ {
		if k > 1 && !diagonalOK(loop[0], loop[k], next) {
			continue
		}
		if k < n-2 && !diagonalOK(loop[k], loop[n-1], next) {
			continue
		}
		var out [][3]int
		if k > 1 {
			left, ok := triangulateLoop(loop[:k+1], next)
			if !ok {
				continue
			}
			out = append(out, left...)
		}
		if k < n-2 {
			right, ok := triangulateLoop(loop[k:], next)
			if !ok {
				continue
			}
			out = append(out, right...)
		}
		out = append(out, [3]int{loop[0], loop[k], loop[n-1]})
		return out, true
	}
	return nil, false
}
