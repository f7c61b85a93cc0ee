package meshio

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"cloudme.dev/proto/mesh"
)

// ReadOBJ reads a Wavefront OBJ file: "v x y z [w]" or "v x y z r g b"
// (colours as floats in [0, 1], kept when every vertex has them) and "f"
// lines in any of the v, v/vt, v//vn and v/vt/vn forms, with negative
// (relative) indices; polygons are triangulated as fans. Texture
// coordinates, normals, groups, materials and other statements are skipped.
func ReadOBJ(r io.Reader) (*mesh.Mesh, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	m := &mesh.Mesh{}
	var col []uint8
	allColored := true
	var poly []uint32
	for line := 1; ; line++ {
		raw, err := readLine(br)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("obj line %d: %w", line, err)
		}
		text := string(raw)
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		f := strings.Fields(text)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "v":
			if len(f) != 4 && len(f) != 5 && len(f) != 7 {
				return nil, fmt.Errorf("obj line %d: vertex with %d values: %w", line, len(f)-1, ErrFormat)
			}
			if m.VertexCount() >= MaxVertices {
				return nil, fmt.Errorf("obj line %d: more than %d vertices: %w", line, MaxVertices, ErrLimit)
			}
			var v [6]float64
			for k := 1; k < len(f); k++ {
				x, err := strconv.ParseFloat(f[k], 64)
				if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > math.MaxFloat32 {
					return nil, fmt.Errorf("obj line %d: vertex value %q is not a finite number: %w", line, clip(f[k]), ErrFormat)
				}
				if k <= 3 {
					v[k-1] = x
				} else if len(f) == 7 {
					v[k-1] = x
				}
			}
			m.Positions = append(m.Positions, float32(v[0]), float32(v[1]), float32(v[2]))
			if len(f) == 7 {
				col = append(col, clampByte(v[3]*255), clampByte(v[4]*255), clampByte(v[5]*255))
			} else {
				allColored = false
			}
		case "f":
			if len(f) < 4 {
				return nil, fmt.Errorf("obj line %d: face with %d corners: %w", line, len(f)-1, ErrFormat)
			}
			if len(f)-1 > MaxPolygon {
				return nil, fmt.Errorf("obj line %d: face with %d corners, limit %d: %w", line, len(f)-1, MaxPolygon, ErrLimit)
			}
			poly = poly[:0]
			for _, c := range f[1:] {
				ix, err := objIndex(c, m.VertexCount())
				if err != nil {
					return nil, fmt.Errorf("obj line %d: face corner %q: %w", line, clip(c), err)
				}
				poly = append(poly, ix)
			}
			if m.TriangleCount()+len(poly)-2 > MaxTriangles {
				return nil, fmt.Errorf("obj line %d: more than %d triangles: %w", line, MaxTriangles, ErrLimit)
			}
			m.Indices = appendFan(m.Indices, poly)
		}
	}
	if allColored && m.VertexCount() > 0 {
		m.Colors = col
	}
	return m, nil
}

// objIndex resolves the vertex part of a face corner ("7", "7/2", "7//3",
// "-1/2/3") against the n vertices read so far.
func objIndex(c string, n int) (uint32, error) {
	if i := strings.IndexByte(c, '/'); i >= 0 {
		c = c[:i]
	}
	k, err := strconv.Atoi(c)
	if err != nil {
		return 0, fmt.Errorf("vertex index is not an integer: %w", ErrFormat)
	}
	switch {
	case k > 0 && k <= n:
		return uint32(k - 1), nil
	case k < 0 && -k <= n:
		return uint32(n + k), nil
	}
	return 0, fmt.Errorf("vertex index %d with %d vertices defined: %w", k, n, ErrFormat)
}
