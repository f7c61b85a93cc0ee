package codecbench

import (
	"fmt"
	"math"

	"cloudme.dev/calibration/synth"
	"cloudme.dev/proto/mesh"
)

// Person returns the synthetic booth's person (seed 1) at time t, with
// about detail triangles: a union of separate closed parts.
func Person(detail int, t float64) (*mesh.Mesh, error) {
	p, err := synth.NewPerson(synth.PersonParams{Seed: 1, Detail: detail})
	if err != nil {
		return nil, fmt.Errorf("synthetic person of %d triangles: %w", detail, err)
	}
	return p.Pose(t).Mesh(), nil
}

// BlobbyNear returns a Blobby mesh with about target triangles, choosing
// the grid cell by two refinements of the area law (count ~ 1/cell^2).
func BlobbyNear(target int) *mesh.Mesh {
	cell := 0.02
	m := Blobby(cell)
	for range 2 {
		cell *= math.Sqrt(float64(m.TriangleCount()) / float64(target))
		m = Blobby(cell)
	}
	return m
}
