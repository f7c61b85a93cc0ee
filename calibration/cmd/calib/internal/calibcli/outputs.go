package calibcli

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"cloudme.dev/calibration/colmap"
	"cloudme.dev/calibration/report"
	"cloudme.dev/calibration/rig"
)

// writeOutputs writes the rig in every format and the session into dir and
// returns the paths written.
func writeOutputs(dir string, r *rig.Rig, s *report.Session) ([]string, error) {
	var paths []string
	for _, d := range []string{dir, filepath.Join(dir, "opencv"), filepath.Join(dir, "colmap")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("output folder: %w", err)
		}
	}
	rp := filepath.Join(dir, "rig.yaml")
	if err := r.Save(rp); err != nil {
		return nil, err
	}
	paths = append(paths, rp)
	op, err := writeOpenCVDir(filepath.Join(dir, "opencv"), r)
	if err != nil {
		return nil, err
	}
	paths = append(paths, op...)
	cp, err := writeColmapDir(filepath.Join(dir, "colmap"), r)
	if err != nil {
		return nil, err
	}
	paths = append(paths, cp...)
	if s != nil {
		data, err := s.Marshal()
		if err != nil {
			return nil, fmt.Errorf("session: %w", err)
		}
		sp := filepath.Join(dir, "session.json")
		if err := os.WriteFile(sp, data, 0o644); err != nil {
			return nil, fmt.Errorf("session: %w", err)
		}
		paths = append(paths, sp)
	}
	return paths, nil
}

func writeOpenCVDir(dir string, r *rig.Rig) ([]string, error) {
	var paths []string
	for i := range r.Cameras {
		var b bytes.Buffer
		if err := writeOpenCV(&b, &r.Cameras[i]); err != nil {
			return nil, err
		}
		p := filepath.Join(dir, fmt.Sprintf("cam%02d.yaml", r.Cameras[i].ID))
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			return nil, fmt.Errorf("opencv export: %w", err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func writeColmapDir(dir string, r *rig.Rig) ([]string, error) {
	var cams, imgs bytes.Buffer
	if err := colmap.WriteCameras(&cams, r); err != nil {
		return nil, err
	}
	if err := colmap.WriteImages(&imgs, r); err != nil {
		return nil, err
	}
	cp, ip := filepath.Join(dir, "cameras.txt"), filepath.Join(dir, "images.txt")
	if err := os.WriteFile(cp, cams.Bytes(), 0o644); err != nil {
		return nil, fmt.Errorf("colmap export: %w", err)
	}
	if err := os.WriteFile(ip, imgs.Bytes(), 0o644); err != nil {
		return nil, fmt.Errorf("colmap export: %w", err)
	}
	return []string{cp, ip}, nil
}

// jsonRMS maps "no value" (NaN) to -1 for JSON.
func jsonRMS(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return -1
	}
	return v
}
