package wire

import (
	"encoding/binary"
	"fmt"
)

// Large messages (frame sets, model frames) are split into chunks to cross
// a WebRTC data channel, whose messages are best kept under 64 KiB. Each
// chunk is a 16-byte header followed by a slice of the encoded envelope:
//
//	offset size field
//	0      2    magic "CK"
//	2      1    chunk format version (1)
//	3      1    flags (0)
//	4      4    message id, big endian, increasing per sender (wraps)
//	8      2    chunk index
//	10     2    chunk count (>= 1)
//	12     4    total message length in bytes
//	16     ...  payload
//
// Channels may be unordered and lossy: a Reassembler keeps a few messages
// in flight and lets the newest win, so a lost chunk costs one message,
// never a stall.
const (
	chunkMagic0, chunkMagic1 = 'C', 'K'
	chunkVersion             = 1
	// ChunkHeaderSize is the bytes each chunk adds.
	ChunkHeaderSize = 16
	// DefaultChunkPayload keeps each chunk within 16 KiB, the size every
	// WebRTC stack delivers without fragmentation trouble.
	DefaultChunkPayload = 16*1024 - ChunkHeaderSize
	maxChunkCount       = 1 << 16
)

// Split cuts msg into chunks of at most payload bytes each (plus the
// header) and calls emit for each, in order. The chunk slices are only
// valid during the call.
func Split(id uint32, msg []byte, payload int, emit func(chunk []byte) error) error {
	if payload <= 0 {
		payload = DefaultChunkPayload
	}
	count := (len(msg) + payload - 1) / payload
	if count == 0 {
		count = 1
	}
	if count > maxChunkCount-1 {
		return fmt.Errorf("split message %d: %w: %d bytes needs %d chunks of %d", id, ErrTooLarge, len(msg), count, payload)
	}
	per := chunkSize(len(msg), count)
	buf := make([]byte, ChunkHeaderSize+per)
	for i := 0; i < count; i++ {
		lo, hi := i*per, min((i+1)*per, len(msg))
		b := buf[:ChunkHeaderSize+hi-lo]
		b[0], b[1], b[2], b[3] = chunkMagic0, chunkMagic1, chunkVersion, 0
		binary.BigEndian.PutUint32(b[4:], id)
		binary.BigEndian.PutUint16(b[8:], uint16(i))
		binary.BigEndian.PutUint16(b[10:], uint16(count))
		binary.BigEndian.PutUint32(b[12:], uint32(len(msg)))
		copy(b[ChunkHeaderSize:], msg[lo:hi])
		if err := emit(b); err != nil {
			return err
		}
	}
	return nil
}

// ReassemblyStats counts what a Reassembler dropped.
type ReassemblyStats struct {
	// Completed messages returned.
	Completed uint64
	// Superseded partial messages dropped because newer ones arrived.
	Superseded uint64
	// Stale chunks of messages older than one already completed or dropped.
	Stale uint64
	// Rejected malformed chunks.
	Rejected uint64
}

type partial struct {
	id       uint32
	count    int
	total    int
	received int
	got      []bool
	buf      []byte
}

// Reassembler rebuilds messages from chunks. It is not safe for concurrent
// use; give each data channel its own.
type Reassembler struct {
	maxBytes int
	inFlight []*partial
	maxLive  int
	// floor is the newest message completed or dropped: chunks of it and
	// of older messages are stale.
	floor    uint32
	hasFloor bool
	stats    ReassemblyStats
}

// NewReassembler accepts messages up to maxBytes and keeps at most live
// partial messages (at least 1) before dropping the oldest.
func NewReassembler(maxBytes, live int) *Reassembler {
	if live < 1 {
		live = 1
	}
	return &Reassembler{maxBytes: maxBytes, maxLive: live}
}

// Stats returns the counters so far.
func (r *Reassembler) Stats() ReassemblyStats { return r.stats }

// newer reports whether a is after b in wrapping serial-number order.
func newer(a, b uint32) bool { return int32(a-b) > 0 }

