package subscribe

import (
	"net/http"
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/link/linktest"
	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
	"cloudme.dev/proto/pb"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newTestCloud is the cloud's subscribe endpoint reduced to what a
// renderer sees: a token check (403 without the grant), the query, and a
// session the test drives.
func newTestCloud(t *testing.T) *linktest.Cloud {
	return linktest.NewCloud(t, linktest.Options{
		Path: "/v1/subscribe", Token: "good-token", RejectStatus: http.StatusForbidden,
		Config: link.Config{Logger: zaptest.NewLogger(t).Named("cloud"), PingInterval: 20 * time.Millisecond},
	})
}

// box is a coloured closed box, 0.5 x 1.8 x 0.3 m, standing on the floor.
func box() *mesh.Mesh {
	x0, x1, y0, y1, z0, z1 := float32(-0.25), float32(0.25), float32(0), float32(1.8), float32(-0.15), float32(0.15)
	m := &mesh.Mesh{Positions: []float32{
		x0, y0, z0, x1, y0, z0, x1, y1, z0, x0, y1, z0,
		x0, y0, z1, x1, y0, z1, x1, y1, z1, x0, y1, z1,
	}}
	for i := 0; i < 8; i++ {
		m.Colors = append(m.Colors, uint8(30*i), 200, uint8(255-30*i))
	}
	m.Indices = []uint32{
		0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4,
		3, 6, 2, 3, 7, 6, 0, 4, 7, 0, 7, 3, 1, 2, 6, 1, 6, 5,
	}
	return m
}

func modelFrame(t *testing.T, seq uint64, meshBytes []byte) *pb.Envelope {
	t.Helper()
	return &pb.Envelope{Body: &pb.Envelope_ModelFrame{ModelFrame: &pb.ModelFrame{
		SourceBooth: "booth-a", Sequence: seq, CaptureTimeNs: time.Now().UnixNano(), Mesh: meshBytes,
		MeshCodec: pb.MeshCodec_MESH_CODEC_CMESH_V1,
		Bounds:    &pb.Box{Min: &pb.Vec3{X: -0.25, Z: -0.15}, Max: &pb.Vec3{X: 0.25, Y: 1.8, Z: 0.15}},
	}}}
}

func encodeMesh(t *testing.T, m *mesh.Mesh) []byte {
	t.Helper()
	enc, err := meshcodec.NewEncoder(meshcodec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := enc.Encode(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
