package drill

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cloudme.dev/calibration/raster"
	"cloudme.dev/calibration/synth"
	"cloudme.dev/e2e/internal/harness"
	"cloudme.dev/proto/mesh"
)

// TestCameraDies runs a booth of four file:// cameras (image sequences
// of a synthetic booth, read by OpenCV's FFmpeg backend, as a recorded
// rig would be) and deletes camera 3's files mid-meeting: its source
// fails, and re-opening it keeps failing. The meeting must carry on with
// three cameras (a coarser person) and the cloud must tell the operator
// which camera is gone.
func TestCameraDies(t *testing.T) {
	r := newRig(t, harness.CloudSpec{})
	dir := t.TempDir()
	const fps = 10
	const frames = 300 * fps // longer than the drill
	rigPath, cams := writeCameras(t, dir, "booth-1", drillCameras, frames)
	var list strings.Builder
	for id, pattern := range cams {
		// A '%' in a URI is escaped: %25.
		fmt.Fprintf(&list, "  - {id: %d, source: %q, fps: %d}\n", id, "file://"+strings.ReplaceAll(pattern, "%", "%25"), fps)
	}
	events, err := harness.WatchEvents(r.ctx, r.cloud.URL, r.op)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(events.Close)
	b := r.booth("booth-1", "rig: "+rigPath+"\n", list.String())
	rd := r.renderer("render-a", "booth-1")
	// The booth learns its background plates from the empty frames; only
	// then does the person step in (the files are swapped under the
	// readers, which open each frame's file as they reach it).
	for deadline := time.Now().Add(60 * time.Second); ; {
		m, err := b.Metrics(r.ctx)
		if err == nil && m.Sum("booth_capture_plate_ready", nil) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the booth did not learn its background plates within 60 s")
		}
		r.sleep(100 * time.Millisecond)
	}
	for _, pattern := range cams {
		stepIn(t, pattern, frames)
	}
	if _, ok := r.firstShown(rd, 0, 0, 60*time.Second); !ok {
		m, _ := b.Metrics(r.ctx)
		var lines []string
		for k, v := range m {
			if !strings.Contains(k, "_bucket") {
				lines = append(lines, fmt.Sprintf("%s %v", k, v))
			}
		}
		slices.Sort(lines)
		t.Fatalf("no model on screen within 60 s; booth metrics:\n%s", strings.Join(lines, "\n"))
	}
	r.sleep(3 * time.Second)

	m0 := r.metrics()
	kill := time.Now()
	if err := os.RemoveAll(filepath.Dir(cams[3])); err != nil {
		t.Fatal(err)
	}
	// The operator hears of it. A file source that falls behind on a
	// loaded machine skips frames, so a camera may come and go from sets
	// before the fault (the events name every camera missing from a set)
	// and camera 3 may already stand degraded when its files go: what
	// counts is that its last event says degraded.
	var degraded *harness.Event
	for deadline := time.Now().Add(30 * time.Second); degraded == nil && time.Now().Before(deadline); {
		if e := lastAbout(events.All(), 3); e != nil && e.Type == "camera_degraded" {
			if m, err := b.Metrics(r.ctx); err == nil && m.Sum("booth_capture_camera_up", map[string]string{"camera": "3"}) == 0 {
				degraded = e
				break
			}
		}
		r.sleep(100 * time.Millisecond)
	}
	if degraded == nil {
		t.Fatalf("camera 3 not reported degraded within 30 s (%d events)", len(events.All()))
	}
	if degraded.At.Before(kill) {
		degraded.At = kill
	}
	notice := degraded.At.Sub(kill)
	r.sleep(5 * time.Second)
	end := time.Now()
	before := summarize(rd.Shown(0), kill.UnixNano()-int64(3*time.Second), kill.UnixNano())
	after := summarize(rd.Shown(kill.UnixNano()), degraded.At.UnixNano(), end.UnixNano())
	m, err := b.Metrics(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	up := m.Sum("booth_capture_camera_up", map[string]string{"camera": "3"})
	missing := m.Sum("booth_capture_camera_missing_sets_total", map[string]string{"camera": "3"})
	t.Logf("drill camera-dies: before: %v", before)
	t.Logf("drill camera-dies: operator event %q cameras %v %v after the files went (0: already flagged by then); booth reports camera 3 up=%v, missing from %v sets",
		degraded.Type, degraded.Cameras, notice.Round(time.Millisecond), up, missing)
	t.Logf("drill camera-dies: with 3 cameras: %v", after)
	flaps, back := 0, 0
	for _, e := range events.All() {
		if e.At.Before(kill) && (e.Type == "camera_degraded" || e.Type == "camera_recovered") {
			flaps++
		}
		if e.Type == "camera_recovered" && e.At.After(degraded.At.Add(time.Second)) && slices.Contains(e.Cameras, 3) {
			back++
		}
	}
	t.Logf("drill camera-dies: %d camera events before the fault (other cameras missing sets); camera 3 reported back %d times after it died", flaps, back)
	if back > 0 {
		t.Errorf("the cloud reported camera 3 recovered %d times after its files were deleted", back)
	}
	if up != 0 {
		t.Errorf("booth still reports camera 3 up")
	}
	d := r.metrics().Sub(m0)
	sets, models := d.Sum("cloud_frame_sets_total", nil), d.Sum("cloud_models_total", nil)
	t.Logf("drill camera-dies: from the fault on the cloud took %v frame sets and made %v models; drops %v", sets, models, d.Values("cloud_drops_total", "reason"))
	for _, st := range []string{"ingest", "hull", "surface", "color", "mesh_encode"} {
		h := d.Histogram("cloud_stage_seconds", map[string]string{"stage": st})
		t.Logf("drill camera-dies: cloud stage %s p50 %.0f ms (histogram)", st, 1000*h.Quantile(0.5))
	}
	// The booth must carry on: frame sets and models keep coming. (How
	// many reach the screen depends on the file sources' pacing, which is
	// the same before and after the fault; it is logged above.)
	if sets == 0 || models == 0 || after.n == 0 {
		t.Errorf("the meeting did not carry on without camera 3: %v frame sets, %v models, screen %v", sets, models, after)
	}
}

