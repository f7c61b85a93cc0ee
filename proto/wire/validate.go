package wire

import (
	"fmt"
	"math"

	"cloudme.dev/proto/pb"
)

// Validate checks an envelope's version and body against the limits.
func (c *Codec) Validate(env *pb.Envelope) error {
	switch v := env.GetProtocolVersion(); {
	case v == 0:
		return fmt.Errorf("%w: protocol_version is missing", ErrVersion)
	case v > ProtocolVersion:
		return fmt.Errorf("%w: protocol version %d is newer than this program speaks (%d); update it", ErrVersion, v, ProtocolVersion)
	}
	switch body := env.GetBody().(type) {
	case *pb.Envelope_BoothHello:
		return c.validateHello(body.BoothHello)
	case *pb.Envelope_FrameSet:
		return c.validateFrameSet(body.FrameSet)
	case *pb.Envelope_ModelFrame:
		return c.validateModel(body.ModelFrame)
	case *pb.Envelope_DisplayReport:
		return c.validateDisplay(body.DisplayReport)
	case *pb.Envelope_Control:
		return c.validateControl(body.Control)
	case nil:
		return fmt.Errorf("%w: envelope has no body", ErrInvalid)
	default:
		return fmt.Errorf("%w: unknown body %T", ErrInvalid, body)
	}
}

func (c *Codec) validateID(field, id string, required bool) error {
	if id == "" {
		if required {
			return fmt.Errorf("%w: %s is empty", ErrInvalid, field)
		}
		return nil
	}
	if len(id) > c.limits.MaxIDBytes {
		return fmt.Errorf("%w: %s is %d bytes, limit %d", ErrTooLarge, field, len(id), c.limits.MaxIDBytes)
	}
	for i := 0; i < len(id); i++ {
		ch := id[i]
		ok := ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_' || ch == '.'
		if !ok {
			return fmt.Errorf("%w: %s %q: only letters, digits, '-', '_' and '.' are allowed", ErrInvalid, field, id)
		}
	}
	return nil
}

func (c *Codec) validateStages(field string, stages []*pb.StageTime) error {
	if len(stages) > c.limits.MaxStages {
		return fmt.Errorf("%w: %s has %d entries, limit %d", ErrTooLarge, field, len(stages), c.limits.MaxStages)
	}
	for i, s := range stages {
		if s.GetStage() == pb.Stage_STAGE_UNSPECIFIED || pb.Stage_name[int32(s.GetStage())] == "" {
			return fmt.Errorf("%w: %s[%d]: unknown stage %d", ErrInvalid, field, i, s.GetStage())
		}
	}
	return nil
}

func (c *Codec) validateHello(h *pb.BoothHello) error {
	if err := c.validateID("booth_hello.booth_id", h.GetBoothId(), true); err != nil {
		return err
	}
	if len(h.GetSoftwareVersion()) > c.limits.MaxIDBytes {
		return fmt.Errorf("%w: booth_hello.software_version is %d bytes, limit %d", ErrTooLarge, len(h.GetSoftwareVersion()), c.limits.MaxIDBytes)
	}
	r := h.GetRig()
	if r == nil {
		return fmt.Errorf("%w: booth_hello.rig is missing", ErrInvalid)
	}
	if n := len(r.GetCameras()); n == 0 || n > c.limits.MaxCameras {
		return fmt.Errorf("%w: booth_hello.rig has %d cameras, want 1 to %d", ErrInvalid, n, c.limits.MaxCameras)
	}
	if n := len(r.GetRigSha256()); n != 0 && n != 32 {
		return fmt.Errorf("%w: booth_hello.rig.rig_sha256 is %d bytes, want 32", ErrInvalid, n)
	}
	if n := len(r.GetRigFile()); n > c.limits.MaxRigFileBytes {
		return fmt.Errorf("%w: booth_hello.rig.rig_file is %d bytes, limit %d", ErrTooLarge, n, c.limits.MaxRigFileBytes)
	}
	seen := make(map[uint32]bool, len(r.GetCameras()))
	for i, cam := range r.GetCameras() {
		id := cam.GetCameraId()
		if err := c.checkCameraID(fmt.Sprintf("booth_hello.rig.cameras[%d]", i), id); err != nil {
			return err
		}
		if seen[id] {
			return fmt.Errorf("%w: booth_hello.rig: camera %d listed twice", ErrInvalid, id)
		}
		seen[id] = true
		if w, h := cam.GetWidth(), cam.GetHeight(); w == 0 || h == 0 || w > c.limits.MaxImageSide || h > c.limits.MaxImageSide {
			return fmt.Errorf("%w: booth_hello.rig camera %d: image %dx%d, want 1 to %d per side", ErrInvalid, id, w, h, c.limits.MaxImageSide)
		}
		if err := c.validateID(fmt.Sprintf("booth_hello.rig camera %d name", id), cam.GetName(), false); err != nil {
			return err
		}
	}
	return nil
}

