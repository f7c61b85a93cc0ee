package meshcodec_test

import (
	"fmt"

	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
)

func Example() {
	m := &mesh.Mesh{
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1},
		Colors:    []uint8{255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255},
		Indices:   []uint32{0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3},
	}
	enc, err := meshcodec.NewEncoder(meshcodec.Options{})
	if err != nil {
		panic(err)
	}
	data, err := enc.Encode(nil, m)
	if err != nil {
		panic(err)
	}
	h, err := meshcodec.ReadHeader(data)
	if err != nil {
		panic(err)
	}
	var got mesh.Mesh
	if err := meshcodec.NewDecoder(meshcodec.Limits{}).Decode(data, &got); err != nil {
		panic(err)
	}
	fmt.Println(h.Version, h.VertexCount, h.TriangleCount, got.TriangleCount())
	// Output: 2 4 4 4
}
