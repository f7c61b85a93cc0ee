package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"cloudme.dev/calibration/link"
	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/events"
	"cloudme.dev/cloud-reconstruct/internal/synthbooth"
	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
	"cloudme.dev/proto/pb"
)

// TestMeetingEndToEnd runs a real server with the real CPU engine, two
// synthetic booths publishing over real pion sessions and two renderers
// watching the meeting, each excluding its own booth.
func TestMeetingEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end WebRTC meeting with reconstruction: slow, skipped under -short")
	}
	leakCheck(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	c := newTestCloud(t)
	op := c.token(t, auth.Grants{Operator: true})

	// Operator's event stream.
	hdr := http.Header{"Authorization": {"Bearer " + op}}
	ws, _, err := websocket.DefaultDialer.DialContext(ctx, "ws"+strings.TrimPrefix(c.http.URL, "http")+"/v1/events", hdr)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	evs := make(chan events.Event, 64)
	go func() {
		defer close(evs)
		for {
			var e events.Event
			if err := ws.ReadJSON(&e); err != nil {
				return
			}
			evs <- e
		}
	}()

	if code, body := c.do(t, ctx, "POST", "/v1/meetings", op, map[string]any{"id": "m1", "booths": []string{"booth-a", "booth-b"}}); code != http.StatusCreated {
		t.Fatalf("create meeting: %d %s", code, body)
	}
	if code, body := c.do(t, ctx, "GET", "/v1/meetings", op, nil); code != http.StatusOK || !strings.Contains(body, `"booth-b"`) {
		t.Fatalf("list: %d %s", code, body)
	}

	// Refusals: no token, wrong grants. None of them gets a session.
	refusals := []struct {
		name, path, token string
		want              int
	}{
		{"subscribe without token", "/v1/subscribe?meeting=m1", "", http.StatusUnauthorized},
		{"subscribe with a bad token", "/v1/subscribe?meeting=m1", "garbage", http.StatusUnauthorized},
		{"subscribe to another meeting's grant", "/v1/subscribe?meeting=m1", c.token(t, auth.Grants{SubscribeMeetings: []string{"m2"}}), http.StatusForbidden},
		{"publish with a subscribe grant", "/v1/publish", c.token(t, auth.Grants{SubscribeMeetings: []string{"m1"}}), http.StatusForbidden},
		{"publish without token", "/v1/publish", "", http.StatusUnauthorized},
		{"watch a booth without the grant", "/v1/subscribe?booth=booth-a", c.token(t, auth.Grants{SubscribeBooths: []string{"booth-b"}}), http.StatusForbidden},
	}
	for _, r := range refusals {
		_, err := c.dial(t, ctx, r.path, r.token, "refused")
		if !errors.Is(err, link.ErrRejected) || !strings.Contains(err.Error(), http.StatusText(r.want)) {
			t.Fatalf("%s: %v", r.name, err)
		}
	}

	var booths []*synthbooth.Booth
	for i, id := range []string{"booth-a", "booth-b"} {
		b, err := synthbooth.New(synthbooth.Params{BoothID: id, Cameras: 4, Scale: 0.25, Frames: 1, Seed: int64(10 * (i + 1))})
		if err != nil {
			t.Fatal(err)
		}
		booths = append(booths, b)
	}
	// Renderers first, so no model is missed.
	type got struct {
		models  int
		sources map[string]int
	}
	renderers := map[string]*link.Peer{}
	for _, own := range []string{"booth-a", "booth-b"} {
		tok := c.token(t, auth.Grants{SubscribeMeetings: []string{"m1"}})
		p, err := c.dial(t, ctx, "/v1/subscribe?meeting=m1&exclude="+own, tok, "render-"+own)
		if err != nil {
			t.Fatal(err)
		}
		renderers[own] = p
	}
	pubCtx, stopPub := context.WithCancel(ctx)
	var pubWG sync.WaitGroup
	var boothPeers []*link.Peer
	for _, b := range booths {
		p, err := c.dial(t, ctx, "/v1/publish", c.token(t, auth.Grants{Publish: b.ID}), b.ID)
		if err != nil {
			t.Fatal(err)
		}
		boothPeers = append(boothPeers, p)
		pubWG.Add(1)
		go func() {
			defer pubWG.Done()
			if _, err := b.Run(pubCtx, p, 10); err != nil && pubCtx.Err() == nil {
				t.Errorf("%s publishing: %v", b.ID, err)
			}
		}()
	}

	const want = 2
	var mu sync.Mutex
	results := map[string]*got{}
	var wg sync.WaitGroup
	for own, p := range renderers {
		results[own] = &got{sources: map[string]int{}}
		wg.Add(1)
		go func() {
			defer wg.Done()
			dec := meshcodec.NewDecoder(meshcodec.Limits{})
			var m mesh.Mesh
			for {
				select {
				case <-ctx.Done():
					t.Errorf("renderer %s: timed out", own)
					return
				case msg := <-p.Media():
					mf := msg.Envelope.GetModelFrame()
					if mf == nil {
						t.Errorf("renderer %s: got %T", own, msg.Envelope.GetBody())
						return
					}
					if err := dec.Decode(mf.GetMesh(), &m); err != nil || m.TriangleCount() == 0 {
						t.Errorf("renderer %s: mesh: %v (%d triangles)", own, err, m.TriangleCount())
						return
					}
					if err := checkStages(mf); err != nil {
						t.Errorf("renderer %s: %v", own, err)
						return
					}
					display := p.RemoteTime(time.Now().UnixNano())
					rep := &pb.Envelope{Body: &pb.Envelope_DisplayReport{DisplayReport: &pb.DisplayReport{
						SourceBooth: mf.GetSourceBooth(), Sequence: mf.GetSequence(), DisplayTimeNs: display, RendererId: "r-" + own}}}
					if err := p.SendControl(rep); err != nil {
						t.Errorf("renderer %s: display report: %v", own, err)
					}
					mu.Lock()
					r := results[own]
					r.models++
					r.sources[mf.GetSourceBooth()]++
					n := r.models
					mu.Unlock()
					if n >= want {
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		stopPub()
		pubWG.Wait()
		return
	}
	for own, r := range results {
		if r.sources[own] != 0 || len(r.sources) != 1 {
			t.Fatalf("renderer excluding %s got models from %v", own, r.sources)
		}
	}
	// Display reports reach the cloud over the control channel.
	for c.srv.DisplayReports() == 0 {
		select {
		case <-ctx.Done():
			t.Fatal("no display report recorded")
		case <-time.After(20 * time.Millisecond):
		}
	}
	// The metrics saw it all.
	code, body := c.do(t, ctx, "GET", "/metrics", "", nil)
	for _, want := range []string{`cloud_models_total{booth="booth-a"}`, `cloud_glass_to_glass_seconds_count`, `cloud_stage_seconds_bucket{stage="hull"`, `cloud_peers{role="renderer"} 2`} {
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, "cloud_drops_total") || strings.HasPrefix(line, "cloud_frame_sets_total") || strings.HasPrefix(line, "cloud_stage_seconds_sum") || strings.HasPrefix(line, "cloud_stage_seconds_count") {
			t.Log(line)
		}
	}
	// Ending the meeting tells every peer, booths and renderers, and
	// closes it.
	stopPub()
	pubWG.Wait()
	if code, body := c.do(t, ctx, "DELETE", "/v1/meetings/m1", op, nil); code != http.StatusNoContent {
		t.Fatalf("end meeting: %d %s", code, body)
	}
	for own, p := range renderers {
		if err := waitError(ctx, p); err != nil {
			t.Fatalf("renderer %s: %v", own, err)
		}
	}
	for i, p := range boothPeers {
		if err := waitError(ctx, p); err != nil {
			t.Fatalf("booth %d: %v", i, err)
		}
	}
	seen := map[events.Type]int{}
	for seen[events.BoothOnline] < 2 || seen[events.MeetingEnded] < 1 {
		select {
		case e, ok := <-evs:
			if !ok {
				t.Fatalf("event stream closed; saw %v", seen)
			}
			seen[e.Type]++
		case <-ctx.Done():
			t.Fatalf("events: saw %v", seen)
		}
	}
	if code, _ := c.do(t, ctx, "DELETE", "/v1/meetings/m1", op, nil); code != http.StatusNotFound {
		t.Fatalf("ending twice: %d", code)
	}
}

// checkStages: capture <= booth stages <= INGEST <= HULL <= SURFACE <=
// COLOR <= MESH_ENCODE <= FANOUT, every stage once, in that order.
func checkStages(mf *pb.ModelFrame) error {
	order := []pb.Stage{pb.Stage_STAGE_SYNC, pb.Stage_STAGE_SEGMENT, pb.Stage_STAGE_ENCODE, pb.Stage_STAGE_SEND,
		pb.Stage_STAGE_INGEST, pb.Stage_STAGE_QUEUE, pb.Stage_STAGE_HULL, pb.Stage_STAGE_SURFACE, pb.Stage_STAGE_COLOR, pb.Stage_STAGE_MESH_ENCODE, pb.Stage_STAGE_FANOUT}
	st := mf.GetStages()
	if len(st) != len(order) {
		return errors.New("model frame has " + itoa(len(st)) + " stages")
	}
	prev := mf.GetCaptureTimeNs()
	for i, s := range st {
		if s.GetStage() != order[i] {
			return errors.New("stage " + itoa(i) + " is " + s.GetStage().String())
		}
		if s.GetDoneNs() < prev {
			return errors.New(s.GetStage().String() + " ends before the stage before it")
		}
		prev = s.GetDoneNs()
	}
	if now := time.Now().UnixNano(); prev > now {
		return errors.New("fan-out time is in the future")
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// waitError waits for a pb.Error on the control channel and the session's
// end.
func waitError(ctx context.Context, p *link.Peer) error {
	for {
		select {
		case m := <-p.Control():
			if e := m.Envelope.GetControl().GetError(); e != nil {
				if !strings.Contains(e.GetMessage(), "ended") {
					return errors.New("unexpected error text: " + e.GetMessage())
				}
				select {
				case <-p.Done():
					return nil
				case <-ctx.Done():
					return errors.New("session not closed after the error")
				}
			}
		case <-p.Done():
			// Control and Done may be ready together: read what arrived.
			for {
				select {
				case m := <-p.Control():
					if e := m.Envelope.GetControl().GetError(); e != nil && strings.Contains(e.GetMessage(), "ended") {
						return nil
					}
				default:
					return errors.New("closed without an error message")
				}
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