func (c *Codec) checkCameraID(field string, id uint32) error {
	if id > c.limits.MaxCameraID {
		return fmt.Errorf("%w: %s: camera id %d over the limit %d", ErrInvalid, field, id, c.limits.MaxCameraID)
	}
	return nil
}

func (c *Codec) validateFrameSet(fs *pb.FrameSet) error {
	if err := c.validateID("frame_set.booth_id", fs.GetBoothId(), true); err != nil {
		return err
	}
	if fs.GetCaptureTimeNs() <= 0 {
		return fmt.Errorf("%w: frame_set %d: capture_time_ns is missing", ErrInvalid, fs.GetSequence())
	}
	if err := c.validateStages("frame_set.stages", fs.GetStages()); err != nil {
		return err
	}
	views := fs.GetViews()
	if len(views) > c.limits.MaxCameras {
		return fmt.Errorf("%w: frame_set %d has %d views, limit %d", ErrTooLarge, fs.GetSequence(), len(views), c.limits.MaxCameras)
	}
	if len(fs.GetMissingCameras()) > c.limits.MaxCameras {
		return fmt.Errorf("%w: frame_set %d lists %d missing cameras, limit %d", ErrTooLarge, fs.GetSequence(), len(fs.GetMissingCameras()), c.limits.MaxCameras)
	}
	seen := make(map[uint32]bool, len(views))
	for _, v := range views {
		if seen[v.GetCameraId()] {
			return fmt.Errorf("%w: frame_set %d: camera %d sent two views", ErrInvalid, fs.GetSequence(), v.GetCameraId())
		}
		seen[v.GetCameraId()] = true
		if err := c.validateView(v); err != nil {
			return fmt.Errorf("frame_set %d: %w", fs.GetSequence(), err)
		}
	}
	for _, id := range fs.GetMissingCameras() {
		if err := c.checkCameraID("frame_set.missing_cameras", id); err != nil {
			return err
		}
		if seen[id] {
			return fmt.Errorf("%w: frame_set %d: camera %d is both sent and missing", ErrInvalid, fs.GetSequence(), id)
		}
	}
	return nil
}

