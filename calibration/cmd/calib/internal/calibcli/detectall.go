package calibcli

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"go.uber.org/zap"

	"cloudme.dev/calibration/detect"
	"cloudme.dev/calibration/report"
)

// detected is one camera's detections and the images that gave none.
type detected struct {
	cam      cameraImages
	dets     []*detect.Detection
	failures []report.Failure
}

// detectAll finds the board in every image of every camera, in parallel,
// with a progress bar. Unreadable images and images without the board are
// recorded as failures with the reason, not errors.
func detectAll(e *env, cams []cameraImages, d detect.Detector) []detected {
	type job struct{ cam, file int }
	var jobs []job
	out := make([]detected, len(cams))
	for c := range cams {
		out[c].cam = cams[c]
		for f := range cams[c].Files {
			jobs = append(jobs, job{c, f})
		}
	}
	results := make([][]*detect.Detection, len(cams))
	errs := make([][]error, len(cams))
	for c := range cams {
		results[c] = make([]*detect.Detection, len(cams[c].Files))
		errs[c] = make([]error, len(cams[c].Files))
	}
	bar := newProgress(e.stderr, "detect boards", len(jobs))
	ch := make(chan job)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				results[j.cam][j.file], errs[j.cam][j.file] = d.DetectFile(cams[j.cam].Files[j.file])
				bar.Add(1)
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	bar.Finish()
	for c := range cams {
		for f, det := range results[c] {
			if err := errs[c][f]; err != nil {
				reason := "no board"
				if errors.Is(err, detect.ErrUnreadable) {
					reason = "unreadable"
					e.log.Warn("unreadable image", zap.String("file", cams[c].Files[f]), zap.Error(err))
				}
				out[c].failures = append(out[c].failures, report.Failure{Camera: cams[c].ID, File: cams[c].Files[f], Reason: reason + ": " + err.Error()})
				continue
			}
			out[c].dets = append(out[c].dets, det)
		}
		e.log.Info("detected", zap.Int("camera", cams[c].ID), zap.Int("images", len(cams[c].Files)), zap.Int("boards", len(out[c].dets)))
	}
	return out
}

// requireBoards fails when a camera has no detection at all, naming it and
// its folder.
func requireBoards(ds []detected, cols, rows int) error {
	var errs []error
	for _, d := range ds {
		if len(d.dets) == 0 {
			what := fmt.Sprintf("none of its %d images shows a %dx%d board", len(d.cam.Files), cols, rows)
			if len(d.cam.Files) == 0 {
				what = "no images"
			}
			errs = append(errs, fmt.Errorf("camera %d (%s): %s: %w", d.cam.ID, d.cam.Dir, what, ErrNoBoard))
		}
	}
	return errors.Join(errs...)
}
