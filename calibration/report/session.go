package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
)

// SessionVersion is the session file version written and read.
const SessionVersion = 1

// Limits on what a session file may hold.
const (
	MaxSessionBytes = 256 << 20
	maxCameras      = 1024
	maxCorners      = 10000
)

// Kinds of session.
const (
	KindIntrinsics = "intrinsics"
	KindExtrinsics = "extrinsics"
	KindVerify     = "verify"
)

// Board is the calibration target.
type Board struct {
	Cols   int     `json:"cols"`
	Rows   int     `json:"rows"`
	Square float64 `json:"square"`
}

// Camera is one camera of the session.
type Camera struct {
	ID     int     `json:"id"`
	Name   string  `json:"name,omitempty"`
	Width  int     `json:"width"`
	Height int     `json:"height"`
	RMS    float64 `json:"rms_px"` // over its used observations; NaN is written as -1
}

// Observation is one camera's detection in one view.
type Observation struct {
	Camera    int          `json:"camera"` // camera ID
	View      string       `json:"view"`   // view name (image stem)
	File      string       `json:"file,omitempty"`
	Corners   [][2]float64 `json:"corners"`
	Residuals [][2]float64 `json:"residuals,omitempty"` // projected minus detected, px
	RMS       float64      `json:"rms_px"`
	Rejected  string       `json:"rejected,omitempty"` // reason it was left out
}

// Failure is an image that gave no observation, with the reason.
type Failure struct {
	Camera int    `json:"camera"`
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// Session is the record of one calibration run.
type Session struct {
	Version      int           `json:"version"`
	Kind         string        `json:"kind"`
	Board        Board         `json:"board"`
	FloorView    string        `json:"floor_view,omitempty"`
	Cameras      []Camera      `json:"cameras"`
	Observations []Observation `json:"observations"`
	Failures     []Failure     `json:"failures,omitempty"`
	RMS          float64       `json:"rms_px"`
}

// Marshal encodes the session as indented JSON.
func (s *Session) Marshal() ([]byte, error) {
	return json.MarshalIndent(s, "", " ")
}

// LoadSession reads and parses a session file.
func LoadSession(path string) (*Session, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("session %s: %w", path, err)
	}
	if st.Size() > MaxSessionBytes {
		return nil, fmt.Errorf("session %s: %d bytes, limit %d: %w", path, st.Size(), MaxSessionBytes, ErrSession)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("session %s: %w", path, err)
	}
	s, err := ParseSession(data)
	if err != nil {
		return nil, fmt.Errorf("session %s: %w", path, err)
	}
	return s, nil
}

// ParseSession decodes and validates a session.
func ParseSession(data []byte) (*Session, error) {
	if len(data) > MaxSessionBytes {
		return nil, fmt.Errorf("%d bytes, limit %d: %w", len(data), MaxSessionBytes, ErrSession)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Session
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("decode: %v: %w", err, ErrSession)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// Validate checks the session's internal consistency.
func (s *Session) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf(format+": %w", append(a, ErrSession)...)
	}
	if s.Version != SessionVersion {
		return bad("version %d, want %d", s.Version, SessionVersion)
	}
	switch s.Kind {
	case KindIntrinsics, KindExtrinsics, KindVerify:
	default:
		return bad("kind %q: want intrinsics, extrinsics or verify", s.Kind)
	}
	if s.Board.Cols < 2 || s.Board.Rows < 2 || s.Board.Cols*s.Board.Rows > maxCorners || !(s.Board.Square > 0) || math.IsInf(s.Board.Square, 0) {
		return bad("board %dx%d square %g", s.Board.Cols, s.Board.Rows, s.Board.Square)
	}
	if len(s.Cameras) == 0 || len(s.Cameras) > maxCameras {
		return bad("%d cameras", len(s.Cameras))
	}
	ids := map[int]bool{}
	for _, c := range s.Cameras {
		if ids[c.ID] {
			return bad("duplicate camera %d", c.ID)
		}
		ids[c.ID] = true
		if c.Width <= 0 || c.Height <= 0 || c.Width > 1<<16 || c.Height > 1<<16 {
			return bad("camera %d: image size %dx%d", c.ID, c.Width, c.Height)
		}
	}
	n := s.Board.Cols * s.Board.Rows
	for i, o := range s.Observations {
		if !ids[o.Camera] {
			return bad("observation %d: unknown camera %d", i, o.Camera)
		}
		if len(o.Corners) != n {
			return bad("observation %d (camera %d, view %s): %d corners, board has %d", i, o.Camera, o.View, len(o.Corners), n)
		}
		if o.Residuals != nil && len(o.Residuals) != n {
			return bad("observation %d (camera %d, view %s): %d residuals for %d corners", i, o.Camera, o.View, len(o.Residuals), n)
		}
		for _, p := range append(append([][2]float64(nil), o.Corners...), o.Residuals...) {
			if !finite(p[0]) || !finite(p[1]) {
				return bad("observation %d (camera %d, view %s): non-finite point", i, o.Camera, o.View)
			}
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
