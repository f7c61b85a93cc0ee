package synth

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"time"

	"cloudme.dev/calibration/raster"
)

// yardstickRenders is how many renders Yardstick times (after one
// untimed); its figure is their median.
const yardstickRenders = 30

// Yardstick times a fixed piece of work like the system's own: a
// software render of the synthetic person (100k triangles) through one
// 1080p camera of a synthetic rig, on every CPU. The development
// machine's speed drifts by tens of percent within an hour (other virtual
// machines on the host), so the benchmarks print it just before and after
// a case: runs whose yardsticks differ are not like for like (yardsticks
// that agree are no proof of the converse: see BENCHMARKS.md). It
// returns milliseconds per render, rounded to 0.1.
func Yardstick() (float64, error) {
	r, err := GenerateRig(RigParams{Cameras: 1, Resolution: "1080p", Seed: 1})
	if err != nil {
		return 0, fmt.Errorf("yardstick: %w", err)
	}
	p, err := NewPerson(PersonParams{Seed: 1, Detail: 100_000})
	if err != nil {
		return 0, fmt.Errorf("yardstick: %w", err)
	}
	m := p.Pose(0).Mesh()
	cam := &r.Cameras[0]
	dst := raster.NewTarget(cam.Width, cam.Height)
	rd := raster.NewRenderer(0)
	bg := [3]uint8{}
	surf := []raster.Surface{{Mesh: m, Normals: raster.VertexNormals(m, nil)}}
	opt := raster.Options{CullBack: true, Background: &bg, Light: &raster.Light{Dir: [3]float64{0.3, 1, 0.5}, Ambient: 0.3}}
	ms := make([]float64, 0, yardstickRenders)
	// The garbage of the set-up (and of the caller) is collected before
	// the renders, not during them.
	runtime.GC()
	for i := -1; i < yardstickRenders; i++ {
		t0 := time.Now()
		if err := rd.Render(dst, cam, surf, opt); err != nil {
			return 0, fmt.Errorf("yardstick: %w", err)
		}
		if i >= 0 {
			ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
		}
	}
	if !slices.Contains(dst.Mask, 255) {
		return 0, fmt.Errorf("yardstick: the person is not in the camera's view")
	}
	slices.Sort(ms)
	return math.Round(ms[len(ms)/2]*10) / 10, nil
}
