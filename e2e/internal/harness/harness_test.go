package harness

import (
	"math"
	"net"
	"strings"
	"testing"
	"time"
)

func TestParseStatCPU(t *testing.T) {
	t.Parallel()
	// utime 250 and stime 50 ticks: 3 s; the name holds a space and a ')'.
	line := "1234 (odd) name) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 4 0 100 1000 10 18446744073709551615"
	d, err := parseStatCPU([]byte(line))
	if err != nil || d != 3*time.Second {
		t.Fatalf("got %v, %v; want 3s", d, err)
	}
	for _, bad := range []string{"", "1 (x", "1 (x) S 1 2", "1 (x) S 1 1 1 0 -1 0 0 0 0 0 a b"} {
		if _, err := parseStatCPU([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

const exposition = `# HELP h latency
# TYPE h histogram
h_bucket{stage="a",le="0.1"} 2
h_bucket{stage="a",le="0.2"} 6
h_bucket{stage="a",le="+Inf"} 10
h_sum{stage="a"} 1.5
h_count{stage="a"} 10
h_bucket{stage="b",le="0.1"} 10
h_bucket{stage="b",le="0.2"} 10
h_bucket{stage="b",le="+Inf"} 10
c_total{reason="x y"} 3
c_total{reason="z"} 4
g 7 1700000000
`

func TestSamples(t *testing.T) {
	t.Parallel()
	s, err := ParseSamples(strings.NewReader(exposition))
	if err != nil {
		t.Fatal(err)
	}
	if v := s.Sum("c_total", nil); v != 7 {
		t.Errorf("sum %v", v)
	}
	if v := s.Values("c_total", "reason")["x y"]; v != 3 {
		t.Errorf("label with a space: %v", v)
	}
	if v := s.Sum("g", nil); v != 7 {
		t.Errorf("gauge with a timestamp: %v", v)
	}
	h := s.Histogram("h", map[string]string{"stage": "a"})
	if h.Count != 10 || h.Sum != 1.5 {
		t.Fatalf("histogram %+v", h)
	}
	// Rank 5 of 10 lies 3/4 of the way through the (0.1, 0.2] bucket.
	if q := h.Quantile(0.5); math.Abs(q-0.175) > 1e-9 {
		t.Errorf("p50 %v, want 0.175", q)
	}
	// Beyond the last finite bound: its lower edge.
	if q := h.Quantile(0.99); q != 0.2 {
		t.Errorf("p99 %v, want 0.2", q)
	}
	if q := (Histogram{}).Quantile(0.5); !math.IsNaN(q) {
		t.Errorf("empty histogram: %v", q)
	}
	prev, _ := ParseSamples(strings.NewReader("c_total{reason=\"z\"} 1\ng 9\n"))
	d := s.Sub(prev)
	if d.Sum("c_total", map[string]string{"reason": "z"}) != 3 || d.Sum("g", nil) != 7 {
		t.Errorf("sub %v", d)
	}
	if _, err := ParseSamples(strings.NewReader("novalue\n")); err == nil {
		t.Error("a line without a value parsed")
	}
}

func FuzzParseSamples(f *testing.F) {
	f.Add(exposition)
	f.Add("a{b=\"c\\\"\"} 1\n")
	f.Fuzz(func(t *testing.T, text string) {
		s, err := ParseSamples(strings.NewReader(text))
		if err != nil {
			return
		}
		for k := range s {
			labelsOf(k)
		}
		_ = s.Histogram("h", nil).Quantile(0.5)
	})
}

// TestImpairment sends datagrams through an impaired socket: all pass
// when clean, none when blackholed or at 100 % loss, and a delay holds
// them at least that long.
func TestImpairment(t *testing.T) {
	t.Parallel()
	a, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	im := &Impairment{}
	ic := newImpairedConn(a, im)
	defer ic.Close()
	recv := func(wait time.Duration) bool {
		_ = b.SetReadDeadline(time.Now().Add(wait))
		buf := make([]byte, 64)
		_, _, err := b.ReadFrom(buf)
		return err == nil
	}
	send := func() time.Time {
		at := time.Now()
		if _, err := ic.WriteTo([]byte("x"), b.LocalAddr()); err != nil {
			t.Fatal(err)
		}
		return at
	}
	send()
	if !recv(2 * time.Second) {
		t.Fatal("clean path lost a datagram")
	}
	im.Blackhole(true)
	send()
	if recv(200 * time.Millisecond) {
		t.Fatal("blackhole let a datagram through")
	}
	im.Blackhole(false)
	im.Set(1, 0, 0)
	send()
	if recv(200 * time.Millisecond) {
		t.Fatal("100 % loss let a datagram through")
	}
	im.Set(0, 100*time.Millisecond, 0)
	at := send()
	if !recv(5*time.Second) || time.Since(at) < 100*time.Millisecond {
		t.Fatal("the delayed datagram came early or not at all")
	}
	if im.Dropped.Load() != 2 || im.Passed.Load() != 2 {
		t.Errorf("passed %d dropped %d, want 2 and 2", im.Passed.Load(), im.Dropped.Load())
	}
	// The read side: b sends to the impaired socket, which holds it.
	if _, err := b.WriteTo([]byte("y"), a.LocalAddr()); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		buf := make([]byte, 8)
		n, _, _ := ic.ReadFrom(buf) // returns at Close at the latest
		got <- string(buf[:n])
	}()
	select {
	case s := <-got:
		if s != "y" {
			t.Fatalf("read %q", s)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the impaired socket did not deliver")
	}
}
