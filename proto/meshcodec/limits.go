package meshcodec

// Default decoder limits: a life-size person needs well under 300k
// triangles, so these leave a wide margin while bounding memory.
const (
	DefaultMaxVertices  = 1 << 21  // 2 097 152 vertices
	DefaultMaxTriangles = 1 << 22  // 4 194 304 triangles
	DefaultMaxBytes     = 64 << 20 // 64 MiB per encoded mesh
)

// Limits bound what a Decoder accepts before it allocates anything. A zero
// field selects its default.
type Limits struct {
	MaxVertices  int
	MaxTriangles int
	MaxBytes     int
}

func (l Limits) withDefaults() Limits {
	if l.MaxVertices <= 0 {
		l.MaxVertices = DefaultMaxVertices
	}
	if l.MaxTriangles <= 0 {
		l.MaxTriangles = DefaultMaxTriangles
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	return l
}
