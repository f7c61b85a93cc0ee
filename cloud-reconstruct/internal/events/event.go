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
)

// Event is one line of the stream.
type Event struct {
	Type    Type      `json:"type"`
	Booth   string    `json:"booth,omitempty"`
	Meeting string    `json:"meeting,omitempty"`
	Cameras []int     `json:"cameras,omitempty"`
	Detail  string    `json:"detail,omitempty"`
	Time    time.Time `json:"time"`
}
