package meshio

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"cloudme.dev/proto/mesh"
)

// MaxGLBBytes is the largest GLB file ReadGLB accepts.
const MaxGLBBytes = 1 << 30

const (
	glbMagic     = 0x46546C67 // "glTF"
	glbChunkJSON = 0x4E4F534A
	glbChunkBIN  = 0x004E4942
)

// gltfDoc is the part of a glTF document ReadGLB uses.
type gltfDoc struct {
	Scene  *int `json:"scene"`
	Scenes []struct {
		Nodes []int `json:"nodes"`
	} `json:"scenes"`
	Nodes       []gltfNode `json:"nodes"`
	Meshes      []gltfMesh `json:"meshes"`
	Accessors   []gltfAccessor
	BufferViews []gltfView `json:"bufferViews"`
	Buffers     []struct {
		ByteLength int    `json:"byteLength"`
		URI        string `json:"uri"`
	} `json:"buffers"`
	ExtensionsRequired []string `json:"extensionsRequired"`
}

type gltfNode struct {
	Mesh        *int      `json:"mesh"`
	Children    []int     `json:"children"`
	Matrix      []float64 `json:"matrix"`
	Translation []float64 `json:"translation"`
	Rotation    []float64 `json:"rotation"`
	Scale       []float64 `json:"scale"`
}

type gltfMesh struct {
	Primitives []struct {
		Attributes map[string]int `json:"attributes"`
		Indices    *int           `json:"indices"`
		Mode       *int           `json:"mode"`
	} `json:"primitives"`
}

type gltfAccessor struct {
	BufferView    *int   `json:"bufferView"`
	ByteOffset    int    `json:"byteOffset"`
	ComponentType int    `json:"componentType"`
	Count         int    `json:"count"`
	Type          string `json:"type"`
	Normalized    bool   `json:"normalized"`
}

type gltfView struct {
	Buffer     int `json:"buffer"`
	ByteOffset int `json:"byteOffset"`
	ByteLength int `json:"byteLength"`
	ByteStride int `json:"byteStride"`
}

// ReadGLB reads a binary glTF 2.0 file: every triangle primitive (mode 4)
// of every mesh reached from the default scene (or, without scenes, of every
// mesh) with its node transforms applied; POSITION, optional indices and
// optional COLOR_0 (linear in glTF, converted to sRGB bytes). Primitives
// without colour get white when others have colour. External buffers and
// compression extensions are not supported.
func ReadGLB(r io.Reader) (*mesh.Mesh, error) {
	var hdr [12]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, fmt.Errorf("glb header: %w", ErrFormat)
	}
	if binary.LittleEndian.Uint32(hdr[0:]) != glbMagic {
		return nil, fmt.Errorf("glb header: not a binary glTF file: %w", ErrFormat)
	}
	if v := binary.LittleEndian.Uint32(hdr[4:]); v != 2 {
		return nil, fmt.Errorf("glb header: version %d: %w", v, ErrUnsupported)
	}
	total := int64(binary.LittleEndian.Uint32(hdr[8:]))
	if total > MaxGLBBytes {
		return nil, fmt.Errorf("glb header: %d bytes, limit %d: %w", total, MaxGLBBytes, ErrLimit)
	}
	if total < 12 {
		return nil, fmt.Errorf("glb header: length %d: %w", total, ErrFormat)
	}
	body, err := io.ReadAll(io.LimitReader(r, total-12))
	if err != nil {
		return nil, fmt.Errorf("glb body: %w", err)
	}
	if int64(len(body)) != total-12 {
		return nil, fmt.Errorf("glb body: %d bytes, header says %d: %w", len(body), total-12, ErrFormat)
	}
	jsonChunk, bin, err := glbChunks(body)
	if err != nil {
		return nil, err
	}
	var doc gltfDoc
	dec := json.NewDecoder(bytes.NewReader(jsonChunk))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("glb json: %v: %w", err, ErrFormat)
	}
	if len(doc.ExtensionsRequired) > 0 {
		return nil, fmt.Errorf("glb json: required extension %q: %w", clip(doc.ExtensionsRequired[0]), ErrUnsupported)
	}
	g := glbReader{doc: &doc, bin: bin, out: &mesh.Mesh{}}
	if err := g.walkScene(); err != nil {
		return nil, err
	}
	if g.out.TriangleCount() == 0 {
		return nil, fmt.Errorf("glb: no triangle primitives: %w", ErrFormat)
	}
	if g.anyColor {
		g.out.Colors = g.colors
	}
	return g.out, nil
}

