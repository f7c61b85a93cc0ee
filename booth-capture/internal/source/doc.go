// Package source opens the camera sources of a booth config: gocv
// VideoCapture for v4l2://, file:// and rtsp://, a synth dataset replayed
// for dir://, and the live synthetic booth for synthetic://. Every source
// delivers RGB frames stamped with their capture time, paced in real time
// by its frame rate; one that falls behind skips frames (latest wins) and
// counts them.
//
// v4l2:// and rtsp:// go through the same code as file:// (gocv
// VideoCapture with the V4L2 or FFmpeg back end) but cannot be tested
// here: there is no camera and no RTSP server in the build machine.
package source
