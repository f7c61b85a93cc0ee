package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"

	"cloudme.dev/calibration/meshio"
	"cloudme.dev/calibration/raster"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/mesh"
)

// Dataset is an opened dataset folder.
type Dataset struct {
	Dir      string
	Manifest Manifest
	Rig      *rig.Rig
}

// DatasetFrame is one frame read back: per camera (rig order) a target
// with Color, Mask and Depth (metres, +Inf where the file has 0), and the
// true mesh.
type DatasetFrame struct {
	Meta  FrameMeta
	Views []*raster.Target
	Truth *mesh.Mesh
}

// OpenDataset reads and checks a dataset's manifest and rig. Frames are
// read on demand with ReadFrame.
func OpenDataset(dir string) (*Dataset, error) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, fmt.Errorf("open dataset: %w", err)
	}
	d := &Dataset{Dir: dir}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d.Manifest); err != nil {
		return nil, fmt.Errorf("dataset %s manifest.json: %v: %w", dir, err, ErrDataset)
	}
	if err := d.Manifest.check(); err != nil {
		return nil, fmt.Errorf("dataset %s: %w", dir, err)
	}
	if d.Rig, err = rig.Load(filepath.Join(dir, d.Manifest.Files.Rig)); err != nil {
		return nil, fmt.Errorf("dataset %s: %w", dir, err)
	}
	if len(d.Rig.Cameras) != len(d.Manifest.Cameras) {
		return nil, fmt.Errorf("dataset %s: rig has %d cameras, manifest %d: %w", dir, len(d.Rig.Cameras), len(d.Manifest.Cameras), ErrDataset)
	}
	for i, c := range d.Manifest.Cameras {
		rc := d.Rig.Cameras[i]
		if rc.ID != c.ID || rc.Width != c.Width || rc.Height != c.Height {
			return nil, fmt.Errorf("dataset %s: camera %d differs between rig and manifest: %w", dir, c.ID, ErrDataset)
		}
	}
	return d, nil
}

// Len returns the number of frames.
func (d *Dataset) Len() int { return d.Manifest.Frames }

// FrameTime returns the capture time of frame i.
func (d *Dataset) FrameTime(i int) float64 { return d.Manifest.StartTime + float64(i)/d.Manifest.FPS }

// ReadFrame reads frame i: images, true mesh and meta.
func (d *Dataset) ReadFrame(i int) (*DatasetFrame, error) {
	if i < 0 || i >= d.Manifest.Frames {
		return nil, fmt.Errorf("dataset frame %d of %d: %w", i, d.Manifest.Frames, ErrDataset)
	}
	fd := filepath.Join(d.Dir, fmt.Sprintf(d.Manifest.Files.FrameDir, i))
	f := &DatasetFrame{}
	data, err := os.ReadFile(filepath.Join(fd, d.Manifest.Files.Meta))
	if err != nil {
		return nil, fmt.Errorf("dataset frame %d: %w", i, err)
	}
	if err := json.Unmarshal(data, &f.Meta); err != nil {
		return nil, fmt.Errorf("dataset frame %d meta.json: %v: %w", i, err, ErrDataset)
	}
	if len(f.Meta.Offsets) != len(d.Rig.Cameras) {
		return nil, fmt.Errorf("dataset frame %d meta.json: %d offsets for %d cameras: %w", i, len(f.Meta.Offsets), len(d.Rig.Cameras), ErrDataset)
	}
	for _, c := range d.Rig.Cameras {
		v, err := readView(fd, &d.Manifest.Files, &c)
		if err != nil {
			return nil, fmt.Errorf("dataset frame %d: %w", i, err)
		}
		f.Views = append(f.Views, v)
	}
	if f.Truth, err = meshio.ReadFile(filepath.Join(fd, d.Manifest.Files.Truth)); err != nil {
		return nil, fmt.Errorf("dataset frame %d: %w", i, err)
	}
	return f, nil
}

// readView reads the three images of one camera.
func readView(fd string, files *ManifestFiles, c *rig.Camera) (*raster.Target, error) {
	v := raster.NewTarget(c.Width, c.Height)
	load := func(pattern string) (image.Image, error) {
		path := filepath.Join(fd, fmt.Sprintf(pattern, c.ID))
		fh, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer fh.Close()
		img, err := png.Decode(fh)
		if err != nil {
			return nil, fmt.Errorf("%s: %v: %w", path, err, ErrDataset)
		}
		if b := img.Bounds(); b.Dx() != c.Width || b.Dy() != c.Height {
			return nil, fmt.Errorf("%s is %dx%d, camera %d is %dx%d: %w", path, b.Dx(), b.Dy(), c.ID, c.Width, c.Height, ErrDataset)
		}
		return img, nil
	}
	col, err := load(files.Color)
	if err != nil {
		return nil, err
	}
	mask, err := load(files.Mask)
	if err != nil {
		return nil, err
	}
	depth, err := load(files.Depth)
	if err != nil {
		return nil, err
	}
	w := c.Width
	switch img := col.(type) {
	case *image.RGBA:
		for p := 0; p < w*c.Height; p++ {
			o := img.PixOffset(p%w+img.Rect.Min.X, p/w+img.Rect.Min.Y)
			copy(v.Color[3*p:3*p+3], img.Pix[o:o+3])
		}
	default:
		for p := 0; p < w*c.Height; p++ {
			r, g, b, _ := col.At(p%w+col.Bounds().Min.X, p/w+col.Bounds().Min.Y).RGBA()
			v.Color[3*p], v.Color[3*p+1], v.Color[3*p+2] = uint8(r>>8), uint8(g>>8), uint8(b>>8)
		}
	}
	gm, ok := mask.(*image.Gray)
	if !ok {
		return nil, fmt.Errorf("camera %d mask is not 8-bit grey: %w", c.ID, ErrDataset)
	}
	gd, ok := depth.(*image.Gray16)
	if !ok {
		return nil, fmt.Errorf("camera %d depth is not 16-bit grey: %w", c.ID, ErrDataset)
	}
	inf := float32(math.Inf(1))
	for p := 0; p < w*c.Height; p++ {
		x, y := p%w, p/w
		v.Mask[p] = gm.Pix[gm.PixOffset(x+gm.Rect.Min.X, y+gm.Rect.Min.Y)]
		o := gd.PixOffset(x+gd.Rect.Min.X, y+gd.Rect.Min.Y)
		mm := uint16(gd.Pix[o])<<8 | uint16(gd.Pix[o+1])
		if mm == 0 {
			v.Depth[p] = inf
		} else {
			v.Depth[p] = float32(mm) / 1000
		}
	}
	return v, nil
}
