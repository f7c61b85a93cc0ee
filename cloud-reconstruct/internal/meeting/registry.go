package meeting

import (
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"
)

// MaxBooths bounds the booths of one meeting.
const MaxBooths = 16

// Meeting is one active meeting.
type Meeting struct {
	ID      string    `json:"id"`
	Booths  []string  `json:"booths"`
	Created time.Time `json:"created"`
}

// Has reports whether booth b belongs to the meeting.
func (m Meeting) Has(b string) bool { return slices.Contains(m.Booths, b) }

// Registry holds the active meetings. It is safe for concurrent use; its
// methods are short critical sections with no I/O.
type Registry struct {
	mu       sync.Mutex
	meetings map[string]Meeting
	byBooth  map[string]string
	now      func() time.Time
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{meetings: map[string]Meeting{}, byBooth: map[string]string{}, now: time.Now}
}

// Create starts a meeting of the booths. A booth may be in one active
// meeting at a time.
func (r *Registry) Create(req CreateRequest) (Meeting, error) {
	if err := req.Validate(); err != nil {
		return Meeting{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.meetings[req.ID]; ok {
		return Meeting{}, fmt.Errorf("%w: %s", ErrExists, req.ID)
	}
	for _, b := range req.Booths {
		if m, ok := r.byBooth[b]; ok {
			return Meeting{}, fmt.Errorf("%w: booth %s is in meeting %s", ErrBoothBusy, b, m)
		}
	}
	m := Meeting{ID: req.ID, Booths: slices.Clone(req.Booths), Created: r.now().UTC()}
	r.meetings[m.ID] = m
	for _, b := range m.Booths {
		r.byBooth[b] = m.ID
	}
	return m, nil
}

// Get returns the active meeting with that id.
func (r *Registry) Get(id string) (Meeting, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.meetings[id]
	return m, ok
}

// Of returns the id of the active meeting booth b is in, or "".
func (r *Registry) Of(booth string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byBooth[booth]
}

// List returns the active meetings, oldest first.
func (r *Registry) List() []Meeting {
	r.mu.Lock()
	out := make([]Meeting, 0, len(r.meetings))
	for _, m := range r.meetings {
		out = append(out, m)
	}
	r.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.Before(out[j].Created)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// End removes the meeting and returns what it was.
func (r *Registry) End(id string) (Meeting, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.meetings[id]
	if !ok {
		return Meeting{}, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	delete(r.meetings, id)
	for _, b := range m.Booths {
		delete(r.byBooth, b)
	}
	return m, nil
}

// EndAll removes every meeting (on shutdown) and returns them.
func (r *Registry) EndAll() []Meeting {
	ms := r.List()
	r.mu.Lock()
	defer r.mu.Unlock()
	clear(r.meetings)
	clear(r.byBooth)
	return ms
}
