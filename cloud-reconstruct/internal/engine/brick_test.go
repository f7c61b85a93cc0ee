package engine

import "testing"

func TestSlotTable(t *testing.T) {
	t.Parallel()
	var st slotTable
	if st.get(brickKey(1, 2, 3)) != -1 {
		t.Fatal("empty table found a key")
	}
	st.reset(1000)
	for i := int32(0); i < 1000; i++ {
		st.put(brickKey(i, i*7%13, i%5), i)
	}
	for i := int32(0); i < 1000; i++ {
		if got := st.get(brickKey(i, i*7%13, i%5)); got != i {
			t.Fatalf("key %d: slot %d", i, got)
		}
	}
	if st.get(brickKey(5000, 0, 0)) != -1 {
		t.Fatal("absent key found")
	}
	st.reset(10)
	if st.get(brickKey(3, 3*7%13, 3)) != -1 {
		t.Fatal("reset kept a key")
	}
	if brickKey(1, 0, 0) == brickKey(0, 1, 0) || brickKey(0, 1, 0) == brickKey(0, 0, 1) {
		t.Fatal("brick keys collide")
	}
}

func TestBrickReset(t *testing.T) {
	t.Parallel()
	b := &brick{}
	b.band[3] = 1
	b.evaluated[2] = 5
	b.edgeSet[1] = 7
	b.verts = append(b.verts, 1, 2, 3)
	b.nTri = 4
	b.reset(brickKey(1, 2, 3), 1, 2, 3)
	if b.band != [len(b.band)]uint64{} || b.evaluated != [len(b.evaluated)]uint64{} || b.edgeSet != [len(b.edgeSet)]uint64{} || len(b.verts) != 0 || b.nTri != 0 || b.bj != 2 {
		t.Fatal("reset left state behind")
	}
}
