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

// Cameras waiting while one renders get that instant as soon as it is
// done, even when the camera that rendered it goes straight on to render
// the next one: they are not queued behind the next render.
func TestSharedWaitersAreNotQueuedBehindTheNextRender(t *testing.T) {
	t.Parallel()
	release := []chan struct{}{make(chan struct{}), make(chan struct{})}
	renders := 0
	// At 1000 fps every instant is due by the time a camera asks again.
	sh := newShared(1000, func(k, _ int64) (map[uint32]frame.Frame, error) {
		if renders < len(release) {
			<-release[renders]
		}
		renders++
		out := map[uint32]frame.Frame{}
		for id := range uint32(4) {
			out[id] = frame.Frame{CameraID: id, CaptureNs: k}
		}
		return out, nil
	})
	defer close(release[1])
	ctx := context.Background()
	leader := &member{s: sh, id: 0}
	go func() {
		for range 2 { // renders instant 0, then at once the next
			if _, err := leader.Read(ctx); err != nil {
				t.Error(err)
			}
		}
	}()
	time.Sleep(50 * time.Millisecond) // the leader is rendering
	got := make(chan int64, 3)
	for id := range uint32(3) {
		m := &member{s: sh, id: id + 1} // waiting for instant 0 too
		go func() {
			f, err := m.Read(ctx)
			if err != nil {
				t.Error(err)
			}
			got <- f.CaptureNs
		}()
	}
	time.Sleep(50 * time.Millisecond) // they wait for it
	close(release[0])
	for range 3 {
		select {
		case k := <-got:
			if k != 0 {
				t.Fatalf("a waiting camera got instant %d, want 0", k)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("waiting cameras did not get the rendered instant while the next render ran")
		}
	}
}
