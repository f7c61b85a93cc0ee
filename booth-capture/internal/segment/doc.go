// Package segment cuts the person out of a camera image: a background
// plate learned while the booth is empty and a shadow-tolerant colour
// difference (the default), a chroma key for green-screen booths, or
// OpenCV's MOG2/KNN background subtractors; then morphological clean-up,
// small blobs removed and small holes filled.
//
// A Segmenter works at 1/Downscale of the camera resolution: the colour
// crop is sent at that scale anyway, the area filter averages sensor noise
// away, and the work shrinks by Downscale squared.
//
// Speed. The plate method walks the camera frame once: cvx.PlateDiff
// (C++, vectorized) downscales each row (the mean of each block, as
// OpenCV's bilinear resize at exactly half and its area resize give),
// converts it to YCrCb and tests it against the plate, with the region
// test's window summed over a ring of rows, and returns the foreground's
// box. The clean-up (cvx.CleanUp: opening, closing, connected components)
// runs only inside that box plus a margin, with the same result as over
// the whole image, and the full-size mask is written, and its outline
// re-tested (cvx.Refine), only over the kept blobs' box. Buffers are
// allocated once per camera. The masks are bit for bit those of the
// earlier chain of whole-image OpenCV calls (see the cvx tests, which
// check each C++ pass against a plain Go or whole-image gocv reference).
package segment
