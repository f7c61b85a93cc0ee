// Package reconbench measures the reconstruction engine on the synthetic
// booth: time per stage and in total (p50, p99 over the frames of a moving
// person), triangles, volumetric IoU against the ideal visual hull of the
// same masks, and Chamfer distance to the true surface; and, side by side,
// Open3D's VoxelGrid.carve_silhouette on the same masks (bench/open3d).
//
// # Quality definitions
//
// Ideal hull: a point is in it when its projection (lens distortion
// applied, nearest pixel) is inside every camera's mask; a camera that
// does not see the point abstains, and the booth volume clips it, as the
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
