// Package cvx reaches the few OpenCV functions gocv v0.31 lacks, through a
// small cgo wrapper of our own.
package cvx

/*
#cgo pkg-config: opencv4
#cgo CXXFLAGS: -std=c++11
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
