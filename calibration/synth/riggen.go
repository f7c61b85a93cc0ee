package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"cloudme.dev/calibration/rig"
)

// Rig generator limits and defaults.
const (
	DefaultCameras = 8
	MaxCameras     = 32
	DefaultWidth   = 2.5 // booth width, metres
	DefaultHeight  = 2.4 // booth height, metres
)

// PersonBox is the volume every generated camera sees whole: a box
// PersonBox[0] wide (x), PersonBox[1] tall (y, from the floor) and
// PersonBox[2] deep (z), centred on the booth.
var PersonBox = [3]float64{0.9, 2.1, 0.9}

// RigParams chooses a virtual rig. Zero fields take the defaults.
type RigParams struct {
	Cameras      int     // 1 to MaxCameras; default 8
	Resolution   string  // "720p", "1080p" (default) or "4k"
	Portrait     bool    // sensors turned 90 degrees: images taller than wide, upright
	BoothWidth   float64 // metres, default 2.5
	BoothHeight  float64 // metres, default 2.4
	Rings        int     // rings of cameras; 0: 1 below 6 cameras, 2 below 24, else 3
	DistortionK1 float64 // radial distortion at the image corner; 0: drawn from the seed in [-0.12, -0.05]
	Seed         int64
	BoothID      string // default "synthetic"
}

// resolutions maps the names to landscape sizes.
var resolutions = map[string][2]int{"720p": {1280, 720}, "1080p": {1920, 1080}, "4k": {3840, 2160}}

// withDefaults fills the zero fields and checks the rest.
func (p RigParams) withDefaults() (RigParams, error) {
	if p.Cameras == 0 {
		p.Cameras = DefaultCameras
	}
	if p.Resolution == "" {
		p.Resolution = "1080p"
	}
	if p.BoothWidth == 0 {
		p.BoothWidth = DefaultWidth
	}
	if p.BoothHeight == 0 {
		p.BoothHeight = DefaultHeight
	}
	if p.BoothID == "" {
		p.BoothID = "synthetic"
	}
	if p.Rings == 0 {
		switch {
		case p.Cameras < 6:
			p.Rings = 1
		case p.Cameras < 24:
			p.Rings = 2
		default:
			p.Rings = 3
		}
	}
	switch {
	case p.Cameras < 1 || p.Cameras > MaxCameras:
		return p, fmt.Errorf("rig cameras %d (want 1 to %d): %w", p.Cameras, MaxCameras, ErrParams)
	case p.Rings < 1 || p.Rings > p.Cameras || p.Rings > 4:
		return p, fmt.Errorf("rig rings %d for %d cameras: %w", p.Rings, p.Cameras, ErrParams)
	case !(p.BoothWidth >= 1.5 && p.BoothWidth <= 6):
		return p, fmt.Errorf("rig booth width %g m (want 1.5 to 6): %w", p.BoothWidth, ErrParams)
	case !(p.BoothHeight >= PersonBox[1]+0.2 && p.BoothHeight <= 5):
		return p, fmt.Errorf("rig booth height %g m (want %g to 5): %w", p.BoothHeight, PersonBox[1]+0.2, ErrParams)
	case !(p.DistortionK1 >= -0.3 && p.DistortionK1 <= 0.1):
		return p, fmt.Errorf("rig distortion k1 %g (want -0.3 to 0.1): %w", p.DistortionK1, ErrParams)
	}
	if _, ok := resolutions[p.Resolution]; !ok {
		return p, fmt.Errorf("rig resolution %q (want 720p, 1080p or 4k): %w", p.Resolution, ErrParams)
	}
	return p, nil
}

