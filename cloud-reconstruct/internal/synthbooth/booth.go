package synthbooth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"time"

	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/synth"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

// ErrParams reports bad Params.
var ErrParams = errors.New("invalid synthetic booth params")

// Params chooses the booth.
type Params struct {
	BoothID    string
	Cameras    int     // default 4
	Resolution string  // synth resolution name, default "720p"
	Scale      float64 // image scale in (0, 1]: 0.25 turns 720p into 320x180; 0 means 1
	Frames     int     // distinct frames rendered, default 3
	Seed       int64
	NoColor    bool // send masks only
	// JPEGQuality, 1 to 100, sends the colour crops as JPEG (as
	// booth-capture does; pure-Go image/jpeg here, encoded once while
	// the frames are rendered); 0 sends raw RGB.
	JPEGQuality int
}

// Booth holds the rig and the pre-encoded frame sets.
type Booth struct {
	ID      string
	Rig     *rig.Rig
	RigFile []byte
	frames  []*pb.FrameSet
}

// New renders the frames.
func New(p Params) (*Booth, error) {
	if p.BoothID == "" {
		return nil, fmt.Errorf("%w: no booth id", ErrParams)
	}
	if p.Cameras == 0 {
		p.Cameras = 4
	}
	if p.Resolution == "" {
		p.Resolution = "720p"
	}
	if p.Scale == 0 {
		p.Scale = 1
	}
	if !(p.Scale > 0 && p.Scale <= 1) {
		return nil, fmt.Errorf("%w: scale %g", ErrParams, p.Scale)
	}
	if p.Frames <= 0 {
		p.Frames = 3
	}
	if p.JPEGQuality < 0 || p.JPEGQuality > 100 {
		return nil, fmt.Errorf("%w: jpeg quality %d (want 1 to 100, or 0 for raw RGB)", ErrParams, p.JPEGQuality)
	}
	r, err := synth.GenerateRig(synth.RigParams{Cameras: p.Cameras, Resolution: p.Resolution, Seed: p.Seed, BoothID: p.BoothID})
	if err != nil {
		return nil, err
	}
	scaleRig(r, p.Scale)
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("scaled rig: %w", err)
	}
	file, err := r.Marshal()
	if err != nil {
		return nil, err
	}
	person, err := synth.NewPerson(synth.PersonParams{Seed: p.Seed + 1, Motion: synth.Motion(1)})
	if err != nil {
		return nil, err
	}
	sb := &synth.Booth{Rig: r, Subject: person, Seed: p.Seed}
	b := &Booth{ID: p.BoothID, Rig: r, RigFile: file}
	views := synth.NewTargets(r)
	for f := 0; f < p.Frames; f++ {
		if _, err := sb.Render(float64(f)/15, views); err != nil {
			return nil, err
		}
		fs := &pb.FrameSet{BoothId: p.BoothID}
		for i, v := range views {
			full := &maskcodec.Mask{Width: v.Width, Height: v.Height, Pix: v.Mask}
			var rgb []uint8
			if !p.NoColor {
				rgb = v.Color
			}
			cv, err := frameset.CropView(r, r.Cameras[i].ID, full, rgb, 4)
			if err != nil {
				return nil, err
			}
			mb, err := maskcodec.Encode(nil, &cv.Mask)
			if err != nil {
				return nil, err
			}
			pv := &pb.View{
				CameraId: uint32(r.Cameras[i].ID), Mask: mb, MaskCodec: pb.MaskCodec_MASK_CODEC_ROWRUN_V1,
				ColorCodec: pb.ColorCodec_COLOR_CODEC_NONE, Scale: 1,
				Crop: &pb.Rect{X: uint32(cv.Crop.Min.X), Y: uint32(cv.Crop.Min.Y), Width: uint32(cv.Crop.Dx()), Height: uint32(cv.Crop.Dy())},
			}
			switch {
			case len(cv.Color) > 0 && p.JPEGQuality > 0:
				if pv.Color, err = encodeJPEG(cv.Color, cv.Crop.Dx(), cv.Crop.Dy(), p.JPEGQuality); err != nil {
					return nil, err
				}
				pv.ColorCodec = pb.ColorCodec_COLOR_CODEC_JPEG
			case len(cv.Color) > 0:
				pv.Color, pv.ColorCodec = cv.Color, pb.ColorCodec_COLOR_CODEC_RAW_RGB
			}
			fs.Views = append(fs.Views, pv)
		}
		b.frames = append(b.frames, fs)
	}
	return b, nil
}

