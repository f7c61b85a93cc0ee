package codecbench

import "testing"

func TestPerson(t *testing.T) {
	t.Parallel()
	m, err := Person(4000, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	if n := m.TriangleCount(); n < 2000 || n > 8000 || !m.HasColors() {
		t.Fatalf("person of detail 4000 has %d triangles, colours %v", n, m.HasColors())
	}
}

func TestBlobbyNear(t *testing.T) {
	t.Parallel()
	m := BlobbyNear(5000)
	if n := m.TriangleCount(); n < 4500 || n > 5500 {
		t.Fatalf("BlobbyNear(5000) has %d triangles", n)
	}
}
