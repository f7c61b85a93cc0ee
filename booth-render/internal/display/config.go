package display

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Orientation says how the panel is mounted.
type Orientation string

// Orientations.
const (
	Landscape Orientation = "landscape"
	Portrait  Orientation = "portrait"
)

// MaxConfigBytes bounds a display config file.
const MaxConfigBytes = 64 << 10

// Config is the display config file (YAML, strict: unknown fields are
// errors). Lengths are in metres in the display frame (see the package
// documentation). Missing fields take the defaults of DefaultConfig.
type Config struct {
	// Screen is the visible picture area as mounted.
	Screen Screen `yaml:"screen"`
	// Eye is the viewer's eye position (x, y, z), z > 0 in front of the
	// screen.
	Eye [3]float64 `yaml:"eye_m"`
	// PersonDistance places the remote person's floor origin this far
	// behind the screen plane (0: on it; negative: in front of it).
	PersonDistance float64 `yaml:"person_distance_m"`
	// Background is the colour behind the person, sRGB 0-255.
	Background [3]int `yaml:"background_rgb"`
}

// Screen is the physical screen.
type Screen struct {
	// Width and Height of the picture area as mounted, in metres.
	Width  float64 `yaml:"width_m"`
	Height float64 `yaml:"height_m"`
	// Resolution is the panel's native pixel size, wider side first
	// (default 3840x2160); Portrait swaps it as the panel is mounted.
	Resolution [2]int `yaml:"resolution"`
	// Orientation is landscape (default) or portrait.
	Orientation Orientation `yaml:"orientation"`
	// BottomEdge is the height of the picture's bottom edge above the
	// floor, in metres.
	BottomEdge float64 `yaml:"bottom_edge_m"`
}

// DefaultConfig is a 3.84 x 2.16 m landscape 4K LED wall (1 mm pixel
// pitch) standing on the floor, tall enough for a standing adult at true
// scale, seen by a viewer whose eyes are 1.6 m high and 2 m from it.
func DefaultConfig() Config {
	return Config{
		Screen: Screen{
			Width: 3.84, Height: 2.16,
			Resolution: [2]int{3840, 2160}, Orientation: Landscape,
		},
		Eye:        [3]float64{0, 1.6, 2.0},
		Background: [3]int{24, 24, 28},
	}
}

// ParseConfig reads a YAML display config over the defaults and validates
// it. Errors wrap ErrConfig and name the field.
func ParseConfig(data []byte) (Config, error) {
	c := DefaultConfig()
	if len(data) > MaxConfigBytes {
		return Config{}, fmt.Errorf("%w: %d bytes, limit %d", ErrConfig, len(data), MaxConfigBytes)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("%w: %s", ErrConfig, yamlMessage(err))
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("%w: more than one YAML document", ErrConfig)
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// LoadConfig reads and parses a display config file.
func LoadConfig(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigBytes+1))
	if err != nil {
		return Config{}, fmt.Errorf("%w: read %s: %w", ErrConfig, path, err)
	}
	c, err := ParseConfig(data)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

func yamlMessage(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", "; ")
}

// squareTolerance is how far the pixel pitch across may differ from the
// pitch up before the config is refused: a mistyped size or resolution
// would otherwise stretch the person.
const squareTolerance = 0.03

// Validate checks every field; the error names the first bad one.
func (c Config) Validate() error {
	s := c.Screen
	bad := func(field, format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrConfig, field, fmt.Sprintf(format, args...))
	}
	if !(s.Width > 0 && s.Width <= 100) {
		return bad("screen.width_m", "%v m, want a width in (0, 100]", s.Width)
	}
	if !(s.Height > 0 && s.Height <= 100) {
		return bad("screen.height_m", "%v m, want a height in (0, 100]", s.Height)
	}
	r := s.Resolution
	if r[0] < 16 || r[1] < 16 || r[0] > 16384 || r[1] > 16384 {
		return bad("screen.resolution", "%dx%d, want 16 to 16384 pixels a side", r[0], r[1])
	}
	if r[0] < r[1] {
		return bad("screen.resolution", "%dx%d: give the native size wider side first and set orientation: portrait", r[0], r[1])
	}
	if s.Orientation != Landscape && s.Orientation != Portrait {
		return bad("screen.orientation", "%q, want landscape or portrait", s.Orientation)
	}
	w, h := c.Pixels()
	pw, ph := s.Width/float64(w), s.Height/float64(h)
	if math.Abs(pw-ph) > squareTolerance*math.Max(pw, ph) {
		return bad("screen", "%gx%g m over %dx%d pixels (%s) gives pixels of %.3g x %.3g mm: not square, check the size, resolution and orientation", s.Width, s.Height, w, h, s.Orientation, pw*1000, ph*1000)
	}
	if !(s.BottomEdge >= -10 && s.BottomEdge <= 10) {
		return bad("screen.bottom_edge_m", "%v m, want -10 to 10", s.BottomEdge)
	}
	for i, v := range c.Eye {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 100 {
			return bad("eye_m", "component %d is %v", i, v)
		}
	}
	if !(c.Eye[2] >= 0.1) {
		return bad("eye_m", "z = %v m: the eye must be at least 0.1 m in front of the screen (z > 0)", c.Eye[2])
	}
	// The projection is a pinhole camera whose principal point is the eye's
	// foot on the screen; the camera model (and any sane booth) wants it
	// on the screen, away from the edges.
	mx, my := 0.01*s.Width, 0.01*s.Height
	if !(math.Abs(c.Eye[0]) < s.Width/2-mx) {
		return bad("eye_m", "x = %v m: the eye must be in front of the screen, within %.3g m of its centre line", c.Eye[0], s.Width/2-mx)
	}
	if !(c.Eye[1] > s.BottomEdge+my && c.Eye[1] < s.BottomEdge+s.Height-my) {
		return bad("eye_m", "y = %v m: the eye must be level with the screen, between %.3g and %.3g m", c.Eye[1], s.BottomEdge+my, s.BottomEdge+s.Height-my)
	}
	if !(c.PersonDistance >= -1 && c.PersonDistance <= 20) {
		return bad("person_distance_m", "%v m, want -1 to 20", c.PersonDistance)
	}
	if c.PersonDistance <= -c.Eye[2]+nearPlane+0.5 {
		return bad("person_distance_m", "%v m puts the person within 0.5 m of the eye", c.PersonDistance)
	}
	for i, v := range c.Background {
		if v < 0 || v > 255 {
			return bad("background_rgb", "channel %d is %d, want 0 to 255", i, v)
		}
	}
	return nil
}

// Pixels returns the picture's pixel size as mounted (portrait swaps the
// native resolution).
func (c Config) Pixels() (w, h int) {
	if c.Screen.Orientation == Portrait {
		return c.Screen.Resolution[1], c.Screen.Resolution[0]
	}
	return c.Screen.Resolution[0], c.Screen.Resolution[1]
}

// BackgroundRGB returns the background colour as bytes.
func (c Config) BackgroundRGB() [3]uint8 {
	return [3]uint8{uint8(c.Background[0]), uint8(c.Background[1]), uint8(c.Background[2])}
}
