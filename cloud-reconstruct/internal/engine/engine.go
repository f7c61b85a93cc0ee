package engine

import (
	"context"
	"time"

	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/mesh"
)

// Engine reconstructs one mesh per frame set. An Engine is not safe for
// concurrent use: one goroutine drives it, frame after frame, so that it
// can reuse its buffers (and, with smoothing, remember the last frame).
type Engine interface {
	// Name identifies the implementation, e.g. "cpu".
	Name() string
	// Reconstruct builds the mesh of fs into out, reusing out's slices.
	// The frame set must have been decoded against the engine's rig.
	Reconstruct(ctx context.Context, fs *frameset.FrameSet, out *mesh.Mesh) (Stats, error)
	// Close releases the engine; closing twice is safe.
	Close() error
}

// Stats describes one reconstruction.
type Stats struct {
	Hull    time.Duration // carving down to the boundary cells of level 1
	Surface time.Duration // field, marching cubes, normals
	Color   time.Duration // visibility and vertex colours
	Total   time.Duration

	// Cells counts the cells classified at each level, coarsest first,
	// down to level 1 (the finest level is not classified).
	Cells []int
	// BoundaryCells counts the finest cells the surface was extracted
	// from: the children of the boundary cells of level 1.
	BoundaryCells int
	// Bricks counts the 8x8x8 bricks holding them.
	Bricks int
	// FieldEvals counts corner evaluations of the field.
	FieldEvals int
	Vertices   int
	Triangles  int
}
