package engine

// brick holds the finest cells of one 8x8x8 block that lie on the hull's
// boundary, the field at their corners and the vertices on the edges it
// owns (edges starting at a corner with local coordinates in [0,8)^3).
//
// The band is kept at two levels: band1 marks the boundary cells of level
// 1 (4x4x4 per brick, bit x+4y+16z) with their active cameras in mask1;
// band marks their children, the finest cells the surface is extracted
// from.
type brick struct {
	key        uint64
	bi, bj, bk int32

	band1 uint64
	mask1 [brickN * brickN * brickN / 8]uint64
	// cls1 is the class (cellEmpty, cellInside; 0 when unknown) of the
	// level-1 cells off the band, same index as band1.
	cls1      [brickN * brickN * brickN / 8]uint8
	band      [brickN * brickN * brickN / 64]uint64 // finest band cells
	conf      [brickN * brickN * brickN]uint8       // their corner signs
	surf      []uint16                              // band cells with triangles
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
	// back[d] is the slot of the brick at -dx,-dy,-dz (whose nbr[d] is
	// this brick), -1 where there is none; back[0] is unused.
	back [8]int32

	// need is the set of corners (bit ci) of the brick's band cells;
	// empty1 and inside1 the level-1 cells off the band by class (bit as
	// band1).
	need            [(brickC*brickC*brickC + 63) / 64]uint64
	empty1, inside1 uint64

	vertBase, triBase, nTri int32
}

// reset readies a pooled brick for a new frame.
func (b *brick) reset(key uint64, bi, bj, bk int32) {
	b.key, b.bi, b.bj, b.bk = key, bi, bj, bk
	b.band1 = 0
	b.cls1 = [len(b.cls1)]uint8{}
	b.band = [len(b.band)]uint64{}
	b.surf = b.surf[:0]
	b.evaluated = [len(b.evaluated)]uint64{}
	b.need = [len(b.need)]uint64{}
	b.edgeSet = [len(b.edgeSet)]uint64{}
	b.verts = b.verts[:0]
	b.nTri = 0
}

// setClass records the class of cell (i, j, k) of level 1 or 2 (global
// coordinates at that level) for the level-1 cells it covers.
func (b *brick) setClass(level int, i, j, k int32, cls uint8) {
	const n1 = brickN / 2 // level-1 cells per brick edge
	if level == 1 {
		b.cls1[i-b.bi*n1+n1*(j-b.bj*n1+n1*(k-b.bk*n1))] = cls
		return
	}
	x, y, z := 2*(i-b.bi*n1/2), 2*(j-b.bj*n1/2), 2*(k-b.bk*n1/2)
	for v := int32(0); v < 8; v++ {
		b.cls1[x+v&1+n1*(y+v>>1&1+n1*(z+v>>2&1))] = cls
	}
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
