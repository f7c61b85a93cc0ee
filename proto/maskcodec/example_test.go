package maskcodec_test

import (
	"fmt"

	"cloudme.dev/proto/maskcodec"
)

func Example() {
	m := maskcodec.New(640, 480)
	for y := 100; y < 400; y++ {
		for x := 250; x < 390; x++ {
			m.Pix[y*m.Width+x] = 1 // any non-zero value is inside
		}
	}
	data, err := maskcodec.Encode(nil, m)
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := maskcodec.Decode(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(data), "bytes for", got.Count(), "inside pixels; At(300, 200):", got.At(300, 200))
	// Output: 20 bytes for 42000 inside pixels; At(300, 200): true
}

func ExampleEncoder() {
	enc, err := maskcodec.NewEncoder()
	if err != nil {
		fmt.Println(err)
		return
	}
	dec, err := maskcodec.NewDecoder()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer dec.Close()
	var buf []byte
	out := &maskcodec.Mask{}
	for frame := range 3 {
		m := maskcodec.New(32, 32)
		m.Pix[frame*33] = 255
		if buf, err = enc.Encode(buf[:0], m); err != nil { // reuse buf across frames
			fmt.Println(err)
			return
		}
		if err := dec.DecodeInto(out, buf); err != nil { // reuse out.Pix across frames
			fmt.Println(err)
			return
		}
		fmt.Println(frame, out.At(frame, frame))
	}
	// Output:
	// 0 true
	// 1 true
	// 2 true
}
