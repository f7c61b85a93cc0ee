package ops

import "sync"

// Histogram is a Prometheus-style cumulative histogram snapshot.
type Histogram struct {
	Bounds []float64 // upper bounds; +Inf is implied
	Counts []uint64  // per bound, not cumulative; one more for +Inf
	Sum    float64
	Count  uint64
}

// MsBuckets are the bounds used for stage times, milliseconds.
var MsBuckets = []float64{1, 2, 5, 10, 20, 33, 50, 100, 200, 500}

// Recorder accumulates observations; safe for concurrent use.
type Recorder struct {
	mu sync.Mutex
	h  Histogram
}

// NewRecorder returns a recorder with the given bounds.
func NewRecorder(bounds []float64) *Recorder {
	return &Recorder{h: Histogram{Bounds: bounds, Counts: make([]uint64, len(bounds)+1)}}
}

// Observe adds one value.
func (r *Recorder) Observe(v float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := 0
	for i < len(r.h.Bounds) && v > r.h.Bounds[i] {
		i++
	}
	r.h.Counts[i]++
	r.h.Sum += v
	r.h.Count++
}

// Snapshot copies the histogram.
func (r *Recorder) Snapshot() Histogram {
	r.mu.Lock()
	defer r.mu.Unlock()
	h := r.h
	h.Counts = append([]uint64(nil), r.h.Counts...)
	return h
}
