package calibcli

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"sort"

	"cloudme.dev/calibration/report"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/solve"
)

func setupVerify(fs *flag.FlagSet) func(*env) error {
	bf := registerBoard(fs)
	rigPath := fs.String("rig", "", "saved rig file (required)")
	images := fs.String("images", "", "fresh images: camera sub-folders, same file stem = same view (required)")
	out := fs.String("out", "verify-out", "folder for session.json and the report")
	th := registerThresholds(fs)
	return func(e *env) error {
		if *rigPath == "" || *images == "" {
			return fmt.Errorf("--rig and --images are required: %w", ErrUsage)
		}
		board, err := bf.board()
		if err != nil {
			return err
		}
		r, err := rig.Load(*rigPath)
		if err != nil {
			return err
		}
		cams, err := scanRig(*images)
		if err != nil {
			return err
		}
		var errs []error
		for _, c := range cams {
			if _, ok := r.Camera(c.ID); !ok {
				errs = append(errs, fmt.Errorf("camera %d (%s): not in rig %s: %w", c.ID, c.Dir, *rigPath, ErrLayout))
			}
		}
		if err := errors.Join(errs...); err != nil {
			return err
		}
		ds := detectAll(e, cams, bf.detector())
		s, err := verifySession(r, ds, board, *th)
		if err != nil {
			return err
		}
		data, err := s.Marshal()
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(*out, "session.json"), data); err != nil {
			return err
		}
		return writeReport(e, s, *th, filepath.Join(*out, "report"))
	}
}

// verifySession measures each camera against the saved rig. First every
// pair of cameras sharing views is scored: the board pose found by one
// camera alone is reprojected into the other, both ways. A camera whose
// best-agreeing partner still disagrees has moved; a camera with one bad
// partner among good ones has not. Then each camera's corners are
// reprojected through the board pose found by the other, trusted cameras
// (leave one out), giving the per-camera RMS that the verdict judges.
func verifySession(r *rig.Rig, ds []detected, board solve.Board, th report.Thresholds) (*report.Session, error) {
	s := &report.Session{Version: report.SessionVersion, Kind: report.KindVerify,
		Board: report.Board{Cols: board.Cols, Rows: board.Rows, Square: board.Square}}
	byView := map[string][]verifyObs{}
	var order []string
	for _, d := range ds {
		c, _ := r.Camera(d.cam.ID)
		s.Cameras = append(s.Cameras, report.Camera{ID: c.ID, Name: c.Name, Width: c.Width, Height: c.Height, RMS: -1})
		s.Failures = append(s.Failures, d.failures...)
		for _, det := range d.dets {
			if det.Width != c.Width || det.Height != c.Height {
				return nil, fmt.Errorf("image %s is %dx%d, camera %d in the rig is %dx%d: %w", det.File, det.Width, det.Height, c.ID, c.Width, c.Height, ErrLayout)
			}
			v := viewName(det.File)
			if _, ok := byView[v]; !ok {
				order = append(order, v)
			}
			byView[v] = append(byView[v], verifyObs{cam: c, file: det.File, px: det.Corners})
		}
	}
	moved := suspectCameras(byView, board, th)
	sum := map[int]float64{}
	cnt := map[int]int{}
	total, n := 0.0, 0
	for _, v := range order {
		os := byView[v]
		for i, o := range os {
			ob := report.Observation{Camera: o.cam.ID, View: v, File: o.file, Corners: o.px}
			var cs []*rig.Camera
			var px [][][2]float64
			for j, other := range os {
				if j != i && !moved[other.cam.ID] {
					cs = append(cs, other.cam)
					px = append(px, other.px)
				}
			}
			if len(cs) == 0 {
				ob.Rejected = "no other trusted camera sees this view: nothing to check it against"
				s.Observations = append(s.Observations, ob)
				continue
			}
			pose, _, err := solve.BoardPose(board, cs, px)
			if err != nil {
				ob.Rejected = "board pose from the other cameras: " + err.Error()
				s.Observations = append(s.Observations, ob)
				continue
			}
			ob.Residuals = sanitize(solve.Residuals(o.cam, board, pose, o.px))
			ss := sumSq(ob.Residuals)
			ob.RMS = math.Sqrt(ss / float64(len(o.px)))
			sum[o.cam.ID] += ss
			cnt[o.cam.ID] += len(o.px)
			total += ss
			n += len(o.px)
			s.Observations = append(s.Observations, ob)
		}
	}
	for i := range s.Cameras {
		if c := cnt[s.Cameras[i].ID]; c > 0 {
			s.Cameras[i].RMS = math.Sqrt(sum[s.Cameras[i].ID] / float64(c))
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("no view was seen by two or more cameras; capture views where neighbouring cameras see the board together: %w", ErrNoBoard)
	}
	s.RMS = math.Sqrt(total / float64(n))
	return s, nil
}

type verifyObs struct {
	cam  *rig.Camera
	file string
	px   [][2]float64
}

// suspectCameras scores every camera pair by the RMS of each one's corners
// under the board pose the other finds alone, and returns the cameras
// whose best partner still disagrees by more than max(MovedRMS,
// MovedFactor × the median pair score).
func suspectCameras(byView map[string][]verifyObs, board solve.Board, th report.Thresholds) map[int]bool {
	type acc struct {
		ss float64
		n  int
	}
	pairs := map[[2]int]*acc{}
	for _, os := range byView {
		poses := make([]*rig.Pose, len(os))
		for i, o := range os {
			if len(os) < 2 {
				break
			}
			if p, _, err := solve.BoardPose(board, []*rig.Camera{o.cam}, [][][2]float64{o.px}); err == nil {
				poses[i] = &p
			}
		}
		for i, a := range os {
			for j, b := range os {
				if i == j || poses[j] == nil {
					continue
				}
				key := [2]int{min(a.cam.ID, b.cam.ID), max(a.cam.ID, b.cam.ID)}
				if pairs[key] == nil {
					pairs[key] = &acc{}
				}
				pairs[key].ss += sumSq(sanitize(solve.Residuals(a.cam, board, *poses[j], a.px)))
				pairs[key].n += len(a.px)
			}
		}
	}
	score := map[[2]int]float64{}
	var all []float64
	for k, a := range pairs {
		score[k] = math.Sqrt(a.ss / float64(a.n))
		all = append(all, score[k])
	}
	if len(all) == 0 {
		return nil
	}
	sort.Float64s(all)
	limit := math.Max(th.MovedRMS, th.MovedFactor*all[len(all)/2])
	best := map[int]float64{}
	for k, v := range score {
		for _, c := range k {
			if b, ok := best[c]; !ok || v < b {
				best[c] = v
			}
		}
	}
	moved := map[int]bool{}
	for c, b := range best {
		if b > limit {
			moved[c] = true
		}
	}
	return moved
}

// sanitize replaces residuals of points behind the camera (NaN) by a large
// finite error: such a camera has moved a lot.
func sanitize(r [][2]float64) [][2]float64 {
	for k := range r {
		if math.IsNaN(r[k][0]) || math.IsNaN(r[k][1]) {
			r[k] = [2]float64{1e3, 1e3}
		}
	}
	return r
}

func sumSq(r [][2]float64) float64 {
	s := 0.0
	for _, q := range r {
		s += q[0]*q[0] + q[1]*q[1]
	}
	return s
}
