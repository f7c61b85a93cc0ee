package events

import (
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestSlowSubscriberIsDropped(t *testing.T) {
	t.Parallel()
	h := NewHub(4)
	defer h.Close()
	fast, slow := h.Subscribe(), h.Subscribe()
	got := make(chan int)
	go func() {
		n := 0
		for range fast.C {
			n++
		}
		got <- n
	}()
	const total = 50
	for i := 0; i < total; i++ {
		h.Publish(Event{Type: BoothOnline, Booth: "a"})
		// Pace the publisher so the hub's own inbox never overflows; the
		// slow subscriber reads nothing and must be dropped.
		time.Sleep(time.Millisecond)
	}
	deadline := time.After(10 * time.Second)
	n := 0
	for open := true; open; {
		select {
		case _, open = <-slow.C:
			if open {
				n++
			}
		case <-deadline:
			t.Fatal("slow subscriber never dropped")
		}
	}
	if !slow.Dropped() || n != 4 {
		t.Fatalf("slow: dropped %v after %d events", slow.Dropped(), n)
	}
	h.Unsubscribe(fast)
	select {
	case n := <-got:
		if n+int(h.Lost()) != total {
			t.Fatalf("fast got %d, lost %d of %d", n, h.Lost(), total)
		}
	case <-deadline:
		t.Fatal("fast subscriber not closed")
	}
	if fast.Dropped() {
		t.Fatal("fast subscriber was dropped")
	}
}

func TestCloseEndsSubscriptions(t *testing.T) {
	t.Parallel()
	h := NewHub(0)
	s := h.Subscribe()
	h.Publish(Event{Type: MeetingStarted, Meeting: "m1"})
	e := <-s.C
	if e.Type != MeetingStarted || e.Time.IsZero() {
		t.Fatalf("event %+v", e)
	}
	_ = h.Close()
	_ = h.Close()
	if _, ok := <-s.C; ok {
		t.Fatal("subscription open after close")
	}
	if h.Subscribe() != nil {
		t.Fatal("subscribed to a closed hub")
	}
	h.Unsubscribe(s)
}
