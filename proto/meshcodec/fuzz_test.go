package meshcodec

import (
	"testing"

	"cloudme.dev/proto/mesh"
)

func seedStreams(f *testing.F) {
	enc, err := NewEncoder(Options{})
	if err != nil {
		f.Fatal(err)
	}
	parts, err := NewEncoder(Options{})
	if err != nil {
		f.Fatal(err)
	}
	parts.partMin = 0
	for _, m := range []*mesh.Mesh{tetrahedron(), cube(), sphere(0, 1, 0, 0.2, 5, 6, 0.01, 1), {}} {
		for _, e := range []*Encoder{enc, parts} {
			data, err := e.Encode(nil, m)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

// FuzzDecode checks that no input makes the decoder panic or hang, and that
// what it accepts is a valid mesh that re-encodes.
func FuzzDecode(f *testing.F) {
	seedStreams(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		dec := NewDecoder(Limits{MaxVertices: 1 << 16, MaxTriangles: 1 << 17})
		var m mesh.Mesh
		if err := dec.Decode(data, &m); err != nil {
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("accepted stream decodes to an invalid mesh: %v", err)
		}
		h, err := ReadHeader(data)
		if err != nil {
			t.Fatalf("accepted stream has a bad header: %v", err)
		}
		if m.VertexCount() != h.VertexCount || m.TriangleCount() != h.TriangleCount {
			t.Fatalf("decoded %d/%d, header says %d/%d", m.VertexCount(), m.TriangleCount(), h.VertexCount, h.TriangleCount)
		}
		enc, err := NewEncoder(Options{PositionBits: h.PositionBits, ColorBits: h.ColorBits})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := enc.Encode(nil, &m); err != nil {
			t.Fatalf("decoded mesh does not re-encode: %v", err)
		}
	})
}

// fuzzMesh builds a mesh from bytes: a vertex count, positions on a small
// lattice (so that duplicates happen), colours and arbitrary triangles.
func fuzzMesh(data []byte) *mesh.Mesh {
	if len(data) < 2 {
		return &mesh.Mesh{}
	}
	nv := int(data[0])%48 + 1
	colors := data[1]&1 == 1
	data = data[2:]
	m := &mesh.Mesh{}
	for v := 0; v < nv; v++ {
		for a := 0; a < 3; a++ {
			b := byte(v*7 + a)
			if len(data) > 0 {
				b, data = data[0], data[1:]
			}
			m.Positions = append(m.Positions, float32(b%16)*0.1)
			if colors {
				m.Colors = append(m.Colors, b*37)
			}
		}
	}
	for len(data) >= 3 {
		m.Indices = append(m.Indices, uint32(data[0])%uint32(nv), uint32(data[1])%uint32(nv), uint32(data[2])%uint32(nv))
		data = data[3:]
	}
	return m
}

// FuzzRoundTrip checks that any mesh, manifold or not, survives a round
// trip with the same triangles.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte{4, 1, 0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10, 0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3})
	f.Add([]byte{6, 0, 1, 2, 3, 0, 1, 2, 0, 1, 1, 2, 2, 2, 0, 1, 3, 0, 1, 4, 0, 1, 5})
	f.Add([]byte{3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		m := fuzzMesh(data)
		partMin := defaultPartMin
		if len(data)%2 == 0 {
			partMin = 0 // two parts when the mesh allows
		}
		checkRoundTripParts(t, m, Options{PositionBits: 10 + int(len(data)%7)}, partMin)
	})
}

func TestFuzzMeshHelpers(t *testing.T) {
	t.Parallel()
	m := fuzzMesh([]byte{3, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 0, 1, 2})
	if m.VertexCount() != 4 || m.TriangleCount() != 1 || !m.HasColors() {
		t.Fatalf("fuzzMesh gave %d vertices %d triangles", m.VertexCount(), m.TriangleCount())
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
}
