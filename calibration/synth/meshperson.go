package synth

import (
	"fmt"
	"math"

	"cloudme.dev/calibration/metrics"
	"cloudme.dev/calibration/raster"
	"cloudme.dev/proto/mesh"
)

// MeshPerson makes a loaded mesh (a scanned person, read with meshio)
// stand in the booth: scaled uniformly to a height, feet on the floor and
// centred on the booth's vertical axis. It does not move: At gives the same
// figure at every time. Its inside test is metrics.MeshSolid, which needs
// a closed mesh to be exact.
type MeshPerson struct {
	m      *mesh.Mesh
	solid  metrics.Solid
	height float64
	lo, hi [3]float64
	surf   []raster.Surface
}

// NewMeshPerson places a copy of m. height is metres (0: keep the mesh's
// own height, which must then lie within MinHeight and MaxHeight). The
// mesh's +Y must be up and its units metres when height is 0.
func NewMeshPerson(m *mesh.Mesh, height float64) (*MeshPerson, error) {
	if m == nil || m.TriangleCount() == 0 {
		return nil, fmt.Errorf("mesh person: empty mesh: %w", ErrParams)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("mesh person: %w", err)
	}
	lo, hi := m.Bounds()
	own := float64(hi[1] - lo[1])
	if height == 0 {
		height = own
	}
	if math.IsNaN(height) || height < MinHeight || height > MaxHeight || !(own > 0) {
		return nil, fmt.Errorf("mesh person: height %g m from a mesh %g tall (want %g to %g m): %w", height, own, MinHeight, MaxHeight, ErrParams)
	}
	s := height / own
	cx, cz := (float64(lo[0])+float64(hi[0]))/2, (float64(lo[2])+float64(hi[2]))/2
	c := m.Clone()
	for v := 0; v < c.VertexCount(); v++ {
		c.Positions[3*v] = float32((float64(m.Positions[3*v]) - cx) * s)
		c.Positions[3*v+1] = float32((float64(m.Positions[3*v+1]) - float64(lo[1])) * s)
		c.Positions[3*v+2] = float32((float64(m.Positions[3*v+2]) - cz) * s)
	}
	if !c.HasColors() {
		c.Colors = make([]uint8, 3*c.VertexCount())
		for i := range c.Colors {
			c.Colors[i] = 180
		}
	}
	solid, err := metrics.MeshSolid(c)
	if err != nil {
		return nil, fmt.Errorf("mesh person: %w", err)
	}
	p := &MeshPerson{m: c, solid: solid, height: height, surf: []raster.Surface{{Mesh: c}}}
	l, h := c.Bounds()
	for k := 0; k < 3; k++ {
		p.lo[k], p.hi[k] = float64(l[k]), float64(h[k])
	}
	return p, nil
}

// Height returns the placed height, metres.
func (p *MeshPerson) Height() float64 { return p.height }

// At returns the figure, the same at every t.
func (p *MeshPerson) At(float64) Figure { return p }

// Mesh returns a copy of the placed mesh.
func (p *MeshPerson) Mesh() *mesh.Mesh { return p.m.Clone() }

// Surfaces returns the mesh as one surface (read-only).
func (p *MeshPerson) Surfaces() []raster.Surface { return p.surf }

// Contains is the mesh's inside test.
func (p *MeshPerson) Contains(q [3]float64) bool { return p.solid.Contains(q) }

// SurfaceSamples samples the mesh surface by area.
func (p *MeshPerson) SurfaceSamples(n int, seed int64) [][3]float64 {
	return metrics.SampleSurface(p.m, n, seed)
}

// Bounds returns the placed mesh's box.
func (p *MeshPerson) Bounds() (lo, hi [3]float64) { return p.lo, p.hi }
