// Package colmap reads and writes a rig as COLMAP's text model files,
// cameras.txt and images.txt, so that a calibrated booth can be inspected
// or refined in COLMAP, or a COLMAP reconstruction turned into a rig.
//
// Conventions: COLMAP's camera_id and image_id are the rig camera ID plus 1
// (COLMAP ids are positive). COLMAP puts pixel centres at half-integers and
// OpenCV (and the rig file) at integers, so cx and cy differ by 0.5.
// Cameras are written with the OPENCV model (fx fy cx cy k1 k2 p1 p2) when
// k3 is zero, otherwise FULL_OPENCV (k3 kept, k4-k6 zero), so nothing is
// lost. images.txt holds one image per camera with the world-to-camera pose
// (QW QX QY QZ TX TY TZ), the image NAME being the camera name (or camNN).
package colmap
