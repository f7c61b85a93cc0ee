package cli

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/engine"
	"cloudme.dev/cloud-reconstruct/internal/server"
)

const secret = "cli-test-secret-cli-test-secret-xx"

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestMintAndMeetings(t *testing.T) {
	t.Setenv("CLOUD_TOKEN_SECRET", secret)
	code, tok, stderr := run(t, "token", "mint", "-operator", "-ttl", "1h")
	if code != 0 {
		t.Fatalf("mint: %d %s", code, stderr)
	}
	tok = strings.TrimSpace(tok)
	iss, _ := auth.NewIssuer([]byte(secret), 0)
	c, err := iss.Verify(tok)
	if err != nil || !c.Grants.Operator || c.Subject != "operator" {
		t.Fatalf("minted %v %+v", err, c)
	}
	if code, _, _ := run(t, "token", "mint", "-publish", "bad id"); code == 0 {
		t.Fatal("minted a token for a bad booth id")
	}
	srv, err := server.New(server.Params{Issuer: iss, NewEngine: func(r *rig.Rig) (engine.Engine, error) { return engine.NewCPU(engine.Config{Rig: r}) }})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	t.Setenv("CLOUD_URL", hs.URL)
	t.Setenv("CLOUD_TOKEN", tok)
	steps := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"meeting", "create", "-id", "m1", "-booth", "booth-a", "-booth", "booth-b"}, 0, `"id":"m1"`},
		{[]string{"meeting", "create", "-id", "m1", "-booth", "booth-c"}, 1, ""},
		{[]string{"meeting", "list"}, 0, `"booths":["booth-a","booth-b"]`},
		{[]string{"meeting", "end", "-id", "m1"}, 0, ""},
		{[]string{"meeting", "end", "-id", "m1"}, 1, ""},
		{[]string{"meeting", "fly"}, 1, ""},
	}
	for _, s := range steps {
		code, out, errOut := run(t, s.args...)
		if code != s.code || !strings.Contains(out, s.out) {
			t.Fatalf("%v: %d %q %q", s.args, code, out, errOut)
		}
		if strings.Contains(errOut, tok) {
			t.Fatal("the token leaked")
		}
	}
	t.Setenv("CLOUD_TOKEN", "")
	if code, _, _ := run(t, "meeting", "list"); code != 1 {
		t.Fatal("listed without a token")
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{}, {"token"}, {"bogus"}} {
		if code, _, _ := run(t, args...); code != 2 {
			t.Fatalf("%v: %d", args, code)
		}
	}
}
