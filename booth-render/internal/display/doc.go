// Package display describes the far booth's screen and turns it into the
// projection that shows the remote person at true scale.
//
// # Frame
//
// The display frame is this booth's world frame with the screen as its
// window wall: metres, origin on the floor, +Y up, right-handed. The
// screen is the rectangle x in [-W/2, W/2], y in [B, B+H] of the plane
// z = 0, facing +z; the viewer stands in front of it (z > 0) and looks
// towards -z. Pixel (u, v) of the screen has its centre at the integer
// coordinates (the rig convention), u growing to the right and v down, so
// the screen's left edge is u = -0.5 and its top edge v = -0.5.
//
// The remote person arrives in their own booth's world frame (facing +Z,
// feet on y = 0). It is placed behind the glass by a pure translation of
// PersonDistance along -z: they stand on this booth's floor, face the
// viewer, and their left hand (+X) appears on the viewer's right, as
// through a window (not a mirror). At PersonDistance 0 the person's floor
// origin lies on the screen plane, where 1 m of the model spans exactly
// 1 m of glass.
//
// # Projection
//
// An off-axis (asymmetric frustum) projection for an eye at E is a
// pinhole camera at E looking along -z (perpendicular to the screen) with
// fx = pixels per metre across * E.z, fy = pixels per metre up * E.z and
// the principal point at the foot of the perpendicular from E, in screen
// pixels. Geometry.Camera returns it as a rig.Camera (the software
// rasterizer draws with it as it is); Geometry.ClipMatrix returns the same
// projection as a WebGL clip-space matrix for the kiosk page, and the tests
// hold the two to each other and to the physical screen.
package display