func (c *Codec) validateView(v *pb.View) error {
	id := v.GetCameraId()
	if err := c.checkCameraID("view", id); err != nil {
		return err
	}
	if len(v.GetMask()) == 0 {
		return fmt.Errorf("%w: camera %d: mask is empty", ErrInvalid, id)
	}
	if len(v.GetMask()) > c.limits.MaxMaskBytes {
		return fmt.Errorf("%w: camera %d: mask is %d bytes, limit %d", ErrTooLarge, id, len(v.GetMask()), c.limits.MaxMaskBytes)
	}
	if v.GetMaskCodec() != pb.MaskCodec_MASK_CODEC_ROWRUN_V1 {
		return fmt.Errorf("%w: camera %d: unknown mask codec %d", ErrInvalid, id, v.GetMaskCodec())
	}
	if len(v.GetColor()) > c.limits.MaxColorBytes {
		return fmt.Errorf("%w: camera %d: colour is %d bytes, limit %d", ErrTooLarge, id, len(v.GetColor()), c.limits.MaxColorBytes)
	}
	switch v.GetColorCodec() {
	case pb.ColorCodec_COLOR_CODEC_NONE:
		if len(v.GetColor()) != 0 {
			return fmt.Errorf("%w: camera %d: colour bytes sent with codec NONE", ErrInvalid, id)
		}
	case pb.ColorCodec_COLOR_CODEC_JPEG, pb.ColorCodec_COLOR_CODEC_PNG, pb.ColorCodec_COLOR_CODEC_RAW_RGB:
		if len(v.GetColor()) == 0 {
			return fmt.Errorf("%w: camera %d: colour is empty", ErrInvalid, id)
		}
	default:
		return fmt.Errorf("%w: camera %d: unknown colour codec %d", ErrInvalid, id, v.GetColorCodec())
	}
	r := v.GetCrop()
	if r == nil || r.GetWidth() == 0 || r.GetHeight() == 0 {
		return fmt.Errorf("%w: camera %d: crop is missing or empty", ErrInvalid, id)
	}
	if uint64(r.GetX())+uint64(r.GetWidth()) > uint64(c.limits.MaxImageSide) || uint64(r.GetY())+uint64(r.GetHeight()) > uint64(c.limits.MaxImageSide) {
		return fmt.Errorf("%w: camera %d: crop %dx%d at (%d,%d) leaves the largest image (%d px)", ErrInvalid, id, r.GetWidth(), r.GetHeight(), r.GetX(), r.GetY(), c.limits.MaxImageSide)
	}
	if s := v.GetScale(); !(s > 0 && s <= 1) {
		return fmt.Errorf("%w: camera %d: scale %v is outside (0, 1]", ErrInvalid, id, s)
	}
	if v.GetColorCodec() == pb.ColorCodec_COLOR_CODEC_RAW_RGB {
		w, h := scaled(r.GetWidth(), v.GetScale()), scaled(r.GetHeight(), v.GetScale())
		if uint64(len(v.GetColor())) != 3*uint64(w)*uint64(h) {
			return fmt.Errorf("%w: camera %d: raw colour is %d bytes, want %d for %dx%d", ErrInvalid, id, len(v.GetColor()), 3*w*h, w, h)
		}
	}
	return nil
}

// ScaledSize returns the size in pixels of a view's mask and colour: the
// crop's size times the scale, rounded, at least 1.
func ScaledSize(v *pb.View) (w, h int) {
	r := v.GetCrop()
	return scaled(r.GetWidth(), v.GetScale()), scaled(r.GetHeight(), v.GetScale())
}

func scaled(n uint32, s float32) int {
	v := int(math.Round(float64(n) * float64(s)))
	if v < 1 {
		v = 1
	}
	return v
}

func (c *Codec) validateModel(m *pb.ModelFrame) error {
	if err := c.validateID("model_frame.source_booth", m.GetSourceBooth(), true); err != nil {
		return err
	}
	if err := c.validateStages("model_frame.stages", m.GetStages()); err != nil {
		return err
	}
	if len(m.GetMesh()) > c.limits.MaxMeshBytes {
		return fmt.Errorf("%w: model_frame %d: mesh is %d bytes, limit %d", ErrTooLarge, m.GetSequence(), len(m.GetMesh()), c.limits.MaxMeshBytes)
	}
	if m.GetMeshCodec() != pb.MeshCodec_MESH_CODEC_CMESH_V1 {
		return fmt.Errorf("%w: model_frame %d: unknown mesh codec %d", ErrInvalid, m.GetSequence(), m.GetMeshCodec())
	}
	if len(m.GetMesh()) == 0 {
		return fmt.Errorf("%w: model_frame %d: mesh is empty", ErrInvalid, m.GetSequence())
	}
	b := m.GetBounds()
	if b == nil || b.GetMin() == nil || b.GetMax() == nil {
		return fmt.Errorf("%w: model_frame %d: bounds are missing", ErrInvalid, m.GetSequence())
	}
	lo, hi := b.GetMin(), b.GetMax()
	for i, pair := range [3][2]float32{{lo.GetX(), hi.GetX()}, {lo.GetY(), hi.GetY()}, {lo.GetZ(), hi.GetZ()}} {
		a, z := float64(pair[0]), float64(pair[1])
		if math.IsNaN(a) || math.IsNaN(z) || math.IsInf(a, 0) || math.IsInf(z, 0) || a > z {
			return fmt.Errorf("%w: model_frame %d: bounds on axis %c are [%v, %v]", ErrInvalid, m.GetSequence(), "xyz"[i], a, z)
		}
	}
	return nil
}

