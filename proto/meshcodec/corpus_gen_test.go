package meshcodec

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cloudme.dev/proto/mesh"
)

// TestWriteDecodeCorpus rewrites testdata/fuzz/FuzzDecode's seed streams
// when MESHCODEC_WRITE_CORPUS=1; otherwise it checks that they are there
// and that the encoder still writes them byte for byte.
func TestWriteDecodeCorpus(t *testing.T) {
	enc, err := NewEncoder(Options{})
	if err != nil {
		t.Fatal(err)
	}
	seeds := map[string]*mesh.Mesh{
		"tetrahedron": tetrahedron(), "cube": cube(), "empty": {},
		"sphere":      sphere(0, 1, 0, 0.2, 5, 6, 0.01, 1),
		"two-spheres": union(sphere(0, 1, 0, 0.2, 4, 5, 0, 1), sphere(1, 1, 0, 0.2, 4, 5, 0, 2)),
		"no-colours":  {Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0}, Indices: []uint32{0, 1, 2, 0, 2, 1}},
	}
	parts, err := NewEncoder(Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts.partMin = 0
	names := make([]string, 0, len(seeds))
	for name := range seeds {
		names = append(names, name)
	}
	for _, name := range names {
		seeds[name+"-two-parts"] = seeds[name]
	}
	for name, m := range seeds {
		e := enc
		if strings.HasSuffix(name, "-two-parts") {
			e = parts
		}
		data, err := e.Encode(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "fuzz", "FuzzDecode", "seed-"+name)
		if os.Getenv("MESHCODEC_WRITE_CORPUS") == "1" {
			body := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(data)))
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("seed corpus missing: %v (run with MESHCODEC_WRITE_CORPUS=1)", err)
		}
		// The encoder writes the committed seeds byte for byte: a change
		// to what it writes is a format change (bump FormatVersion) or a
		// new encoding choice, and either regenerates the corpus.
		quoted := strings.TrimSuffix(strings.TrimPrefix(string(body), "go test fuzz v1\n[]byte("), ")\n")
		if seed, err := strconv.Unquote(quoted); err != nil || seed != string(data) {
			t.Fatalf("%s: the encoder no longer writes this seed (err %v); run with MESHCODEC_WRITE_CORPUS=1", name, err)
		}
	}
}
