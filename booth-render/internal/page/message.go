package page

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
)

// MaxPageMessage bounds one message from the page.
const MaxPageMessage = 4096

// maxText bounds the strings a page message carries.
const maxText = 512

// PageMessage is one message from the page; Type says which fields are
// set.
type PageMessage struct {
	Type string `json:"type"`
	// hello
	WebGL2   bool   `json:"webgl2,omitempty"`
	Renderer string `json:"renderer,omitempty"`
	Vendor   string `json:"vendor,omitempty"`
	Width    int    `json:"width,omitempty"`
	Height   int    `json:"height,omitempty"`
	// drawn
	ID uint32  `json:"id,omitempty"`
	T  float64 `json:"t,omitempty"`
	// stats
	FPS    float64 `json:"fps,omitempty"`
	Frames int     `json:"frames,omitempty"`
	// error
	Message string `json:"message,omitempty"`
	// audio: packets played, late (dropped) and refused by the decoder
	// since the last report, the loudest sample (0..1), and the play
	// times (Unix ms) of loud onsets heard (at most maxOnsets).
	Played int       `json:"played,omitempty"`
	Late   int       `json:"late,omitempty"`
	Errors int       `json:"errors,omitempty"`
	Peak   float64   `json:"peak,omitempty"`
	Onsets []float64 `json:"onsets,omitempty"`
}

// maxOnsets bounds the onsets one audio report carries.
const maxOnsets = 8

// ParsePageMessage decodes and checks one text message from the page.
// Errors wrap ErrMessage.
func ParsePageMessage(data []byte) (PageMessage, error) {
	var m PageMessage
	if len(data) > MaxPageMessage {
		return m, fmt.Errorf("%w: %d bytes, limit %d", ErrMessage, len(data), MaxPageMessage)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return PageMessage{}, fmt.Errorf("%w: %v", ErrMessage, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return PageMessage{}, fmt.Errorf("%w: trailing data after the message", ErrMessage)
	}
	if len(m.Renderer) > maxText || len(m.Vendor) > maxText || len(m.Message) > maxText {
		return PageMessage{}, fmt.Errorf("%w: %s: text longer than %d bytes", ErrMessage, m.Type, maxText)
	}
	switch m.Type {
	case "hello":
		if m.Width < 0 || m.Height < 0 || m.Width > 1<<15 || m.Height > 1<<15 {
			return PageMessage{}, fmt.Errorf("%w: hello: canvas %dx%d", ErrMessage, m.Width, m.Height)
		}
	case "drawn":
		// A display time in 2001..2286: anything else is a broken clock.
		if m.ID == 0 || math.IsNaN(m.T) || !(m.T > 1e12 && m.T < 1e13) {
			return PageMessage{}, fmt.Errorf("%w: drawn: id %d at %v ms", ErrMessage, m.ID, m.T)
		}
	case "stats":
		if math.IsNaN(m.FPS) || m.FPS < 0 || m.FPS > 1000 || m.Frames < 0 {
			return PageMessage{}, fmt.Errorf("%w: stats: %v fps, %d frames", ErrMessage, m.FPS, m.Frames)
		}
	case "audio":
		if m.Played < 0 || m.Late < 0 || m.Errors < 0 || math.IsNaN(m.Peak) || m.Peak < 0 || m.Peak > 2 || len(m.Onsets) > maxOnsets {
			return PageMessage{}, fmt.Errorf("%w: audio: played %d, late %d, errors %d, peak %v, %d onsets", ErrMessage, m.Played, m.Late, m.Errors, m.Peak, len(m.Onsets))
		}
		for _, t := range m.Onsets {
			if math.IsNaN(t) || !(t > 1e12 && t < 1e13) {
				return PageMessage{}, fmt.Errorf("%w: audio: onset at %v ms", ErrMessage, t)
			}
		}
	case "error":
		if m.Message == "" {
			return PageMessage{}, fmt.Errorf("%w: error without a message", ErrMessage)
		}
	default:
		return PageMessage{}, fmt.Errorf("%w: unknown type %q", ErrMessage, m.Type)
	}
	return m, nil
}

// UnixNs converts the page's display time (Unix ms, fractional) to Unix ns.
// The whole milliseconds and the fraction are converted apart: a float64
// of Unix ms resolves about 0.2 µs, a float64 of Unix ns only 256 ns.
func (m PageMessage) UnixNs() int64 {
	ms := math.Floor(m.T)
	return int64(ms)*1e6 + int64(math.Round((m.T-ms)*1e6))
}
