package ops

// Camera states.
const (
	StateStarting = "starting" // no frame yet
	StateOK       = "ok"
	StateDegraded = "degraded" // failed; being re-opened with backoff
	StateStalled  = "stalled"  // open, but silent longer than the stall time
)

// CameraStatus is one camera's health and counters.
type CameraStatus struct {
	ID          uint32  `json:"id"`
	State       string  `json:"state"`
	FPS         float64 `json:"fps"`
	Frames      uint64  `json:"frames"`
	Errors      uint64  `json:"errors"`
	Restarts    uint64  `json:"restarts"`
	Dropped     uint64  `json:"dropped"` // skipped by the source (latest wins)
	Stragglers  uint64  `json:"stragglers"`
	Missing     uint64  `json:"missing_sets"`
	LastFrameNs int64   `json:"last_frame_ns"`
	LastError   string  `json:"last_error,omitempty"`
}

// Snapshot is the agent's state at one instant.
type Snapshot struct {
	BoothID       string         `json:"booth_id"`
	Cameras       []CameraStatus `json:"cameras"`
	PlateReady    bool           `json:"plate_ready"`
	Present       bool           `json:"present"`
	Connected     bool           `json:"connected"`
	Sets          uint64         `json:"frame_sets"`
	SyncDrops     uint64         `json:"-"` // sets dropped before the pipeline
	Paced         uint64         `json:"-"` // sets not segmented, paced by the cloud's engine
	Sent          uint64         `json:"-"`
	SendDrops     uint64         `json:"-"`
	Congested     uint64         `json:"-"`
	SkewMs        float64        `json:"skew_ms"`
	Bytes         uint64         `json:"-"` // encoded frame set bytes offered
	BitrateMbps   float64        `json:"bitrate_mbps"`
	SegmentMs     Histogram      `json:"-"`
	EncodeMs      Histogram      `json:"-"`
	SkewHistogram Histogram      `json:"-"`
	// Audio is the microphone's state; nil when the booth has no audio.
	Audio *AudioStatus `json:"audio,omitempty"`
}

// AudioStatus is the booth's voice: mute, volume and what was sent.
type AudioStatus struct {
	Muted   bool    `json:"muted"`
	Volume  float64 `json:"volume"`
	Packets uint64  `json:"-"`
	Bytes   uint64  `json:"-"`
	Dropped uint64  `json:"-"`
}

// Delivering reports whether any camera delivers frames.
func (s *Snapshot) Delivering() bool {
	for _, c := range s.Cameras {
		if c.State == StateOK {
			return true
		}
	}
	return false
}
