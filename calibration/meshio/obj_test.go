package meshio

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestReadOBJ(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		data    string
		pos     []float32
		colors  []uint8
		indices []uint32
	}{
		{"plain triangle", "# comment\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n",
			[]float32{0, 0, 0, 1, 0, 0, 0, 1, 0}, nil, []uint32{0, 1, 2}},
		{"quad with vt vn and groups", "mtllib a.mtl\no thing\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvn 0 0 1\ng g1\nusemtl m\ns off\nf 1/1/1 2/1/1 3/1/1 4/1/1\n",
			[]float32{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, nil, []uint32{0, 1, 2, 0, 2, 3}},
		{"negative and v//vn", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf -3//1 -2//1 -1//1\n",
			[]float32{0, 0, 0, 1, 0, 0, 0, 1, 0}, nil, []uint32{0, 1, 2}},
		{"vertex colours", "v 0 0 0 1 0 0\nv 1 0 0 0 1 0\nv 0 1 0 0 0 0.5\nf 1 2 3\n",
			[]float32{0, 0, 0, 1, 0, 0, 0, 1, 0}, []uint8{255, 0, 0, 0, 255, 0, 0, 0, 128}, []uint32{0, 1, 2}},
		{"partly coloured drops colours", "v 0 0 0 1 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n",
			[]float32{0, 0, 0, 1, 0, 0, 0, 1, 0}, nil, []uint32{0, 1, 2}},
		{"w component", "v 0 0 0 1\nv 1 0 0 1\nv 0 1 0 1\nf 1 2 3 # end\n",
			[]float32{0, 0, 0, 1, 0, 0, 0, 1, 0}, nil, []uint32{0, 1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := ReadOBJ(strings.NewReader(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m.Positions, tc.pos) || !reflect.DeepEqual(m.Colors, tc.colors) || !reflect.DeepEqual(m.Indices, tc.indices) {
				t.Errorf("got %v %v %v, want %v %v %v", m.Positions, m.Colors, m.Indices, tc.pos, tc.colors, tc.indices)
			}
		})
	}
}

func TestReadOBJErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, data, msg string
		want            error
	}{
		{"short vertex", "v 0 0\n", "line 1", ErrFormat},
		{"bad number", "v 0 0 0\nv 1 x 0\n", "line 2", ErrFormat},
		{"infinite", "v 0 0 1e999\n", "line 1", ErrFormat},
		{"index past end", "v 0 0 0\nv 1 0 0\nv 0 1 0\n\nf 1 2 4\n", "line 5", ErrFormat},
		{"zero index", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n", "line 4", ErrFormat},
		{"negative too far", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf -4 1 2\n", "line 4", ErrFormat},
		{"two corners", "v 0 0 0\nv 1 0 0\nf 1 2\n", "line 3", ErrFormat},
		{"huge face", "v 0 0 0\nf" + strings.Repeat(" 1", MaxPolygon+1) + "\n", "line 2", ErrLimit},
		{"long line", "v " + strings.Repeat("1", MaxLine+1) + "\n", "line 1", ErrLimit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadOBJ(strings.NewReader(tc.data))
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
		})
	}
}
