package agent

import (
	"slices"

	"cloudme.dev/booth-render/internal/model"
)

// playoutWindow is how many recent models the picture delay looks at.
const playoutWindow = 30

// playout holds pictures to a steady latency when audio plays, so that the
// audio, which follows the picture's latency, stays in step with every
// picture rather than with their average: a model is shown at its capture
// time plus the largest latency on arrival of the last playoutWindow
// models, or at once when it arrives later than that (then its sound,
// already playing, leads it). Without it, a picture arriving early or late
// by the reconstruction's jitter (±100 ms on a loaded machine) would be
// off the sound by as much. The largest rather than a percentile: with a
// percentile, the late tenth of pictures came up to 66 ms after their
// sound on a loaded machine, outside BT.1359's 45 ms; the price is
// latency, the window's worst arrival.
type playout struct {
	ready []int64 // recent arrival - capture, ns
	next  int
}

// lateDrop: a picture arriving this much later than the picture delay in
// force is dropped (the one on screen stays): its sound has been heard
// already, and BT.1359 notices sound more than 45 ms ahead of its
// picture. Video players drop late frames for the same reason.
const lateDrop = 40_000_000 // ns

// Playout decisions.
const (
	showNow = iota
	holdUntil
	dropLate
)

// due says what to do with m: show it now, hold it until at (this
// machine's clock, ns), or drop it as too late for its sound.
func (p *playout) due(m *model.Model, toLocal func(int64) (int64, bool), nowNs int64) (at int64, what int) {
	capture, ok := toLocal(m.CaptureNs)
	if !ok {
		return 0, showNow
	}
	r := nowNs - capture
	var before int64
	if len(p.ready) > 0 {
		before = slices.Max(p.ready)
	}
	if len(p.ready) < playoutWindow {
		p.ready = append(p.ready, r)
	} else {
		p.ready[p.next] = r
		p.next = (p.next + 1) % playoutWindow
	}
	switch {
	case len(p.ready) < 5:
		return 0, showNow
	case r > before+lateDrop:
		// Later pictures are held to this one's latency (it is in the
		// window now), and the sound follows.
		return 0, dropLate
	}
	at = capture + slices.Max(p.ready)
	if at > nowNs {
		return at, holdUntil
	}
	return 0, showNow
}

// heldModel is a model waiting until at (ns, this machine's clock).
type heldModel struct {
	m  *model.Model
	at int64
}
