package harness

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
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
