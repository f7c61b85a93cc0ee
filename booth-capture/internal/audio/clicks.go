package audio

import (
	"slices"
	"sync"
)

// Clicks is the schedule of clicks a synthetic source plays: instants on
// the booth's capture clock. Safe for concurrent use: the video side adds,
// the audio source takes.
type Clicks struct {
	mu sync.Mutex
	at []int64
}

// Add schedules a click at captureNs.
func (c *Clicks) Add(captureNs int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	i, found := slices.BinarySearch(c.at, captureNs)
	if !found {
		c.at = slices.Insert(c.at, i, captureNs)
	}
}

// take returns the clicks that start before end and forgets those that
// ended before start (a click lasts clickSamples).
func (c *Clicks) take(start, end int64) []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	clickNs := int64(clickSamples) * 1e9 / SampleRate
	k := 0
	for k < len(c.at) && c.at[k]+clickNs < start {
		k++
	}
	c.at = c.at[k:]
	var out []int64
	for _, t := range c.at {
		if t >= end {
			break
		}
		out = append(out, t)
	}
	return out
}
