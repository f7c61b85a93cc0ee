package headless

import (
	"bytes"
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"cloudme.dev/proto/pb"
)

// syncBuffer is a bytes.Buffer safe for the logger's goroutine and the
// test's.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Sync() error { return nil }

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// The "model shown" debug line is what the end-to-end benchmark reads: it
// carries the display time and, for each of the frame's stages, its done
// time under the stage's lower-case name, and the mesh's size.
func TestWorkerLogsShownModelWithStages(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	r, err := NewRenderer(geometry(t), 160, 90, 1)
	if err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	enc := zapcore.NewJSONEncoder(zapcore.EncoderConfig{MessageKey: "msg", LevelKey: "level", EncodeLevel: zapcore.LowercaseLevelEncoder})
	log := zap.New(zapcore.NewCore(enc, &out, zapcore.DebugLevel))
	w, err := NewWorker(ctx, WorkerParams{Renderer: r, RenderEach: true, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	m := slab(t)
	m.Stages = []*pb.StageTime{{Stage: pb.Stage_STAGE_HULL, DoneNs: 111}, {Stage: pb.Stage_STAGE_MESH_ENCODE, DoneNs: 222}}
	m.MeshBytes = 4321
	w.Show(m)
	select {
	case <-w.Shown():
	case <-ctx.Done():
		t.Fatal("model never shown")
	}
	_ = w.Close()
	var line struct {
		Msg       string           `json:"msg"`
		Seq       uint64           `json:"seq"`
		ShownNs   int64            `json:"shown_ns"`
		Stages    map[string]int64 `json:"stages"`
		MeshBytes int              `json:"mesh_bytes"`
	}
	for _, l := range bytes.Split([]byte(out.String()), []byte("\n")) {
		if bytes.Contains(l, []byte(`"model shown"`)) {
			if err := json.Unmarshal(l, &line); err != nil {
				t.Fatalf("%v: %s", err, l)
			}
		}
	}
	if line.Msg != "model shown" || line.Seq != 1 || line.ShownNs <= 0 || line.MeshBytes != 4321 ||
		len(line.Stages) != 2 || line.Stages["hull"] != 111 || line.Stages["mesh_encode"] != 222 {
		t.Fatalf("shown line %+v in log:\n%s", line, out.String())
	}
}
