package meshio

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"cloudme.dev/proto/mesh"
)

// ReadPLY reads a PLY file (ASCII, binary little or big endian). The vertex
// element must have x, y and z (any scalar type); red, green and blue (uchar,
// or a float in [0, 1]) become vertex colours when all three are present.
// The face element's vertex_indices (or vertex_index) list is triangulated
// as a fan. Other elements and properties are skipped.
func ReadPLY(r io.Reader) (*mesh.Mesh, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	h, err := readPLYHeader(br)
	if err != nil {
		return nil, err
	}
	var body plyBody
	switch h.encoding {
	case plyASCII:
		body = &plyASCIIBody{br: br, line: h.lines}
	case plyBinaryLE:
		body = &plyBinaryBody{br: br, order: binary.LittleEndian}
	default:
		body = &plyBinaryBody{br: br, order: binary.BigEndian}
	}
	pr := plyReader{body: body, nverts: -1}
	for i := range h.elements {
		if err := pr.readElement(&h.elements[i]); err != nil {
			return nil, err
		}
	}
	if pr.nverts < 0 {
		return nil, fmt.Errorf("ply: no vertex element: %w", ErrFormat)
	}
	m := &mesh.Mesh{Positions: pr.pos, Colors: pr.col, Indices: pr.idx}
	if !pr.checkedFaces {
		for i, ix := range m.Indices {
			if int(ix) >= pr.nverts {
				return nil, fmt.Errorf("ply: triangle %d refers to vertex %d of %d: %w", i/3, ix, pr.nverts, ErrFormat)
			}
		}
	}
	return m, nil
}

// plyBody yields the scalar values of a PLY body one item at a time.
type plyBody interface {
	// begin starts item i of element el.
	begin(el *plyElement, i int) error
	// next returns the next value, read as type t.
	next(t plyType) (float64, error)
	// end finishes the item.
	end() error
	// where names the current position for error messages.
	where(el *plyElement, i int) string
}

// plyReader accumulates the mesh while the elements are read.
type plyReader struct {
	body         plyBody
	nverts       int
	pos          []float32
	col          []uint8
	idx          []uint32
	checkedFaces bool
}

// readElement reads every item of one element.
func (pr *plyReader) readElement(el *plyElement) error {
	switch el.name {
	case "vertex":
		return pr.readVertices(el)
	case "face":
		return pr.readFaces(el)
	}
	for i := 0; i < el.count; i++ {
		if err := pr.body.begin(el, i); err != nil {
			return err
		}
		for _, p := range el.props {
			if _, err := pr.readProperty(el, i, p, nil); err != nil {
				return err
			}
		}
		if err := pr.body.end(); err != nil {
			return fmt.Errorf("ply %s: %w", pr.body.where(el, i), err)
		}
	}
	return nil
}

// readVertices reads the vertex element.
func (pr *plyReader) readVertices(el *plyElement) error {
	if pr.nverts >= 0 {
		return fmt.Errorf("ply: second vertex element: %w", ErrFormat)
	}
	if el.count > MaxVertices {
		return fmt.Errorf("ply: %d vertices, limit %d: %w", el.count, MaxVertices, ErrLimit)
	}
	slot := make([]int, len(el.props)) // 0..5 = x y z r g b, -1 other
	found := [6]bool{}
	for j, p := range el.props {
		slot[j] = -1
		if s, ok := plyVertexSlots[p.name]; ok && !p.list && !found[s] {
			slot[j], found[s] = s, true
		}
	}
	if !found[0] || !found[1] || !found[2] {
		return fmt.Errorf("ply: vertex element lacks x, y or z: %w", ErrFormat)
	}
	colors := found[3] && found[4] && found[5]
	pr.pos = make([]float32, 0, preallocCap(el.count, 3))
	if colors {
		pr.col = make([]uint8, 0, preallocCap(el.count, 3))
	}
	var v [6]float64
	for i := 0; i < el.count; i++ {
		if err := pr.body.begin(el, i); err != nil {
			return err
		}
		for j, p := range el.props {
			x, err := pr.readProperty(el, i, p, nil)
			if err != nil {
				return err
			}
			if s := slot[j]; s >= 0 {
				if s >= 3 && !p.typ.isInt() {
					x *= 255
				}
				v[s] = x
			}
		}
		if err := pr.body.end(); err != nil {
			return fmt.Errorf("ply %s: %w", pr.body.where(el, i), err)
		}
		for a := 0; a < 3; a++ {
			if math.IsNaN(v[a]) || math.IsInf(v[a], 0) || math.Abs(v[a]) > math.MaxFloat32 {
				return fmt.Errorf("ply %s: coordinate %g is not a finite float32: %w", pr.body.where(el, i), v[a], ErrFormat)
			}
		}
		pr.pos = append(pr.pos, float32(v[0]), float32(v[1]), float32(v[2]))
		if colors {
			pr.col = append(pr.col, clampByte(v[3]), clampByte(v[4]), clampByte(v[5]))
		}
	}
	pr.nverts = el.count
	return nil
}

