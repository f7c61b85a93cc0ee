package model

import (
	"fmt"
	"time"

	"cloudme.dev/calibration/raster"
	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
	"cloudme.dev/proto/pb"
)

// Model is one decoded person. It is read-only once made: the page, the
// software renderer and the reports share it.
type Model struct {
	Source string // the booth it shows
	Seq    uint64
	// CaptureNs is the capture time on the cloud's clock; ReceivedNs and
	// DecodedNs are on this machine's clock (Unix ns).
	CaptureNs, ReceivedNs, DecodedNs int64
	Mesh                             *mesh.Mesh
	// Normals are the unit vertex normals (raster.VertexNormals), shared
	// by the page and the software renderer so both light alike.
	Normals []float32
	// Stages are the frame's stage times on the cloud's clock (booth and
	// cloud stages, as the model frame carries them) and MeshBytes the
	// size of its encoded mesh: what the renderer reports for each model
	// it shows, so a measurement needs no subscriber of its own.
	Stages    []*pb.StageTime
	MeshBytes int
}

// Decoder turns model frames into models. It is not safe for concurrent
// use.
type Decoder struct {
	dec *meshcodec.Decoder
	now func() int64
}

// NewDecoder returns a decoder that refuses meshes over limits.
func NewDecoder(limits meshcodec.Limits) *Decoder {
	return &Decoder{dec: meshcodec.NewDecoder(limits), now: func() int64 { return time.Now().UnixNano() }}
}

// Decode decodes mf (already checked by the wire codec) received at
// receivedNs. Errors wrap ErrDecode and name the frame.
func (d *Decoder) Decode(mf *pb.ModelFrame, receivedNs int64) (*Model, error) {
	if mf.GetMeshCodec() != pb.MeshCodec_MESH_CODEC_CMESH_V1 {
		return nil, fmt.Errorf("%w: model %d from %s: mesh codec %v", ErrDecode, mf.GetSequence(), mf.GetSourceBooth(), mf.GetMeshCodec())
	}
	m := &mesh.Mesh{}
	if err := d.dec.Decode(mf.GetMesh(), m); err != nil {
		return nil, fmt.Errorf("%w: model %d from %s: %w", ErrDecode, mf.GetSequence(), mf.GetSourceBooth(), err)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%w: model %d from %s: %w", ErrDecode, mf.GetSequence(), mf.GetSourceBooth(), err)
	}
	return &Model{
		Source: mf.GetSourceBooth(), Seq: mf.GetSequence(),
		CaptureNs: mf.GetCaptureTimeNs(), ReceivedNs: receivedNs, DecodedNs: d.now(),
		Mesh: m, Normals: raster.VertexNormals(m, nil),
		Stages: mf.GetStages(), MeshBytes: len(mf.GetMesh()),
	}, nil
}

// FromMesh wraps a mesh (validated) as a model.
func FromMesh(m *mesh.Mesh, source string, seq uint64) (*Model, error) {
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDecode, err)
	}
	now := time.Now().UnixNano()
	return &Model{Source: source, Seq: seq, CaptureNs: now, ReceivedNs: now, DecodedNs: now, Mesh: m, Normals: raster.VertexNormals(m, nil)}, nil
}
