package page

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"go.uber.org/goleak"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/booth-render/internal/display"
	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/proto/mesh"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func leakCheck(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
}

func newServer(t *testing.T, ctx context.Context) (*Server, *display.Geometry) {
	t.Helper()
	g, err := display.NewGeometry(display.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, Params{Geometry: g, Light: display.Light(), Logger: zaptest.NewLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, g
}

func testModel(t *testing.T, seq uint64) *model.Model {
	t.Helper()
	m, err := model.FromMesh(&mesh.Mesh{
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0},
		Indices:   []uint32{0, 1, 2},
	}, "booth-a", seq)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type wsMsg struct {
	typ  int
	data []byte
}

func dialPage(t *testing.T, ctx context.Context, s *Server) (*websocket.Conn, <-chan wsMsg) {
	t.Helper()
	u := strings.Replace(s.URL(), "http://", "ws://", 1) + "ws"
	ws, _, err := websocket.DefaultDialer.DialContext(ctx, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan wsMsg, 16)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(ch)
		for {
			typ, b, err := ws.ReadMessage()
			if err != nil {
				return
			}
			ch <- wsMsg{typ, b}
		}
	}()
	t.Cleanup(func() { _ = ws.Close(); <-done })
	return ws, ch
}

func next(t *testing.T, ctx context.Context, ch <-chan wsMsg) wsMsg {
	t.Helper()
	select {
	case m, ok := <-ch:
		if !ok {
			t.Fatal("page connection closed")
		}
		return m
	case <-ctx.Done():
		t.Fatal("timed out waiting for a message to the page")
	}
	return wsMsg{}
}

func TestPageProtocol(t *testing.T) {
	leakCheck(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, g := newServer(t, ctx)

	// Three models before the page connects: it gets only the newest.
	for i := uint64(1); i <= 3; i++ {
		s.Show(testModel(t, i))
	}
	ws, ch := dialPage(t, ctx, s)

	var cfg struct {
		Type    string      `json:"type"`
		Clip    [16]float64 `json:"clip"`
		StaleMs int64       `json:"staleMs"`
	}
	if err := json.Unmarshal(next(t, ctx, ch).data, &cfg); err != nil || cfg.Type != "config" {
		t.Fatalf("first message: %+v, %v", cfg, err)
	}
	if cfg.Clip != g.ClipMatrix() || cfg.StaleMs != 1000 {
		t.Fatalf("config %+v", cfg)
	}
	st := next(t, ctx, ch)
	if !strings.Contains(string(st.data), `"state":"waiting"`) {
		t.Fatalf("status %s", st.data)
	}
	fr := next(t, ctx, ch)
	if fr.typ != websocket.BinaryMessage {
		t.Fatalf("want the model, got %s", fr.data)
	}
	id, seq, _, _, _, _, _ := parseFrame(t, fr.data)
	if seq != 3 {
		t.Fatalf("page got model %d, want the newest (3)", seq)
	}

	// The page says it drew it: the server names the model and the time.
	at := float64(time.Now().UnixNano()) / 1e6
	msg, _ := json.Marshal(map[string]any{"type": "drawn", "id": id, "t": at})
	if err := ws.WriteMessage(websocket.TextMessage, msg); err != nil {
		t.Fatal(err)
	}
	// Bad messages are refused and counted; the connection stays.
	_ = ws.WriteMessage(websocket.TextMessage, []byte(`{"type":"drawn","id":999,"t":1763760000123}`))
	_ = ws.WriteMessage(websocket.TextMessage, []byte(`garbage`))
	_ = ws.WriteMessage(websocket.TextMessage, []byte(`{"type":"hello","webgl2":true,"renderer":"TestGL"}`))
	select {
	case d := <-s.Drawn():
		if d.Source != "booth-a" || d.Seq != 3 || math.Abs(float64(d.LocalNs)/1e6-at) > 1e-3 {
			t.Fatalf("drawn %+v (sent %v ms)", d, at)
		}
	case <-ctx.Done():
		t.Fatal("no drawn report")
	}
	for s.Info().Renderer != "TestGL" {
		select {
		case <-time.After(5 * time.Millisecond):
		case <-ctx.Done():
			t.Fatal("hello not seen")
		}
	}
	if i := s.Info(); i.Errors != 2 || !i.WebGL2 || i.Pages != 1 {
		t.Fatalf("info %+v", i)
	}

	// Status changes reach the page; repeating one sends nothing new.
	s.SetStatus("stopped", "Stream stopped 2 s ago")
	s.SetStatus("stopped", "Stream stopped 2 s ago")
	if m := next(t, ctx, ch); !strings.Contains(string(m.data), "Stream stopped 2 s ago") {
		t.Fatalf("status %s", m.data)
	}
	s.Show(testModel(t, 4))
	if m := next(t, ctx, ch); m.typ != websocket.BinaryMessage {
		t.Fatalf("got %s, want model 4", m.data)
	}
	for st := s.Stats(); st.Shown != 4 || st.Sent != 2 || st.Drawn != 1; st = s.Stats() {
		select {
		case <-time.After(5 * time.Millisecond):
		case <-ctx.Done():
			t.Fatalf("stats %+v", st)
		}
	}

	_ = s.Close()
	_ = s.Close()
	select {
	case _, ok := <-ch:
		for ok {
			_, ok = <-ch
		}
	case <-ctx.Done():
		t.Fatal("page connection not closed by Close")
	}
}

func TestAssetsServed(t *testing.T) {
	leakCheck(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, _ := newServer(t, ctx)
	for path, want := range map[string]string{"": `<canvas id="view">`, "app.js": `getContext("webgl2"`} {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Fatalf("%q: %s %.80s", path, resp.Status, b)
		}
	}
	http.DefaultClient.CloseIdleConnections()
}

func TestParamsValidated(t *testing.T) {
	t.Parallel()
	if _, err := New(context.Background(), Params{}); err == nil {
		t.Fatal("no geometry accepted")
	}
	g, _ := display.NewGeometry(display.DefaultConfig())
	if _, err := New(context.Background(), Params{Geometry: g}); err == nil {
		t.Fatal("zero light accepted")
	}
}
