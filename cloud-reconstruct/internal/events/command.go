package events

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrCommand is wrapped by errors about an operator's command.
var ErrCommand = errors.New("bad operator command")

// Command is a message an operator sends on the events websocket:
//
//	{"type": "booth_audio", "booth": "booth-a", "muted": true}
//	{"type": "booth_audio", "booth": "booth-a", "volume": 0.5}
//
// booth_audio mutes, unmutes or sets the volume (0 to 2) of a booth's
// microphone; a field left out is left as it is.
type Command struct {
	Type   Type     `json:"type"`
	Booth  string   `json:"booth"`
	Muted  *bool    `json:"muted,omitempty"`
	Volume *float64 `json:"volume,omitempty"`
}

// ParseCommand decodes and checks a command.
func ParseCommand(b []byte) (Command, error) {
	var c Command
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("%w: %v", ErrCommand, err)
	}
	switch c.Type {
	case BoothAudio:
		if c.Booth == "" {
			return c, fmt.Errorf("%w: booth_audio names no booth", ErrCommand)
		}
		if c.Muted == nil && c.Volume == nil {
			return c, fmt.Errorf("%w: booth_audio sets neither muted nor volume", ErrCommand)
		}
		if v := c.Volume; v != nil && !(*v >= 0 && *v <= 2) {
			return c, fmt.Errorf("%w: volume %g: want 0 to 2", ErrCommand, *v)
		}
	default:
		return c, fmt.Errorf("%w: unknown type %q", ErrCommand, c.Type)
	}
	return c, nil
}

func handleCommand(b []byte, on func(Command) error) error {
	c, err := ParseCommand(b)
	if err != nil {
		return err
	}
	if on == nil {
		return fmt.Errorf("%w: this server takes no commands", ErrCommand)
	}
	return on(c)
}
