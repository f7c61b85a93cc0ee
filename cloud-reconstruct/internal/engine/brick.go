package engine

// brick holds the finest cells of one 8x8x8 block that lie on the hull's
// boundary, the field at their corners and the vertices on the edges it
// owns (edges starting at a corner with local coordinates in [0,8)^3).
type brick struct {
	key        uint64
	bi, bj, bk int32

	band      [brickN * brickN * brickN / 64]uint64 // boundary cells
	cellMask  [brickN * brickN * brickN]uint64      // their active cameras
	conf      [brickN * brickN * brickN]uint8       // their corner signs
	corner    [brickC * brickC * brickC]float32     // field at corners
	evaluated [(brickC*brickC*brickC + 63) / 64]uint64
	edgeSet   [3 * brickN * brickN * brickN / 64]uint64
	edgeVert  [3 * brickN * brickN * brickN]int32 // brick-local vertex index
	verts     []float32

	// nbr[dx|dy<<1|dz<<2] is the slot of the brick at +dx,+dy,+dz (nbr[0]
	// is this brick), -1 where there is none.
	nbr [8]int32
	// prevNbr is the same for the previous frame's bricks (smoothing).
	prevNbr [8]int32

	vertBase, triBase, nTri int32
}

// reset readies a pooled brick for a new frame.
func (b *brick) reset(key uint64, bi, bj, bk int32) {
	b.key, b.bi, b.bj, b.bk = key, bi, bj, bk
	b.band = [len(b.band)]uint64{}
	b.evaluated = [len(b.evaluated)]uint64{}
	b.edgeSet = [len(b.edgeSet)]uint64{}
	b.verts = b.verts[:0]
	b.nTri = 0
}

func brickKey(i, j, k int32) uint64 {
	return uint64(uint32(i)) | uint64(uint32(j))<<21 | uint64(uint32(k))<<42
}

// slotTable maps brick keys to slots: open addressing, linear probing,
// rebuilt every frame.
type slotTable struct {
	keys  []uint64
	slots []int32
	mask  uint64
}

const emptyKey = ^uint64(0)

func (t *slotTable) reset(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(t.keys) < size {
		t.keys = make([]uint64, size)
		t.slots = make([]int32, size)
	}
	t.keys, t.slots = t.keys[:size], t.slots[:size]
	for i := range t.keys {
		t.keys[i] = emptyKey
	}
	t.mask = uint64(size - 1)
}

func hashKey(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

func (t *slotTable) put(k uint64, slot int32) {
	for h := hashKey(k) & t.mask; ; h = (h + 1) & t.mask {
		if t.keys[h] == emptyKey || t.keys[h] == k {
			t.keys[h], t.slots[h] = k, slot
			return
		}
	}
}

func (t *slotTable) get(k uint64) int32 {
	if len(t.keys) == 0 {
		return -1
	}
	for h := hashKey(k) & t.mask; ; h = (h + 1) & t.mask {
		switch t.keys[h] {
		case k:
			return t.slots[h]
		case emptyKey:
			return -1
		}
	}
}
