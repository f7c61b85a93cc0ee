package agent

import (
	"crypto/sha256"
	"fmt"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/pb"
)

// Version is the software version sent in the hello (set with -ldflags
// "-X cloudme.dev/booth-capture/internal/agent.Version=...").
var Version = "dev"

// Hello builds the BoothHello: the cameras used, and the whole rig file
// with its SHA-256.
func Hello(boothID string, r *rig.Rig, cameras []uint32) (*pb.BoothHello, error) {
	file, err := r.Marshal()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(file)
	h := &pb.BoothHello{BoothId: boothID, SoftwareVersion: Version, Rig: &pb.RigSummary{RigFile: file, RigSha256: sum[:]}}
	for _, id := range cameras {
		c, ok := r.Camera(int(id))
		if !ok {
			return nil, fmt.Errorf("camera %d: not in the rig: %w", id, ErrParams)
		}
		h.Rig.Cameras = append(h.Rig.Cameras, &pb.CameraInfo{CameraId: id, Width: uint32(c.Width), Height: uint32(c.Height), Name: c.Name})
	}
	return h, nil
}
