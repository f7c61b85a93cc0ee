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
// lookups are short critical sections with no I/O. With a Store, Create
// and End also write the file (serialised among themselves, never
// blocking lookups).
type Registry struct {
	mu       sync.Mutex
	meetings map[string]Meeting
	byBooth  map[string]string
	now      func() time.Time

	store  *Store
	saveMu sync.Mutex // held across a change and its write
}

// NewRegistry returns an empty registry kept in memory only.
func NewRegistry() *Registry {
	return &Registry{meetings: map[string]Meeting{}, byBooth: map[string]string{}, now: time.Now}
}

// OpenRegistry returns a registry holding the meetings of the store's
// file, which it keeps up to date from then on.
func OpenRegistry(store *Store) (*Registry, error) {
	ms, err := store.Load()
	if err != nil {
		return nil, err
	}
	r := NewRegistry()
	r.store = store
	for _, m := range ms {
		r.add(m)
	}
	return r, nil
}

func (r *Registry) add(m Meeting) {
	r.meetings[m.ID] = m
	for _, b := range m.Booths {
		r.byBooth[b] = m.ID
	}
}

func (r *Registry) remove(m Meeting) {
	delete(r.meetings, m.ID)
	for _, b := range m.Booths {
		delete(r.byBooth, b)
	}
}

// persist writes the registry's meetings to its store, if any. The
// caller holds saveMu, not mu.
func (r *Registry) persist() error {
	if r.store == nil {
		return nil
	}
	return r.store.Save(r.List())
}

// Create starts a meeting of the booths. A booth may be in one active
// meeting at a time. With a store, a meeting that cannot be written is
// not created (ErrStore).
func (r *Registry) Create(req CreateRequest) (Meeting, error) {
	if err := req.Validate(); err != nil {
		return Meeting{}, err
	}
	r.saveMu.Lock()
	defer r.saveMu.Unlock()
	r.mu.Lock()
	if _, ok := r.meetings[req.ID]; ok {
		r.mu.Unlock()
		return Meeting{}, fmt.Errorf("%w: %s", ErrExists, req.ID)
	}
	for _, b := range req.Booths {
		if m, ok := r.byBooth[b]; ok {
			r.mu.Unlock()
			return Meeting{}, fmt.Errorf("%w: booth %s is in meeting %s", ErrBoothBusy, b, m)
		}
	}
	m := Meeting{ID: req.ID, Booths: slices.Clone(req.Booths), Created: r.now().UTC()}
	r.add(m)
	r.mu.Unlock()
	if err := r.persist(); err != nil {
		r.mu.Lock()
		r.remove(m)
		r.mu.Unlock()
		return Meeting{}, err
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

// End removes the meeting and returns what it was. With a store, a
// meeting whose end cannot be written stays active (ErrStore).
func (r *Registry) End(id string) (Meeting, error) {
	r.saveMu.Lock()
	defer r.saveMu.Unlock()
	r.mu.Lock()
	m, ok := r.meetings[id]
	if !ok {
		r.mu.Unlock()
		return Meeting{}, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	r.remove(m)
	r.mu.Unlock()
	if err := r.persist(); err != nil {
		r.mu.Lock()
		r.add(m)
		r.mu.Unlock()
		return Meeting{}, err
	}
	return m, nil
}

// EndAll removes every meeting (on shutdown) and returns them. It leaves
// the store's file as it was: the meetings are this node's to serve
// again when it restarts.
func (r *Registry) EndAll() []Meeting {
	ms := r.List()
	r.mu.Lock()
	defer r.mu.Unlock()
	clear(r.meetings)
	clear(r.byBooth)
	return ms
}
