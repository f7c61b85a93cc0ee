package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"cloudme.dev/cloud-reconstruct/internal/meeting"
)

// meetingCmd talks to the service's meeting API with an operator token.
func meetingCmd(verb string, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("meeting "+verb, flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", envOr("CLOUD_URL", "http://localhost:8080"), "service URL (env CLOUD_URL)")
	tokenFile := fs.String("token-file", "", "file holding the operator token (default: env CLOUD_TOKEN)")
	id := fs.String("id", "", "meeting id")
	var booths multi
	fs.Var(&booths, "booth", "booth of the meeting (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tok := os.Getenv("CLOUD_TOKEN")
	if *tokenFile != "" {
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return err
		}
		tok = strings.TrimSpace(string(b))
	}
	if tok == "" {
		return fmt.Errorf("no operator token: set CLOUD_TOKEN or -token-file")
	}
	base := strings.TrimRight(*url, "/")
	var method, path string
	var body []byte
	switch verb {
	case "create":
		req := meeting.CreateRequest{ID: *id, Booths: booths}
		if err := req.Validate(); err != nil {
			return err
		}
		method, path = http.MethodPost, "/v1/meetings"
		body, _ = json.Marshal(req)
	case "list":
		method, path = http.MethodGet, "/v1/meetings"
	case "end":
		if *id == "" {
			return fmt.Errorf("meeting end: -id is required")
		}
		method, path = http.MethodDelete, "/v1/meetings/"+*id
	default:
		return fmt.Errorf("unknown meeting command %q: want create, list or end", verb)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, strings.TrimSpace(string(out)))
	}
	if len(out) > 0 {
		_, err = stdout.Write(out)
	}
	return err
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
