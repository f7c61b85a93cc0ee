// Package bench measures the booth-side work per frame set on the
// synthetic booth: segmentation plus encoding time, bytes, bitrate at
// 30 fps and mask IoU against the exact masks. Frames are rendered before
// timing starts; the rendering is not timed.
package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"syscall"
	"time"

	"cloudme.dev/booth-capture/internal/cvx"
	"cloudme.dev/booth-capture/internal/frame"
	"cloudme.dev/booth-capture/internal/pipeline"
	"cloudme.dev/booth-capture/internal/synthbooth"
	"cloudme.dev/calibration/metrics"
	"cloudme.dev/calibration/synth"
	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

// Case is one benchmark configuration.
type Case struct {
	Cameras    int
	Resolution string
	Frames     int // distinct pre-rendered frame sets
	Sets       int // frame sets timed (cycling over the frames)
	Workers    int
	Realism    synth.Realism
}

// Result is one JSON line.
type Result struct {
	Bench      string  `json:"bench"`
	Resolution string  `json:"resolution"`
	Views      int     `json:"views"`
	Width      int     `json:"width"`
	Height     int     `json:"height"`
	Downscale  int     `json:"downscale"`
	Workers    int     `json:"workers"`
	Noise      float64 `json:"noise_levels"`
	Sets       int     `json:"frame_sets"`
	P50        float64 `json:"p50_ms"`
	P99        float64 `json:"p99_ms"`
	SegP50     float64 `json:"segment_p50_ms"`
	EncP50     float64 `json:"encode_p50_ms"`
	// CPU is the process's CPU time (user + system, all threads) per
	// frame set over segmentation and encoding: what the work costs,
	// steadier than wall time on a shared machine.
	CPU     float64 `json:"cpu_per_set_ms"`
	Bytes   int     `json:"bytes"`
	Mbps    float64 `json:"mbps_at_30fps"`
	IoUMean float64 `json:"iou_mean"`
	IoUMin  float64 `json:"iou_min"`
}

// Run measures one case.
func Run(c Case) (Result, error) {
	cvx.SetNumThreads(1)
	b, err := synthbooth.New(synthbooth.Params{Cameras: c.Cameras, Resolution: c.Resolution, Seed: 1, Motion: "waving", Background: true, Realism: c.Realism})
	if err != nil {
		return Result{}, err
	}
	r := b.Rig()
	var cams []pipeline.Camera
	for _, rc := range r.Cameras {
		cams = append(cams, pipeline.Camera{ID: uint32(rc.ID), Width: rc.Width, Height: rc.Height})
	}
	pr, err := pipeline.NewProcessor(pipeline.ProcessorParams{Cameras: cams, Workers: c.Workers})
	if err != nil {
		return Result{}, err
	}
	defer pr.Close()
	render := func(t float64, person bool) (*frame.Set, error) {
		views, _, err := b.Render(t, person)
		if err != nil {
			return nil, err
		}
		set := &frame.Set{CaptureNs: int64(t * 1e9)}
		for i, v := range views {
			set.Frames = append(set.Frames, frame.Frame{CameraID: uint32(r.Cameras[i].ID), Width: v.Width, Height: v.Height,
				Pix: slices.Clone(v.Color), Truth: slices.Clone(v.Mask), CaptureNs: 1 + int64(t*1e9)})
		}
		return set, nil
	}
	for k := 0; !pr.Ready(); k++ {
		set, err := render(float64(k)/30, false)
		if err != nil {
			return Result{}, err
		}
		if errs := pr.Learn(set); len(errs) > 0 {
			return Result{}, errs[0]
		}
	}
	sets := make([]*frame.Set, c.Frames)
	for i := range sets {
		if sets[i], err = render(0.5+float64(i)/30, true); err != nil {
			return Result{}, err
		}
	}
	res := Result{Bench: "capture", Resolution: c.Resolution, Views: c.Cameras, Width: r.Cameras[0].Width, Height: r.Cameras[0].Height,
		Workers: c.Workers, Noise: c.Realism.Noise, Sets: c.Sets, IoUMin: 1}
	var total, seg, enc []float64
	var bytes, ious int
	var iouSum float64
	full := make([]byte, res.Width*res.Height)
	var cpu time.Duration
	for i := 0; i < c.Sets; i++ {
		set := sets[i%len(sets)]
		c0 := cpuTime()
		t0 := time.Now()
		s := pr.Segment(set)
		t1 := time.Now()
		views, missing, errs := pr.Encode(set)
		t2 := time.Now()
		cpu += cpuTime() - c0
		if len(s.Errors) > 0 || len(errs) > 0 || len(missing) > 0 {
			return Result{}, fmt.Errorf("set %d: %v %v missing %v", i, s.Errors, errs, missing)
		}
		total = append(total, ms(t2.Sub(t0)))
		seg = append(seg, ms(t1.Sub(t0)))
		enc = append(enc, ms(t2.Sub(t1)))
		msg, err := wire.Encode(&pb.Envelope{Body: &pb.Envelope_FrameSet{FrameSet: &pb.FrameSet{BoothId: "bench", Sequence: uint64(i), CaptureTimeNs: set.CaptureNs, Views: views}}})
		if err != nil {
			return Result{}, err
		}
		bytes += len(msg)
		if i < len(sets) { // each distinct frame once
			for _, f := range set.Frames {
				if err := pr.FullMask(f.CameraID, full); err != nil {
					return Result{}, err
				}
				iou, err := metrics.MaskIoU(full, f.Truth)
				if err != nil {
					return Result{}, err
				}
				iouSum += iou
				ious++
				res.IoUMin = min(res.IoUMin, iou)
			}
		}
	}
	res.Downscale = 1
	if v := sets[0]; len(v.Frames) > 0 {
		res.Downscale = segmentDownscale(res.Width)
	}
	res.P50, res.P99 = pct(total, 0.5), pct(total, 0.99)
	res.SegP50, res.EncP50 = pct(seg, 0.5), pct(enc, 0.5)
	res.CPU = ms(cpu / time.Duration(c.Sets))
	res.Bytes = bytes / c.Sets
	res.Mbps = float64(res.Bytes) * 8 * 30 / 1e6
	res.IoUMean = iouSum / float64(ious)
	return res, nil
}

// Write prints r as one JSON line.
func Write(w io.Writer, r Result) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// cpuTime is the CPU time this process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func pct(v []float64, q float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	i := int(q * float64(len(s)-1))
	return s[i]
}
