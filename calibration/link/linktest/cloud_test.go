package linktest

import (
	"context"
	"errors"
	"testing"
	"time"

	"cloudme.dev/calibration/link"
	"cloudme.dev/proto/pb"
)

func TestCloudAnswersAndChecksTheToken(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := NewCloud(t, Options{Path: "/v1/publish", Token: "secret"})

	if _, err := link.Dial(ctx, link.DialParams{URL: c.URL + "/v1/publish", Token: "wrong"}); !errors.Is(err, link.ErrRejected) {
		t.Fatalf("wrong token: %v", err)
	}
	p, err := link.Dial(ctx, link.DialParams{URL: c.URL + "/v1/publish?x=1", Token: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	server := c.Session(t, ctx)
	if q := <-c.Queries; q != "x=1" {
		t.Fatalf("query %q", q)
	}
	ping := &pb.Envelope{Body: &pb.Envelope_DisplayReport{DisplayReport: &pb.DisplayReport{SourceBooth: "b", Sequence: 1, DisplayTimeNs: 1, RendererId: "r"}}}
	if err := p.SendControl(ping); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-server.Control():
		if m.Envelope.GetDisplayReport().GetRendererId() != "r" {
			t.Fatalf("got %v", m.Envelope)
		}
	case <-ctx.Done():
		t.Fatal("no message")
	}
}
