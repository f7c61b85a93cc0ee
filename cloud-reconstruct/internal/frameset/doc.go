// Package frameset turns a received pb.FrameSet into the decoded views the
// reconstruction engine works on: per camera of the rig, its binary mask
// (a crop of the full image at a scale), the crop rectangle in full-image
// pixels and an optional RGB colour crop of the same size as the mask.
//
// Decode checks every view against the rig before trusting it: the camera
// exists, the crop lies inside its image, the decoded mask and colour have
// the size crop*scale, and the rig itself holds only finite numbers.
// Masks and colour crops are decoded in parallel. Every error names the
// camera at fault and wraps one of the sentinel errors of errors.go.
//
// # Pixel mapping
//
// Pixel centres lie at integer coordinates (OpenCV). A full-image pixel
// coordinate (u, v) maps to the mask coordinate
//
//	mx = (u - crop.X + 0.5) * scale - 0.5
//	my = (v - crop.Y + 0.5) * scale - 0.5
//
// so that at scale 1 mask pixel (i, j) is image pixel (crop.X+i, crop.Y+j),
// and at any scale the crop's edges map to the mask's edges. Everything
// outside the crop counts as outside the person.
package frameset