func (c *Codec) validateDisplay(d *pb.DisplayReport) error {
	if err := c.validateID("display_report.source_booth", d.GetSourceBooth(), true); err != nil {
		return err
	}
	if err := c.validateID("display_report.renderer_id", d.GetRendererId(), true); err != nil {
		return err
	}
	if d.GetDisplayTimeNs() <= 0 {
		return fmt.Errorf("%w: display_report %d: display_time_ns is missing", ErrInvalid, d.GetSequence())
	}
	return nil
}

func (c *Codec) validateControl(ctl *pb.Control) error {
	switch k := ctl.GetKind().(type) {
	case *pb.Control_Ping:
		if k.Ping.GetSentNs() <= 0 {
			return fmt.Errorf("%w: ping %d: sent_ns is missing", ErrInvalid, k.Ping.GetId())
		}
	case *pb.Control_Pong:
		p := k.Pong
		if p.GetPingSentNs() <= 0 || p.GetReceivedNs() <= 0 || p.GetSentNs() <= 0 {
			return fmt.Errorf("%w: pong %d: a timestamp is missing", ErrInvalid, p.GetId())
		}
		if p.GetSentNs() < p.GetReceivedNs() {
			return fmt.Errorf("%w: pong %d: sent before the ping was received", ErrInvalid, p.GetId())
		}
	case *pb.Control_Error:
		e := k.Error
		if pb.ErrorCode_name[int32(e.GetCode())] == "" || e.GetCode() == pb.ErrorCode_ERROR_CODE_UNSPECIFIED {
			return fmt.Errorf("%w: error: unknown code %d", ErrInvalid, e.GetCode())
		}
		if len(e.GetMessage()) > c.limits.MaxErrorText {
			return fmt.Errorf("%w: error: message is %d bytes, limit %d", ErrTooLarge, len(e.GetMessage()), c.limits.MaxErrorText)
		}
	case *pb.Control_AudioSettings:
		a := k.AudioSettings
		if a == nil || (a.Muted == nil && a.Volume == nil) {
			return fmt.Errorf("%w: audio settings set nothing", ErrInvalid)
		}
		if a.Volume != nil && !(a.GetVolume() >= 0 && a.GetVolume() <= 2) {
			return fmt.Errorf("%w: audio settings: volume %g, want 0 to 2", ErrInvalid, a.GetVolume())
		}
	case *pb.Control_EngineTook:
		b := k.EngineTook.GetBusyUs()
		if b == 0 || b > MaxEngineBusyUs {
			return fmt.Errorf("%w: engine took %d: busy %d us, want 1 to %d", ErrInvalid, k.EngineTook.GetSequence(), b, MaxEngineBusyUs)
		}
		if e := k.EngineTook.GetEarlyUs(); e > int32(b) || e < -int32(b) {
			return fmt.Errorf("%w: engine took %d: early %d us, beyond its busy time %d us", ErrInvalid, k.EngineTook.GetSequence(), e, b)
		}
	case nil:
		return fmt.Errorf("%w: control has no kind", ErrInvalid)
	default:
		return fmt.Errorf("%w: unknown control %T", ErrInvalid, k)
	}
	return nil
}
