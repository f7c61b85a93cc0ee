package drill

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"cloudme.dev/e2e/internal/harness"
)

var bin harness.Binaries

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	flag.Parse()
	dir, err := os.MkdirTemp("", "drill-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	if !testing.Short() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		bin, err = harness.Build(ctx, dir)
		cancel()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return m.Run()
}

// Small configuration: the drills share two cores with the rest of `make
// test`.
const (
	drillCameras = 4
	drillRes     = "640x360"
	drillFPS     = 10
	drillCell    = 0.01
	// drillDisplay is a 1 m wide 960x540 screen: cheap to draw.
	drillDisplay = "screen: {width_m: 3.84, height_m: 2.16, resolution: [960, 540]}\neye_m: [0, 1.6, 2.0]\n"
)

// rig is one drill's processes.
type rig struct {
	t     *testing.T
	ctx   context.Context
	env   *harness.Env
	cloud *harness.Cloud
	op    string
}

// newRig starts the cloud; processes stop and, on failure, their logs are
// printed when the test ends.
func newRig(t *testing.T, spec harness.CloudSpec) *rig {
	t.Helper()
	if testing.Short() {
		t.Skip("fault drill: runs the real binaries for tens of seconds; skipped under -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	dir, err := os.MkdirTemp("", "drill-"+t.Name()+"-")
	if err != nil {
		t.Fatal(err)
	}
	env, err := harness.NewEnv(bin, dir)
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, ctx: ctx, env: env}
	t.Cleanup(func() {
		env.Close()
		if !t.Failed() && os.Getenv("DRILL_KEEP_LOGS") == "" {
			_ = os.RemoveAll(dir)
			return
		}
		for _, p := range env.Procs() {
			t.Logf("--- %s log tail:\n%s", p.Name, p.Tail(1500))
		}
		t.Logf("logs kept in %s", dir)
	})
	t.Cleanup(func() {
		if os.Getenv("DRILL_KEEP_LOGS") != "" {
			t.Logf("logs kept in %s (DRILL_KEEP_LOGS)", dir)
		}
	})
	if spec.CellSize == 0 {
		spec.CellSize = drillCell
	}
	if r.cloud, err = env.StartCloud(ctx, "cloud", spec); err != nil {
		t.Fatal(err)
	}
	if r.op, err = env.Mint("-subject", "operator", "-operator"); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *rig) booth(id string, extra, cameras string) *harness.Booth {
	r.t.Helper()
	b, err := r.env.StartBooth(r.ctx, r.cloud.URL, harness.BoothSpec{ID: id, Cameras: drillCameras, Resolution: drillRes,
		FPS: drillFPS, Motion: "waving", Seed: 1, Extra: extra, CameraList: cameras})
	if err != nil {
		r.t.Fatal(err)
	}
	return b
}

func (r *rig) renderer(id, booth string) *harness.Renderer {
	r.t.Helper()
	rd, err := r.env.StartRenderer(r.cloud.URL, harness.RendererSpec{ID: id, Booth: booth, Display: drillDisplay})
	if err != nil {
		r.t.Fatal(err)
	}
	return rd
}

// firstShown waits for the renderer's first model drawn at or after
// since whose capture time is at or after minCapture.
func (r *rig) firstShown(rd *harness.Renderer, since, minCapture int64, timeout time.Duration) (harness.Shown, bool) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) && r.ctx.Err() == nil {
		for _, s := range rd.Shown(since) {
			if s.CaptureNs >= minCapture {
				return s, true
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return harness.Shown{}, false
}

// live waits until rd draws models, failing the test after timeout.
func (r *rig) live(rd *harness.Renderer, timeout time.Duration) {
	r.t.Helper()
	if _, ok := r.firstShown(rd, 0, 0, timeout); !ok {
		r.t.Fatalf("%s drew no model within %v", rd.Name, timeout)
	}
}

func (r *rig) sleep(d time.Duration) {
	select {
	case <-r.ctx.Done():
		r.t.Fatalf("drill deadline passed: %v", r.ctx.Err())
	case <-time.After(d):
	}
}

// stats sums up a renderer's models drawn in [from, to).
type stats struct {
	n        int
	fps      float64
	p50, p99 time.Duration // glass to glass
	maxGap   time.Duration // longest time between two drawn models, edges included
}

func summarize(shown []harness.Shown, from, to int64) stats {
	var in []harness.Shown
	for _, s := range shown {
		if s.ShownNs >= from && s.ShownNs < to {
			in = append(in, s)
		}
	}
	st := stats{n: len(in), fps: float64(len(in)) / (float64(to-from) / 1e9)}
	if len(in) == 0 {
		st.maxGap = time.Duration(to - from)
		return st
	}
	g := make([]int64, len(in))
	prev := from
	for i, s := range in {
		g[i] = s.ShownNs - s.CaptureNs
		st.maxGap = max(st.maxGap, time.Duration(s.ShownNs-prev))
		prev = s.ShownNs
	}
	st.maxGap = max(st.maxGap, time.Duration(to-prev))
	sort.Slice(g, func(i, j int) bool { return g[i] < g[j] })
	st.p50 = time.Duration(g[(len(g)-1)/2])
	st.p99 = time.Duration(g[min(len(g)-1, (len(g)*99+99)/100-1)])
	return st
}

func (s stats) String() string {
	return fmt.Sprintf("%d models, %.1f fps, glass-to-glass p50 %v p99 %v, longest gap %v", s.n, s.fps,
		s.p50.Round(time.Millisecond), s.p99.Round(time.Millisecond), s.maxGap.Round(time.Millisecond))
}

// credential writes the TURN password where the booth config names it.
func (r *rig) credential(relay *harness.Relay) string {
	r.t.Helper()
	p, err := r.env.WriteFile("turn.credential", relay.Password+"\n")
	if err != nil {
		r.t.Fatal(err)
	}
	return p
}

func relayYAML(relay *harness.Relay, credPath string) string {
	return fmt.Sprintf("ice: {servers: [%q], username: %s, credential_file: %s, transport_policy: relay}\n", relay.URL, relay.Username, filepath.Clean(credPath))
}

// countLines counts the lines of process name's log holding s.
func countLines(r *rig, name, s string) int {
	n := 0
	for _, p := range r.env.Procs() {
		if p.Name != name {
			continue
		}
		b, err := os.ReadFile(p.LogPath)
		if err != nil {
			continue
		}
		n += strings.Count(string(b), s)
	}
	return n
}

func (r *rig) metrics() harness.Samples {
	r.t.Helper()
	m, err := r.cloud.Metrics(r.ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	return m
}

func boothMetrics(r *rig, b *harness.Booth) harness.Samples {
	r.t.Helper()
	m, err := b.Metrics(r.ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	return m
}
