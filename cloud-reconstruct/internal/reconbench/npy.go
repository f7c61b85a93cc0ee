package reconbench

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"strings"
)

// writeNPY writes a little-endian NumPy .npy file (format 1.0) of dtype
// '<f4' or '|u1' with the given shape; data is []float32 or []uint8.
func writeNPY(path string, shape []int, data any) error {
	var dtype string
	var n int
	switch d := data.(type) {
	case []float32:
		dtype, n = "<f4", len(d)
	case []uint8:
		dtype, n = "|u1", len(d)
	default:
		return fmt.Errorf("npy %s: unsupported data %T", path, data)
	}
	want := 1
	dims := make([]string, len(shape))
	for i, s := range shape {
		want *= s
		dims[i] = fmt.Sprint(s)
	}
	if want != n {
		return fmt.Errorf("npy %s: %d values for shape %v", path, n, shape)
	}
	tuple := strings.Join(dims, ", ")
	if len(shape) == 1 {
		tuple += ","
	}
	header := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (%s), }", dtype, tuple)
	// Magic (6) + version (2) + length (2) + header + newline, padded to 64.
	pad := 64 - (10+len(header)+1)%64
	if pad == 64 {
		pad = 0
	}
	header += strings.Repeat(" ", pad) + "\n"
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	w.WriteString("\x93NUMPY\x01\x00")
	binary.Write(w, binary.LittleEndian, uint16(len(header)))
	w.WriteString(header)
	switch d := data.(type) {
	case []float32:
		var b [4]byte
		for _, v := range d {
			binary.LittleEndian.PutUint32(b[:], math.Float32bits(v))
			w.Write(b[:])
		}
	case []uint8:
		w.Write(d)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
