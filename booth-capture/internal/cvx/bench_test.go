package cvx

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkPlateDiff times the fused pass on the 720p test frame at half
// scale, over one frame (caches warm) and over 24 copies at different
// addresses (each frame read from memory, as in the agent).
func BenchmarkPlateDiff(b *testing.B) {
	f := testFrames(b)
	const d = 2
	p := testPlate(b, f.empty, f.w, f.h, d, 2)
	ww, wh := WorkSize(f.w, f.h, d)
	work, mask := make([]byte, 3*ww*wh), make([]byte, ww*wh)
	for _, copies := range []int{1, 24} {
		b.Run(fmt.Sprintf("frames=%d", copies), func(b *testing.B) {
			frames := make([][]byte, copies)
			for i := range frames {
				frames[i] = bytes.Clone(f.human)
			}
			var s Scratch
			b.SetBytes(int64(len(f.human)))
			i := 0
			for b.Loop() {
				if _, err := PlateDiff(frames[i%copies], f.w, f.h, d, p, work, mask, &s); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
