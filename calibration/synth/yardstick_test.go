package synth

import "testing"

// The yardstick renders the person in view and times it.
func TestYardstick(t *testing.T) {
	t.Parallel()
	ms, err := Yardstick()
	if err != nil {
		t.Fatal(err)
	}
	if !(ms > 0) {
		t.Fatalf("yardstick %v ms", ms)
	}
}
