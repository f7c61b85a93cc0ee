package meeting

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// StoreVersion is the format version of a meetings file.
const StoreVersion = 1

// MaxStoreBytes bounds a meetings file (MaxBooths booths of 64-byte ids
// for a few thousand meetings).
const MaxStoreBytes = 4 << 20

// ErrStore wraps every meetings-file error.
var ErrStore = errors.New("meetings file")

// storeFile is the JSON layout of a meetings file.
type storeFile struct {
	Version  int       `json:"version"`
	Meetings []Meeting `json:"meetings"`
}

// Store keeps the active meetings in a file, so that a cloud node that
// restarts (a crash, an upgrade) serves the same meetings again and the
// renderers subscribed to them reconnect to something. Each change is
// written whole to a temporary file, synced and renamed over the old one:
// a crash leaves the old list or the new one, never half of either.
type Store struct {
	path string
	mu   sync.Mutex // serialises writes
}

// NewStore returns a store at path; the file need not exist yet.
func NewStore(path string) *Store { return &Store{path: path} }

// Path is the file's path.
func (s *Store) Path() string { return s.path }

// Load reads the file: no file is no meetings. A file that is too big,
// of another version, malformed, or that names an invalid meeting or a
// booth twice is an error naming the file, so that an operator fixes it
// rather than a node starting with meetings silently lost.
func (s *Store) Load() ([]Meeting, error) {
	f, err := os.Open(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxStoreBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w %s: %w", ErrStore, s.path, err)
	}
	ms, err := decodeStore(data)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %w", ErrStore, s.path, err)
	}
	return ms, nil
}

func decodeStore(data []byte) ([]Meeting, error) {
	if len(data) > MaxStoreBytes {
		return nil, fmt.Errorf("larger than %d bytes", MaxStoreBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var sf storeFile
	if err := dec.Decode(&sf); err != nil {
		return nil, fmt.Errorf("not a meetings file: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("trailing data after the meetings")
	}
	if sf.Version != StoreVersion {
		return nil, fmt.Errorf("format version %d, this build reads %d", sf.Version, StoreVersion)
	}
	seen := map[string]string{}
	ids := map[string]bool{}
	for i, m := range sf.Meetings {
		if err := (CreateRequest{ID: m.ID, Booths: m.Booths}).Validate(); err != nil {
			return nil, fmt.Errorf("meeting %d: %w", i, err)
		}
		if ids[m.ID] {
			return nil, fmt.Errorf("meeting %s listed twice", m.ID)
		}
		ids[m.ID] = true
		for _, b := range m.Booths {
			if other, ok := seen[b]; ok {
				return nil, fmt.Errorf("booth %s is in meetings %s and %s", b, other, m.ID)
			}
			seen[b] = m.ID
		}
	}
	return sf.Meetings, nil
}

// Save replaces the file's meetings with ms.
func (s *Store) Save(ms []Meeting) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ms == nil {
		ms = []Meeting{}
	}
	data, err := json.MarshalIndent(storeFile{Version: StoreVersion, Meetings: ms}, "", "  ")
	if err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	dir := filepath.Dir(s.path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(s.path)+".*")
	if err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	_, werr := tmp.Write(append(data, '\n'))
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return fmt.Errorf("%w %s: %w", ErrStore, s.path, err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	return nil
}
