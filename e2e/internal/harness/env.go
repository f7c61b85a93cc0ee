package harness

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// secretEnv names the variable the cloud reads its signing secret from.
const secretEnv = "CLOUD_TOKEN_SECRET"

// Env is one run's processes, sharing a token secret and a directory for
// configs, tokens and logs.
type Env struct {
	Bin    Binaries
	Dir    string
	secret string

	mu    sync.Mutex
	procs []*Proc
}

// NewEnv returns an environment writing into dir with a fresh secret.
func NewEnv(bin Binaries, dir string) (*Env, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	return &Env{Bin: bin, Dir: dir, secret: hex.EncodeToString(b[:])}, nil
}

// Close stops every process the environment started, newest first.
func (e *Env) Close() {
	e.mu.Lock()
	ps := e.procs
	e.procs = nil
	e.mu.Unlock()
	for i := len(ps) - 1; i >= 0; i-- {
		ps[i].Stop(10 * time.Second)
	}
}

// Procs are the processes started so far (restarted ones included).
func (e *Env) Procs() []*Proc {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]*Proc(nil), e.procs...)
}

func (e *Env) start(name, bin string, args, env []string) (*Proc, error) {
	p, err := StartProc(name, filepath.Join(e.Dir, name+".log"), bin, args, env)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	e.procs = append(e.procs, p)
	e.mu.Unlock()
	return p, nil
}