// Push adds one chunk. It returns the whole message when this chunk
// completes one; the slice stays valid until the next call to Push. An
// error means the chunk was malformed and was dropped; the reassembler
// stays usable.
func (r *Reassembler) Push(chunk []byte) ([]byte, error) {
	if len(chunk) < ChunkHeaderSize || chunk[0] != chunkMagic0 || chunk[1] != chunkMagic1 {
		r.stats.Rejected++
		return nil, fmt.Errorf("chunk: %w: bad header", ErrMalformed)
	}
	if chunk[2] != chunkVersion {
		r.stats.Rejected++
		return nil, fmt.Errorf("chunk: %w: chunk format version %d, this program speaks %d", ErrVersion, chunk[2], chunkVersion)
	}
	id := binary.BigEndian.Uint32(chunk[4:])
	idx := int(binary.BigEndian.Uint16(chunk[8:]))
	count := int(binary.BigEndian.Uint16(chunk[10:]))
	total := int(binary.BigEndian.Uint32(chunk[12:]))
	data := chunk[ChunkHeaderSize:]
	if count == 0 || idx >= count {
		r.stats.Rejected++
		return nil, fmt.Errorf("chunk %d of message %d: %w: index outside count %d", idx, id, ErrMalformed, count)
	}
	if total > r.maxBytes {
		r.stats.Rejected++
		return nil, fmt.Errorf("message %d: %w: %d bytes, limit %d", id, ErrTooLarge, total, r.maxBytes)
	}
	per := chunkSize(total, count)
	lo := idx * per
	want := min(per, total-lo)
	if want < 0 || len(data) != want {
		r.stats.Rejected++
		return nil, fmt.Errorf("chunk %d of message %d: %w: %d payload bytes, want %d", idx, id, ErrMalformed, len(data), max(want, 0))
	}
	p := r.find(id)
	if p == nil {
		if r.hasFloor && !newer(id, r.floor) {
			r.stats.Stale++
			return nil, nil
		}
		if p = r.open(id, count, total); p == nil {
			r.stats.Stale++
			return nil, nil
		}
	} else if p.count != count || p.total != total {
		r.stats.Rejected++
		return nil, fmt.Errorf("chunk %d of message %d: %w: count or length differs from earlier chunks", idx, id, ErrMalformed)
	}
	if p.got[idx] {
		return nil, nil // duplicate
	}
	p.got[idx] = true
	p.received++
	copy(p.buf[lo:], data)
	if p.received < p.count {
		return nil, nil
	}
	// Complete: every older partial message is now superseded, and no
	// chunk of this one or an older one is wanted again.
	msg := p.buf
	kept := r.inFlight[:0]
	for _, q := range r.inFlight {
		switch {
		case q == p:
		case newer(q.id, id):
			kept = append(kept, q)
		default:
			r.stats.Superseded++
		}
	}
	r.inFlight = kept
	r.raiseFloor(id)
	r.stats.Completed++
	return msg, nil
}

// chunkSize is the payload of every chunk but the last: both sides derive
// it from the total length and the chunk count.
func chunkSize(total, count int) int { return (total + count - 1) / count }

func (r *Reassembler) raiseFloor(id uint32) {
	if !r.hasFloor || newer(id, r.floor) {
		r.floor, r.hasFloor = id, true
	}
}

func (r *Reassembler) find(id uint32) *partial {
	for _, p := range r.inFlight {
		if p.id == id {
			return p
		}
	}
	return nil
}

// open starts a partial message, dropping the oldest one when the
// reassembler is full. It returns nil when the new message is itself the
// oldest and so not worth keeping.
func (r *Reassembler) open(id uint32, count, total int) *partial {
	if len(r.inFlight) >= r.maxLive {
		oldest := 0
		for i, q := range r.inFlight {
			if newer(r.inFlight[oldest].id, q.id) {
				oldest = i
			}
		}
		if newer(r.inFlight[oldest].id, id) {
			return nil
		}
		r.raiseFloor(r.inFlight[oldest].id)
		r.inFlight = append(r.inFlight[:oldest], r.inFlight[oldest+1:]...)
		r.stats.Superseded++
	}
	p := &partial{id: id, count: count, total: total, got: make([]bool, count), buf: make([]byte, total)}
	r.inFlight = append(r.inFlight, p)
	return p
}
