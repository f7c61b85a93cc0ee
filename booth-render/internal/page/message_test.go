package page

import (
	"errors"
	"strings"
	"testing"
)

func TestParsePageMessage(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in string
		ok       bool
	}{
		{"hello", `{"type":"hello","webgl2":true,"renderer":"SwiftShader","vendor":"Google","width":480,"height":270}`, true},
		{"drawn", `{"type":"drawn","id":3,"t":1763760000123.25}`, true},
		{"stats", `{"type":"stats","fps":59.9,"frames":60}`, true},
		{"error", `{"type":"error","message":"WebGL2 is not available"}`, true},
		{"unknown type", `{"type":"hack"}`, false},
		{"unknown field", `{"type":"stats","fps":1,"extra":1}`, false},
		{"drawn no id", `{"type":"drawn","t":1763760000123}`, false},
		{"drawn ms as s", `{"type":"drawn","id":1,"t":1763760000}`, false},
		{"drawn negative", `{"type":"drawn","id":1,"t":-5}`, false},
		{"fps huge", `{"type":"stats","fps":1e9}`, false},
		{"fps negative", `{"type":"stats","fps":-1}`, false},
		{"canvas huge", `{"type":"hello","width":100000}`, false},
		{"empty error", `{"type":"error"}`, false},
		{"long text", `{"type":"error","message":"` + strings.Repeat("x", 600) + `"}`, false},
		{"two objects", `{"type":"stats"}{"type":"stats"}`, false},
		{"not json", `drawn 3`, false},
		{"too big", `{"type":"error","message":"` + strings.Repeat("x", 5000) + `"}`, false},
		{"id overflow", `{"type":"drawn","id":4294967296,"t":1763760000123}`, false},
		{"audio", `{"type":"audio","played":98,"late":1,"errors":0,"peak":0.8,"onsets":[1763760000123.5]}`, true},
		{"audio onset in s", `{"type":"audio","played":1,"onsets":[1763760000]}`, false},
		{"audio too many onsets", `{"type":"audio","onsets":[1763760000001,1763760000002,1763760000003,1763760000004,1763760000005,1763760000006,1763760000007,1763760000008,1763760000009]}`, false},
		{"audio negative", `{"type":"audio","played":-1}`, false},
		{"audio peak huge", `{"type":"audio","peak":5}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := ParsePageMessage([]byte(tc.in))
			if tc.ok != (err == nil) {
				t.Fatalf("got %+v, %v", m, err)
			}
			if err != nil && !errors.Is(err, ErrMessage) {
				t.Fatalf("error %v does not wrap ErrMessage", err)
			}
		})
	}
	m, _ := ParsePageMessage([]byte(`{"type":"drawn","id":3,"t":1763760000123.25}`))
	if m.UnixNs() != 1763760000123250000 {
		t.Fatalf("unix ns %d", m.UnixNs())
	}
}

func FuzzParsePageMessage(f *testing.F) {
	f.Add([]byte(`{"type":"drawn","id":3,"t":1763760000123.25}`))
	f.Add([]byte(`{"type":"audio","played":98,"late":1,"peak":0.8,"onsets":[1763760000123.5]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParsePageMessage(data)
		if err != nil {
			if !errors.Is(err, ErrMessage) {
				t.Fatalf("error %v does not wrap ErrMessage", err)
			}
			return
		}
		if m.Type == "drawn" && m.UnixNs() <= 0 {
			t.Fatalf("accepted a drawn time of %d ns", m.UnixNs())
		}
	})
}
