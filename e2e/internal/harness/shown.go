package harness

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// Shown is one model a booth-render drew, from its "model shown" debug
// log line (headless renderer): times on this machine's clock, which is
// the cloud's clock too when both run here.
type Shown struct {
	Source     string `json:"source"`
	Seq        uint64 `json:"seq"`
	CaptureNs  int64  `json:"capture_ns"`
	ReceivedNs int64  `json:"received_ns"`
	DecodedNs  int64  `json:"decoded_ns"`
	ShownNs    int64  `json:"shown_ns"`
	// Stages are the model frame's stage times (cloud clock, Unix ns) by
	// stage name in lower case without STAGE_ ("hull", "mesh_encode").
	Stages    map[string]int64 `json:"stages"`
	MeshBytes int              `json:"mesh_bytes"`
}

// Renderer is a running booth-render.
type Renderer struct {
	*Proc
	Spec RendererSpec
}

// Shown returns the models the renderer drew at or after since (Unix
// ns), read from its JSON log. Lines that do not parse are skipped (the
// log also holds other messages).
func (r *Renderer) Shown(since int64) []Shown {
	f, err := os.Open(r.LogPath)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []Shown
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	key := []byte(`"msg":"model shown"`)
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.Contains(line, key) {
			continue
		}
		var s Shown
		if json.Unmarshal(line, &s) == nil && s.ShownNs >= since {
			out = append(out, s)
		}
	}
	return out
}

// WaitShown waits until one of renderers has drawn a model at or after
// since (Unix ns). It fails when a renderer exits or the timeout passes.
func WaitShown(ctx context.Context, renderers []*Renderer, since int64, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		for _, r := range renderers {
			if len(r.Shown(since)) > 0 {
				return nil
			}
			if !r.Running() {
				return fmt.Errorf("harness: %s exited before drawing a model: %v\n%s", r.Name, r.Err(), r.Tail(2000))
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("harness: no renderer drew a model within %v: %w", timeout, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}
