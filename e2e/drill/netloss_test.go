package drill

import (
	"errors"
	"net"
	"os"
	"testing"
	"time"

	"cloudme.dev/e2e/internal/harness"
)

// TestBoothNetworkLoss cuts the booth's network for 5 s and restores it.
// Where the kernel allows, the booth runs in a network namespace and the
// host side of its veth goes down (a pulled cable); elsewhere (no
// namespaces in CI's container) the booth goes relay-only through the
// test's TURN relay, which drops every packet for 5 s. Either way the
// fault is on the packet path; the test says which it used. The time to
// recover is from the network's return to the first new model on screen.
// DRILL_NETLOSS=relay forces the relay where namespaces work.
func TestBoothNetworkLoss(t *testing.T) {
	const outage = 5 * time.Second
	var ns *harness.Netns
	nsErr := errors.New("DRILL_NETLOSS=relay asks for the relay")
	if os.Getenv("DRILL_NETLOSS") != "relay" {
		ns, nsErr = harness.NewNetns()
	}
	var relay *harness.Relay
	spec := harness.CloudSpec{}
	if nsErr == nil {
		t.Cleanup(ns.Close)
		port, err := harness.FreePort()
		if err != nil {
			t.Fatal(err)
		}
		_, p, _ := net.SplitHostPort(port)
		spec.Addr = "0.0.0.0:" + p
	} else {
		t.Logf("drill network-loss: no network namespace (%v): falling back to a TURN relay that drops everything", nsErr)
		var err error
		if relay, err = harness.StartRelay(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = relay.Close() })
	}
	r := newRig(t, spec)
	var b *harness.Booth
	var err error
	if ns != nil {
		_, p, _ := net.SplitHostPort(spec.Addr)
		b, err = r.env.StartBooth(r.ctx, "http://"+net.JoinHostPort(ns.HostIP, p), harness.BoothSpec{ID: "booth-1", Cameras: drillCameras,
			Resolution: drillRes, FPS: drillFPS, Motion: "waving", Seed: 1, Netns: ns})
	} else {
		b, err = r.env.StartBooth(r.ctx, r.cloud.URL, harness.BoothSpec{ID: "booth-1", Cameras: drillCameras,
			Resolution: drillRes, FPS: drillFPS, Motion: "waving", Seed: 1, Extra: relayYAML(relay, r.credential(relay))})
	}
	if err != nil {
		t.Fatal(err)
	}
	_ = b
	rd := r.renderer("render-a", "booth-1")
	r.live(rd, 90*time.Second)
	r.sleep(2 * time.Second)

	mech := "netns veth down"
	cut := func(down bool) {
		if ns != nil {
			if err := ns.SetLink(!down); err != nil {
				t.Fatal(err)
			}
			return
		}
		mech = "TURN relay blackhole"
		relay.Impair.Blackhole(down)
	}
	down := time.Now().UnixNano()
	cut(true)
	r.sleep(outage)
	cut(false)
	back := time.Now().UnixNano()
	first, ok := r.firstShown(rd, back, back, 60*time.Second)
	if !ok {
		t.Fatalf("no new model on screen within 60 s of the network's return")
	}
	recovery := time.Duration(first.ShownNs - back)
	during := summarize(rd.Shown(down), down+int64(time.Second), back)
	r.sleep(3 * time.Second)
	after := summarize(rd.Shown(first.ShownNs), first.ShownNs, time.Now().UnixNano())
	reconnects := countLines(r, "cloud", "booth online")
	t.Logf("drill network-loss (%s, %v): during the outage the screen got %v; first new model %v after the network returned; booth sessions opened: %d; then %v",
		mech, outage, during, recovery.Round(time.Millisecond), reconnects, after)
	if during.n > 1 {
		t.Errorf("models kept arriving during the outage (%d): the fault was not on the path", during.n)
	}
	if after.n == 0 {
		t.Errorf("the stream did not resume")
	}
}
