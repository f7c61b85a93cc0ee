package agent

import (
	"fmt"
	"time"

	"cloudme.dev/booth-render/internal/subscribe"
)

// statusFor says what the display shows: state and text for the page
// ("live" with no text when a fresh person is drawn).
func statusFor(sub subscribe.State, lastModel, now time.Time, stale time.Duration) (state, text string) {
	if !lastModel.IsZero() {
		if age := now.Sub(lastModel); age > stale {
			return "stopped", fmt.Sprintf("Stream stopped %d s ago", int(age/time.Second))
		}
		return "live", ""
	}
	switch sub {
	case subscribe.Rejected:
		return "rejected", "The cloud refused this display's token"
	case subscribe.Connected:
		return "waiting", "Waiting for the stream"
	default:
		return "connecting", "Connecting to the cloud"
	}
}
