package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"cloudme.dev/proto/internal/testmask"
	"cloudme.dev/proto/maskcodec"
)

func TestRunPrintsOneLinePerCaseAndCodec(t *testing.T) {
	if testing.Short() {
		t.Skip("codes 4K masks with PNG; skipped under -short")
	}
	var out bytes.Buffer
	if err := run(&out, 2, 1); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var l map[string]any
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		name, _ := l["bench"].(string)
		if peer, ok := l["peer"].(string); ok {
			name = peer
		}
		seen[name]++
		for _, k := range []string{"case", "width", "height", "bytes", "raw_bytes", "ratio", "encode_p50_us", "encode_p99_us", "decode_p50_us", "decode_p99_us"} {
			if _, ok := l[k]; !ok {
				t.Errorf("line %q lacks %q", sc.Text(), k)
			}
		}
		if l["bytes"].(float64) <= 0 {
			t.Errorf("line %q has no bytes", sc.Text())
		}
	}
	for _, name := range []string{"mask_codec", "png", "zstd-raw"} {
		if seen[name] != len(cases()) {
			t.Errorf("%d %s lines, want %d", seen[name], name, len(cases()))
		}
	}
}

func TestRunRejectsZeroIterations(t *testing.T) {
	t.Parallel()
	if err := run(&bytes.Buffer{}, 0, 1); err == nil {
		t.Error("run with 0 iterations succeeded")
	}
}

func TestPackBits(t *testing.T) {
	t.Parallel()
	for _, size := range []struct{ w, h int }{{1, 1}, {8, 2}, {13, 5}, {64, 3}} {
		m := &maskcodec.Mask{Width: size.w, Height: size.h, Pix: testmask.Noise(size.w, size.h, 0.5, 3)}
		packed := packBits(nil, m)
		pix, err := unpackBits(nil, packed, size.w, size.h)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range pix {
			if (v == 255) != (m.Pix[i] != 0) || (v != 0 && v != 255) {
				t.Fatalf("%dx%d: pixel %d unpacked as %d from %d", size.w, size.h, i, v, m.Pix[i])
			}
		}
	}
	if _, err := unpackBits(nil, []byte{1, 2}, 8, 3); err == nil {
		t.Error("unpackBits accepted a short bitmap")
	}
}

func TestPercentileUS(t *testing.T) {
	t.Parallel()
	d := make([]time.Duration, 100)
	for i := range d {
		d[i] = time.Duration(100-i) * time.Microsecond
	}
	tests := []struct{ p, want float64 }{{0.5, 50}, {0.99, 99}, {1, 100}, {0, 1}}
	for _, tc := range tests {
		if got := percentileUS(d, tc.p); got != tc.want {
			t.Errorf("percentileUS(p=%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
}
