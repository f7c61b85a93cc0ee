package reconbench

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteNPY(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "a.npy")
	if err := writeNPY(p, []int{2, 3}, []float32{1, 2, 3, 4, 5, 6}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(b[:6]) != "\x93NUMPY" || (len(b)-6*4)%64 != 0 {
		t.Fatalf("bad header or alignment: %q, %d bytes", b[:10], len(b))
	}
	hl := int(b[8]) | int(b[9])<<8
	if hdr := string(b[10 : 10+hl]); hdr[len(hdr)-1] != '\n' || !contains(hdr, "'shape': (2, 3)") || !contains(hdr, "'<f4'") {
		t.Fatalf("header %q", hdr)
	}
	if err := writeNPY(filepath.Join(dir, "b.npy"), []int{3}, []uint8{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	if err := writeNPY(filepath.Join(dir, "c.npy"), []int{4}, []uint8{1, 2, 3}); err == nil {
		t.Fatal("shape mismatch accepted")
	}
	if err := writeNPY(filepath.Join(dir, "d.npy"), []int{1}, []int{1}); err == nil {
		t.Fatal("int data accepted")
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
