package ingest

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/pb"
)

// CheckHello validates a booth's hello against the booth id of its grant
// and returns the rig it carries. The error wraps ErrHello (wrong booth,
// no rig file) or ErrRig (the rig file is bad or disagrees with the
// summary); ErrorCode says which pb.ErrorCode to send back.
func CheckHello(h *pb.BoothHello, grantedBooth string) (*rig.Rig, error) {
	if h == nil {
		return nil, fmt.Errorf("%w: the first control message must be a BoothHello", ErrHello)
	}
	if h.GetBoothId() != grantedBooth {
		return nil, fmt.Errorf("%w: hello names booth %q but the token grants %q", ErrHello, h.GetBoothId(), grantedBooth)
	}
	sum := h.GetRig()
	file := sum.GetRigFile()
	if len(file) == 0 {
		return nil, fmt.Errorf("%w: the hello carries no rig file", ErrHello)
	}
	if want := sum.GetRigSha256(); len(want) != 0 {
		got := sha256.Sum256(file)
		if !bytes.Equal(got[:], want) {
			return nil, fmt.Errorf("%w: rig file does not match its SHA-256", ErrRig)
		}
	}
	r, err := rig.Parse(file)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRig, err)
	}
	if len(sum.GetCameras()) != len(r.Cameras) {
		return nil, fmt.Errorf("%w: summary lists %d cameras, the rig file %d", ErrRig, len(sum.GetCameras()), len(r.Cameras))
	}
	for _, c := range sum.GetCameras() {
		cam, ok := r.Camera(int(c.GetCameraId()))
		if !ok {
			return nil, fmt.Errorf("%w: camera %d is in the summary but not in the rig file", ErrRig, c.GetCameraId())
		}
		if cam.Width != int(c.GetWidth()) || cam.Height != int(c.GetHeight()) {
			return nil, fmt.Errorf("%w: camera %d is %dx%d in the summary, %dx%d in the rig file", ErrRig, c.GetCameraId(), c.GetWidth(), c.GetHeight(), cam.Width, cam.Height)
		}
	}
	return r, nil
}

// ErrorCode maps a hello error to the code sent to the booth.
func ErrorCode(err error) pb.ErrorCode {
	if errors.Is(err, ErrRig) {
		return pb.ErrorCode_ERROR_CODE_RIG_MISMATCH
	}
	return pb.ErrorCode_ERROR_CODE_BAD_MESSAGE
}