// plyVertexSlots maps vertex property names to x y z r g b.
var plyVertexSlots = map[string]int{
	"x": 0, "y": 1, "z": 2,
	"red": 3, "green": 4, "blue": 5,
	"r": 3, "g": 4, "b": 5,
	"diffuse_red": 3, "diffuse_green": 4, "diffuse_blue": 5,
}

// readFaces reads the face element and triangulates its polygons.
func (pr *plyReader) readFaces(el *plyElement) error {
	list := -1
	for j, p := range el.props {
		if p.list && (p.name == "vertex_indices" || p.name == "vertex_index") {
			list = j
			break
		}
	}
	if list < 0 {
		return fmt.Errorf("ply: face element has no vertex_indices list: %w", ErrFormat)
	}
	if !el.props[list].typ.isInt() {
		return fmt.Errorf("ply: face vertex_indices are not integers: %w", ErrFormat)
	}
	pr.checkedFaces = pr.nverts >= 0
	pr.idx = make([]uint32, 0, preallocCap(el.count, 3))
	var poly []uint32
	for i := 0; i < el.count; i++ {
		if err := pr.body.begin(el, i); err != nil {
			return err
		}
		for j, p := range el.props {
			var dst *[]uint32
			if j == list {
				poly = poly[:0]
				dst = &poly
			}
			if _, err := pr.readProperty(el, i, p, dst); err != nil {
				return err
			}
		}
		if err := pr.body.end(); err != nil {
			return fmt.Errorf("ply %s: %w", pr.body.where(el, i), err)
		}
		if len(poly) < 3 {
			return fmt.Errorf("ply %s: polygon with %d corners: %w", pr.body.where(el, i), len(poly), ErrFormat)
		}
		if pr.checkedFaces {
			for _, ix := range poly {
				if int(ix) >= pr.nverts {
					return fmt.Errorf("ply %s: vertex index %d of %d vertices: %w", pr.body.where(el, i), ix, pr.nverts, ErrFormat)
				}
			}
		}
		if len(pr.idx)/3+len(poly)-2 > MaxTriangles {
			return fmt.Errorf("ply %s: more than %d triangles: %w", pr.body.where(el, i), MaxTriangles, ErrLimit)
		}
		pr.idx = appendFan(pr.idx, poly)
	}
	return nil
}

