package subscribe

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/calibration/link"
)

func newSub(t *testing.T, ctx context.Context, cloud, token string) *Subscriber {
	t.Helper()
	s, err := New(ctx, Params{
		Cloud: cloud, Target: Target{Meeting: "m1", Exclude: "booth-b"}, Token: token, RendererID: "render-b",
		Logger: zaptest.NewLogger(t).Named("sub"), Link: link.Config{PingInterval: 20 * time.Millisecond},
		Retry: 20 * time.Millisecond, MaxRetry: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func nextModel(t *testing.T, ctx context.Context, s *Subscriber) *model.Model {
	t.Helper()
	select {
	case m := <-s.Models():
		return m
	case <-ctx.Done():
		t.Fatal("no model arrived")
	}
	return nil
}

func TestSubscribeDecodesAndReports(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cloud := newTestCloud(t)
	s := newSub(t, ctx, cloud.URL, "good-token")
	peer := cloud.Session(t, ctx)
	if q := <-cloud.Queries; q != "exclude=booth-b&meeting=m1" {
		t.Fatalf("query %q", q)
	}
	good := encodeMesh(t, box())

	// A frame whose mesh is garbage is dropped and counted; the next
	// good one still arrives.
	if err := peer.SendMedia(modelFrame(t, 1, []byte("CMSH and then nonsense"))); err != nil {
		t.Fatal(err)
	}
	if err := peer.SendMedia(modelFrame(t, 2, good)); err != nil {
		t.Fatal(err)
	}
	m := nextModel(t, ctx, s)
	if m.Seq != 2 || m.Source != "booth-a" || m.Mesh.TriangleCount() != 12 || m.Mesh.VertexCount() != 8 {
		t.Fatalf("got model %d from %s, %d triangles", m.Seq, m.Source, m.Mesh.TriangleCount())
	}
	if st := s.Stats(); st.Undecodable != 1 || st.Models != 1 {
		t.Fatalf("stats %+v", st)
	}
	if s.State() != Connected {
		t.Fatalf("state %v", s.State())
	}

	// The display time goes back on control, on the cloud's clock (one
	// machine here: the offset is within the round trip of zero).
	for {
		if _, _, ok := peer.ClockOffset(); ok {
			break
		}
		select {
		case <-time.After(10 * time.Millisecond):
		case <-ctx.Done():
			t.Fatal("no clock estimate")
		}
	}
	shownAt := time.Now().UnixNano()
	s.Shown(m.Source, m.Seq, shownAt)
	select {
	case msg := <-peer.Control():
		r := msg.Envelope.GetDisplayReport()
		if r == nil || r.GetSequence() != 2 || r.GetSourceBooth() != "booth-a" || r.GetRendererId() != "render-b" {
			t.Fatalf("report %v", msg.Envelope)
		}
		if d := time.Duration(r.GetDisplayTimeNs() - shownAt); d < -time.Second || d > time.Second {
			t.Fatalf("display time off by %v", d)
		}
	case <-ctx.Done():
		t.Fatal("no display report")
	}

	// The cloud goes away: the subscriber reconnects by itself.
	_ = peer.Close()
	peer2 := cloud.Session(t, ctx)
	if err := peer2.SendMedia(modelFrame(t, 3, good)); err != nil {
		t.Fatal(err)
	}
	if m := nextModel(t, ctx, s); m.Seq != 3 {
		t.Fatalf("after reconnecting got %d", m.Seq)
	}
	if st := s.Stats(); st.Sessions < 2 {
		t.Fatalf("stats %+v", st)
	}
	_ = s.Close()
	_ = s.Close()
	if s.State() != Closed {
		t.Fatalf("state %v", s.State())
	}
}

func TestSubscribeRejectedKeepsRetrying(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cloud := newTestCloud(t)
	s := newSub(t, ctx, cloud.URL, "wrong-token")
	for s.State() != Rejected {
		select {
		case <-time.After(5 * time.Millisecond):
		case <-ctx.Done():
			t.Fatalf("state stayed %v", s.State())
		}
	}
	s.Shown("booth-a", 1, 1)
	_ = s.Close()
	if st := s.Stats(); st.Reports != 0 {
		t.Fatalf("stats %+v", st)
	}
}

func TestLatestModelWins(t *testing.T) {
	t.Parallel()
	s := &Subscriber{models: make(chan *model.Model, 1)}
	for i := uint64(1); i <= 4; i++ {
		s.deliver(&model.Model{Seq: i})
	}
	if m := <-s.Models(); m.Seq != 4 || s.Stats().Superseded != 3 {
		t.Fatalf("kept %d, superseded %d", m.Seq, s.Stats().Superseded)
	}
}

func TestParams(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		cloud  string
		target Target
		id     string
		want   string
	}{
		{"meeting", "http://c:80/", Target{Meeting: "m"}, "r", "http://c:80/v1/subscribe?meeting=m"},
		{"booth", "https://c", Target{Booth: "b-1"}, "r", "https://c/v1/subscribe?booth=b-1"},
		{"prefix", "http://c/api", Target{Meeting: "m", Exclude: "x"}, "r", "http://c/api/v1/subscribe?exclude=x&meeting=m"},
		{"nothing", "http://c", Target{}, "r", ""},
		{"both", "http://c", Target{Meeting: "m", Booth: "b"}, "r", ""},
		{"exclude booth", "http://c", Target{Booth: "b", Exclude: "x"}, "r", ""},
		{"scheme", "ftp://c", Target{Booth: "b"}, "r", ""},
		{"bad id", "http://c", Target{Booth: "b"}, "a b", ""},
		{"no id", "http://c", Target{Booth: "b"}, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			u, err := tc.target.URL(tc.cloud)
			if err == nil && !rendererID(tc.id) {
				err = ErrParams
			}
			if tc.want == "" {
				if !errors.Is(err, ErrParams) {
					t.Fatalf("got %q, %v", u, err)
				}
				if tc.id != "r" {
					if _, err := New(context.Background(), Params{Cloud: tc.cloud, Target: tc.target, RendererID: tc.id}); !errors.Is(err, ErrParams) || !strings.Contains(err.Error(), "renderer id") {
						t.Fatalf("New: %v", err)
					}
				}
				return
			}
			if err != nil || u != tc.want {
				t.Fatalf("got %q, %v", u, err)
			}
		})
	}
}
