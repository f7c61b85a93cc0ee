package events

import (
	"errors"
	"testing"
)

func TestParseCommand(t *testing.T) {
	t.Parallel()
	c, err := ParseCommand([]byte(`{"type":"booth_audio","booth":"booth-a","muted":true,"volume":0.5}`))
	if err != nil || c.Booth != "booth-a" || c.Muted == nil || !*c.Muted || c.Volume == nil || *c.Volume != 0.5 {
		t.Fatalf("%+v %v", c, err)
	}
	for _, bad := range []string{
		``, `{`, `[]`,
		`{"type":"reboot","booth":"a"}`,
		`{"type":"booth_audio","muted":true}`,
		`{"type":"booth_audio","booth":"a"}`,
		`{"type":"booth_audio","booth":"a","volume":3}`,
		`{"type":"booth_audio","booth":"a","volume":-0.1}`,
		`{"type":"booth_audio","booth":"a","muted":true,"extra":1}`,
	} {
		if _, err := ParseCommand([]byte(bad)); !errors.Is(err, ErrCommand) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func FuzzParseCommand(f *testing.F) {
	f.Add([]byte(`{"type":"booth_audio","booth":"booth-a","muted":true}`))
	f.Add([]byte(`{"type":"booth_audio","booth":"b","volume":1.5}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseCommand(b)
		if err == nil && (c.Booth == "" || (c.Muted == nil && c.Volume == nil)) {
			t.Fatalf("accepted %+v", c)
		}
	})
}