// readProperty reads one property of item i. For a list whose items are
// wanted, dst receives them as vertex indices; the scalar value is returned
// otherwise.
func (pr *plyReader) readProperty(el *plyElement, i int, p plyProperty, dst *[]uint32) (float64, error) {
	wrap := func(err error) error {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = fmt.Errorf("file ends early: %w", ErrFormat)
		}
		return fmt.Errorf("ply %s property %q: %w", pr.body.where(el, i), clip(p.name), err)
	}
	if !p.list {
		v, err := pr.body.next(p.typ)
		if err != nil {
			return 0, wrap(err)
		}
		return v, nil
	}
	c, err := pr.body.next(p.countType)
	if err != nil {
		return 0, wrap(err)
	}
	if c < 0 || c > MaxPolygon {
		return 0, wrap(fmt.Errorf("list of %g items, limit %d: %w", c, MaxPolygon, ErrLimit))
	}
	for k := 0; k < int(c); k++ {
		v, err := pr.body.next(p.typ)
		if err != nil {
			return 0, wrap(err)
		}
		if dst != nil {
			if v < 0 || v > math.MaxUint32 {
				return 0, wrap(fmt.Errorf("vertex index %g: %w", v, ErrFormat))
			}
			*dst = append(*dst, uint32(v))
		}
	}
	return c, nil
}

// appendFan appends the fan triangulation of a polygon.
func appendFan(idx []uint32, poly []uint32) []uint32 {
	for k := 1; k+1 < len(poly); k++ {
		idx = append(idx, poly[0], poly[k], poly[k+1])
	}
	return idx
}

// clampByte rounds v into [0, 255].
func clampByte(v float64) uint8 {
	switch {
	case !(v > 0): // also NaN
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

// plyASCIIBody reads one item per line.
type plyASCIIBody struct {
	br     *bufio.Reader
	line   int
	fields []string
	k      int
}

func (b *plyASCIIBody) begin(el *plyElement, i int) error {
	for {
		raw, err := readLine(b.br)
		b.line++
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = fmt.Errorf("file ends early: %w", ErrFormat)
			}
			return fmt.Errorf("ply %s: %w", b.where(el, i), err)
		}
		b.fields, b.k = strings.Fields(string(raw)), 0
		if len(b.fields) > 0 {
			return nil
		}
	}
}

func (b *plyASCIIBody) next(t plyType) (float64, error) {
	if b.k >= len(b.fields) {
		return 0, fmt.Errorf("too few values on the line: %w", ErrFormat)
	}
	s := b.fields[b.k]
	b.k++
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("value %q is not a number: %w", clip(s), ErrFormat)
	}
	if t.isInt() && (v != math.Trunc(v)) {
		return 0, fmt.Errorf("value %q is not an integer: %w", clip(s), ErrFormat)
	}
	return v, nil
}

func (b *plyASCIIBody) end() error {
	if b.k != len(b.fields) {
		return fmt.Errorf("%d values left over on the line: %w", len(b.fields)-b.k, ErrFormat)
	}
	return nil
}

func (b *plyASCIIBody) where(el *plyElement, i int) string {
	return fmt.Sprintf("line %d (%s %d)", b.line, clip(el.name), i)
}

// plyBinaryBody reads fixed-size values in one byte order.
type plyBinaryBody struct {
	br    *bufio.Reader
	order binary.ByteOrder
	buf   [8]byte
}

func (b *plyBinaryBody) begin(*plyElement, int) error { return nil }
func (b *plyBinaryBody) end() error                   { return nil }

func (b *plyBinaryBody) next(t plyType) (float64, error) {
	n := t.size()
	if _, err := io.ReadFull(b.br, b.buf[:n]); err != nil {
		return 0, err
	}
	p := b.buf[:n]
	switch t {
	case plyInt8:
		return float64(int8(p[0])), nil
	case plyUint8:
		return float64(p[0]), nil
	case plyInt16:
		return float64(int16(b.order.Uint16(p))), nil
	case plyUint16:
		return float64(b.order.Uint16(p)), nil
	case plyInt32:
		return float64(int32(b.order.Uint32(p))), nil
	case plyUint32:
		return float64(b.order.Uint32(p)), nil
	case plyFloat32:
		return float64(math.Float32frombits(b.order.Uint32(p))), nil
	}
	return math.Float64frombits(b.order.Uint64(p)), nil
}

func (b *plyBinaryBody) where(el *plyElement, i int) string {
	return fmt.Sprintf("%s %d", clip(el.name), i)
}
