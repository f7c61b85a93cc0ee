package rig

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// FileVersion is the rig file format version this package reads and writes.
const FileVersion = 1

// fileRig is the on-disk layout of a rig file. Pointers mark required fields
// so that a missing field can be told from a zero one.
type fileRig struct {
	Version *int         `yaml:"version"`
	BoothID *string      `yaml:"booth_id"`
	Cameras []fileCamera `yaml:"cameras"`
}

type fileCamera struct {
	ID          *int            `yaml:"id"`
	Name        string          `yaml:"name,omitempty"`
	Width       *int            `yaml:"width"`
	Height      *int            `yaml:"height"`
	Intrinsics  *fileIntrinsics `yaml:"intrinsics,flow"`
	Distortion  *fileDistortion `yaml:"distortion,flow"`
	Rotation    []float64       `yaml:"rotation,flow"`
	Translation []float64       `yaml:"translation,flow"`
}

type fileIntrinsics struct {
	Fx *float64 `yaml:"fx"`
	Fy *float64 `yaml:"fy"`
	Cx *float64 `yaml:"cx"`
	Cy *float64 `yaml:"cy"`
}

type fileDistortion struct {
	K1 float64 `yaml:"k1"`
	K2 float64 `yaml:"k2"`
	P1 float64 `yaml:"p1"`
	P2 float64 `yaml:"p2"`
	K3 float64 `yaml:"k3"`
}

// Load reads and parses a rig file; see Parse.
func Load(path string) (*Rig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load rig: %w", err)
	}
	r, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("rig file %s: %w", path, err)
	}
	return r, nil
}

// Parse decodes a rig file strictly (unknown fields, missing required
// fields, a version other than 1 and trailing documents are errors) and
// validates the result. Validation problems are all reported, joined.
func Parse(data []byte) (r *Rig, err error) {
	defer func() {
		// The YAML decoder is third-party code fed outside bytes; turn any
		// panic it may raise into an error rather than crashing the caller.
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("decode rig: %v: %w", p, ErrSyntax)
		}
	}()
	if err := checkVersion(data); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f fileRig
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("decode rig: empty file: %w", ErrSyntax)
		}
		return nil, fmt.Errorf("decode rig: %s: %w", describeYAMLError(data, err), ErrSyntax)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("decode rig: more than one YAML document: %w", ErrSyntax)
	}
	r, err = f.toRig()
	if err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return r, nil
}

// checkVersion reads only the version field, so that a newer file is
// reported as such rather than by the fields this program does not know.
func checkVersion(data []byte) error {
	var v struct {
		Version any `yaml:"version"`
	}
	if err := yaml.Unmarshal(data, &v); err != nil {
		// Not a mapping, or not YAML: the strict decode reports it.
		return nil
	}
	if v.Version == nil {
		return nil
	}
	n, ok := v.Version.(int)
	if !ok {
		return fmt.Errorf("rig file version: must be an integer, got %v: %w", v.Version, ErrVersion)
	}
	if n > FileVersion {
		return fmt.Errorf("rig file version %d is newer than this program understands (%d): %w", n, FileVersion, ErrVersion)
	}
	if n != FileVersion {
		return fmt.Errorf("rig file version %d is not supported (want %d): %w", n, FileVersion, ErrVersion)
	}
	return nil
}

// toRig converts the decoded file, reporting every missing field.
func (f *fileRig) toRig() (*Rig, error) {
	var errs []error
	missing := func(cam, field string) {
		errs = append(errs, &FieldError{Camera: cam, Field: field, Msg: "missing"})
	}
	if f.Version == nil {
		missing("", "version")
	}
	r := &Rig{}
	if f.BoothID == nil {
		missing("", "booth_id")
	} else {
		r.BoothID = *f.BoothID
	}
	if f.Cameras == nil {
		missing("", "cameras")
	}
	r.Cameras = make([]Camera, len(f.Cameras))
	for i, fc := range f.Cameras {
		c := &r.Cameras[i]
		c.Name = fc.Name
		label := fmt.Sprintf("cameras[%d]", i)
		if fc.ID == nil {
			missing(label, "id")
		} else {
			c.ID = *fc.ID
			label = c.label()
		}
		if fc.Width == nil {
			missing(label, "width")
		} else {
			c.Width = *fc.Width
		}
		if fc.Height == nil {
			missing(label, "height")
		} else {
			c.Height = *fc.Height
		}
		if fc.Intrinsics == nil {
			missing(label, "intrinsics")
		} else {
			in := fc.Intrinsics
			for _, p := range []struct {
				name string
				src  *float64
				dst  *float64
			}{{"fx", in.Fx, &c.K.Fx}, {"fy", in.Fy, &c.K.Fy}, {"cx", in.Cx, &c.K.Cx}, {"cy", in.Cy, &c.K.Cy}} {
				if p.src == nil {
					missing(label, "intrinsics."+p.name)
				} else {
					*p.dst = *p.src
				}
			}
		}
		if d := fc.Distortion; d != nil {
			c.D = Distortion{K1: d.K1, K2: d.K2, P1: d.P1, P2: d.P2, K3: d.K3}
		}
		switch {
		case fc.Rotation == nil:
			missing(label, "rotation")
		case len(fc.Rotation) != 9:
			errs = append(errs, &FieldError{Camera: label, Field: "rotation",
				Msg: fmt.Sprintf("must have 9 elements (row-major 3x3), got %d", len(fc.Rotation))})
		default:
			copy(c.Pose.R[:], fc.Rotation)
		}
		switch {
		case fc.Translation == nil:
			missing(label, "translation")
		case len(fc.Translation) != 3:
			errs = append(errs, &FieldError{Camera: label, Field: "translation",
				Msg: fmt.Sprintf("must have 3 elements, got %d", len(fc.Translation))})
		default:
			copy(c.Pose.T[:], fc.Translation)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return r, nil
}

// Marshal encodes the rig as a version 1 rig file. Floats are written in
// their shortest exact form, so Parse(Marshal(r)) gives back r exactly (a
// negative zero reads back as zero, which compares equal).
// It does not validate; call Validate first if r may be invalid.
func (r *Rig) Marshal() ([]byte, error) {
	v := FileVersion
	boothID := r.BoothID
	f := fileRig{Version: &v, BoothID: &boothID, Cameras: make([]fileCamera, len(r.Cameras))}
	for i := range r.Cameras {
		c := r.Cameras[i]
		f.Cameras[i] = fileCamera{
			ID:          &c.ID,
			Name:        c.Name,
			Width:       &c.Width,
			Height:      &c.Height,
			Intrinsics:  &fileIntrinsics{Fx: &c.K.Fx, Fy: &c.K.Fy, Cx: &c.K.Cx, Cy: &c.K.Cy},
			Distortion:  &fileDistortion{K1: c.D.K1, K2: c.D.K2, P1: c.D.P1, P2: c.D.P2, K3: c.D.K3},
			Rotation:    c.Pose.R[:],
			Translation: c.Pose.T[:],
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&f); err != nil {
		return nil, fmt.Errorf("encode rig %q: %w", r.BoothID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode rig %q: %w", r.BoothID, err)
	}
	return buf.Bytes(), nil
}

// Save validates the rig and writes it to path atomically (a temporary file
// in the same directory, then a rename).
func (r *Rig) Save(path string) error {
	if err := r.Validate(); err != nil {
		return fmt.Errorf("save rig %s: %w", path, err)
	}
	data, err := r.Marshal()
	if err != nil {
		return fmt.Errorf("save rig %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("save rig %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("save rig %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save rig %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("save rig %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save rig %s: %w", path, err)
	}
	return nil
}
