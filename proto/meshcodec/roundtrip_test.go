package meshcodec

import (
	"errors"
	"slices"
	"testing"

	"cloudme.dev/proto/mesh"
)

type triKey [3]uint32

func canonical(a, b, c uint32) triKey {
	switch {
	case a <= b && a <= c:
		return triKey{a, b, c}
	case b <= a && b <= c:
		return triKey{b, c, a}
	}
	return triKey{c, a, b}
}

// checkRoundTrip encodes m, decodes it and checks that the triangles, their
// orientation, the positions and the colours survive within the bounds.
func checkRoundTrip(t *testing.T, m *mesh.Mesh, opts Options) []byte {
	t.Helper()
	return checkRoundTripParts(t, m, opts, defaultPartMin)
}

// checkRoundTripParts is checkRoundTrip with an encoder that codes meshes
// of partMin triangles or more as two parts. It also decodes with a second
// goroutine from the first vertex and checks that the mesh is the same.
func checkRoundTripParts(t *testing.T, m *mesh.Mesh, opts Options, partMin int) []byte {
	t.Helper()
	enc, err := NewEncoder(opts)
	if err != nil {
		t.Fatal(err)
	}
	enc.partMin = partMin
	data, err := enc.Encode(nil, m)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	var got, got2 mesh.Mesh
	if err := NewDecoder(Limits{}).Decode(data, &got); err != nil {
		t.Fatalf("decode: %v", err)
	}
	dec := NewDecoder(Limits{})
	dec.splitMin = 0
	if err := dec.Decode(data, &got2); err != nil {
		t.Fatalf("decode with two goroutines: %v", err)
	}
	if !slices.Equal(got.Indices, got2.Indices) || !slices.Equal(got.Positions, got2.Positions) || !slices.Equal(got.Colors, got2.Colors) {
		t.Fatal("decoding with two goroutines gives another mesh than with one")
	}
	if err := got.Validate(); err != nil {
		t.Fatalf("decoded mesh invalid: %v", err)
	}
	if got.VertexCount() != m.VertexCount() || got.TriangleCount() != m.TriangleCount() {
		t.Fatalf("decoded %d vertices %d triangles, want %d and %d",
			got.VertexCount(), got.TriangleCount(), m.VertexCount(), m.TriangleCount())
	}
	if got.HasColors() != m.HasColors() {
		t.Fatalf("colours %v, want %v", got.HasColors(), m.HasColors())
	}
	// The encoder's map from input vertex to decoded vertex must be a
	// bijection that carries the triangles over.
	vmap := enc.VertexOrder(nil)
	seen := make([]bool, got.VertexCount())
	for _, id := range vmap {
		if int(id) >= len(seen) || seen[id] {
			t.Fatalf("vertex map is not a bijection at %d", id)
		}
		seen[id] = true
	}
	want := map[triKey]int{}
	for i := 0; i < len(m.Indices); i += 3 {
		want[canonical(uint32(vmap[m.Indices[i]]), uint32(vmap[m.Indices[i+1]]), uint32(vmap[m.Indices[i+2]]))]++
	}
	for i := 0; i < len(got.Indices); i += 3 {
		k := canonical(got.Indices[i], got.Indices[i+1], got.Indices[i+2])
		if want[k] == 0 {
			t.Fatalf("decoded triangle %v not in the input (or reversed)", got.Indices[i:i+3])
		}
		want[k]--
	}
	lo, hi := m.Bounds()
	extent := 0.0
	for a := 0; a < 3; a++ {
		extent = max(extent, float64(hi[a])-float64(lo[a]))
	}
	o := enc.Options()
	bound := PositionErrorBound(extent, o.PositionBits) + 1e-6*max(1, extent)
	cbound := ColorErrorBound(o.ColorBits)
	for v, id := range vmap {
		for a := 0; a < 3; a++ {
			d := float64(got.Positions[3*int(id)+a]) - float64(m.Positions[3*v+a])
			if d > bound || d < -bound {
				t.Fatalf("vertex %d axis %d off by %g, bound %g", v, a, d, bound)
			}
			if m.HasColors() {
				dc := int(got.Colors[3*int(id)+a]) - int(m.Colors[3*v+a])
				if dc > cbound || dc < -cbound {
					t.Fatalf("vertex %d channel %d off by %d, bound %d", v, a, dc, cbound)
				}
			}
		}
	}
	return data
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	nonManifold := tetrahedron()
	// A third triangle on edge 0-1 makes it non-manifold.
	nonManifold.Positions = append(nonManifold.Positions, 0.5, -1, 0.5)
	nonManifold.Colors = append(nonManifold.Colors, 1, 2, 3)
	nonManifold.Indices = append(nonManifold.Indices, 0, 4, 1)
	duplicates := cube()
	// Vertex 8 duplicates vertex 0 and replaces it in two triangles.
	duplicates.Positions = append(duplicates.Positions, 0, 0, 0)
	duplicates.Colors = append(duplicates.Colors, 0, 255, 128)
	duplicates.Indices[0], duplicates.Indices[3] = 8, 8
	degenerate := cube()
	degenerate.Indices = append(degenerate.Indices, 0, 0, 1, 2, 2, 2, 3, 5, 3)
	unreferenced := tetrahedron()
	unreferenced.Positions = append(unreferenced.Positions, 2, 2, 2, -1, 0, 3)
	unreferenced.Colors = append(unreferenced.Colors, 9, 9, 9, 200, 100, 0)
	noColors := sphere(0, 1, 0, 0.5, 12, 16, 0, 1)
	noColors.Colors = nil
	openMesh := sphere(0, 1, 0, 0.5, 12, 16, 0, 1)
	openMesh.Indices = openMesh.Indices[:len(openMesh.Indices)-60]
	flipped := union(sphere(0, 1, 0, 0.5, 8, 8, 0, 1), sphere(0, 1, 0, 0.5, 8, 8, 0, 1))
	// Flip one triangle against its neighbours.
	flipped.Indices[1], flipped.Indices[2] = flipped.Indices[2], flipped.Indices[1]
	bowtie := &mesh.Mesh{ // two fans sharing only vertex 0
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, -1, 0, 0, 0, -1, 0},
		Indices:   []uint32{0, 1, 2, 0, 3, 4},
	}
	cases := []struct {
		name string
		m    *mesh.Mesh
		opts Options
	}{
		{"tetrahedron", tetrahedron(), Options{}},
		{"cube", cube(), Options{}},
		{"sphere", sphere(0, 1, 0, 0.3, 40, 64, 0.02, 1), Options{}},
		{"sphere shuffled", shuffled(sphere(0, 1, 0, 0.3, 40, 64, 0.02, 1), 2), Options{}},
		{"sphere 16 bits 8 colour bits", sphere(0, 1, 0, 0.3, 20, 32, 0.02, 1), Options{PositionBits: 16, ColorBits: 8}},
		{"sphere 10 bits 1 colour bit", sphere(0, 1, 0, 0.3, 20, 32, 0.02, 1), Options{PositionBits: 10, ColorBits: 1}},
		{"disjoint spheres", shuffled(union(sphere(0, 1, 0, 0.2, 10, 12, 0.01, 1), sphere(1, 1, 0, 0.2, 10, 12, 0.01, 2), sphere(0, 0, 1, 0.1, 6, 8, 0, 3)), 4), Options{}},
		{"overlapping spheres", union(sphere(0, 1, 0, 0.2, 10, 12, 0, 1), sphere(0, 1, 0, 0.2, 10, 12, 0, 1)), Options{}},
		{"non-manifold edge", nonManifold, Options{}},
		{"duplicate vertices", duplicates, Options{}},
		{"degenerate triangles", degenerate, Options{}},
		{"unreferenced vertices", unreferenced, Options{}},
		{"no colours", noColors, Options{}},
		{"open mesh", shuffled(openMesh, 5), Options{}},
		{"flipped triangle", flipped, Options{}},
		{"bowtie vertex", bowtie, Options{}},
		{"single triangle", &mesh.Mesh{Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0}, Indices: []uint32{0, 1, 2}}, Options{}},
		{"single point", &mesh.Mesh{Positions: []float32{3, 4, 5}, Colors: []uint8{1, 2, 3}}, Options{}},
		{"empty", &mesh.Mesh{}, Options{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkRoundTrip(t, tc.m, tc.opts)
		})
		t.Run(tc.name+" in two parts", func(t *testing.T) {
			t.Parallel()
			checkRoundTripParts(t, tc.m, tc.opts, 0)
		})
	}
}

