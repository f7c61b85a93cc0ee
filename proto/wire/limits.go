package wire

// ProtocolVersion is the version this build speaks. A receiver accepts
// messages of its own version and older ones it still understands.
// Version 2 added pb.Stage_STAGE_QUEUE (a version-1 receiver refuses it
// as an unknown stage, so it is told to update instead); version 3 added
// pb.EngineTook (a version-2 receiver would find a control with no kind).
const ProtocolVersion = 3

// MaxEngineBusyUs bounds EngineTook's busy time: 60 s.
const MaxEngineBusyUs = 60_000_000

// Limits bounds what a decoder accepts. DefaultLimits documents the values
// every component uses; proto/README.md repeats them.
type Limits struct {
	// MaxEnvelopeBytes bounds a whole encoded message.
	MaxEnvelopeBytes int
	// MaxIDBytes bounds booth, renderer and camera names.
	MaxIDBytes int
	// MaxCameras bounds views per frame set and cameras per rig.
	MaxCameras int
	// MaxCameraID bounds camera identifiers.
	MaxCameraID uint32
	// MaxImageSide bounds camera image width and height in pixels.
	MaxImageSide uint32
	// MaxMaskBytes bounds one view's encoded mask.
	MaxMaskBytes int
	// MaxColorBytes bounds one view's encoded colour crop.
	MaxColorBytes int
	// MaxMeshBytes bounds one model frame's encoded mesh.
	MaxMeshBytes int
	// MaxStages bounds the stage timestamps on one message.
	MaxStages int
	// MaxErrorText bounds an error message's text.
	MaxErrorText int
	// MaxRigFileBytes bounds the rig file a booth sends in its hello.
	MaxRigFileBytes int
}

// DefaultLimits are sized for 32 cameras at up to 4K: a 4K mask encodes to
// a few kilobytes, a JPEG crop of a person at 4K to well under 4 MiB, and a
// 300k-triangle mesh to about 1 MiB.
var DefaultLimits = Limits{
	MaxEnvelopeBytes: 64 << 20,
	MaxIDBytes:       64,
	MaxCameras:       64,
	MaxCameraID:      1023,
	MaxImageSide:     8192,
	MaxMaskBytes:     4 << 20,
	MaxColorBytes:    32 << 20,
	MaxMeshBytes:     32 << 20,
	MaxStages:        32,
	MaxErrorText:     1024,
	MaxRigFileBytes:  1 << 20,
}
