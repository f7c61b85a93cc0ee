// Package metrics measures how close a reconstruction is to the truth: the
// intersection over union of two solids (sampled on a grid), distances
// between two surfaces (Chamfer and Hausdorff, from area-weighted point
// samples), and image comparisons (mask IoU and PSNR).
//
// API: Solid, Sphere, Box, MeshSolid, VolumeIoU, SampleSurface, Distances,
// SurfaceDistances, MaskIoU, PSNR, and the sentinel errors ErrGrid,
// ErrMesh, ErrSize and ErrEmpty.
//
// All lengths are metres in the world frame. Conventions where a choice had
// to be made:
//
//   - VolumeIoU samples the centres of cubic cells of side cell tiling the
//     box [lo, hi]; two solids that are both empty there have IoU 1.
//   - MeshSolid uses ray parity (a ray along +x, counting crossings), so the
//     mesh must be closed; crossings through shared edges and vertices are
//     counted once by a top-left rule in the ray's projection plane.
//   - SurfaceDistances: MeanAB is the mean over points of a of the distance
//     to the nearest point of b, HausdorffAB the largest such distance;
//     likewise BA; Chamfer = (MeanAB + MeanBA) / 2 (a distance, not the sum
//     of squares some papers use) and Hausdorff = max(HausdorffAB,
//     HausdorffBA). Distances are between point samples, so they carry a
//     sampling error of the order of the sample spacing.
//   - MaskIoU treats any non-zero byte as inside; two empty masks have IoU 1.
//   - PSNR compares RGB bytes with peak 255; identical images give +Inf.
package metrics
