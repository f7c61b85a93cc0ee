// Package mesh holds the indexed, per-vertex-coloured triangle mesh that
// travels from the reconstruction engine to every renderer, and that the
// synthetic booth renders as ground truth.
//
// Coordinates are in the booth's world frame: metres, origin on the booth
// floor at its centre, +Y up, right-handed, the person facing +Z (the glTF
// convention). Triangles are wound counter-clockwise seen from outside.
package mesh
