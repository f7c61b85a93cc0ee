package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"go.yaml.in/yaml/v3"

	"cloudme.dev/cloud-reconstruct/internal/engine"
)

// ErrConfig wraps every configuration error.
var ErrConfig = errors.New("bad configuration")

// MaxFileBytes bounds a configuration file.
const MaxFileBytes = 1 << 20

// Config is the service's configuration.
type Config struct {
	// Listen is the HTTP address, e.g. ":8080".
	Listen string `yaml:"listen"`
	// SecretFile holds the token signing secret; SecretEnv names an
	// environment variable holding it instead.
	SecretFile string `yaml:"secret_file"`
	SecretEnv  string `yaml:"secret_env"`
	// ICEServers are STUN/TURN URLs handed to every peer connection.
	ICEServers []string `yaml:"ice_servers"`
	// ICEPortMin and ICEPortMax bound the UDP ports of peer connections
	// (both 0: any). Not applied yet: calibration/link has no setting
	// for it (see the README of the cloud service).
	ICEPortMin uint16 `yaml:"ice_port_min"`
	ICEPortMax uint16 `yaml:"ice_port_max"`
	// CellSize is the reconstruction's finest cell in metres.
	CellSize float64 `yaml:"cell_size"`
	// Smoothing is the engine's temporal smoothing weight in [0, 1).
	Smoothing float64 `yaml:"smoothing"`
	// EngineWorkers per booth; 0 means all cores.
	EngineWorkers int `yaml:"engine_workers"`
	// MinViews: frame sets with fewer camera views are not reconstructed
	// (a missing camera carves nothing, so a partial set's model balloons);
	// 0 means all but a quarter of the rig's cameras.
	MinViews int `yaml:"min_views"`
	// MaxSessions bounds the node's sessions.
	MaxSessions int `yaml:"max_sessions"`
	// DrainTimeout bounds the graceful shutdown.
	DrainTimeout time.Duration `yaml:"drain_timeout"`
	// MeetingsFile, when set, keeps the node's meetings in that file so
	// that a restarted node serves them again ("": in memory only).
	MeetingsFile string `yaml:"meetings_file"`
}

// Default returns the defaults.
func Default() Config {
	return Config{Listen: ":8080", SecretEnv: "CLOUD_TOKEN_SECRET", CellSize: 0.005, MaxSessions: 512, DrainTimeout: 10 * time.Second}
}

// Parse decodes YAML strictly over the defaults and validates.
func Parse(data []byte) (c Config, err error) {
	defer func() {
		if p := recover(); p != nil {
			c, err = Config{}, fmt.Errorf("%w: yaml: %v", ErrConfig, p)
		}
	}()
	c = Default()
	if len(data) > MaxFileBytes {
		return Config{}, fmt.Errorf("%w: file is %d bytes, limit %d", ErrConfig, len(data), MaxFileBytes)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("%w: more than one YAML document", ErrConfig)
	}
	return c, c.Validate()
}

// Load reads and parses a file.
func Load(path string) (Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	c, err := Parse(b)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// Validate checks every field.
func (c Config) Validate() error {
	switch {
	case c.Listen == "":
		return fmt.Errorf("%w: listen is empty", ErrConfig)
	case c.SecretFile == "" && c.SecretEnv == "":
		return fmt.Errorf("%w: set secret_file or secret_env", ErrConfig)
	case (c.ICEPortMin == 0) != (c.ICEPortMax == 0) || c.ICEPortMin > c.ICEPortMax:
		return fmt.Errorf("%w: ICE port range %d-%d", ErrConfig, c.ICEPortMin, c.ICEPortMax)
	case !(c.CellSize >= engine.MinCellSize && c.CellSize <= engine.MaxCellSize):
		return fmt.Errorf("%w: cell_size %g outside [%g, %g]", ErrConfig, c.CellSize, engine.MinCellSize, engine.MaxCellSize)
	case !(c.Smoothing >= 0 && c.Smoothing < 1):
		return fmt.Errorf("%w: smoothing %g outside [0, 1)", ErrConfig, c.Smoothing)
	case c.EngineWorkers < 0 || c.EngineWorkers > 256:
		return fmt.Errorf("%w: engine_workers %d", ErrConfig, c.EngineWorkers)
	case c.MinViews < 0 || c.MinViews > 256:
		return fmt.Errorf("%w: min_views %d (want 0 to 256)", ErrConfig, c.MinViews)
	case c.MaxSessions < 1 || c.MaxSessions > 100000:
		return fmt.Errorf("%w: max_sessions %d", ErrConfig, c.MaxSessions)
	case c.DrainTimeout <= 0:
		return fmt.Errorf("%w: drain_timeout %v", ErrConfig, c.DrainTimeout)
	}
	return nil
}

// String prints the configuration as YAML. It holds no secret (only the
// secret's file or variable name), so it can be logged.
func (c Config) String() string {
	b, err := yaml.Marshal(c)
	if err != nil {
		return "(unprintable config: " + err.Error() + ")"
	}
	return string(b)
}
