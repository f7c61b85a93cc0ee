package meshcodec

import (
	"fmt"

	"cloudme.dev/proto/mesh"
)

// checkMesh returns the bounds of m (as mesh.Mesh.Bounds) after checking
// what mesh.Mesh.Validate checks, in one pass over the positions and one
// over the indices; on a failure it returns Validate's error.
func checkMesh(m *mesh.Mesh) (lo, hi [3]float32, err error) {
	pos := m.Positions
	nv := len(pos) / 3
	ok := len(pos)%3 == 0 && len(m.Indices)%3 == 0 && (len(m.Colors) == 0 || len(m.Colors) == 3*nv)
	if ok && nv > 0 {
		lo = [3]float32{pos[0], pos[1], pos[2]}
		hi = lo
		// v*0 is 0 for finite v and NaN otherwise, so one NaN in the sum
		// finds any non-finite coordinate.
		var nan float32
		for i := 0; i < nv; i++ {
			p := pos[3*i : 3*i+3 : 3*i+3]
			x, y, z := p[0], p[1], p[2]
			nan += x*0 + y*0 + z*0
			// Comparisons, not min and max, to keep Bounds' zero signs.
			if x < lo[0] {
				lo[0] = x
			}
			if x > hi[0] {
				hi[0] = x
			}
			if y < lo[1] {
				lo[1] = y
			}
			if y > hi[1] {
				hi[1] = y
			}
			if z < lo[2] {
				lo[2] = z
			}
			if z > hi[2] {
				hi[2] = z
			}
		}
		ok = nan == 0
	}
	if ok {
		var top uint32
		for _, ix := range m.Indices {
			top = max(top, ix)
		}
		ok = len(m.Indices) == 0 || int(top) < nv
	}
	if !ok {
		if err := m.Validate(); err != nil {
			return lo, hi, err
		}
		return lo, hi, fmt.Errorf("%w: mesh check disagrees with Validate", mesh.ErrInvalid)
	}
	return lo, hi, nil
}
