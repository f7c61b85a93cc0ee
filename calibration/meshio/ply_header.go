package meshio

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// plyEncoding is the body encoding a PLY header declares.
type plyEncoding int

const (
	plyASCII plyEncoding = iota
	plyBinaryLE
	plyBinaryBE
)

// plyType is a PLY scalar type.
type plyType int

const (
	plyInvalid plyType = iota
	plyInt8
	plyUint8
	plyInt16
	plyUint16
	plyInt32
	plyUint32
	plyFloat32
	plyFloat64
)

// size returns the byte size of the type in a binary body.
func (t plyType) size() int {
	switch t {
	case plyInt8, plyUint8:
		return 1
	case plyInt16, plyUint16:
		return 2
	case plyInt32, plyUint32, plyFloat32:
		return 4
	case plyFloat64:
		return 8
	}
	return 0
}

// isInt reports whether the type holds integers.
func (t plyType) isInt() bool { return t != plyFloat32 && t != plyFloat64 && t != plyInvalid }

// parsePLYType maps both the old (char, uchar, ...) and the new (int8,
// uint8, ...) type names.
func parsePLYType(s string) plyType {
	switch s {
	case "char", "int8":
		return plyInt8
	case "uchar", "uint8":
		return plyUint8
	case "short", "int16":
		return plyInt16
	case "ushort", "uint16":
		return plyUint16
	case "int", "int32":
		return plyInt32
	case "uint", "uint32":
		return plyUint32
	case "float", "float32":
		return plyFloat32
	case "double", "float64":
		return plyFloat64
	}
	return plyInvalid
}

// plyProperty is one property of an element; list properties carry a count
// type and an item type.
type plyProperty struct {
	name      string
	typ       plyType
	list      bool
	countType plyType
}

// plyElement is one element declaration.
type plyElement struct {
	name  string
	count int
	props []plyProperty
}

// plyHeader is a parsed PLY header.
type plyHeader struct {
	encoding plyEncoding
	elements []plyElement
	lines    int // lines the header took, so ASCII errors can name body lines
}

// readPLYHeader parses the header up to and including end_header.
func readPLYHeader(br *bufio.Reader) (*plyHeader, error) {
	h := &plyHeader{}
	sawFormat := false
	for line := 1; ; line++ {
		if line > MaxHeaderLines {
			return nil, fmt.Errorf("ply header longer than %d lines: %w", MaxHeaderLines, ErrLimit)
		}
		raw, err := readLine(br)
		if err != nil {
			return nil, fmt.Errorf("ply header line %d: %w", line, err)
		}
		h.lines = line
		text := strings.TrimSpace(string(raw))
		if line == 1 {
			if text != "ply" {
				return nil, fmt.Errorf("ply header line 1: want \"ply\", got %q: %w", clip(text), ErrFormat)
			}
			continue
		}
		f := strings.Fields(text)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "comment", "obj_info":
		case "format":
			if len(f) != 3 || f[2] != "1.0" {
				return nil, fmt.Errorf("ply header line %d: bad format line %q: %w", line, clip(text), ErrFormat)
			}
			switch f[1] {
			case "ascii":
				h.encoding = plyASCII
			case "binary_little_endian":
				h.encoding = plyBinaryLE
			case "binary_big_endian":
				h.encoding = plyBinaryBE
			default:
				return nil, fmt.Errorf("ply header line %d: format %q: %w", line, clip(f[1]), ErrUnsupported)
			}
			sawFormat = true
		case "element":
			if len(f) != 3 {
				return nil, fmt.Errorf("ply header line %d: bad element line %q: %w", line, clip(text), ErrFormat)
			}
			n, err := strconv.Atoi(f[2])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("ply header line %d: element %q count %q: %w", line, clip(f[1]), clip(f[2]), ErrFormat)
			}
			if n > MaxElementCount {
				return nil, fmt.Errorf("ply header line %d: element %q has %d items, limit %d: %w", line, clip(f[1]), n, MaxElementCount, ErrLimit)
			}
			h.elements = append(h.elements, plyElement{name: f[1], count: n})
		case "property":
			if len(h.elements) == 0 {
				return nil, fmt.Errorf("ply header line %d: property before any element: %w", line, ErrFormat)
			}
			p, err := parsePLYProperty(f)
			if err != nil {
				return nil, fmt.Errorf("ply header line %d: %w", line, err)
			}
			el := &h.elements[len(h.elements)-1]
			el.props = append(el.props, p)
		case "end_header":
			if !sawFormat {
				return nil, fmt.Errorf("ply header: no format line: %w", ErrFormat)
			}
			return h, nil
		default:
			return nil, fmt.Errorf("ply header line %d: unknown keyword %q: %w", line, clip(f[0]), ErrFormat)
		}
	}
}

// parsePLYProperty parses "property TYPE NAME" or "property list CT IT NAME".
func parsePLYProperty(f []string) (plyProperty, error) {
	if len(f) == 5 && f[1] == "list" {
		ct, it := parsePLYType(f[2]), parsePLYType(f[3])
		if ct == plyInvalid || it == plyInvalid {
			return plyProperty{}, fmt.Errorf("list property %q types %q %q: %w", clip(f[4]), clip(f[2]), clip(f[3]), ErrUnsupported)
		}
		if !ct.isInt() {
			return plyProperty{}, fmt.Errorf("list property %q has non-integer count type %q: %w", clip(f[4]), f[2], ErrFormat)
		}
		return plyProperty{name: f[4], typ: it, list: true, countType: ct}, nil
	}
	if len(f) == 3 {
		t := parsePLYType(f[1])
		if t == plyInvalid {
			return plyProperty{}, fmt.Errorf("property %q type %q: %w", clip(f[2]), clip(f[1]), ErrUnsupported)
		}
		return plyProperty{name: f[2], typ: t}, nil
	}
	return plyProperty{}, fmt.Errorf("bad property line %q: %w", clip(strings.Join(f, " ")), ErrFormat)
}

// readLine returns the next line without its end-of-line bytes. It fails
// with ErrLimit on a line longer than MaxLine and returns io.EOF only when no
// bytes remain.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		part, err := br.ReadSlice('\n')
		if len(buf)+len(part) > MaxLine {
			return nil, fmt.Errorf("line longer than %d bytes: %w", MaxLine, ErrLimit)
		}
		buf = append(buf, part...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && len(buf) == 0 {
			return nil, err
		}
		return bytes.TrimRight(buf, "\r\n"), nil
	}
}

// clip shortens text quoted in an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
