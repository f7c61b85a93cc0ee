package meshio

// Hard limits on what a reader accepts. A file over any of them is refused
// with ErrLimit before its data is stored, so memory stays bounded by the
// limits, not by what the file claims.
const (
	// MaxVertices is the most vertices a mesh may have.
	MaxVertices = 10_000_000
	// MaxTriangles is the most triangles a mesh may have after
	// triangulation.
	MaxTriangles = 20_000_000
	// MaxPolygon is the most corners one face may have.
	MaxPolygon = 1024
	// MaxLine is the longest line, in bytes, of a text format.
	MaxLine = 1 << 20
	// MaxHeaderLines is the longest PLY header, in lines.
	MaxHeaderLines = 4096
	// MaxElementCount is the most items any one PLY element may declare.
	MaxElementCount = 50_000_000
)

// preallocCap bounds a capacity taken from a count a file declares, so that
// a lying header cannot make a reader allocate before the data arrives.
func preallocCap(n, per int) int {
	const most = 1 << 16
	if n < 0 {
		return 0
	}
	if n > most {
		n = most
	}
	return n * per
}
