package codecbench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
)

// Main runs the benchmark command with args, printing JSON lines on stdout
// and logs on stderr, and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench-codec", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "20000,100000,300000", "target triangle counts")
	kinds := fs.String("meshes", "person,blobby", "mesh kinds: person (synthetic booth), blobby (watertight marching tetrahedra)")
	iterations := fs.Int("iterations", 30, "timed rounds per case (after one warm-up)")
	posBits := fs.Int("position-bits", meshcodec.DefaultPositionBits, "position bits per axis")
	colBits := fs.Int("color-bits", meshcodec.DefaultColorBits, "colour bits per channel")
	script := fs.String("draco", "", "Draco peer script (default bench/draco/encode.mjs under the repository root)")
	speeds := fs.String("draco-speeds", "5,0", "Draco encoder speeds: 5 is its default, 0 its best compression")
	noPeer := fs.Bool("no-peer", false, "skip the Draco peer")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *script == "" && !*noPeer {
		root, err := repoRoot()
		if err != nil {
			fmt.Fprintf(stderr, "bench-codec: %v; give -draco or -no-peer\n", err)
			return 1
		}
		*script = filepath.Join(root, "bench", "draco", "encode.mjs")
	}
	out := json.NewEncoder(stdout)
	opts := meshcodec.Options{PositionBits: *posBits, ColorBits: *colBits}
	for _, kind := range strings.Split(*kinds, ",") {
		for _, s := range strings.Split(*sizes, ",") {
			target, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || target <= 0 {
				fmt.Fprintf(stderr, "bench-codec: bad size %q\n", s)
				return 2
			}
			name, m, err := makeMesh(strings.TrimSpace(kind), target)
			if err != nil {
				fmt.Fprintf(stderr, "bench-codec: %v\n", err)
				return 1
			}
			fmt.Fprintf(stderr, "bench-codec: %s: %d vertices, %d triangles\n", name, m.VertexCount(), m.TriangleCount())
			r, err := Measure(name, m, opts, *iterations)
			if err != nil {
				fmt.Fprintf(stderr, "bench-codec: %v\n", err)
				return 1
			}
			if err := out.Encode(r); err != nil {
				return 1
			}
			if *noPeer {
				continue
			}
			lines, err := Draco(context.Background(), *script, name, m, r.PositionBits, r.ColorBits, *iterations, *speeds)
			if err != nil {
				fmt.Fprintf(stderr, "bench-codec: %v\n", err)
				if errors.Is(err, ErrNoPeer) {
					fmt.Fprintln(stderr, "bench-codec: run `npm ci` in bench/draco, or pass -no-peer")
				}
				return 1
			}
			for _, l := range lines {
				if err := out.Encode(l); err != nil {
					return 1
				}
			}
		}
	}
	return 0
}

func makeMesh(kind string, target int) (string, *mesh.Mesh, error) {
	switch kind {
	case "person":
		m, err := Person(target, 0.5)
		return fmt.Sprintf("synth-person-%dk", target/1000), m, err
	case "blobby":
		return fmt.Sprintf("blobby-person-%dk", target/1000), BlobbyNear(target), nil
	}
	return "", nil, fmt.Errorf("unknown mesh kind %q (want person or blobby)", kind)
}

// repoRoot walks up from the working directory to the folder with go.work.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.work above the working directory")
		}
		dir = parent
	}
}
