package ingest

import "sync"

// recentSize is how many models' capture times a booth remembers for
// matching renderers' display reports.
const recentSize = 128

// recent maps the sequence numbers of the latest models to their capture
// times (cloud clock).
type recent struct {
	mu   sync.Mutex
	seq  [recentSize]uint64
	at   [recentSize]int64
	have [recentSize]bool
}

func (r *recent) add(seq uint64, captureNs int64) {
	i := seq % recentSize
	r.mu.Lock()
	r.seq[i], r.at[i], r.have[i] = seq, captureNs, true
	r.mu.Unlock()
}

func (r *recent) get(seq uint64) (int64, bool) {
	i := seq % recentSize
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.have[i] || r.seq[i] != seq {
		return 0, false
	}
	return r.at[i], true
}
