// Package cvx reaches the few OpenCV functions gocv v0.31 lacks, and the
// booth's per-pixel passes written in C++ (fused, vectorizable loops that
// walk each frame once), through a small cgo wrapper of our own.
package cvx

/*
#cgo pkg-config: opencv4
#cgo CXXFLAGS: -std=c++11 -O3
#include <stdlib.h>
#include "cvx.h"
*/
import "C"

// SetNumThreads sets the threads OpenCV's own parallel loops use. The
// capture agent runs one camera per goroutine, so OpenCV's inner threads
// only add hand-offs: 1 turns them off. n < 0 restores OpenCV's default.
func SetNumThreads(n int) { C.cvx_set_num_threads(C.int(n)) }

// NumThreads returns the threads OpenCV's parallel loops use.
func NumThreads() int { return int(C.cvx_get_num_threads()) }

// setSIMD turns the hand-written SIMD paths (SSSE3, AVX2) on or off, for
// tests that check the plain loops behind them. Not safe while another
// goroutine runs a pass.
func setSIMD(on bool) {
	v := 0
	if on {
		v = 1
	}
	C.cvx_set_simd(C.int(v))
}
