package meeting

import (
	"errors"
	"testing"
)

// FuzzParseCreate: operator requests are outside bytes. The parser must
// never panic and everything it accepts must be a valid request.
func FuzzParseCreate(f *testing.F) {
	f.Add([]byte(`{"id":"m1","booths":["a","b"]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseCreate(b)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if c.Validate() != nil {
			t.Fatal("accepted an invalid request")
		}
	})
}
