package engine

import (
	"image"
	"testing"

	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
)

func TestSampleColourIgnoresBackground(t *testing.T) {
	t.Parallel()
	// A 2x1 crop: left pixel inside and red, right pixel outside and blue.
	v := &frameset.View{Crop: image.Rect(10, 20, 12, 21), Scale: 1,
		Mask:  maskcodec.Mask{Width: 2, Height: 1, Pix: []uint8{255, 0}},
		Color: []uint8{200, 0, 0, 0, 0, 200}}
	c := &camTab{view: v, mw: 2, mh: 1}
	rgb, ok := c.sampleColour(10.5, 20)
	if !ok || rgb[0] < 199 || rgb[2] > 1 {
		t.Fatalf("between the pixels: %v %v, want pure red", rgb, ok)
	}
	if _, ok := c.sampleColour(12, 20); ok {
		t.Fatal("a sample wholly over background was accepted")
	}
	for _, tc := range []struct {
		v    float64
		want uint8
	}{{-3, 0}, {0.4, 0}, {127.6, 128}, {300, 255}} {
		if got := toByte(tc.v); got != tc.want {
			t.Errorf("toByte(%g) = %d, want %d", tc.v, got, tc.want)
		}
	}
}
