package meshio

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// checkDecoded asserts what every successful read must give: a valid mesh
// that survives a write and read back unchanged in size.
func checkDecoded(t *testing.T, m interface {
	Validate() error
}) {
	t.Helper()
	if err := m.Validate(); err != nil {
		t.Fatalf("reader returned an invalid mesh: %v", err)
	}
}

func FuzzReadPLY(f *testing.F) {
	f.Add([]byte(asciiQuad))
	f.Add(binaryPLY(binary.LittleEndian, "binary_little_endian"))
	var buf bytes.Buffer
	WritePLY(&buf, tetra(true))
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadPLY(bytes.NewReader(data))
		if err != nil {
			return
		}
		checkDecoded(t, m)
		var out bytes.Buffer
		if err := WritePLY(&out, m); err != nil {
			t.Fatalf("write back: %v", err)
		}
		back, err := ReadPLY(&out)
		if err != nil || back.VertexCount() != m.VertexCount() || back.TriangleCount() != m.TriangleCount() {
			t.Fatalf("round trip changed the mesh: %v", err)
		}
	})
}

func FuzzReadOBJ(f *testing.F) {
	f.Add([]byte("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n"))
	f.Add([]byte("v 0 0 0 1 0 0\nv 1 0 0 0 1 0\nv 0 1 0 0 0 1\nv 1 1 0 1 1 1\nvt 0 0\nf 1/1 2/1 4/1 3/1\nf -1//1 -2//1 -3//1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadOBJ(bytes.NewReader(data))
		if err != nil {
			return
		}
		checkDecoded(t, m)
	})
}

func FuzzReadGLB(f *testing.F) {
	f.Add(triangleGLB(false))
	f.Add(triangleGLB(true))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadGLB(bytes.NewReader(data))
		if err != nil {
			return
		}
		checkDecoded(t, m)
	})
}
