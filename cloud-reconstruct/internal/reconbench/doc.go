// Package reconbench measures the reconstruction engine on the synthetic
// booth: time per stage and in total (p50, p99 over the frames of a moving
// person), triangles, volumetric IoU against the ideal visual hull of the
// same masks, and Chamfer distance to the true surface; and, side by side,
// Open3D's VoxelGrid.carve_silhouette on the same masks (bench/open3d).
//
// # Working scale
//
// Case.Downscale d > 1 feeds the engine what a booth segmenting at 1/d of
// the image sends (frameset.ScaledCropView, after booth-capture's encode
// package): each mask pixel inside when at least half of its d x d block
// of the rendered full-resolution mask is, each colour pixel its block's
// mean, over a crop of whole blocks (the mask's box plus 4 working pixels,
// clipped to the floor(w/d) x floor(h/d) working image), at scale 1/d. The
// ideal hull is then carved from those downscaled masks; the Chamfer
// distances stay against the true surface, and which true samples are
// "agreed" is still decided on the full-resolution renders, so that set
// is the same at every d. The Open3D peer runs at d = 1 only.
//
// # Quality definitions
//
// Ideal hull: the visual hull of the very masks the engine got. A point is
// in it when its projection (lens distortion applied), mapped into each
// view's mask by View.MaskCoord, falls on an inside mask pixel (nearest
// pixel) of every camera; a projection inside the image but outside the
// view's crop is outside; a camera that does not see the point (behind it,
// outside its image) abstains, and the booth volume clips it, as the
// engine does. IoU samples about a million points of the 1 mm lattice at
// random in the box holding both the true figure and the reconstruction,
// and compares that test with the reconstruction's inside (ray parity on
// the mesh).
//
// Chamfer where the cameras agree: a visual hull can only touch the true
// surface on contour generators, the points that some camera sees exactly
// on its silhouette's edge; elsewhere (between the legs, under the chin)
// the hull is larger than the person whatever the method, and the cameras
// disagree there about what is empty. A true surface sample is "agreed"
// when at least one camera sees it (true depth within 1 cm) within a
// pixel of its mask's contour. chamfer_mm is the symmetric mean distance
// between the agreed true samples and the reconstruction samples whose
// nearest true sample is agreed; chamfer_all_mm is the same over all
// samples, hull artefacts included.
package reconbench
