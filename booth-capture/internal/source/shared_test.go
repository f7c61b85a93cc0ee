package source

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"cloudme.dev/booth-capture/internal/frame"
)

// A render slower than the frame period, and one camera whose reader is
// busy elsewhere for a while after each frame (as an agent's camera
// goroutine is when it hands its frame on through a loaded machine): the
// slow camera must still get every instant the others got, so that frame
// sets stay whole.
func TestSharedKeepsCamerasOnTheSameInstants(t *testing.T) {
	t.Parallel()
	const period = 10 * time.Millisecond
	const cams = 4
	sh := newShared(float64(time.Second/period), func(k, _ int64) (map[uint32]frame.Frame, error) {
		time.Sleep(3 * period) // renders fall behind: instants are skipped
		out := map[uint32]frame.Frame{}
		for id := range uint32(cams) {
			out[id] = frame.Frame{CameraID: id, CaptureNs: k}
		}
		return out, nil
	})
	got := make([][]int64, cams)
	var wg sync.WaitGroup
	for id := range uint32(cams) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := sh.open(id)
			for range 12 {
				f, err := m.Read(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				got[id] = append(got[id], f.CaptureNs)
				if id == cams-1 {
					time.Sleep(2 * period) // busy handing the frame on
				}
			}
		}()
	}
	wg.Wait()
	// Every camera ends on its 12th instant; the instants they share
	// from the first common one on must be the same.
	first := slices.Max([]int64{got[0][0], got[1][0], got[2][0], got[3][0]})
	trim := func(ks []int64) []int64 {
		i := slices.Index(ks, first)
		if i < 0 {
			return nil
		}
		return ks[i:]
	}
	want := trim(got[0])
	for id := 1; id < cams; id++ {
		g := trim(got[id])
		n := min(len(g), len(want))
		if n < 8 || !slices.Equal(g[:n], want[:n]) {
			t.Fatalf("camera %d took instants %v, camera 0 %v", id, got[id], got[0])
		}
	}
	for id := range cams {
		for i := 1; i < len(got[id]); i++ {
			if got[id][i] <= got[id][i-1] {
				t.Fatalf("camera %d took instants out of order or twice: %v", id, got[id])
			}
		}
	}
}
