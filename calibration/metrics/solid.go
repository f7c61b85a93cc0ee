package metrics

// Solid is a region of space that can say whether it contains a point.
// Contains must be safe for concurrent use.
type Solid interface {
	Contains(p [3]float64) bool
}

// Sphere is the closed ball of radius R around C.
type Sphere struct {
	C [3]float64
	R float64
}

// Contains reports whether p lies in the ball.
func (s Sphere) Contains(p [3]float64) bool {
	dx, dy, dz := p[0]-s.C[0], p[1]-s.C[1], p[2]-s.C[2]
	return dx*dx+dy*dy+dz*dz <= s.R*s.R
}

// Box is the closed axis-aligned box [Lo, Hi].
type Box struct {
	Lo, Hi [3]float64
}

// Contains reports whether p lies in the box.
func (b Box) Contains(p [3]float64) bool {
	return p[0] >= b.Lo[0] && p[0] <= b.Hi[0] &&
		p[1] >= b.Lo[1] && p[1] <= b.Hi[1] &&
		p[2] >= b.Lo[2] && p[2] <= b.Hi[2]
}
