package meshio

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

// makeGLB packs a JSON document and a BIN chunk into a GLB file.
func makeGLB(doc any, bin []byte) []byte {
	js, _ := json.Marshal(doc)
	for len(js)%4 != 0 {
		js = append(js, ' ')
	}
	for len(bin)%4 != 0 {
		bin = append(bin, 0)
	}
	var b bytes.Buffer
	total := 12 + 8 + len(js)
	if bin != nil {
		total += 8 + len(bin)
	}
	binary.Write(&b, binary.LittleEndian, []uint32{glbMagic, 2, uint32(total), uint32(len(js)), glbChunkJSON})
	b.Write(js)
	if bin != nil {
		binary.Write(&b, binary.LittleEndian, []uint32{uint32(len(bin)), glbChunkBIN})
		b.Write(bin)
	}
	return b.Bytes()
}

// triangleGLB returns a GLB of one triangle with ubyte colours, placed by a
// node that translates by (0, 1, 0) and mirrors x when mirror is set.
func triangleGLB(mirror bool) []byte {
	var bin bytes.Buffer
	binary.Write(&bin, binary.LittleEndian, []float32{0, 0, 0, 1, 0, 0, 0, 1, 0}) // 36 bytes
	binary.Write(&bin, binary.LittleEndian, []uint16{0, 1, 2, 0})                 // 8 bytes, padded
	bin.Write([]byte{255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255})             // 12 bytes
	node := map[string]any{"mesh": 0, "translation": []float64{0, 1, 0}}
	if mirror {
		node["scale"] = []float64{-1, 1, 1}
	}
	doc := map[string]any{
		"asset":  map[string]any{"version": "2.0"},
		"scene":  0,
		"scenes": []any{map[string]any{"nodes": []int{0}}},
		"nodes":  []any{node},
		"meshes": []any{map[string]any{"primitives": []any{map[string]any{
			"attributes": map[string]int{"POSITION": 0, "COLOR_0": 2}, "indices": 1}}}},
		"accessors": []any{
			map[string]any{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3"},
			map[string]any{"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"},
			map[string]any{"bufferView": 2, "componentType": 5121, "normalized": true, "count": 3, "type": "VEC4"},
		},
		"bufferViews": []any{
			map[string]any{"buffer": 0, "byteOffset": 0, "byteLength": 36},
			map[string]any{"buffer": 0, "byteOffset": 36, "byteLength": 6},
			map[string]any{"buffer": 0, "byteOffset": 44, "byteLength": 12},
		},
		"buffers": []any{map[string]any{"byteLength": 56}},
	}
	return makeGLB(doc, bin.Bytes())
}

func TestReadGLB(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		mirror  bool
		x1      float32
		indices []uint32
	}{
		{"translated", false, 1, []uint32{0, 1, 2}},
		{"mirrored keeps winding outward", true, -1, []uint32{0, 2, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := ReadGLB(bytes.NewReader(triangleGLB(tc.mirror)))
			if err != nil {
				t.Fatal(err)
			}
			if m.VertexCount() != 3 || m.Positions[1] != 1 || m.Positions[3] != tc.x1 {
				t.Errorf("positions %v", m.Positions)
			}
			for k, want := range tc.indices {
				if m.Indices[k] != want {
					t.Errorf("indices %v, want %v", m.Indices, tc.indices)
					break
				}
			}
			if m.Colors[0] != 255 || m.Colors[1] != 0 || m.Colors[4] != 255 {
				t.Errorf("colors %v", m.Colors)
			}
		})
	}
}

func TestLinearToSRGB(t *testing.T) {
	t.Parallel()
	// 0.2140 linear is about 0.5 sRGB.
	if got := linearToSRGB(0.2140); math.Abs(got-0.5) > 0.002 {
		t.Errorf("linearToSRGB(0.214) = %g", got)
	}
}

func TestReadGLBErrors(t *testing.T) {
	t.Parallel()
	good := triangleGLB(false)
	badIndex := bytes.Replace(good, []byte(`"indices":1`), []byte(`"indices":7`), 1)
	for _, tc := range []struct {
		name string
		data []byte
		msg  string
		want error
	}{
		{"empty", nil, "header", ErrFormat},
		{"bad magic", []byte("glTX\x02\x00\x00\x00\x0c\x00\x00\x00"), "not a binary glTF", ErrFormat},
		{"version 1", []byte("glTF\x01\x00\x00\x00\x0c\x00\x00\x00"), "version 1", ErrUnsupported},
		{"truncated", good[:len(good)-10], "body", ErrFormat},
		{"bad accessor", badIndex, "accessor 7", ErrFormat},
		{"no mesh", makeGLB(map[string]any{"asset": map[string]any{"version": "2.0"}}, nil), "no triangle", ErrFormat},
		{"extension", makeGLB(map[string]any{"extensionsRequired": []string{"KHR_draco_mesh_compression"}}, nil), "KHR_draco", ErrUnsupported},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadGLB(bytes.NewReader(tc.data))
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
		})
	}
}