// FreePort returns a loopback TCP address free at the time of the call.
func FreePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// Mint mints a token with the cloud's CLI (`token mint`), e.g.
// Mint("-subject", "booth-a", "-publish", "booth-a").
func (e *Env) Mint(args ...string) (string, error) {
	cmd := exec.Command(e.Bin.Cloud, append([]string{"token", "mint", "-secret-env", secretEnv, "-ttl", "12h"}, args...)...)
	cmd.Env = append(os.Environ(), secretEnv+"="+e.secret)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("harness: token mint %v: %v: %s", args, err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}

// WriteFile writes a file (0600) under the environment's directory and
// returns its path.
func (e *Env) WriteFile(name, content string) (string, error) {
	p := filepath.Join(e.Dir, name)
	return p, os.WriteFile(p, []byte(content), 0o600)
}

// CloudSpec configures the cloud service.
type CloudSpec struct {
	// Addr is the listen address; empty: a free loopback port.
	Addr string
	// CellSize in metres (CLOUD_CELL_SIZE); 0: the service default.
	CellSize float64
	// Env are extra environment variables (CLOUD_...).
	Env []string
}

// Cloud is a running cloud-reconstruct.
type Cloud struct {
	*Proc
	Spec CloudSpec
	URL  string
}

// StartCloud starts `cloud-reconstruct serve` and waits for /healthz.
func (e *Env) StartCloud(ctx context.Context, name string, s CloudSpec) (*Cloud, error) {
	if s.Addr == "" {
		a, err := FreePort()
		if err != nil {
			return nil, err
		}
		s.Addr = a
	}
	env := append([]string{secretEnv + "=" + e.secret, "CLOUD_LISTEN=" + s.Addr}, s.Env...)
	if s.CellSize > 0 {
		env = append(env, "CLOUD_CELL_SIZE="+strconv.FormatFloat(s.CellSize, 'g', -1, 64))
	}
	p, err := e.start(name, e.Bin.Cloud, []string{"serve"}, env)
	if err != nil {
		return nil, err
	}
	c := &Cloud{Proc: p, Spec: s, URL: "http://" + s.Addr}
	if err := waitHTTP(ctx, p, c.URL+"/healthz", 30*time.Second); err != nil {
		p.Kill()
		return nil, err
	}
	return c, nil
}

// waitHTTP polls url until it answers 200, the process exits or the
// timeout passes.
func waitHTTP(ctx context.Context, p *Proc, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-p.Done():
			return fmt.Errorf("harness: %s exited before %s answered: %v\n%s", p.Name, url, p.Err(), p.Tail(2000))
		case <-ctx.Done():
			return fmt.Errorf("harness: %s did not answer %s: %w", p.Name, url, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// CreateMeeting creates meeting id of booths with an operator token.
func (c *Cloud) CreateMeeting(ctx context.Context, operatorToken, id string, booths ...string) error {
	body, _ := json.Marshal(map[string]any{"id": id, "booths": booths})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL+"/v1/meetings", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+operatorToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("harness: create meeting: %w", err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("harness: create meeting %s: %s: %s", id, resp.Status, strings.TrimSpace(string(msg)))
	}
	return nil
}

// Metrics scrapes the cloud's /metrics.
func (c *Cloud) Metrics(ctx context.Context) (Samples, error) { return Scrape(ctx, c.URL+"/metrics") }

// BoothSpec configures one synthetic booth.
type BoothSpec struct {
	ID         string
	Cameras    int
	Resolution string // 720p, 1080p, 4k or WxH
	FPS        float64
	Motion     string
	Seed       int64
	// Replay, when set, pre-renders this long of the person's motion and
	// replays it from memory (synthetic.replay): the booth's cameras cost
	// what real ones do, not a software render.
	Replay time.Duration
	// CameraList, when set, is the YAML of the cameras list (one "- {id:
	// .., source: ..}" per line), replacing the all-synthetic default.
	CameraList string
	// Extra YAML appended to the config (top-level keys).
	Extra string
	// Netns, when set, runs the booth inside that namespace, its ops
	// endpoint on the namespace's address.
	Netns *Netns
}

// Booth is a running booth-capture.
type Booth struct {
	*Proc
	Spec   BoothSpec
	OpsURL string
}

// StartBooth writes the booth's token and config and starts it; its ops
// endpoint is on a free loopback port.
func (e *Env) StartBooth(ctx context.Context, cloudURL string, s BoothSpec) (*Booth, error) {
	tok, err := e.Mint("-subject", s.ID, "-publish", s.ID)
	if err != nil {
		return nil, err
	}
	tokPath, err := e.WriteFile(s.ID+".token", tok+"\n")
	if err != nil {
		return nil, err
	}
	ops, err := FreePort()
	if err != nil {
		return nil, err
	}
	if s.Netns != nil {
		// Free on the host, and so almost surely inside the fresh
		// namespace, which has no other listener.
		_, port, _ := net.SplitHostPort(ops)
		ops = net.JoinHostPort(s.Netns.NsIP, port)
	}
	if s.Motion == "" {
		s.Motion = "waving"
	}
	cfg := fmt.Sprintf("booth_id: %s\ncloud_url: %s\ntoken_file: %s\nfps: %g\nlisten: %s\nsynthetic: {cameras: %d, resolution: %s, motion: %s, seed: %d, noise: 2, jitter: 0.002, replay: %s}\n",
		s.ID, cloudURL, tokPath, s.FPS, ops, s.Cameras, s.Resolution, s.Motion, s.Seed, s.Replay)
	if s.CameraList != "" {
		cfg += "cameras:\n" + s.CameraList
	}
	cfg += s.Extra
	cfgPath, err := e.WriteFile(s.ID+".yaml", cfg)
	if err != nil {
		return nil, err
	}
	bin, args := e.Bin.Booth, []string{"-config", cfgPath}
	if s.Netns != nil {
		bin, args = "ip", append([]string{"netns", "exec", s.Netns.Name, e.Bin.Booth}, args...)
	}
	p, err := e.start(s.ID, bin, args, nil)
	if err != nil {
		return nil, err
	}
	b := &Booth{Proc: p, Spec: s, OpsURL: "http://" + ops}
	// The ops server answers /metrics at once (its /healthz says 503
	// until frames flow).
	if err := waitHTTP(ctx, p, b.OpsURL+"/metrics", 60*time.Second); err != nil {
		p.Kill()
		return nil, err
	}
	return b, nil
}

// Metrics scrapes the booth's ops /metrics.
func (b *Booth) Metrics(ctx context.Context) (Samples, error) {
	return Scrape(ctx, b.OpsURL+"/metrics")
}

// RendererSpec configures one booth-render.
type RendererSpec struct {
	ID      string
	Meeting string // watch a meeting ...
	Exclude string // ... leaving out this booth
	Booth   string // or watch one booth
	// Display is a display config YAML (empty: the default 4K wall).
	Display string
	// StaleAfter: default 1 s.
	StaleAfter time.Duration
}

// StartRenderer starts a headless booth-render (software renderer; the
// display time of a model is when its render finished), logging JSON at
// debug level so that every model drawn has its line.
func (e *Env) StartRenderer(cloudURL string, s RendererSpec) (*Renderer, error) {
	grant := []string{"-subject", s.ID}
	if s.Meeting != "" {
		grant = append(grant, "-subscribe-meeting", s.Meeting)
	} else {
		grant = append(grant, "-subscribe-booth", s.Booth)
	}
	tok, err := e.Mint(grant...)
	if err != nil {
		return nil, err
	}
	tokPath, err := e.WriteFile(s.ID+".token", tok+"\n")
	if err != nil {
		return nil, err
	}
	stale := s.StaleAfter
	if stale <= 0 {
		stale = time.Second
	}
	args := []string{"run", "-cloud", cloudURL, "-token-file", tokPath, "-renderer-id", s.ID, "-headless", "-stale-after", stale.String(),
		"-log-format", "json", "-log-level", "debug"}
	if s.Meeting != "" {
		args = append(args, "-meeting", s.Meeting)
		if s.Exclude != "" {
			args = append(args, "-exclude", s.Exclude)
		}
	} else {
		args = append(args, "-booth", s.Booth)
	}
	if s.Display != "" {
		p, err := e.WriteFile(s.ID+"-display.yaml", s.Display)
		if err != nil {
			return nil, err
		}
		args = append(args, "-display", p)
	}
	p, err := e.start(s.ID, e.Bin.Render, args, nil)
	if err != nil {
		return nil, err
	}
	return &Renderer{Proc: p, Spec: s}, nil
}

// Restart starts a new cloud process with the same spec (same address,
// same secret) after the old one exited.
func (e *Env) Restart(ctx context.Context, name string, c *Cloud) (*Cloud, error) {
	return e.StartCloud(ctx, name, c.Spec)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func pid() int { return os.Getpid() }
