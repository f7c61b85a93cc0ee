package calibcli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.uber.org/zap"
	"gocv.io/x/gocv"

	"cloudme.dev/calibration/detect"
	"cloudme.dev/calibration/report"
)

// sourceFlag collects repeated --source ID=URI flags.
type sourceFlag map[int]string

func (s sourceFlag) String() string { return fmt.Sprint(map[int]string(s)) }

func (s sourceFlag) Set(v string) error {
	id, uri, ok := strings.Cut(v, "=")
	n, err := strconv.Atoi(id)
	if !ok || err != nil || n < 0 || uri == "" {
		return fmt.Errorf("want ID=URI (e.g. 3=/dev/video3, 3=rtsp://..., 3=dir:shots/cam03), got %q", v)
	}
	if _, dup := s[n]; dup {
		return fmt.Errorf("camera %d given twice", n)
	}
	s[n] = uri
	return nil
}

func setupCapture(fs *flag.FlagSet) func(*env) error {
	bf := registerBoard(fs)
	sources := sourceFlag{}
	fs.Var(sources, "source", "camera source ID=URI, repeated: a device number, a video file or stream URL, or dir:FOLDER to replay images")
	out := fs.String("out", "shots", "folder to write camNN/<view>.png into (the extrinsics layout)")
	moved := fs.Float64("move-px", 15, "a camera's board must move this many pixels on average to count as a new view")
	maxFrames := fs.Int("max-frames", 0, "stop after this many frame sets (0: until coverage suffices or a source ends)")
	th := registerThresholds(fs)
	return func(e *env) error {
		if len(sources) < 1 {
			return fmt.Errorf("give at least one --source ID=URI: %w", ErrUsage)
		}
		res, err := capture(e, sources, bf.detector(), report.Board{Cols: bf.cols, Rows: bf.rows, Square: bf.square}, *th, *out, *moved, *maxFrames)
		if res != nil && e.json {
			if perr := e.printJSON(map[string]any{"ok": err == nil, "frames": res.frames, "views": res.views, "cameras": res.stats, "missing": res.missing, "out": *out}); perr != nil {
				return perr
			}
		}
		if err != nil {
			return err
		}
		if !e.json {
			fmt.Fprintf(e.stdout, "coverage suffices after %d frame sets: %d views in %s\n", res.frames, res.views, *out)
		}
		return nil
	}
}

type captureResult struct {
	frames, views int
	stats         []report.CameraStats
	missing       []string
}

// capture reads all sources in step (one frame from each per round),
// finds the board in each frame, keeps a round as a view when the board is
// new to at least one camera (the first view, the floor view, must show
// the board in at least half of the cameras), saves the frames that show the board, and stops
// when the coverage tracker is satisfied.
func capture(e *env, uris sourceFlag, d detect.Detector, b report.Board, th report.Thresholds, out string, movePx float64, maxFrames int) (*captureResult, error) {
	ids := make([]int, 0, len(uris))
	for id := range uris {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	srcs := make([]detect.Source, len(ids))
	defer func() {
		for _, s := range srcs {
			if s != nil {
				s.Close()
			}
		}
	}()
	for i, id := range ids {
		s, err := detect.OpenSource(uris[id])
		if err != nil {
			return nil, fmt.Errorf("camera %d: %w", id, err)
		}
		srcs[i] = s
	}
	frames := make([]gocv.Mat, len(ids))
	for i := range frames {
		frames[i] = gocv.NewMat()
		defer frames[i].Close()
	}
	var tracker *coverageTracker
	res := &captureResult{}
	for maxFrames <= 0 || res.frames < maxFrames {
		for i, s := range srcs {
			if err := s.Read(&frames[i]); err != nil {
				if errors.Is(err, io.EOF) {
					return res, endOfSource(res, ids[i], tracker)
				}
				return res, fmt.Errorf("camera %d: %w", ids[i], err)
			}
		}
		res.frames++
		if tracker == nil {
			var cams []report.Camera
			for i, id := range ids {
				cams = append(cams, report.Camera{ID: id, Name: fmt.Sprintf("cam%02d", id), Width: frames[i].Cols(), Height: frames[i].Rows()})
			}
			tracker = newCoverageTracker(cams, b, th)
		}
		found := detectRound(d, frames)
		byCam := map[int][][2]float64{}
		novel := false
		for i, c := range found {
			if c != nil {
				byCam[ids[i]] = c
				novel = novel || tracker.novel(ids[i], c, movePx)
			}
		}
		view := fmt.Sprintf("view%03d", res.views)
		if res.views == 0 {
			if need := max(2, (len(ids)+1)/2); len(byCam) < need {
				fmt.Fprintf(e.stderr, "waiting for the floor view: lay the board flat at the booth centre (seen by %d of %d cameras, need %d)\n", len(byCam), len(ids), need)
				continue
			}
			view = "floor"
		} else if len(byCam) == 0 || !novel {
			continue
		}
		for i, id := range ids {
			if found[i] == nil {
				continue
			}
			path := filepath.Join(out, fmt.Sprintf("cam%02d", id), view+".png")
			if err := writeFile(path, nil); err != nil {
				return res, err
			}
			if !gocv.IMWrite(path, frames[i]) {
				return res, fmt.Errorf("camera %d: cannot write %s", id, path)
			}
		}
		tracker.add(view, byCam)
		res.views++
		res.stats, res.missing = tracker.status()
		fmt.Fprintf(e.stderr, "%s kept (%d cameras): %s\n", view, len(byCam), statusLine(res.stats))
		e.log.Debug("view kept", zap.String("view", view), zap.Int("cameras", len(byCam)))
		if len(res.missing) == 0 {
			return res, nil
		}
	}
	return res, fmt.Errorf("stopped after %d frame sets with coverage short: %s", res.frames, strings.Join(res.missing, "; "))
}

func endOfSource(res *captureResult, id int, tracker *coverageTracker) error {
	if tracker == nil {
		return fmt.Errorf("camera %d: source gave no frame", id)
	}
	if res.views == 0 {
		return fmt.Errorf("camera %d's source ended before half of the cameras saw the board on the floor", id)
	}
	return fmt.Errorf("camera %d's source ended with coverage short: %s", id, strings.Join(res.missing, "; "))
}

// detectRound finds the board in every frame of a round, in parallel; nil
// where there is none.
func detectRound(d detect.Detector, frames []gocv.Mat) [][][2]float64 {
	out := make([][][2]float64, len(frames))
	var wg sync.WaitGroup
	for i := range frames {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if c, err := d.Detect(frames[i]); err == nil {
				out[i] = c
			}
		}()
	}
	wg.Wait()
	return out
}
