// Package engine rebuilds a watertight, coloured triangle mesh of the
// person from one decoded frame set. Engine is the interface; NewCPU is the
// pure-Go implementation (the reference a CUDA one is checked against).
//
// # Pipeline
//
// Hull. The booth volume is cut into a coarse grid (about 32 cm cells). For
// every cell and every active camera the cell's image footprint is a
// rectangle around the projection of its centre that provably holds the
// projection of the whole cell (below), grown by the field's box
// half-width; a summed-area table of the camera's mask counts the inside
// pixels under it in O(1). No inside pixel: the camera carves the cell.
// All pixels inside: the cell is inside for that camera, which drops out
// of the cell's active set (and its children's). Otherwise the cell is on
// the boundary and is split in eight; only boundary cells are refined,
// level by level, down to level 1 (cells twice the finest size, 2 to 10
// mm; finer with Config.AllowFineCells). The finest level is not
// classified: every child of a boundary cell of level 1 is on the band and
// the field at its corners decides (a child the test would have carved or
// classed inside reads -R or +R at every point, so the surface is the
// same, and most of its corners are needed by its neighbours anyway). The
// camera that carved the previous cell is tested first (the class does not
// depend on the order). A camera that does not see a cell (footprint
// outside its image) does not carve it unless Config.UnseenCarves; pixels
// outside the crop but inside the image are outside the person. Cameras
// without a view in the frame set take no part.
//
// Why the footprint is conservative. Let the cell be the cube C+e, |e_i|
// <= h, in world axes; in the camera frame its centre is (X, Y, Z) and a
// point is (X + a·e, Y + b·e, Z + c·e), a, b and c the rotation's rows.
// Its normalized x differs from the centre's x = X/Z by
// (a - x·c)·e / (Z + c·e), at most h·‖a - x·c‖₁ / zmin with zmin =
// Z - h·‖c‖₁ (likewise y with b). Lens distortion moves each pixel
// coordinate by at most the bounds of its Jacobian entries times those
// offsets, by the mean value theorem along the segment; the bounds are
// computed per camera at construction for 64 annuli of the trusted disc
// (rigorously: radial polynomials sampled with their Lipschitz margin) and
// a cell takes the largest over the annuli that the disc of radius
// dx + dy around its centre's projection touches. Projections
// beyond the radius where the distortion polynomial stops being monotonic,
// or nearer than 1 cm to the camera plane, leave the camera undecided for
// that cell (it neither carves nor drops out). The extra margin of the
// field's box half-width r makes a cell classed inside or outside have
// f = ±R at every point, so the field's sign and the classes agree and the
// surface closes.
//
// Field. At the corners of the band cells the engine evaluates
// a smooth field f, positive inside: for each active camera the signed
// distance (in pixels, converted to metres by depth/focal) from the
// projection to the silhouette contour, measured as the mask coverage of
// a box of half-width r pixels around it (for a straight contour at
// distance d < r, coverage = (r+d)/2r exactly; the box integral comes
// from the summed-area table, bilinearly interpolated, so it is continuous
// in the point; a box whose mask pixels are all inside or all outside
// reads ±R from their count alone, and those are exactly the pixels under
// the box: at a coarse working scale the box can be a fraction of a mask
// pixel wide, and a neighbouring pixel's class would contradict the
// carving). f is the minimum over cameras, clamped to ±R (R = half the
// finest cell, r = R·focal/depth, at least one pixel), and clipped by the
// booth volume's own signed distance. A camera that was dropped as "inside"
// for a cell provably reads +R everywhere in it, so skipping it is exact:
// a corner is evaluated with the cameras active in every level-1 band cell
// around it. Likewise a camera that carved a cell reads -R all over it, so
// a corner of a level-1 cell that was carved (or classed inside for every
// camera) needs no evaluation: its field is -R (or +R), clipped by the
// volume. The cameras are tried in turn until one reads -R (the point is
// carved): the one that carved the previous corner first, which makes the
// typical outside corner cost one camera; the result does not depend on
// the order. A grid corner is evaluated once, by the brick that holds it
// at local coordinates in [0,8)^3, and copied to the bricks that share it
// on their +x/+y/+z faces (where that brick does not exist, each brick
// that needs the corner evaluates it).
//
// Surface. Marching cubes over the band cells, with vertices at the
// linear zero crossing of f on each cut edge, shared between cells (each
// vertex is owned by the cell at the edge's start corner). The case table
// is generated (mctable.go) so that ambiguous faces are always resolved
// the same way: the mesh is closed, consistently oriented
// (counter-clockwise from outside) and every edge has two triangles.
// Cells are grouped in bricks of 8x8x8 for storage and parallel work; a
// brick keeps its level-1 band cells as a 64-bit set with their active
// cameras, and the list of its cells that have triangles.
//
// Colour. Each camera with a colour crop (in parallel) splats the mesh's
// vertices that face it into a z-buffer at Config.VisibilityScale of its
// resolution, keeping them in a compact list (the vertices are float32,
// and so is their projection: its rounding, about 1e-4 pixel, is far
// below a z-buffer pixel or a colour sample's); a vertex is seen by the
// camera when its depth is within a tolerance (max(4 cells, 1.5 cm)) of
// the z-buffer there. Its colour is the mean of the seeing cameras'
// samples (bilinear over inside mask pixels only, so the background does
// not bleed in) weighted by cos(angle)^4. Vertices no camera sees are
// grey.
//
// Temporal smoothing. With Config.Smoothing > 0 the field at each grid
// corner is an exponential moving average over frames. A corner keeps the
// sign of the current frame, except inside a brick where all eight cells
// around it are refined, so the mesh stays closed while vertex positions
// stop shimmering.
package engine
