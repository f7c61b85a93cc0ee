package synth

import "fmt"

// DatasetVersion is the dataset format version (see DATASET.md).
const DatasetVersion = 1

// Manifest is manifest.json, the description of a dataset folder.
type Manifest struct {
	Version    int              `json:"version"`
	BoothID    string           `json:"booth_id"`
	Frames     int              `json:"frames"`
	FPS        float64          `json:"fps"`
	StartTime  float64          `json:"start_time"` // seconds; frame i is at StartTime + i/FPS
	Seed       int64            `json:"seed"`
	Cameras    []ManifestCamera `json:"cameras"`
	Files      ManifestFiles    `json:"files"`
	Units      ManifestUnits    `json:"units"`
	Subject    ManifestSubject  `json:"subject"`
	Realism    Realism          `json:"realism"`
	Background bool             `json:"background"`
}

// ManifestCamera names one camera and its image size.
type ManifestCamera struct {
	ID     int    `json:"id"`
	Name   string `json:"name,omitempty"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// ManifestFiles gives the file naming; %d verbs take the frame index or the
// camera id.
type ManifestFiles struct {
	Rig      string `json:"rig"`       // "rig.yaml"
	FrameDir string `json:"frame_dir"` // "frames/%06d"
	Color    string `json:"color"`     // "cam%02d.png"
	Mask     string `json:"mask"`      // "cam%02d_mask.png"
	Depth    string `json:"depth"`     // "cam%02d_depth.png"
	Truth    string `json:"truth"`     // "truth.ply"
	Meta     string `json:"meta"`      // "meta.json"
}

// ManifestUnits states the units of the files.
type ManifestUnits struct {
	Length string `json:"length"` // "m"
	Depth  string `json:"depth"`  // "mm, uint16, 0 = nothing"
	Time   string `json:"time"`   // "s"
}

// ManifestSubject says who stood in the booth.
type ManifestSubject struct {
	Kind     string  `json:"kind"` // "synthetic" or "mesh"
	Seed     int64   `json:"seed,omitempty"`
	Height   float64 `json:"height"`
	Motion   string  `json:"motion,omitempty"`
	Detail   int     `json:"detail,omitempty"`
	MeshFile string  `json:"mesh_file,omitempty"`
}

// FrameMeta is meta.json of one frame.
type FrameMeta struct {
	Index   int       `json:"index"`
	Time    float64   `json:"time"`
	Offsets []float64 `json:"offsets"` // per camera, seconds, rig order
	Gains   []float64 `json:"gains"`   // per camera exposure gain
}

// defaultFiles is the naming WriteDataset uses.
var defaultFiles = ManifestFiles{
	Rig: "rig.yaml", FrameDir: "frames/%06d", Color: "cam%02d.png", Mask: "cam%02d_mask.png",
	Depth: "cam%02d_depth.png", Truth: "truth.ply", Meta: "meta.json",
}

// check validates a manifest read from disk.
func (m *Manifest) check() error {
	switch {
	case m.Version != DatasetVersion:
		return fmt.Errorf("manifest version %d (this program reads %d): %w", m.Version, DatasetVersion, ErrDataset)
	case m.Frames < 0:
		return fmt.Errorf("manifest frames %d: %w", m.Frames, ErrDataset)
	case !(m.FPS > 0 && m.FPS <= 1000):
		return fmt.Errorf("manifest fps %g: %w", m.FPS, ErrDataset)
	case len(m.Cameras) == 0 || len(m.Cameras) > MaxCameras:
		return fmt.Errorf("manifest has %d cameras: %w", len(m.Cameras), ErrDataset)
	case m.Files != defaultFiles:
		return fmt.Errorf("manifest file naming %+v differs from the version %d naming: %w", m.Files, DatasetVersion, ErrDataset)
	}
	return nil
}
