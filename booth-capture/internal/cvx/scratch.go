package cvx

// #include "cvx.h"
import "C"

// Scratch holds the working memory of one camera's passes, kept between
// frames so that no frame allocates. The zero value is ready; it is not
// safe for concurrent use.
type Scratch struct {
	a, b   []byte
	labels []int32
	row    []uint32
	// What CleanUp's C side writes back; here rather than on the stack,
	// where passing their address to C would move them to the heap.
	blobs C.cvx_blobs
	msg   [256]C.char
	box   [4]C.int
}

// grow makes the image buffers hold n pixels.
func (s *Scratch) grow(n int) {
	if len(s.a) < n {
		s.a = make([]byte, n)
		s.b = make([]byte, n)
		s.labels = make([]int32, n)
	}
}

// rows makes the row buffer hold n uint32s.
func (s *Scratch) rows(n int) {
	if len(s.row) < n {
		s.row = make([]uint32, n)
	}
}