// GenerateRig places p.Cameras cameras on rings just outside the booth's
// walls (radius: half the booth width plus 15 cm), the rings spread between
// 0.5 m and 0.4 m below the ceiling and staggered in azimuth, each camera
// looking at the centre of PersonBox. Each camera gets mild barrel
// distortion (k1 of radial distortion at the image corner, so OpenCV's K1
// is k1 divided by the corner's squared normalized radius; small k2, p1,
// p2 ~1e-4) and a principal point a few pixels off centre from the seed,
// and the longest focal length that keeps all of PersonBox inside its
// image with a 4% margin.
func GenerateRig(p RigParams) (*rig.Rig, error) {
	p, err := p.withDefaults()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(uint64(p.Seed), 0xda3e39cb94b95bdb))
	size := resolutions[p.Resolution]
	w, h := size[0], size[1]
	if p.Portrait {
		w, h = h, w
	}
	radius := p.BoothWidth/2 + 0.15
	target := vec3{0, PersonBox[1] / 2, 0}
	r := &rig.Rig{BoothID: p.BoothID}
	for i := 0; i < p.Cameras; i++ {
		ringIdx := i % p.Rings
		perRing := (p.Cameras - ringIdx + p.Rings - 1) / p.Rings // cameras on this ring
		slot := i / p.Rings
		az := 2*math.Pi*float64(slot)/float64(perRing) + math.Pi*float64(ringIdx)/float64(perRing)
		y := 1.2
		if p.Rings > 1 {
			top := math.Min(2.0, p.BoothHeight-0.4)
			y = 0.5 + (top-0.5)*float64(ringIdx)/float64(p.Rings-1)
		}
		eye := vec3{radius * math.Sin(az), y, radius * math.Cos(az)}
		pose, err := rig.LookAt(eye, target, vec3{0, 1, 0})
		if err != nil {
			return nil, fmt.Errorf("rig camera %d: %w", i, err)
		}
		k1 := p.DistortionK1
		if k1 == 0 {
			k1 = -0.05 - 0.07*rng.Float64()
		}
		cam := rig.Camera{
			ID:     i,
			Name:   fmt.Sprintf("ring%d-%03.0f", ringIdx, math.Mod(az*180/math.Pi, 360)),
			Width:  w,
			Height: h,
			Pose:   pose,
			K: rig.Intrinsics{
				Cx: float64(w-1)/2 + 4*(rng.Float64()-0.5),
				Cy: float64(h-1)/2 + 4*(rng.Float64()-0.5),
			},
		}
		// The coefficients are given at the image corner: a wide booth lens
		// reaches normalized radii near 2, where OpenCV's k1 = -0.1 would
		// fold the image over. Scale them so that the corner sees k1 of
		// radial distortion, as a lens maker's "mild barrel" does.
		f, err := fitFocal(&cam, 0.04)
		if err != nil {
			return nil, fmt.Errorf("rig camera %d: %w", i, err)
		}
		rc2 := (float64(w*w) + float64(h*h)) / 4 / (f * f)
		cam.D = rig.Distortion{
			K1: k1 / rc2,
			K2: 0.01 * (rng.Float64() - 0.3) / (rc2 * rc2),
			P1: 2e-4 * (rng.Float64() - 0.5),
			P2: 2e-4 * (rng.Float64() - 0.5),
		}
		if f, err = fitFocal(&cam, 0.04); err != nil {
			return nil, fmt.Errorf("rig camera %d: %w", i, err)
		}
		aspect := 1 + 2e-3*(rng.Float64()-0.5)
		cam.K.Fx, cam.K.Fy = f, f*aspect
		r.Cameras = append(r.Cameras, cam)
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("generated rig: %w", err)
	}
	return r, nil
}

// personBoxCorners returns the 8 corners of PersonBox.
func personBoxCorners() [8]vec3 {
	var c [8]vec3
	for i := 0; i < 8; i++ {
		c[i] = vec3{
			PersonBox[0] / 2 * float64(2*(i&1)-1),
			PersonBox[1] * float64(i>>1&1),
			PersonBox[2] / 2 * float64(2*(i>>2&1)-1),
		}
	}
	return c
}

// fitFocal returns the largest focal length (pixels, fx = fy) for which
// every corner of PersonBox, distorted, lands inside the image shrunk by
// margin (a fraction of each half-size).
func fitFocal(cam *rig.Camera, margin float64) (float64, error) {
	f := math.Inf(1)
	for _, c := range personBoxCorners() {
		pc := cam.WorldToCamera(c)
		if pc[2] <= 0.05 {
			return 0, fmt.Errorf("person box corner %v is behind the camera: %w", c, ErrParams)
		}
		xd, yd := cam.D.Distort(pc[0]/pc[2], pc[1]/pc[2])
		// Room on the side the corner falls on.
		roomX := cam.K.Cx
		if xd > 0 {
			roomX = float64(cam.Width-1) - cam.K.Cx
		}
		roomY := cam.K.Cy
		if yd > 0 {
			roomY = float64(cam.Height-1) - cam.K.Cy
		}
		if ax := math.Abs(xd); ax > 1e-9 {
			f = math.Min(f, roomX*(1-margin)/ax)
		}
		if ay := math.Abs(yd); ay > 1e-9 {
			f = math.Min(f, roomY*(1-margin)/ay)
		}
	}
	if math.IsInf(f, 0) || f <= 0 {
		return 0, fmt.Errorf("no focal length fits the person box: %w", ErrParams)
	}
	return f, nil
}
