package calibcli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"cloudme.dev/calibration/report"
)

// registerThresholds adds the verdict threshold flags.
func registerThresholds(fs *flag.FlagSet) *report.Thresholds {
	th := report.DefaultThresholds()
	fs.Float64Var(&th.GoodRMS, "good-px", th.GoodRMS, "warn when a camera's RMS is above this")
	fs.Float64Var(&th.BadRMS, "bad-px", th.BadRMS, "fail when a camera's RMS is above this")
	fs.IntVar(&th.MinViews, "min-views", th.MinViews, "warn when a camera has fewer usable views (intrinsics)")
	fs.IntVar(&th.MinShared, "min-shared", th.MinShared, "warn when a camera shares fewer views with others (extrinsics)")
	fs.Float64Var(&th.MinCoverage, "min-coverage", th.MinCoverage, "warn when corners cover less of the image (fraction of an 8x6 grid)")
	fs.Float64Var(&th.MinEdges, "min-edges", th.MinEdges, "warn when corners reach less of the image border (fraction of its cells)")
	fs.Float64Var(&th.MovedRMS, "moved-px", th.MovedRMS, "verify: a camera above this RMS, and above 3x the median, has moved")
	return &th
}

func setupReport(fs *flag.FlagSet) func(*env) error {
	session := fs.String("session", "", "session.json written by calib intrinsics, extrinsics or verify (required)")
	out := fs.String("out", "", "folder for report.txt, verdict.json and PNG plots (default: report/ beside the session)")
	th := registerThresholds(fs)
	return func(e *env) error {
		if *session == "" {
			return fmt.Errorf("--session is required: %w", ErrUsage)
		}
		s, err := report.LoadSession(*session)
		if err != nil {
			return err
		}
		dir := *out
		if dir == "" {
			dir = filepath.Join(filepath.Dir(*session), "report")
		}
		return writeReport(e, s, *th, dir)
	}
}

// writeReport analyses a session, writes the verdict and plots into dir,
// prints the verdict and fails with ErrCheck on a FAIL verdict.
func writeReport(e *env, s *report.Session, th report.Thresholds, dir string) error {
	v := report.Analyse(s, th)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report folder: %w", err)
	}
	bar := newProgress(e.stderr, "draw plots", 1)
	plots, err := report.WritePlots(s, v, dir)
	bar.Add(1)
	bar.Finish()
	if err != nil {
		return err
	}
	txt := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(txt, []byte(v.Text()), 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if e.json {
		if err := e.printJSON(map[string]any{"ok": v.Pass, "verdict": v, "report": txt, "plots": plots}); err != nil {
			return err
		}
	} else {
		fmt.Fprint(e.stdout, v.Text())
		fmt.Fprintf(e.stdout, "wrote %s and %d plots in %s\n", txt, len(plots), dir)
	}
	if !v.Pass {
		for _, f := range v.Findings {
			if f.Severity == report.Fail {
				return fmt.Errorf("verdict FAIL: %s: %w", f.Message, ErrCheck)
			}
		}
	}
	return nil
}