// glbChunks splits the body into its JSON chunk and optional BIN chunk.
func glbChunks(body []byte) (jsonChunk, bin []byte, err error) {
	for k := 0; len(body) > 0; k++ {
		if len(body) < 8 {
			return nil, nil, fmt.Errorf("glb chunk %d: truncated chunk header: %w", k, ErrFormat)
		}
		n := int64(binary.LittleEndian.Uint32(body[0:]))
		typ := binary.LittleEndian.Uint32(body[4:])
		if n > int64(len(body)-8) {
			return nil, nil, fmt.Errorf("glb chunk %d: %d bytes, %d left: %w", k, n, len(body)-8, ErrFormat)
		}
		data := body[8 : 8+n]
		body = body[8+n:]
		switch {
		case k == 0 && typ != glbChunkJSON:
			return nil, nil, fmt.Errorf("glb chunk 0: not JSON: %w", ErrFormat)
		case k == 0:
			jsonChunk = data
		case typ == glbChunkBIN && bin == nil:
			bin = data
		}
	}
	if jsonChunk == nil {
		return nil, nil, fmt.Errorf("glb: no JSON chunk: %w", ErrFormat)
	}
	return jsonChunk, bin, nil
}

// glbReader gathers the primitives of a document into one mesh.
type glbReader struct {
	doc      *gltfDoc
	bin      []byte
	out      *mesh.Mesh
	colors   []uint8
	anyColor bool
	visits   int
}

// mat4 is a column-major 4x4 matrix, as glTF stores them.
type mat4 [16]float64

var identity4 = mat4{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}

func (a mat4) mul(b mat4) mat4 {
	var c mat4
	for col := 0; col < 4; col++ {
		for row := 0; row < 4; row++ {
			var s float64
			for k := 0; k < 4; k++ {
				s += a[k*4+row] * b[col*4+k]
			}
			c[col*4+row] = s
		}
	}
	return c
}

func (a mat4) apply(p [3]float64) [3]float64 {
	return [3]float64{
		a[0]*p[0] + a[4]*p[1] + a[8]*p[2] + a[12],
		a[1]*p[0] + a[5]*p[1] + a[9]*p[2] + a[13],
		a[2]*p[0] + a[6]*p[1] + a[10]*p[2] + a[14],
	}
}

func (a mat4) det3() float64 {
	return a[0]*(a[5]*a[10]-a[9]*a[6]) - a[4]*(a[1]*a[10]-a[9]*a[2]) + a[8]*(a[1]*a[6]-a[5]*a[2])
}

// nodeMatrix returns a node's local transform.
func nodeMatrix(n *gltfNode, i int) (mat4, error) {
	if n.Matrix != nil {
		if len(n.Matrix) != 16 {
			return mat4{}, fmt.Errorf("glb node %d: matrix has %d values: %w", i, len(n.Matrix), ErrFormat)
		}
		var m mat4
		copy(m[:], n.Matrix)
		return m, nil
	}
	t, q, s := [3]float64{}, [4]float64{0, 0, 0, 1}, [3]float64{1, 1, 1}
	if n.Translation != nil && copy(t[:], n.Translation) != 3 || len(n.Translation) > 3 {
		return mat4{}, fmt.Errorf("glb node %d: translation needs 3 values: %w", i, ErrFormat)
	}
	if n.Rotation != nil && copy(q[:], n.Rotation) != 4 || len(n.Rotation) > 4 {
		return mat4{}, fmt.Errorf("glb node %d: rotation needs 4 values: %w", i, ErrFormat)
	}
	if n.Scale != nil && copy(s[:], n.Scale) != 3 || len(n.Scale) > 3 {
		return mat4{}, fmt.Errorf("glb node %d: scale needs 3 values: %w", i, ErrFormat)
	}
	x, y, z, w := q[0], q[1], q[2], q[3]
	r := [9]float64{ // row-major rotation of a unit quaternion
		1 - 2*(y*y+z*z), 2 * (x*y - z*w), 2 * (x*z + y*w),
		2 * (x*y + z*w), 1 - 2*(x*x+z*z), 2 * (y*z - x*w),
		2 * (x*z - y*w), 2 * (y*z + x*w), 1 - 2*(x*x+y*y),
	}
	var m mat4
	for col := 0; col < 3; col++ {
		for row := 0; row < 3; row++ {
			m[col*4+row] = r[row*3+col] * s[col]
		}
	}
	m[12], m[13], m[14], m[15] = t[0], t[1], t[2], 1
	return m, nil
}

// walkScene adds the meshes of the default scene, or every mesh when the
// document has no scenes.
func (g *glbReader) walkScene() error {
	if len(g.doc.Scenes) == 0 {
		for i := range g.doc.Meshes {
			if err := g.addMesh(i, identity4); err != nil {
				return err
			}
		}
		return nil
	}
	s := 0
	if g.doc.Scene != nil {
		s = *g.doc.Scene
	}
	if s < 0 || s >= len(g.doc.Scenes) {
		return fmt.Errorf("glb: scene %d of %d: %w", s, len(g.doc.Scenes), ErrFormat)
	}
	for _, n := range g.doc.Scenes[s].Nodes {
		if err := g.walkNode(n, identity4, 0); err != nil {
			return err
		}
	}
	return nil
}

