package meshio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"strings"
	"testing"
)

const asciiQuad = `ply
format ascii 1.0
comment a unit square as one quad
element vertex 4
property double x
property double y
property double z
property uchar red
property uchar green
property uchar blue
element face 1
property list uchar int vertex_indices
end_header
0 0 0 255 0 0
1 0 0 0 255 0
1 1 0 0 0 255
0 1 0 9 9 9
4 0 1 2 3
`

// binaryPLY builds a binary PLY with an extra property and element to skip.
func binaryPLY(order binary.ByteOrder, name string) []byte {
	var b bytes.Buffer
	b.WriteString("ply\nformat " + name + " 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nproperty short extra\n")
	b.WriteString("element face 1\nproperty uchar flags\nproperty list uchar uint vertex_indices\nelement edge 1\nproperty int a\nproperty int b\nend_header\n")
	for _, v := range [][3]float32{{0, 0, 0}, {1, 0, 0}, {0, 2, 0}} {
		for _, x := range v {
			binary.Write(&b, order, x)
		}
		binary.Write(&b, order, int16(-7))
	}
	b.WriteByte(1)
	b.WriteByte(3)
	for _, ix := range []uint32{0, 1, 2} {
		binary.Write(&b, order, ix)
	}
	binary.Write(&b, order, int32(0))
	binary.Write(&b, order, int32(1))
	return b.Bytes()
}

func TestReadPLYFormats(t *testing.T) {
	t.Parallel()
	tri := []float32{0, 0, 0, 1, 0, 0, 0, 2, 0}
	for _, tc := range []struct {
		name    string
		data    []byte
		pos     []float32
		colors  []uint8
		indices []uint32
	}{
		{"ascii quad", []byte(asciiQuad), []float32{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, []uint8{255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9}, []uint32{0, 1, 2, 0, 2, 3}},
		{"crlf", []byte(strings.ReplaceAll(asciiQuad, "\n", "\r\n")), []float32{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, []uint8{255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9}, []uint32{0, 1, 2, 0, 2, 3}},
		{"binary little endian", binaryPLY(binary.LittleEndian, "binary_little_endian"), tri, nil, []uint32{0, 1, 2}},
		{"binary big endian", binaryPLY(binary.BigEndian, "binary_big_endian"), tri, nil, []uint32{0, 1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := ReadPLY(bytes.NewReader(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m.Positions, tc.pos) {
				t.Errorf("positions %v, want %v", m.Positions, tc.pos)
			}
			if !reflect.DeepEqual(m.Colors, tc.colors) {
				t.Errorf("colors %v, want %v", m.Colors, tc.colors)
			}
			if !reflect.DeepEqual(m.Indices, tc.indices) {
				t.Errorf("indices %v, want %v", m.Indices, tc.indices)
			}
			if err := m.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestReadPLYErrors(t *testing.T) {
	t.Parallel()
	hdr := "ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
	for _, tc := range []struct {
		name string
		data string
		want error
		msg  string // must appear in the error
	}{
		{"not ply", "obj\n", ErrFormat, "line 1"},
		{"no format", "ply\nelement vertex 0\nend_header\n", ErrFormat, "no format"},
		{"unknown format", "ply\nformat utf9 1.0\n", ErrUnsupported, "line 2"},
		{"bad type", "ply\nformat ascii 1.0\nelement vertex 1\nproperty quad x\n", ErrUnsupported, "line 4"},
		{"property first", "ply\nformat ascii 1.0\nproperty float x\n", ErrFormat, "line 3"},
		{"huge count", "ply\nformat ascii 1.0\nelement vertex 99999999999\n", ErrLimit, "line 3"},
		{"no xyz", "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nend_header\n1\n", ErrFormat, "lacks x"},
		{"bad number", hdr + "0 0 0\n1 zz 0\n", ErrFormat, "line 11 (vertex 1)"},
		{"too few values", hdr + "0 0 0\n1 0\n", ErrFormat, "line 11"},
		{"extra values", hdr + "0 0 0 7\n", ErrFormat, "line 10 (vertex 0)"},
		{"truncated", hdr + "0 0 0\n", ErrFormat, "ends early"},
		{"index out of range", hdr + "0 0 0\n1 0 0\n3 0 1 2\n", ErrFormat, "face 0"},
		{"two corners", hdr + "0 0 0\n1 0 0\n2 0 1\n", ErrFormat, "2 corners"},
		{"fractional index", hdr + "0 0 0\n1 0 0\n3 0 1 0.5\n", ErrFormat, "not an integer"},
		{"nan vertex", hdr + "nan 0 0\n1 0 0\n3 0 1 0\n", ErrFormat, "vertex 0"},
		{"huge polygon", hdr + "0 0 0\n1 0 0\n5000 0 1 0\n", ErrLimit, "face 0"},
		{"binary truncated", "ply\nformat binary_little_endian 1.0\nelement vertex 2\nproperty float x\nproperty float y\nproperty float z\nend_header\n\x00\x00", ErrFormat, "vertex 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadPLY(strings.NewReader(tc.data))
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
		})
	}
}

func TestReadPLYFloatColors(t *testing.T) {
	t.Parallel()
	data := "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float z\nproperty float red\nproperty float green\nproperty float blue\nend_header\n1 2 3 1 0.5 0\n"
	m, err := ReadPLY(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint8{255, 128, 0}; !reflect.DeepEqual(m.Colors, want) {
		t.Errorf("colors %v, want %v", m.Colors, want)
	}
}

func TestReadLineLimit(t *testing.T) {
	t.Parallel()
	long := "ply\ncomment " + strings.Repeat("x", MaxLine+10) + "\n"
	if _, err := ReadPLY(strings.NewReader(long)); !errors.Is(err, ErrLimit) {
		t.Fatalf("got %v, want ErrLimit", err)
	}
}
