package audiobench

import (
	"context"
	"slices"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"
)

// Item 5 of the audio issue, through the real binaries over loopback: the
// synthetic booth clicks when the person's waving hand is highest; at the
// far renderer each click is found in the decoded audio and compared with
// when the picture captured at that instant was shown. The clicks must be
// within ITU-R BT.1359's window (audio at most 45 ms ahead, 125 ms
// behind), a correctness bound, not a speed claim: the median click
// within the ±20 ms aim, and at least two thirds of them within the
// window. Not every one: on this shared 2-core machine, a picture whose
// draw is delayed after it was handed to the display (the renderer
// starved of CPU) is shown up to ~80 ms after its sound, which the
// renderer cannot take back; each click's offset is logged.
func TestClickHeardWithItsPicture(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the three binaries for 16 s: skipped under -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := dir + "/bin"
	if err := Build(ctx, root, bin); err != nil {
		t.Fatal(err)
	}
	a, err := Run(ctx, Params{Bin: bin, Dir: dir, Run: 16 * time.Second, Cameras: 4, Resolution: "320x180", FPS: 5, Cell: 0.01,
		Logger: zaptest.NewLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	f := a.Figures()
	t.Logf("figures: %+v", f)
	if f.Clicks < 2 {
		t.Fatalf("heard %d clicks in 16 s of a wave peaking every 4 s", f.Clicks)
	}
	if f.ClicksMatched == 0 {
		t.Fatal("no click's picture was shown")
	}
	var offs []int64
	in := 0
	for _, c := range a.Clicks {
		if !c.Matched {
			continue
		}
		t.Logf("click captured at %d: A/V offset %+.1f ms (positive: audio ahead)", c.CaptureNs, float64(c.AVOffsetNs)/1e6)
		offs = append(offs, c.AVOffsetNs)
		if InWindow(c.AVOffsetNs) {
			in++
		}
	}
	slices.Sort(offs)
	if med := offs[len(offs)/2]; med < -20e6 || med > 20e6 {
		t.Errorf("median A/V offset %+.1f ms, outside ±20 ms", float64(med)/1e6)
	}
	if 3*in < 2*len(offs) {
		t.Errorf("%d of %d clicks within BT.1359's -125..+45 ms", in, len(offs))
	}
}
