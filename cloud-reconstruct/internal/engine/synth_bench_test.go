package engine

import (
	"context"
	"testing"

	"cloudme.dev/calibration/synth"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/mesh"
)

// synthFrame renders one frame of the synthetic booth and crops it into a
// frame set.
func synthFrame(b testing.TB, cameras int, res string, t float64) *frameset.FrameSet {
	b.Helper()
	r, err := synth.GenerateRig(synth.RigParams{Cameras: cameras, Resolution: res, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	p, err := synth.NewPerson(synth.PersonParams{Seed: 1, Motion: synth.Motion(1)})
	if err != nil {
		b.Fatal(err)
	}
	booth := &synth.Booth{Rig: r, Subject: p}
	views := synth.NewTargets(r)
	if _, err := booth.Render(t, views); err != nil {
		b.Fatal(err)
	}
	fs := &frameset.FrameSet{BoothID: r.BoothID, Rig: r, CaptureTimeNs: 1}
	for i, v := range views {
		m := &maskcodec.Mask{Width: v.Width, Height: v.Height, Pix: v.Mask}
		fv, err := frameset.CropView(r, r.Cameras[i].ID, m, v.Color, 4)
		if err != nil {
			b.Fatal(err)
		}
		fs.Views = append(fs.Views, fv)
	}
	return fs
}

func BenchmarkReconstructSynth(b *testing.B) {
	fs := synthFrame(b, 8, "1080p", 0.5)
	e, err := NewCPU(Config{Rig: fs.Rig, CellSize: 0.005})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	var m mesh.Mesh
	var st Stats
	for b.Loop() {
		st, err = e.Reconstruct(context.Background(), fs, &m)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Hull.Microseconds())/1e3, "hull-ms")
	b.ReportMetric(float64(st.Surface.Microseconds())/1e3, "surface-ms")
	b.ReportMetric(float64(st.Color.Microseconds())/1e3, "colour-ms")
	b.ReportMetric(float64(st.Triangles), "triangles")
	b.Logf("cells %v band %d bricks %d evals %d verts %d", st.Cells, st.BoundaryCells, st.Bricks, st.FieldEvals, st.Vertices)
}
