package frameset

import (
	"errors"
	"testing"
)

func TestDecoder(t *testing.T) {
	t.Parallel()
	d, err := NewDecoder()
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	r := testRig(t)
	var fs FrameSet
	for i := 0; i < 3; i++ {
		if err := d.DecodeInto(&fs, goodFrameSet(t), r); err != nil {
			t.Fatal(err)
		}
	}
	if len(fs.Views) != 2 || fs.Views[1].Mask.Width != 16 {
		t.Fatalf("decoded %d views", len(fs.Views))
	}
	bad := goodFrameSet(t)
	bad.Views[0].Mask = []byte("junk")
	if err := d.DecodeInto(&fs, bad, r); !errors.Is(err, ErrMask) {
		t.Fatalf("junk mask: %v", err)
	}
	d.Close()
	d.Close()
}
