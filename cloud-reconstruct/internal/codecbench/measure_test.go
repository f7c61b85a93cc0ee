package codecbench

import (
	"math"
	"testing"

	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
)

func TestMeasure(t *testing.T) {
	t.Parallel()
	m := Blobby(0.05)
	r, err := Measure("blobby", m, meshcodec.Options{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if r.Bench != "mesh_codec" || r.Triangles != m.TriangleCount() || r.Vertices != m.VertexCount() || r.Bytes <= 0 {
		t.Fatalf("bad result %+v", r)
	}
	if r.MaxPositionErrorMm <= 0 || r.MaxPositionErrorMm > r.PositionBoundMm {
		t.Fatalf("max error %g mm, bound %g mm", r.MaxPositionErrorMm, r.PositionBoundMm)
	}
	if r.ColorPSNRdB < 40 {
		t.Fatalf("colour PSNR %g dB", r.ColorPSNRdB)
	}
}

func TestCompare(t *testing.T) {
	t.Parallel()
	want := &mesh.Mesh{Positions: []float32{0, 0, 0, 1, 1, 1}, Colors: []uint8{0, 0, 0, 255, 255, 255}}
	got := &mesh.Mesh{Positions: []float32{1, 1, 1.003, 0, 0.004, 0}, Colors: []uint8{250, 255, 255, 0, 0, 0}}
	maxErr, psnr, err := compare(want, got, []uint32{1, 0})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(maxErr-0.004) > 1e-6 {
		t.Fatalf("max error %g, want 0.004", maxErr)
	}
	if wantPSNR := 10 * math.Log10(255*255/(25.0/6)); math.Abs(psnr-wantPSNR) > 1e-9 {
		t.Fatalf("psnr %g, want %g", psnr, wantPSNR)
	}
	if _, _, err := compare(want, got, []uint32{0}); err == nil {
		t.Fatal("short order accepted")
	}
}

func TestPercentile(t *testing.T) {
	t.Parallel()
	cases := []struct {
		xs   []float64
		p    float64
		want float64
	}{
		{nil, 0.5, 0},
		{[]float64{3, 1, 2}, 0.5, 2},
		{[]float64{5, 1, 4, 2, 3}, 0.99, 5},
	}
	for _, tc := range cases {
		if got := percentile(tc.xs, tc.p); got != tc.want {
			t.Fatalf("percentile(%v, %g) = %g, want %g", tc.xs, tc.p, got, tc.want)
		}
	}
}
