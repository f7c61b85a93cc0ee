package model

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"cloudme.dev/calibration/meshio"
	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
	"cloudme.dev/proto/pb"
)

func tetra() *mesh.Mesh {
	return &mesh.Mesh{
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1},
		Colors:    []uint8{255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9},
		Indices:   []uint32{0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3},
	}
}

func encode(t testing.TB, m *mesh.Mesh) []byte {
	t.Helper()
	enc, err := meshcodec.NewEncoder(meshcodec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := enc.Encode(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	t.Parallel()
	data := encode(t, tetra())
	cases := []struct {
		name  string
		frame *pb.ModelFrame
		ok    bool
	}{
		{"good", &pb.ModelFrame{SourceBooth: "b", Sequence: 7, CaptureTimeNs: 5, Mesh: data, MeshCodec: pb.MeshCodec_MESH_CODEC_CMESH_V1}, true},
		{"unknown codec", &pb.ModelFrame{SourceBooth: "b", Sequence: 8, Mesh: data}, false},
		{"truncated", &pb.ModelFrame{SourceBooth: "b", Sequence: 9, Mesh: data[:len(data)/2], MeshCodec: pb.MeshCodec_MESH_CODEC_CMESH_V1}, false},
		{"garbage", &pb.ModelFrame{SourceBooth: "b", Sequence: 10, Mesh: []byte("not a mesh at all, not at all"), MeshCodec: pb.MeshCodec_MESH_CODEC_CMESH_V1}, false},
	}
	d := NewDecoder(meshcodec.Limits{})
	for _, tc := range cases {
		m, err := d.Decode(tc.frame, 42)
		if !tc.ok {
			if !errors.Is(err, ErrDecode) {
				t.Fatalf("%s: got %v", tc.name, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if m.Seq != 7 || m.Source != "b" || m.CaptureNs != 5 || m.ReceivedNs != 42 || m.Mesh.TriangleCount() != 4 || len(m.Normals) != 12 {
			t.Fatalf("%s: got %+v", tc.name, m)
		}
	}
}

func TestReadFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ply := filepath.Join(dir, "m.ply")
	if err := meshio.WriteFile(ply, tetra()); err != nil {
		t.Fatal(err)
	}
	cm := filepath.Join(dir, "m.cmesh")
	if err := os.WriteFile(cm, encode(t, tetra()), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.cmesh")
	if err := os.WriteFile(bad, []byte("CMSH nonsense"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{ply, cm} {
		m, err := ReadFile(p, meshcodec.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if m.Mesh.TriangleCount() != 4 || !m.Mesh.HasColors() {
			t.Fatalf("%s: %d triangles", p, m.Mesh.TriangleCount())
		}
	}
	for _, p := range []string{bad, filepath.Join(dir, "none.ply"), filepath.Join(dir, "x.stl")} {
		if _, err := ReadFile(p, meshcodec.Limits{}); !errors.Is(err, ErrFile) {
			t.Fatalf("%s: got %v", p, err)
		}
	}
}
