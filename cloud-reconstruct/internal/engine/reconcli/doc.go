// Package reconcli is the reconstruct command: it reads a synthetic-booth
// dataset or a Middlebury multi-view folder, reconstructs every frame with
// the CPU engine and writes one binary PLY and one binary glTF (.glb) mesh
// per frame, frame_NNNNNN.ply and frame_NNNNNN.glb.
package reconcli