// walkNode adds a node's mesh and its children's.
func (g *glbReader) walkNode(i int, parent mat4, depth int) error {
	if i < 0 || i >= len(g.doc.Nodes) {
		return fmt.Errorf("glb: node %d of %d: %w", i, len(g.doc.Nodes), ErrFormat)
	}
	g.visits++
	if depth > 64 || g.visits > 4*len(g.doc.Nodes)+64 {
		return fmt.Errorf("glb node %d: node graph too deep or cyclic: %w", i, ErrFormat)
	}
	n := &g.doc.Nodes[i]
	local, err := nodeMatrix(n, i)
	if err != nil {
		return err
	}
	world := parent.mul(local)
	if n.Mesh != nil {
		if err := g.addMesh(*n.Mesh, world); err != nil {
			return err
		}
	}
	for _, c := range n.Children {
		if err := g.walkNode(c, world, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// addMesh appends the triangle primitives of mesh mi under transform m.
func (g *glbReader) addMesh(mi int, m mat4) error {
	if mi < 0 || mi >= len(g.doc.Meshes) {
		return fmt.Errorf("glb: mesh %d of %d: %w", mi, len(g.doc.Meshes), ErrFormat)
	}
	flip := m.det3() < 0
	for pi, p := range g.doc.Meshes[mi].Primitives {
		where := fmt.Sprintf("glb mesh %d primitive %d", mi, pi)
		if p.Mode != nil && *p.Mode != 4 {
			continue
		}
		pa, ok := p.Attributes["POSITION"]
		if !ok {
			return fmt.Errorf("%s: no POSITION: %w", where, ErrFormat)
		}
		pos, err := g.accessor(pa, "VEC3", 3)
		if err != nil {
			return fmt.Errorf("%s POSITION: %w", where, err)
		}
		nv := len(pos) / 3
		base := g.out.VertexCount()
		if base+nv > MaxVertices {
			return fmt.Errorf("%s: more than %d vertices: %w", where, MaxVertices, ErrLimit)
		}
		for v := 0; v < nv; v++ {
			q := m.apply([3]float64{pos[3*v], pos[3*v+1], pos[3*v+2]})
			for _, x := range q {
				if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > math.MaxFloat32 {
					return fmt.Errorf("%s: vertex %d is not finite: %w", where, v, ErrFormat)
				}
			}
			g.out.Positions = append(g.out.Positions, float32(q[0]), float32(q[1]), float32(q[2]))
		}
		if err := g.addColors(p.Attributes, nv, where); err != nil {
			return err
		}
		var idx []float64
		if p.Indices != nil {
			if idx, err = g.accessor(*p.Indices, "SCALAR", 1); err != nil {
				return fmt.Errorf("%s indices: %w", where, err)
			}
		} else {
			idx = make([]float64, nv)
			for k := range idx {
				idx[k] = float64(k)
			}
		}
		if len(idx)%3 != 0 {
			return fmt.Errorf("%s: %d indices is not whole triangles: %w", where, len(idx), ErrFormat)
		}
		if g.out.TriangleCount()+len(idx)/3 > MaxTriangles {
			return fmt.Errorf("%s: more than %d triangles: %w", where, MaxTriangles, ErrLimit)
		}
		for t := 0; t+2 < len(idx); t += 3 {
			a, b, c := idx[t], idx[t+1], idx[t+2]
			for _, x := range [3]float64{a, b, c} {
				if x < 0 || x >= float64(nv) || x != math.Trunc(x) {
					return fmt.Errorf("%s: triangle %d refers to vertex %g of %d: %w", where, t/3, x, nv, ErrFormat)
				}
			}
			if flip {
				b, c = c, b
			}
			g.out.Indices = append(g.out.Indices, uint32(base)+uint32(a), uint32(base)+uint32(b), uint32(base)+uint32(c))
		}
	}
	return nil
}

// addColors appends nv colours from COLOR_0, or white placeholders.
func (g *glbReader) addColors(attrs map[string]int, nv int, where string) error {
	ci, ok := attrs["COLOR_0"]
	if !ok {
		for v := 0; v < nv; v++ {
			g.colors = append(g.colors, 255, 255, 255)
		}
		return nil
	}
	acc, err := g.getAccessor(ci)
	if err != nil {
		return fmt.Errorf("%s COLOR_0: %w", where, err)
	}
	comps := 3
	if acc.Type == "VEC4" {
		comps = 4
	}
	c, err := g.accessor(ci, acc.Type, comps)
	if err != nil {
		return fmt.Errorf("%s COLOR_0: %w", where, err)
	}
	if len(c)/comps != nv {
		return fmt.Errorf("%s COLOR_0: %d colours for %d vertices: %w", where, len(c)/comps, nv, ErrFormat)
	}
	for v := 0; v < nv; v++ {
		for k := 0; k < 3; k++ {
			g.colors = append(g.colors, clampByte(255*linearToSRGB(c[v*comps+k])))
		}
	}
	g.anyColor = true
	return nil
}

// linearToSRGB applies the sRGB transfer function to a linear value in [0, 1].
func linearToSRGB(x float64) float64 {
	switch {
	case !(x > 0):
		return 0
	case x >= 1:
		return 1
	case x <= 0.0031308:
		return 12.92 * x
	}
	return 1.055*math.Pow(x, 1/2.4) - 0.055
}

func (g *glbReader) getAccessor(i int) (*gltfAccessor, error) {
	if i < 0 || i >= len(g.doc.Accessors) {
		return nil, fmt.Errorf("accessor %d of %d: %w", i, len(g.doc.Accessors), ErrFormat)
	}
	return &g.doc.Accessors[i], nil
}

// accessor decodes accessor i, which must have the given type, into
// floats (normalized integers scaled to [0, 1]).
func (g *glbReader) accessor(i int, typ string, comps int) ([]float64, error) {
	a, err := g.getAccessor(i)
	if err != nil {
		return nil, err
	}
	if a.Type != typ {
		return nil, fmt.Errorf("accessor %d: type %q, want %q: %w", i, clip(a.Type), typ, ErrFormat)
	}
	var size int
	switch a.ComponentType {
	case 5120, 5121:
		size = 1
	case 5122, 5123:
		size = 2
	case 5125, 5126:
		size = 4
	default:
		return nil, fmt.Errorf("accessor %d: component type %d: %w", i, a.ComponentType, ErrUnsupported)
	}
	if a.Count < 0 || a.Count > MaxVertices*3 {
		return nil, fmt.Errorf("accessor %d: count %d: %w", i, a.Count, ErrLimit)
	}
	if a.BufferView == nil || *a.BufferView < 0 || *a.BufferView >= len(g.doc.BufferViews) {
		return nil, fmt.Errorf("accessor %d: missing or bad bufferView (sparse accessors are not read): %w", i, ErrUnsupported)
	}
	bv := g.doc.BufferViews[*a.BufferView]
	if bv.Buffer != 0 || len(g.doc.Buffers) == 0 || g.doc.Buffers[0].URI != "" {
		return nil, fmt.Errorf("accessor %d: data outside the GLB's own buffer: %w", i, ErrUnsupported)
	}
	if bv.ByteOffset < 0 || bv.ByteLength < 0 || bv.ByteOffset > len(g.bin) || bv.ByteLength > len(g.bin)-bv.ByteOffset {
		return nil, fmt.Errorf("accessor %d: buffer view %d lies outside the %d-byte BIN chunk: %w", i, *a.BufferView, len(g.bin), ErrFormat)
	}
	view := g.bin[bv.ByteOffset : bv.ByteOffset+bv.ByteLength]
	elem := size * comps
	stride := elem
	if bv.ByteStride != 0 {
		if bv.ByteStride < elem || bv.ByteStride > 252 {
			return nil, fmt.Errorf("accessor %d: byte stride %d: %w", i, bv.ByteStride, ErrFormat)
		}
		stride = bv.ByteStride
	}
	if a.Count == 0 {
		return nil, nil
	}
	if a.ByteOffset < 0 || a.ByteOffset > len(view) || int64(a.Count-1)*int64(stride)+int64(elem) > int64(len(view)-a.ByteOffset) {
		return nil, fmt.Errorf("accessor %d: %d elements overrun buffer view %d: %w", i, a.Count, *a.BufferView, ErrFormat)
	}
	out := make([]float64, 0, a.Count*comps)
	for e := 0; e < a.Count; e++ {
		p := view[a.ByteOffset+e*stride:]
		for k := 0; k < comps; k++ {
			q := p[k*size:]
			var v float64
			switch a.ComponentType {
			case 5120:
				v = float64(int8(q[0]))
				if a.Normalized {
					v = math.Max(v/127, -1)
				}
			case 5121:
				v = float64(q[0])
				if a.Normalized {
					v /= 255
				}
			case 5122:
				v = float64(int16(binary.LittleEndian.Uint16(q)))
				if a.Normalized {
					v = math.Max(v/32767, -1)
				}
			case 5123:
				v = float64(binary.LittleEndian.Uint16(q))
				if a.Normalized {
					v /= 65535
				}
			case 5125:
				v = float64(binary.LittleEndian.Uint32(q))
			case 5126:
				v = float64(math.Float32frombits(binary.LittleEndian.Uint32(q)))
			}
			out = append(out, v)
		}
	}
	return out, nil
}
