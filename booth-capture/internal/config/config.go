package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"go.yaml.in/yaml/v3"
)

// Defaults of the fields left out.
const (
	DefaultListen   = "127.0.0.1:9090"
	DefaultCloudURL = "http://127.0.0.1:8080"
	DefaultBoothID  = "synthetic"
	DefaultFPS      = 30
	// DefaultEngineDuty: see Config.EngineDuty and BENCHMARKS.md (end to
	// end): on cores shared with the other stages, an engine run flat out
	// takes the CPU they need and every stage slows down.
	DefaultEngineDuty = 0.65
	// MaxFileSize bounds a config file.
	MaxFileSize = 1 << 20
)

// Config is the booth configuration.
type Config struct {
	BoothID   string `yaml:"booth_id"`
	CloudURL  string `yaml:"cloud_url"`
	TokenFile string `yaml:"token_file"`
	// Rig is the rig file; optional when every camera is synthetic (the
	// rig is generated) or dir:// (the dataset's rig).
	Rig    string  `yaml:"rig"`
	FPS    float64 `yaml:"fps"`
	Listen string  `yaml:"listen"`

	Cameras      []Camera     `yaml:"cameras"`
	Synthetic    Synthetic    `yaml:"synthetic"`
	Segmentation Segmentation `yaml:"segmentation"`
	Presence     Presence     `yaml:"presence"`
	// Stall: a camera silent this long is reported stalled; default 2s.
	Stall time.Duration `yaml:"stall"`
	// EngineDuty is the share of the time the cloud's engine should spend
	// on this booth's sets, 0.5 to 1 (default DefaultEngineDuty): the
	// booth sends a set only as the engine is expected to come free, and
	// leaves it idle (1/duty - 1) of its time per set. 1 runs the engine
	// flat out (it still idles a few ms rather than make a set wait).
	EngineDuty float64 `yaml:"engine_duty"`
	// Audio: the booth's voice (see Audio).
	Audio Audio `yaml:"audio"`
	// ICE: STUN/TURN servers and transport policy for the cloud session.
	ICE ICE `yaml:"ice"`
}

// Camera is one camera's source.
type Camera struct {
	ID     uint32 `yaml:"id"`
	Source string `yaml:"source"`
	// Width, Height, FPS and FourCC are asked of v4l2 and rtsp devices;
	// zero: the device's own. For file:// FPS paces the replay (default:
	// the file's rate).
	Width  int     `yaml:"width"`
	Height int     `yaml:"height"`
	FPS    float64 `yaml:"fps"`
	FourCC string  `yaml:"fourcc"`
	Loop   bool    `yaml:"loop"` // file:// and dir://: start again at the end
}

// Synthetic chooses the synthetic booth (synthetic:// sources).
type Synthetic struct {
	Cameras int `yaml:"cameras"`
	// Resolution: 720p, 1080p, 4k, or WxH (the 720p rig scaled).
	Resolution string `yaml:"resolution"`
	Motion     string `yaml:"motion"`
	Seed       int64  `yaml:"seed"`
	// EmptyFor: the booth is empty this long first (the plate is learned
	// from it); default 2s.
	EmptyFor time.Duration `yaml:"empty_for"`
	Noise    float64       `yaml:"noise"`  // sensor noise, 8-bit levels; default 2
	Jitter   float64       `yaml:"jitter"` // capture time jitter, seconds; default 0.002
	// Replay, when set, renders this long of the person's motion once, at
	// start-up, and then replays it in a loop from memory (the empty
	// booth before the person steps in is still rendered live). The
	// cameras then cost the booth what real cameras do, a frame handed
	// over, not a software render of 8 views: for benchmarks of the rest
	// of the system on one machine. It holds about Replay x FPS x
	// cameras x width x height x 3 bytes (1 s of 8 x 720p at 30 fps:
	// 663 MB); at most MaxReplayBytes. Default 0: render live.
	Replay time.Duration `yaml:"replay"`
}

// MaxReplayBytes bounds the memory synthetic.replay may hold.
const MaxReplayBytes = 4 << 30

// Segmentation tunes the pipeline's segmentation and encoding.
type Segmentation struct {
	Method      string `yaml:"method"` // plate (default), chroma, mog2, knn
	Downscale   int    `yaml:"downscale"`
	PlateFrames int    `yaml:"plate_frames"`
	JPEGQuality int    `yaml:"jpeg_quality"`
	Workers     int    `yaml:"workers"`
}

// Presence tunes when streaming starts and stops.
type Presence struct {
	MinFraction float64       `yaml:"min_fraction"`
	MinCameras  int           `yaml:"min_cameras"`
	EnterSets   int           `yaml:"enter_sets"`
	Grace       time.Duration `yaml:"grace"`
}

// Load reads and validates the file at path. Relative rig and token paths
// are taken from the file's directory.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	if p := c.Audio.WAVPath(); p != "" && !filepath.IsAbs(p) {
		c.Audio.Source = audioWAVPrefix + filepath.Join(dir, p)
	}
	for _, p := range []*string{&c.Rig, &c.TokenFile, &c.ICE.CredentialFile} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return c, nil
}

// Parse decodes a config strictly, fills the defaults and validates.
func Parse(data []byte) (*Config, error) {
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%d bytes (at most %d): %w", len(data), MaxFileSize, ErrConfig)
	}
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%v: %w", err, ErrConfig)
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("more than one YAML document: %w", ErrConfig)
	}
	c.fill()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// Demo is the configuration without a file: the synthetic booth.
func Demo(s Synthetic) *Config {
	c := &Config{Synthetic: s}
	c.fill()
	return c
}

// fill sets the defaults; with no cameras, every camera of the synthetic
// booth is one.
func (c *Config) fill() {
	if c.BoothID == "" {
		c.BoothID = DefaultBoothID
	}
	if c.CloudURL == "" {
		c.CloudURL = DefaultCloudURL
	}
	if c.Listen == "" {
		c.Listen = DefaultListen
	}
	if c.FPS == 0 {
		c.FPS = DefaultFPS
	}
	if c.Stall == 0 {
		c.Stall = 2 * time.Second
	}
	if c.EngineDuty == 0 {
		c.EngineDuty = DefaultEngineDuty
	}
	s := &c.Synthetic
	if s.Cameras == 0 {
		s.Cameras = 8
	}
	if s.Resolution == "" {
		s.Resolution = "720p"
	}
	if s.Motion == "" {
		s.Motion = "waving"
	}
	if s.EmptyFor == 0 {
		s.EmptyFor = 2 * time.Second
	}
	if s.Noise == 0 {
		s.Noise = 2
	}
	if s.Jitter == 0 {
		s.Jitter = 0.002
	}
	if len(c.Cameras) == 0 {
		for i := 0; i < s.Cameras && i < MaxCameras; i++ {
			c.Cameras = append(c.Cameras, Camera{ID: uint32(i), Source: "synthetic://"})
		}
	}
	c.fillAudio()
}