// writeCameras renders the synthetic booth's rig (n cameras at 720p) as
// n image sequences of the empty booth, frames hard links to one image
// per camera, and the person standing still beside them (person.png),
// for stepIn. It returns the rig file and each camera's printf-style file
// pattern.
func writeCameras(t *testing.T, dir, booth string, n, frames int) (string, map[uint32]string) {
	t.Helper()
	rg, err := synth.GenerateRig(synth.RigParams{Cameras: n, Resolution: "720p", Seed: 1, BoothID: booth})
	if err != nil {
		t.Fatal(err)
	}
	rigPath := filepath.Join(dir, "rig.yaml")
	if err := rg.Save(rigPath); err != nil {
		t.Fatal(err)
	}
	p, err := synth.NewPerson(synth.PersonParams{Seed: 1, Motion: synth.Standing})
	if err != nil {
		t.Fatal(err)
	}
	bg := synth.NewBackground(synth.DefaultWidth, synth.DefaultHeight, 1)
	out := map[uint32]string{}
	for state, subject := range []synth.Subject{nobody{}, p} {
		views := synth.NewTargets(rg)
		b := &synth.Booth{Rig: rg, Subject: subject, Background: bg, Seed: 1}
		if _, err := b.Render(0, views); err != nil {
			t.Fatal(err)
		}
		for i, v := range views {
			id := uint32(rg.Cameras[i].ID)
			cd := filepath.Join(dir, fmt.Sprintf("cam%d", id))
			if err := os.MkdirAll(cd, 0o755); err != nil {
				t.Fatal(err)
			}
			if state == 1 {
				writePNG(t, filepath.Join(cd, "person.png"), v)
				continue
			}
			src := filepath.Join(cd, "empty.png")
			writePNG(t, src, v)
			for k := range frames {
				if err := os.Link(src, filepath.Join(cd, fmt.Sprintf("f%05d.png", k))); err != nil {
					t.Fatal(err)
				}
			}
			out[id] = filepath.Join(cd, "f%05d.png")
		}
	}
	return rigPath, out
}

// stepIn puts the person into every frame of a camera's sequence, each
// file replaced atomically.
func stepIn(t *testing.T, pattern string, frames int) {
	t.Helper()
	cd := filepath.Dir(pattern)
	src, tmp := filepath.Join(cd, "person.png"), filepath.Join(cd, "next.png")
	for k := range frames {
		if err := os.Link(src, tmp); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, fmt.Sprintf(pattern, k)); err != nil {
			t.Fatal(err)
		}
	}
}

func writePNG(t *testing.T, path string, v *raster.Target) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, v.Width, v.Height))
	for i := 0; i < v.Width*v.Height; i++ {
		copy(img.Pix[4*i:], v.Color[3*i:3*i+3])
		img.Pix[4*i+3] = 255
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// nobody is the empty booth.
type nobody struct{}

func (nobody) At(float64) synth.Figure { return emptyFigure{} }

type emptyFigure struct{}

func (emptyFigure) Mesh() *mesh.Mesh                       { return &mesh.Mesh{} }
func (emptyFigure) Surfaces() []raster.Surface             { return nil }
func (emptyFigure) Contains([3]float64) bool               { return false }
func (emptyFigure) SurfaceSamples(int, int64) [][3]float64 { return nil }
func (emptyFigure) Bounds() (lo, hi [3]float64)            { return }

// lastAbout returns the last camera event naming camera id.
func lastAbout(evs []harness.Event, id int) *harness.Event {
	for i := len(evs) - 1; i >= 0; i-- {
		if (evs[i].Type == "camera_degraded" || evs[i].Type == "camera_recovered") && slices.Contains(evs[i].Cameras, id) {
			return &evs[i]
		}
	}
	return nil
}
