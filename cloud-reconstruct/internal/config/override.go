package config

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// EnvPrefix prefixes the environment overrides: CLOUD_LISTEN, ...
const EnvPrefix = "CLOUD_"

// ApplyEnv overrides fields from CLOUD_* environment variables (lookup is
// os.LookupEnv in production) and validates.
func (c *Config) ApplyEnv(lookup func(string) (string, bool)) error {
	for _, f := range c.fields() {
		v, ok := lookup(EnvPrefix + strings.ToUpper(f.name))
		if !ok {
			continue
		}
		if err := f.set(v); err != nil {
			return fmt.Errorf("%w: %s%s: %v", ErrConfig, EnvPrefix, strings.ToUpper(f.name), err)
		}
	}
	return c.Validate()
}

// RegisterFlags adds one flag per field to fs, bound to c: parse the
// flags after loading the file and the environment, then Validate.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	for _, f := range c.fields() {
		fs.Func(strings.ReplaceAll(f.name, "_", "-"), f.help+" (env "+EnvPrefix+strings.ToUpper(f.name)+")", f.set)
	}
}

type field struct {
	name, help string
	set        func(string) error
}

func (c *Config) fields() []field {
	str := func(p *string) func(string) error { return func(v string) error { *p = v; return nil } }
	num := func(p *float64) func(string) error {
		return func(v string) error { f, err := strconv.ParseFloat(v, 64); *p = f; return err }
	}
	integer := func(p *int) func(string) error {
		return func(v string) error { n, err := strconv.Atoi(v); *p = n; return err }
	}
	port := func(p *uint16) func(string) error {
		return func(v string) error { n, err := strconv.ParseUint(v, 10, 16); *p = uint16(n); return err }
	}
	return []field{
		{"listen", "HTTP listen address", str(&c.Listen)},
		{"secret_file", "file holding the token signing secret", str(&c.SecretFile)},
		{"secret_env", "environment variable holding the token signing secret", str(&c.SecretEnv)},
		{"ice_servers", "comma-separated STUN/TURN URLs", func(v string) error {
			c.ICEServers = nil
			for _, s := range strings.Split(v, ",") {
				if s = strings.TrimSpace(s); s != "" {
					c.ICEServers = append(c.ICEServers, s)
				}
			}
			return nil
		}},
		{"ice_port_min", "lowest ICE UDP port", port(&c.ICEPortMin)},
		{"ice_port_max", "highest ICE UDP port", port(&c.ICEPortMax)},
		{"cell_size", "reconstruction cell size in metres", num(&c.CellSize)},
		{"smoothing", "temporal smoothing weight in [0, 1)", num(&c.Smoothing)},
		{"engine_workers", "engine goroutines per booth (0: all cores)", integer(&c.EngineWorkers)},
		{"min_views", "fewest camera views a frame set needs to be reconstructed (0: all but a quarter of the rig)", integer(&c.MinViews)},
		{"max_sessions", "most sessions on this node", integer(&c.MaxSessions)},
		{"drain_timeout", "graceful shutdown bound", func(v string) error { d, err := time.ParseDuration(v); c.DrainTimeout = d; return err }},
		{"meetings_file", "file keeping the meetings across restarts (empty: memory only)", str(&c.MeetingsFile)},
	}
}

// LookupEnv is os.LookupEnv.
var LookupEnv = os.LookupEnv
