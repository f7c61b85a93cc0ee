package codecbench

import (
	"math"

	"cloudme.dev/proto/mesh"
)

// capsule is a segment with a radius; the blobby person is their smooth
// union.
type capsule struct {
	a, b [3]float64
	r    float64
}

var blobbyParts = []capsule{
	{[3]float64{0, 0.95, 0}, [3]float64{0, 1.40, 0}, 0.15},             // torso
	{[3]float64{0, 1.62, 0.01}, [3]float64{0, 1.66, 0.01}, 0.10},       // head
	{[3]float64{0, 1.45, 0}, [3]float64{0, 1.55, 0}, 0.05},             // neck
	{[3]float64{-0.09, 0.90, 0}, [3]float64{-0.11, 0.08, 0.02}, 0.065}, // legs
	{[3]float64{0.09, 0.90, 0}, [3]float64{0.11, 0.08, 0.02}, 0.065},
	{[3]float64{-0.11, 0.05, 0.02}, [3]float64{-0.12, 0.04, 0.14}, 0.04}, // feet
	{[3]float64{0.11, 0.05, 0.02}, [3]float64{0.12, 0.04, 0.14}, 0.04},
	{[3]float64{-0.2, 1.38, 0}, [3]float64{-0.32, 0.85, 0.05}, 0.045}, // arms
	{[3]float64{0.2, 1.38, 0}, [3]float64{0.32, 0.85, 0.05}, 0.045},
}

// blobbyField is negative inside the person: a smooth minimum of the
// capsules' signed distances, in metres.
func blobbyField(p [3]float64) float64 {
	const k = 0.03
	sum := 0.0
	for _, c := range blobbyParts {
		var ab, ap [3]float64
		for i := range 3 {
			ab[i], ap[i] = c.b[i]-c.a[i], p[i]-c.a[i]
		}
		t := (ap[0]*ab[0] + ap[1]*ab[1] + ap[2]*ab[2]) / (ab[0]*ab[0] + ab[1]*ab[1] + ab[2]*ab[2])
		t = min(max(t, 0), 1)
		dx, dy, dz := ap[0]-t*ab[0], ap[1]-t*ab[1], ap[2]-t*ab[2]
		sum += math.Exp(-(math.Sqrt(dx*dx+dy*dy+dz*dz) - c.r) / k)
	}
	return -k * math.Log(sum)
}

// blobbyColor paints skin, shirt and trousers by height, with stripes.
func blobbyColor(p [3]float32) [3]uint8 {
	y := float64(p[1])
	switch {
	case y > 1.47:
		return [3]uint8{224, 172, 140}
	case y > 0.92:
		s := 0.5 + 0.5*math.Sin(40*y)
		return [3]uint8{uint8(40 + 60*s), uint8(70 + 40*s), uint8(160 + 50*s)}
	default:
		return [3]uint8{50, 50, uint8(60 + 20*math.Sin(10*float64(p[0])))}
	}
}

// Blobby returns a watertight, manifold triangle mesh of a smooth standing
// figure, about 1.75 m tall, made by marching tetrahedra over blobbyField on
// a grid of the given cell size in metres, coloured per vertex: the shape
// class a reconstruction engine's iso-surface produces.
func Blobby(cell float64) *mesh.Mesh {
	lo := [3]float64{-0.45, -0.05, -0.25}
	hi := [3]float64{0.45, 1.85, 0.3}
	var n [3]int
	for i := range 3 {
		n[i] = int(math.Ceil((hi[i]-lo[i])/cell)) + 1
	}
	at := func(x, y, z int) [3]float64 {
		return [3]float64{lo[0] + float64(x)*cell, lo[1] + float64(y)*cell, lo[2] + float64(z)*cell}
	}
	id := func(x, y, z int) int { return (z*n[1]+y)*n[0] + x }
	field := make([]float64, n[0]*n[1]*n[2])
	for z := 0; z < n[2]; z++ {
		for y := 0; y < n[1]; y++ {
			for x := 0; x < n[0]; x++ {
				field[id(x, y, z)] = blobbyField(at(x, y, z))
			}
		}
	}
	mt := tetraMesher{field: field, edges: map[[2]int]uint32{}, pos: func(i int) [3]float64 {
		x := i % n[0]
		y := i / n[0] % n[1]
		return at(x, y, i/(n[0]*n[1]))
	}}
	for z := 0; z+1 < n[2]; z++ {
		for y := 0; y+1 < n[1]; y++ {
			for x := 0; x+1 < n[0]; x++ {
				var c [8]int
				for k := range 8 {
					c[k] = id(x+k&1, y+k>>1&1, z+k>>2&1)
				}
				mt.cube(c)
			}
		}
	}
	return &mt.m
}
