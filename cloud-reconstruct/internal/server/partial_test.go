package server

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/synthbooth"
	"cloudme.dev/proto/pb"
)

// TestPartialFrameSetsAreNotReconstructed: a camera missing from a frame
// set carves nothing, so reconstructing a set that lacks most of the rig
// gives a model many times the person's size and cost (seen end to end:
// a set with 1 view of 8 took the engine seconds and gave 4 million
// triangles). The cloud drops such sets, counted, and reconstructs the
// complete ones. Real pion over loopback, real CPU engine.
func TestPartialFrameSetsAreNotReconstructed(t *testing.T) {
	if testing.Short() {
		t.Skip("WebRTC session with reconstruction: skipped under -short")
	}
	leakCheck(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c := newTestCloud(t)
	b, err := synthbooth.New(synthbooth.Params{BoothID: "booth-a", Cameras: 4, Scale: 0.25, Frames: 1, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := c.dial(t, ctx, "/v1/subscribe?booth=booth-a", c.token(t, auth.Grants{SubscribeBooths: []string{"booth-a"}}), "render")
	if err != nil {
		t.Fatal(err)
	}
	pub, err := c.dial(t, ctx, "/v1/publish", c.token(t, auth.Grants{Publish: "booth-a"}), "booth-a")
	if err != nil {
		t.Fatal(err)
	}
	if err := pub.SendControl(b.Hello()); err != nil {
		t.Fatal(err)
	}
	// 4 cameras: DefaultMinViews is 3. Sets 1-4 carry 1 or 2 views; from
	// 5 on every view.
	const partial = 4
	send := func(seq uint64) {
		now := time.Now().UnixNano()
		env := b.Frame(seq, now, now)
		if seq <= partial {
			fs := env.GetFrameSet()
			fs.Views = fs.Views[:1+seq%2]
		}
		if err := pub.SendMedia(env); err != nil {
			t.Errorf("send %d: %v", seq, err)
		}
	}
	for seq := uint64(1); seq <= partial; seq++ {
		send(seq)
		time.Sleep(30 * time.Millisecond)
	}
	// Complete sets until a model comes back.
	seq := uint64(partial)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var first *pb.ModelFrame
	for first == nil {
		select {
		case <-ctx.Done():
			t.Fatal("no model for the complete frame sets")
		case <-tick.C:
			seq++
			send(seq)
		case msg := <-sub.Media():
			first = msg.Envelope.GetModelFrame()
			if first == nil {
				t.Fatalf("got %T", msg.Envelope.GetBody())
			}
		}
	}
	if first.GetSequence() <= partial {
		t.Fatalf("the cloud reconstructed partial frame set %d", first.GetSequence())
	}
	code, body := c.do(t, ctx, "GET", "/metrics", "", nil)
	if want := `cloud_drops_total{reason="too_few_views"} 4`; code != http.StatusOK || !strings.Contains(body, want) {
		for _, line := range strings.Split(body, "\n") {
			if strings.HasPrefix(line, "cloud_drops_total") || strings.HasPrefix(line, "cloud_frame_sets_total") {
				t.Log(line)
			}
		}
		t.Fatalf("metrics lack %s", want)
	}
}

// TestUndecodableFrameSetsAreDroppedByTheWorker: frame sets are decoded
// only when the engine takes them, so a set whose mask is garbage
// is found out there; it is dropped and counted, and the booth's session
// carries on with the next sets. Real pion over loopback, real CPU engine.
func TestUndecodableFrameSetsAreDroppedByTheWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("WebRTC session with reconstruction: skipped under -short")
	}
	leakCheck(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c := newTestCloud(t)
	b, err := synthbooth.New(synthbooth.Params{BoothID: "booth-a", Cameras: 4, Scale: 0.25, Frames: 1, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := c.dial(t, ctx, "/v1/subscribe?booth=booth-a", c.token(t, auth.Grants{SubscribeBooths: []string{"booth-a"}}), "render")
	if err != nil {
		t.Fatal(err)
	}
	pub, err := c.dial(t, ctx, "/v1/publish", c.token(t, auth.Grants{Publish: "booth-a"}), "booth-a")
	if err != nil {
		t.Fatal(err)
	}
	if err := pub.SendControl(b.Hello()); err != nil {
		t.Fatal(err)
	}
	const broken = 3
	send := func(seq uint64) {
		now := time.Now().UnixNano()
		env := b.Frame(seq, now, now)
		if seq <= broken {
			v := env.GetFrameSet().GetViews()[seq%4]
			v.Mask = []byte("not a mask at all")
		}
		if err := pub.SendMedia(env); err != nil {
			t.Errorf("send %d: %v", seq, err)
		}
	}
	// Far enough apart that the idle engine takes (and decodes) each.
	for seq := uint64(1); seq <= broken; seq++ {
		send(seq)
		time.Sleep(300 * time.Millisecond)
	}
	seq := uint64(broken)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var first *pb.ModelFrame
	for first == nil {
		select {
		case <-ctx.Done():
			t.Fatal("no model for the good frame sets after the broken ones")
		case <-tick.C:
			seq++
			send(seq)
		case msg := <-sub.Media():
			first = msg.Envelope.GetModelFrame()
			if first == nil {
				t.Fatalf("got %T", msg.Envelope.GetBody())
			}
		}
	}
	if first.GetSequence() <= broken {
		t.Fatalf("the cloud reconstructed broken frame set %d", first.GetSequence())
	}
	// The booth is told each set its engine takes once the engine's time
	// per set is known (the first broken set's decoding gave it one).
	var took *pb.EngineTook
	for took.GetSequence() <= broken {
		select {
		case <-ctx.Done():
			t.Fatal("no EngineTook notice for a good set reached the booth")
		case m := <-pub.Control():
			if et := m.Envelope.GetControl().GetEngineTook(); et != nil {
				took = et
			}
		}
	}
	if took.GetSequence() > seq || took.GetBusyUs() == 0 {
		t.Fatalf("EngineTook %v: want a good set (%d to %d) and a busy time", took, broken+1, seq)
	}
	code, body := c.do(t, ctx, "GET", "/metrics", "", nil)
	if want := `cloud_drops_total{reason="undecodable"} `; code != http.StatusOK || !strings.Contains(body, want) {
		for _, line := range strings.Split(body, "\n") {
			if strings.HasPrefix(line, "cloud_drops_total") || strings.HasPrefix(line, "cloud_frame_sets_total") {
				t.Log(line)
			}
		}
		t.Fatalf("metrics lack %s", want)
	}
}
