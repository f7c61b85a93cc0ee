// Package segment cuts the person out of a camera image with OpenCV
// (gocv): a background plate learned while the booth is empty and a
// shadow-tolerant colour difference (the default), a chroma key for
// green-screen booths, or OpenCV's MOG2/KNN background subtractors; then
// morphological clean-up, small blobs removed and small holes filled.
//
// A Segmenter works at 1/Downscale of the camera resolution: the colour
// crop is sent at that scale anyway, the area filter averages sensor noise
// away, and the work shrinks by Downscale squared.
package segment
