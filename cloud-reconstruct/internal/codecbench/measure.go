package codecbench

import (
	"fmt"
	"math"
	"slices"
	"time"

	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
)

// Result is one JSON line of our codec's figures for one mesh.
type Result struct {
	Bench              string  `json:"bench"`
	Mesh               string  `json:"mesh"`
	Triangles          int     `json:"triangles"`
	Vertices           int     `json:"vertices"`
	PositionBits       int     `json:"position_bits"`
	ColorBits          int     `json:"color_bits"`
	Iterations         int     `json:"iterations"`
	Bytes              int     `json:"bytes"`
	BitsPerVertex      float64 `json:"bits_per_vertex"`
	BitsPerTriangle    float64 `json:"bits_per_triangle"`
	EncodeP50Ms        float64 `json:"encode_p50_ms"`
	EncodeP99Ms        float64 `json:"encode_p99_ms"`
	DecodeP50Ms        float64 `json:"decode_p50_ms"`
	DecodeP99Ms        float64 `json:"decode_p99_ms"`
	MaxPositionErrorMm float64 `json:"max_position_error_mm"`
	PositionBoundMm    float64 `json:"position_bound_mm"`
	ColorPSNRdB        float64 `json:"color_psnr_db"`
	MbpsAt30fps        float64 `json:"mbps_at_30fps"`
}

// Measure encodes and decodes m iterations times (after one warm-up round)
// with opts and reports sizes, time percentiles and the errors of the
// decoded mesh against m.
func Measure(name string, m *mesh.Mesh, opts meshcodec.Options, iterations int) (Result, error) {
	enc, err := meshcodec.NewEncoder(opts)
	if err != nil {
		return Result{}, err
	}
	opts = enc.Options()
	dec := meshcodec.NewDecoder(meshcodec.Limits{})
	var (
		data    []byte
		got     mesh.Mesh
		encTime = make([]float64, 0, iterations)
		decTime = make([]float64, 0, iterations)
	)
	for i := 0; i <= iterations; i++ {
		t0 := time.Now()
		data, err = enc.Encode(data[:0], m)
		t1 := time.Now()
		if err != nil {
			return Result{}, fmt.Errorf("encode %s: %w", name, err)
		}
		if err := dec.Decode(data, &got); err != nil {
			return Result{}, fmt.Errorf("decode %s: %w", name, err)
		}
		t2 := time.Now()
		if i > 0 {
			encTime = append(encTime, ms(t1.Sub(t0)))
			decTime = append(decTime, ms(t2.Sub(t1)))
		}
	}
	maxErr, psnr, err := compare(m, &got, enc.VertexOrder(nil))
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", name, err)
	}
	lo, hi := m.Bounds()
	extent := 0.0
	for a := range 3 {
		extent = max(extent, float64(hi[a])-float64(lo[a]))
	}
	r := Result{
		Bench: "mesh_codec", Mesh: name,
		Triangles: m.TriangleCount(), Vertices: m.VertexCount(),
		PositionBits: opts.PositionBits, ColorBits: opts.ColorBits,
		Iterations:         iterations,
		Bytes:              len(data),
		EncodeP50Ms:        round3(percentile(encTime, 0.5)),
		EncodeP99Ms:        round3(percentile(encTime, 0.99)),
		DecodeP50Ms:        round3(percentile(decTime, 0.5)),
		DecodeP99Ms:        round3(percentile(decTime, 0.99)),
		MaxPositionErrorMm: round3(1000 * maxErr),
		PositionBoundMm:    round3(1000 * math.Sqrt(3) * meshcodec.PositionErrorBound(extent, opts.PositionBits)),
		ColorPSNRdB:        round3(psnr),
		MbpsAt30fps:        round3(float64(len(data)) * 8 * 30 / 1e6),
	}
	if r.Vertices > 0 {
		r.BitsPerVertex = round3(float64(8*len(data)) / float64(r.Vertices))
	}
	if r.Triangles > 0 {
		r.BitsPerTriangle = round3(float64(8*len(data)) / float64(r.Triangles))
	}
	return r, nil
}

// compare returns the largest 3D distance between a vertex of want and its
// decoded counterpart (order[v] in got), in metres, and the PSNR of the
// colours in dB (+Inf when identical, 0 without colours).
func compare(want, got *mesh.Mesh, order []uint32) (maxErr, psnr float64, err error) {
	if len(order) != want.VertexCount() || got.VertexCount() != want.VertexCount() {
		return 0, 0, fmt.Errorf("decoded %d vertices for %d", got.VertexCount(), want.VertexCount())
	}
	var sq float64
	for v, id := range order {
		d := 0.0
		for a := range 3 {
			e := float64(got.Positions[3*int(id)+a]) - float64(want.Positions[3*v+a])
			d += e * e
			if want.HasColors() {
				c := float64(got.Colors[3*int(id)+a]) - float64(want.Colors[3*v+a])
				sq += c * c
			}
		}
		maxErr = max(maxErr, math.Sqrt(d))
	}
	if !want.HasColors() || len(want.Colors) == 0 {
		return maxErr, 0, nil
	}
	mse := sq / float64(len(want.Colors))
	if mse == 0 {
		return maxErr, math.Inf(1), nil
	}
	return maxErr, 10 * math.Log10(255*255/mse), nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func round3(x float64) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	return math.Round(x*1000) / 1000
}

// percentile returns the p-quantile (nearest rank) of xs, 0 when empty.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}
