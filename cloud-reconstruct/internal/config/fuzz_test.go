package config

import (
	"errors"
	"testing"
)

// FuzzParse: configuration files are outside bytes; Parse must never
// panic and must accept only valid configurations.
func FuzzParse(f *testing.F) {
	f.Add([]byte("listen: :9000\ncell_size: 0.006\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Parse(b)
		if err != nil {
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("error %v does not wrap ErrConfig", err)
			}
			return
		}
		if c.Validate() != nil {
			t.Fatal("accepted an invalid config")
		}
	})
}