// encodeJPEG encodes a w x h RGB crop.
func encodeJPEG(rgb []uint8, w, h, quality int) ([]byte, error) {
	if len(rgb) != 3*w*h {
		return nil, fmt.Errorf("synthbooth: colour crop of %d bytes for %dx%d", len(rgb), w, h)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, j := 0, 0; i < len(rgb); i, j = i+3, j+4 {
		img.Pix[j], img.Pix[j+1], img.Pix[j+2], img.Pix[j+3] = rgb[i], rgb[i+1], rgb[i+2], 255
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("synthbooth: jpeg: %w", err)
	}
	return buf.Bytes(), nil
}

// scaleRig shrinks every camera's image by s, keeping the pixel-centre
// convention (centres at integer coordinates).
func scaleRig(r *rig.Rig, s float64) {
	if s == 1 {
		return
	}
	for i := range r.Cameras {
		c := &r.Cameras[i]
		c.Width = int(float64(c.Width)*s + 0.5)
		c.Height = int(float64(c.Height)*s + 0.5)
		c.K.Fx *= s
		c.K.Fy *= s
		c.K.Cx = (c.K.Cx+0.5)*s - 0.5
		c.K.Cy = (c.K.Cy+0.5)*s - 0.5
	}
}

// WithID returns a booth with another id sharing the rig and the
// rendered frames (read-only), so that many booths cost one rendering.
func (b *Booth) WithID(id string) *Booth {
	c := *b
	c.ID = id
	return &c
}

// Hello returns the booth's hello.
func (b *Booth) Hello() *pb.Envelope {
	sum := sha256.Sum256(b.RigFile)
	rs := &pb.RigSummary{RigSha256: sum[:], RigFile: b.RigFile}
	for _, c := range b.Rig.Cameras {
		rs.Cameras = append(rs.Cameras, &pb.CameraInfo{CameraId: uint32(c.ID), Width: uint32(c.Width), Height: uint32(c.Height), Name: c.Name})
	}
	return &pb.Envelope{ProtocolVersion: wire.ProtocolVersion, Body: &pb.Envelope_BoothHello{BoothHello: &pb.BoothHello{BoothId: b.ID, Rig: rs, SoftwareVersion: "synthbooth"}}}
}

// Frame returns frame set seq (cycling through the rendered frames),
// captured at captureNs, with booth stages SYNC..SEND stamped from
// captureNs to sendNs. Views share the pre-encoded bytes.
func (b *Booth) Frame(seq uint64, captureNs, sendNs int64) *pb.Envelope {
	t := b.frames[int(seq%uint64(len(b.frames)))]
	fs := &pb.FrameSet{BoothId: b.ID, Sequence: seq, CaptureTimeNs: captureNs, Views: make([]*pb.View, len(t.Views))}
	for i, v := range t.Views {
		nv := &pb.View{CameraId: v.CameraId, CaptureTimeNs: captureNs, Mask: v.Mask, MaskCodec: v.MaskCodec, Color: v.Color, ColorCodec: v.ColorCodec, Crop: v.Crop, Scale: v.Scale}
		fs.Views[i] = nv
	}
	step := (sendNs - captureNs) / 4
	fs.Stages = []*pb.StageTime{
		{Stage: pb.Stage_STAGE_SYNC, DoneNs: captureNs + step},
		{Stage: pb.Stage_STAGE_SEGMENT, DoneNs: captureNs + 2*step},
		{Stage: pb.Stage_STAGE_ENCODE, DoneNs: captureNs + 3*step},
		{Stage: pb.Stage_STAGE_SEND, DoneNs: sendNs},
	}
	return &pb.Envelope{ProtocolVersion: wire.ProtocolVersion, Body: &pb.Envelope_FrameSet{FrameSet: fs}}
}

// Sender is the part of link.Peer the publisher uses.
type Sender interface {
	SendControl(env *pb.Envelope) error
	SendMedia(env *pb.Envelope) error
}

// Run sends the hello, then a frame set every 1/fps seconds until ctx
// ends, and returns the number of frame sets made (a congested link drops
// some: link counts them). A frame's capture time is when its
// tick fired; its send time is just before the send.
func (b *Booth) Run(ctx context.Context, s Sender, fps float64) (uint64, error) {
	if !(fps > 0) {
		return 0, fmt.Errorf("%w: fps %g", ErrParams, fps)
	}
	if err := s.SendControl(b.Hello()); err != nil {
		return 0, err
	}
	t := time.NewTicker(time.Duration(float64(time.Second) / fps))
	defer t.Stop()
	var seq uint64
	for {
		select {
		case <-ctx.Done():
			return seq, nil
		case tick := <-t.C:
			seq++
			err := s.SendMedia(b.Frame(seq, tick.UnixNano(), time.Now().UnixNano()))
			if err != nil && !errors.Is(err, link.ErrCongested) {
				return seq, err
			}
		}
	}
}
