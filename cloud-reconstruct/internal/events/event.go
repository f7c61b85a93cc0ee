package events

import "time"

// Type names an event.
type Type string

// The event types.
const (
	BoothOnline     Type = "booth_online"
	BoothOffline    Type = "booth_offline"
	CameraDegraded  Type = "camera_degraded"
	CameraRecovered Type = "camera_recovered"
	MeetingStarted  Type = "meeting_started"
	MeetingEnded    Type = "meeting_ended"
	// BoothAudio: an operator's mute/volume command reached the booth
	// (Muted and Volume say what was set).
	BoothAudio Type = "booth_audio"
	// CommandRefused: an operator's command was malformed or could not be
	// carried out (Detail says why).
	CommandRefused Type = "command_refused"
)

// Event is one line of the stream.
type Event struct {
	Type    Type      `json:"type"`
	Booth   string    `json:"booth,omitempty"`
	Meeting string    `json:"meeting,omitempty"`
	Cameras []int     `json:"cameras,omitempty"`
	Detail  string    `json:"detail,omitempty"`
	Muted   *bool     `json:"muted,omitempty"`
	Volume  *float64  `json:"volume,omitempty"`
	Time    time.Time `json:"time"`
}
