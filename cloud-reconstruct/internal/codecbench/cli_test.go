package codecbench

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestMainNoPeer(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Main([]string{"-meshes", "blobby", "-sizes", "3000", "-iterations", "1", "-no-peer"}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var r Result
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("output %q: %v", out.String(), err)
	}
	if r.Mesh != "blobby-person-3k" || r.Triangles < 2000 || r.Triangles > 4500 {
		t.Fatalf("result %+v", r)
	}
}

func TestMainMissingPeer(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Main([]string{"-meshes", "blobby", "-sizes", "1000", "-iterations", "1", "-draco", "/nonexistent/encode.mjs"}, &out, &errOut)
	if code == 0 || !strings.Contains(errOut.String(), "draco peer unavailable") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}

func TestMainBadArgs(t *testing.T) {
	for _, args := range [][]string{{"-meshes", "teapot", "-no-peer"}, {"-sizes", "x", "-no-peer"}} {
		var out, errOut bytes.Buffer
		if code := Main(args, &out, &errOut); code == 0 {
			t.Fatalf("%v: exit 0", args)
		}
	}
}
