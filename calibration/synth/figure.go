package synth

import (
	"cloudme.dev/calibration/raster"
	"cloudme.dev/proto/mesh"
)

// Figure is what stands in the booth at one instant: what the cameras
// draw and what accuracy is measured against. *Body is one.
type Figure interface {
	// Mesh returns the true surface as a coloured mesh of the caller's own.
	Mesh() *mesh.Mesh
	// Surfaces returns the surfaces to render (read-only).
	Surfaces() []raster.Surface
	// Contains is the exact inside test (metrics.Solid).
	Contains(p [3]float64) bool
	// SurfaceSamples returns n points on the outer surface, deterministic
	// for seed.
	SurfaceSamples(n int, seed int64) [][3]float64
	// Bounds returns a box holding the figure.
	Bounds() (lo, hi [3]float64)
}

// Subject is anything that can stand in the booth over time: the synthetic
// Person, or a MeshPerson standing in for a scan.
type Subject interface {
	At(t float64) Figure
}

// At returns the person's pose at t as a Figure; see Pose.
func (p *Person) At(t float64) Figure { return p.Pose(t) }
