package source

import (
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
)

// MiddleburyOptions sets how silhouettes are cut from the images.
type MiddleburyOptions struct {
	// Threshold: a pixel whose grey level (Rec. 601 luma, 0..1) exceeds it
	// is inside. 0 means 0.19, the data set authors' value.
	Threshold float64
	// Dilate, then Erode, the mask by these radii in pixels (Euclidean).
	Dilate, Erode float64
	// Margin grows the published bounding box on every side, as a share of
	// its size, for Volume; 0 means 0.15.
	Margin float64
}

// Middlebury is a Middlebury multi-view folder read as one frame set: all
// views at one instant.
type Middlebury struct {
	dir    string
	rig    *rig.Rig
	opt    MiddleburyOptions
	box    [2][3]float64
	hasBox bool
}

// OpenMiddlebury opens a folder holding *_par.txt and its PNG images (and,
// optionally, README.txt with the published bounding box).
func OpenMiddlebury(dir string, opt MiddleburyOptions) (*Middlebury, error) {
	if opt.Threshold == 0 {
		opt.Threshold = 0.19
	}
	if opt.Margin == 0 {
		opt.Margin = 0.15
	}
	if !(opt.Threshold > 0 && opt.Threshold < 1) || !(opt.Dilate >= 0 && opt.Dilate <= 100) || !(opt.Erode >= 0 && opt.Erode <= 100) || !(opt.Margin > 0 && opt.Margin <= 10) {
		return nil, fmt.Errorf("%w: threshold %g (0..1), dilate %g, erode %g (0..100 px), margin %g", ErrOptions, opt.Threshold, opt.Dilate, opt.Erode, opt.Margin)
	}
	pars, _ := filepath.Glob(filepath.Join(dir, "*_par.txt"))
	if len(pars) != 1 {
		return nil, fmt.Errorf("%w: %s holds %d *_par.txt files, want 1", ErrFolder, dir, len(pars))
	}
	// The image size comes from the first image the file names.
	data, err := os.ReadFile(pars[0])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFolder, err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) < 2 || len(strings.Fields(lines[1])) == 0 {
		return nil, fmt.Errorf("%w: %s names no image", ErrFolder, pars[0])
	}
	w, h, err := imageSize(filepath.Join(dir, strings.Fields(lines[1])[0]))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFolder, err)
	}
	r, err := rig.LoadMiddlebury(pars[0], w, h)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFolder, err)
	}
	m := &Middlebury{dir: dir, rig: r, opt: opt}
	if readme, err := os.ReadFile(filepath.Join(dir, "README.txt")); err == nil {
		m.box, m.hasBox = parseBox(string(readme))
	}
	return m, nil
}

func imageSize(path string) (int, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", path, err)
	}
	return cfg.Width, cfg.Height, nil
}

var boxRe = regexp.MustCompile(`\(\s*(-?[0-9.eE+-]+)[\s,]+(-?[0-9.eE+-]+)[\s,]+(-?[0-9.eE+-]+)\s*\)`)

// parseBox finds the two "(x y z)" triples of the README's bounding box.
func parseBox(s string) (box [2][3]float64, ok bool) {
	i := strings.Index(strings.ToLower(s), "bounding box")
	if i < 0 {
		return box, false
	}
	found := boxRe.FindAllStringSubmatch(s[i:], 2)
	if len(found) != 2 {
		return box, false
	}
	for k := 0; k < 2; k++ {
		for a := 0; a < 3; a++ {
			v, err := strconv.ParseFloat(found[k][a+1], 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return box, false
			}
			box[k][a] = v
		}
	}
	for a := 0; a < 3; a++ {
		if box[1][a] <= box[0][a] {
			return box, false
		}
	}
	return box, true
}

func (m *Middlebury) Rig() *rig.Rig { return m.rig }
func (m *Middlebury) Len() int      { return 1 }

// PublishedBox returns the README's tight bounding box, if it has one.
func (m *Middlebury) PublishedBox() (lo, hi [3]float64, ok bool) {
	return m.box[0], m.box[1], m.hasBox
}

// Volume returns the published box grown by the margin on every side.
func (m *Middlebury) Volume() (lo, hi [3]float64, ok bool) {
	if !m.hasBox {
		return lo, hi, false
	}
	for a := 0; a < 3; a++ {
		g := m.opt.Margin * (m.box[1][a] - m.box[0][a])
		lo[a], hi[a] = m.box[0][a]-g, m.box[1][a]+g
	}
	return lo, hi, true
}

// Mask cuts camera i's silhouette from its image and returns it with the
// image's RGB.
func (m *Middlebury) Mask(i int) (*maskcodec.Mask, []uint8, error) {
	c := &m.rig.Cameras[i]
	f, err := os.Open(filepath.Join(m.dir, c.Name))
	if err != nil {
		return nil, nil, fmt.Errorf("camera %d: %w", c.ID, err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, nil, fmt.Errorf("camera %d: %s: %w: %w", c.ID, c.Name, ErrFolder, err)
	}
	b := img.Bounds()
	if b.Dx() != c.Width || b.Dy() != c.Height {
		return nil, nil, fmt.Errorf("camera %d: %s is %dx%d, want %dx%d: %w", c.ID, c.Name, b.Dx(), b.Dy(), c.Width, c.Height, ErrFolder)
	}
	rgb := frameset.ToRGB(nil, img)
	mask := maskcodec.New(c.Width, c.Height)
	limit := m.opt.Threshold * 255
	for p := range mask.Pix {
		y := 0.299*float64(rgb[3*p]) + 0.587*float64(rgb[3*p+1]) + 0.114*float64(rgb[3*p+2])
		if y > limit {
			mask.Pix[p] = maskcodec.Inside
		}
	}
	dilate(mask.Pix, c.Width, c.Height, m.opt.Dilate)
	erode(mask.Pix, c.Width, c.Height, m.opt.Erode)
	return mask, rgb, nil
}

// Frame returns all views as one frame set (i must be 0).
func (m *Middlebury) Frame(i int) (*frameset.FrameSet, error) {
	if i != 0 {
		return nil, fmt.Errorf("frame %d of 1: %w", i, ErrFrame)
	}
	fs := &frameset.FrameSet{BoothID: m.rig.BoothID, CaptureTimeNs: 1, Rig: m.rig}
	for ci := range m.rig.Cameras {
		mask, rgb, err := m.Mask(ci)
		if err != nil {
			return nil, err
		}
		v, err := frameset.CropView(m.rig, m.rig.Cameras[ci].ID, mask, rgb, cropMargin)
		if err != nil {
			return nil, err
		}
		fs.Views = append(fs.Views, v)
	}
	return fs, nil
}
