package rig

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LoadMiddlebury reads a camera file of the Middlebury multi-view stereo
// data set (for example templeSR_par.txt). The first line holds the number of
// cameras; each following line is
//
//	imgname.png k11 k12 k13 k21 k22 k23 k31 k32 k33 r11 … r33 t1 t2 t3
//
// with P = K[R t]. All images have the given size. Cameras get IDs 0, 1, …
// in file order and the image file name as Name; the booth ID is the file
// name without its "_par.txt" (or extension) suffix. Errors name the line.
func LoadMiddlebury(parPath string, width, height int) (*Rig, error) {
	data, err := os.ReadFile(parPath)
	if err != nil {
		return nil, fmt.Errorf("load middlebury cameras: %w", err)
	}
	r, err := ParseMiddlebury(data, fileStem(parPath, "_par.txt"), width, height)
	if err != nil {
		return nil, fmt.Errorf("middlebury file %s: %w", parPath, err)
	}
	return r, nil
}

// ParseMiddlebury parses the contents of a Middlebury camera file; see
// LoadMiddlebury.
func ParseMiddlebury(data []byte, boothID string, width, height int) (*Rig, error) {
	lines := textLines(data)
	if len(lines) == 0 {
		return nil, fmt.Errorf("empty file, want a camera count on line 1: %w", ErrSyntax)
	}
	first := lines[0]
	if len(first.fields) != 1 {
		return nil, fmt.Errorf("line %d: want the camera count alone, got %d fields: %w", first.n, len(first.fields), ErrSyntax)
	}
	count, err := strconv.Atoi(first.fields[0])
	if err != nil || count <= 0 {
		return nil, fmt.Errorf("line %d: camera count must be a positive integer, got %q: %w", first.n, first.fields[0], ErrSyntax)
	}
	if got := len(lines) - 1; got != count {
		return nil, fmt.Errorf("line %d: announces %d cameras, the file has %d: %w", first.n, count, got, ErrSyntax)
	}
	r := &Rig{BoothID: boothID, Cameras: make([]Camera, 0, count)}
	for i, ln := range lines[1:] {
		if len(ln.fields) != 22 {
			return nil, fmt.Errorf("line %d: want an image name and 21 numbers, got %d fields: %w", ln.n, len(ln.fields), ErrSyntax)
		}
		v, err := parseFloats(ln.fields[1:])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", ln.n, err)
		}
		k := v[0:9]
		if k[1] != 0 || k[3] != 0 || k[6] != 0 || k[7] != 0 || k[8] != 1 {
			if math.Abs(k[1]) > skewTolerance*math.Abs(k[0]) {
				return nil, fmt.Errorf("line %d (%s): K has skew %g, not supported: %w", ln.n, ln.fields[0], k[1], ErrUnsupported)
			}
			return nil, fmt.Errorf("line %d (%s): K must have the form [fx 0 cx; 0 fy cy; 0 0 1]: %w", ln.n, ln.fields[0], ErrInvalid)
		}
		c := Camera{
			ID:     i,
			Name:   ln.fields[0],
			Width:  width,
			Height: height,
			K:      Intrinsics{Fx: k[0], Fy: k[4], Cx: k[2], Cy: k[5]},
		}
		copy(c.Pose.R[:], v[9:18])
		copy(c.Pose.T[:], v[18:21])
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("line %d: %w", ln.n, err)
		}
		r.Cameras = append(r.Cameras, c)
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return r, nil
}

// LoadProjections reads a plain text file of projection matrices: one camera
// per line, a name followed by the 12 entries of P = K[R|t] row-major.
// Blank lines and lines starting with '#' are skipped. Each matrix is
// decomposed with FromProjection; cameras get IDs 0, 1, … in file order and
// the booth ID is the file name without its extension. Errors name the line.
func LoadProjections(path string, width, height int) (*Rig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load projections: %w", err)
	}
	r, err := ParseProjections(data, fileStem(path, ""), width, height)
	if err != nil {
		return nil, fmt.Errorf("projection file %s: %w", path, err)
	}
	return r, nil
}

// ParseProjections parses the contents of a projection matrix file; see
// LoadProjections.
func ParseProjections(data []byte, boothID string, width, height int) (*Rig, error) {
	r := &Rig{BoothID: boothID}
	for _, ln := range textLines(data) {
		if len(ln.fields) != 13 {
			return nil, fmt.Errorf("line %d: want a name and 12 numbers, got %d fields: %w", ln.n, len(ln.fields), ErrSyntax)
		}
		v, err := parseFloats(ln.fields[1:])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", ln.n, err)
		}
		var p [12]float64
		copy(p[:], v)
		c, err := FromProjection(p, width, height)
		if err != nil {
			return nil, fmt.Errorf("line %d (%s): %w", ln.n, ln.fields[0], err)
		}
		c.ID = len(r.Cameras)
		c.Name = ln.fields[0]
		r.Cameras = append(r.Cameras, c)
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return r, nil
}

type textLine struct {
	n      int // 1-based line number
	fields []string
}

// textLines splits data into whitespace-separated fields per line, skipping
// blank lines and '#' comments.
func textLines(data []byte) []textLine {
	var out []textLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), len(data)+1)
	for n := 1; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		out = append(out, textLine{n: n, fields: f})
	}
	return out
}

func parseFloats(fields []string) ([]float64, error) {
	v := make([]float64, len(fields))
	for i, s := range fields {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || !finite(x) {
			return nil, fmt.Errorf("field %d: want a finite number, got %q: %w", i+2, s, ErrSyntax)
		}
		v[i] = x
	}
	return v, nil
}

// fileStem returns the base name of path without suffix (or, when suffix is
// empty or absent, without its extension).
func fileStem(path, suffix string) string {
	base := filepath.Base(path)
	if suffix != "" && strings.HasSuffix(base, suffix) && len(base) > len(suffix) {
		return strings.TrimSuffix(base, suffix)
	}
	if s := strings.TrimSuffix(base, filepath.Ext(base)); s != "" {
		return s
	}
	return base
}