// TestTwoParts checks that a mesh at or above partMin triangles is coded
// as two parts with a seam, which decode to the same triangles and
// vertices, with and without colours, open or closed, with vertices that
// no triangle uses, and from several components.
func TestTwoParts(t *testing.T) {
	t.Parallel()
	closed := shuffled(sphere(0, 1, 0, 0.3, 30, 50, 0.002, 1), 6)
	plain := *closed
	plain.Colors = nil
	open := *closed
	open.Indices = closed.Indices[:len(closed.Indices)-3*200]
	loose := union(sphere(0, 1, 0, 0.3, 20, 30, 0.002, 1), sphere(0, 1.5, 0, 0.2, 20, 30, 0.002, 2))
	loose.Positions = append(loose.Positions, 0.1, 0.2, 0.3)
	loose.Colors = append(loose.Colors, 4, 5, 6)
	for i, m := range []*mesh.Mesh{closed, &plain, &open, loose} {
		data := checkRoundTripParts(t, m, Options{}, 1000)
		if data[headerSize] != 2 {
			t.Fatalf("mesh %d: %d parts, want 2", i, data[headerSize])
		}
		enc, err := NewEncoder(Options{})
		if err != nil {
			t.Fatal(err)
		}
		enc.partMin = 1000
		if _, err := enc.Encode(nil, m); err != nil {
			t.Fatal(err)
		}
		if len(enc.parts[1].seam) == 0 && i < 3 {
			t.Fatalf("mesh %d: no seam vertices across the cut of a sphere", i)
		}
	}
}

func TestEncodeRejects(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		m    *mesh.Mesh
		opts Options
		want error
	}{
		{"nil mesh", nil, Options{}, ErrInvalidMesh},
		{"index out of range", &mesh.Mesh{Positions: []float32{0, 0, 0}, Indices: []uint32{0, 0, 1}}, Options{}, mesh.ErrInvalid},
		{"short colours", &mesh.Mesh{Positions: []float32{0, 0, 0}, Colors: []uint8{1}}, Options{}, ErrInvalidMesh},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			enc, err := NewEncoder(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := enc.Encode(nil, tc.m); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}
