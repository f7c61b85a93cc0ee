package benche2e

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"cloudme.dev/calibration/synth"
	"cloudme.dev/e2e/internal/harness"
	"cloudme.dev/proto/pb"
)

// Case is one configuration.
type Case struct {
	// Booths in one meeting (1: a single booth watched by one renderer;
	// more: every booth has a renderer showing the others, as the demo).
	Booths     int
	Cameras    int
	Resolution string
	FPS        float64
	CellSize   float64
	Warmup     time.Duration
	Measure    time.Duration
	// Independent, for the load test: Booths booths each watched by its
	// own renderer, no meeting between them.
	Independent bool
	// Display is the renderers' display YAML (empty: the 4K wall).
	Display string
	// Replay, when set, has each booth pre-render this long of its
	// person's motion and replay it from memory (synthetic.replay), so
	// that its cameras cost what real ones do; else they render live.
	Replay time.Duration
	// EngineDuty, when set, is every booth's engine_duty (0.5 to 1);
	// 0 leaves the booth's default.
	EngineDuty float64
}

// Quantiles in milliseconds.
type Quantiles struct {
	N     int     `json:"n"`
	P50Ms float64 `json:"p50_ms"`
	P95Ms float64 `json:"p95_ms"`
	P99Ms float64 `json:"p99_ms"`
}

// Result is one JSON line.
type Result struct {
	Bench       string  `json:"bench"`
	Booths      int     `json:"booths"`
	Independent bool    `json:"independent_booths,omitempty"`
	Cameras     int     `json:"cameras"`
	Resolution  string  `json:"resolution"`
	FPSOffered  float64 `json:"offered_fps"`
	CellMm      float64 `json:"cell_mm"`
	// Cameras: "rendered live" (the synthetic booth's software renderer,
	// on this machine's cores) or "replayed" (pre-rendered, from memory).
	CameraFrames string  `json:"camera_frames"`
	ReplayS      float64 `json:"camera_replay_loop_s,omitempty"`
	// EngineDuty is the booths' engine_duty when the case sets it.
	EngineDuty float64 `json:"engine_duty,omitempty"`
	MeasuredS  float64 `json:"measured_s"`
	LoadStart  string  `json:"load_avg_start"`
	LoadEnd    string  `json:"load_avg_end"`
	// YardstickBeforeMs and YardstickAfterMs are the machine's speed just
	// before the processes start and just after they stop (synth.Yardstick):
	// runs whose yardsticks differ are not like for like.
	YardstickBeforeMs float64 `json:"yardstick_before_ms"`
	YardstickAfterMs  float64 `json:"yardstick_after_ms"`

	// GlassToGlass is display time minus capture time, exact for every
	// model a renderer drew (its "model shown" log line; one clock, as
	// every process runs on this machine).
	GlassToGlass Quantiles `json:"glass_to_glass"`
	// CloudHistogram is the same latency as the cloud records it from the
	// renderers' display reports (its histogram's buckets grow by 1.5x:
	// these quantiles are interpolated inside a bucket), a cross-check.
	CloudHistogram Quantiles `json:"glass_to_glass_cloud_histogram"`
	// Stages: for every displayed model, each stage's end minus the
	// previous stage's end (sync from capture; to_renderer from fan-out
	// to the renderer's receipt; decode; draw = render finished).
	Stages map[string]Quantiles `json:"stages"`

	FrameSetsFPS  float64 `json:"booth_frame_sets_fps"`
	SentFPS       float64 `json:"booth_sent_fps"`
	CloudInFPS    float64 `json:"cloud_frame_sets_fps"`
	ModelsFPS     float64 `json:"cloud_models_fps"`
	DisplayedFPS  float64 `json:"renderer_displayed_fps"`
	PerBoothModel float64 `json:"models_fps_per_booth"`

	Drops map[string]float64 `json:"drops"`

	BoothToCloudMbps float64 `json:"booth_to_cloud_mbps"`
	// CloudToRenderersMbps: model bytes the cloud handed to subscribers
	// (the renderers: the bench subscribes nothing of its own).
	CloudToRenderersMbps float64 `json:"cloud_to_renderers_mbps"`

	// CPU per process in percent of one core over the measured window.
	CPUPct  map[string]float64 `json:"cpu_pct"`
	Goal    string             `json:"goal"`
	GoalMet bool               `json:"goal_met"`
}

// Run starts the processes of c, measures, stops them and returns the
// figures. Logs go to dir; progress to logw.
func Run(ctx context.Context, bin harness.Binaries, dir string, c Case, logw io.Writer) (*Result, error) {
	yardBefore, err := synth.Yardstick()
	if err != nil {
		return nil, err
	}
	env, err := harness.NewEnv(bin, dir)
	if err != nil {
		return nil, err
	}
	defer env.Close()
	cloud, err := env.StartCloud(ctx, "cloud", harness.CloudSpec{CellSize: c.CellSize})
	if err != nil {
		return nil, err
	}
	op, err := env.Mint("-subject", "operator", "-operator")
	if err != nil {
		return nil, err
	}
	ids := make([]string, c.Booths)
	for i := range ids {
		ids[i] = fmt.Sprintf("booth-%d", i+1)
	}
	if !c.Independent && c.Booths > 1 {
		if err := cloud.CreateMeeting(ctx, op, "m1", ids...); err != nil {
			return nil, err
		}
	}
	motions := []string{"waving", "turning", "tour"}
	booths := make([]*harness.Booth, 0, len(ids))
	var renderers []*harness.Renderer
	for i, id := range ids {
		var extra string
		if c.EngineDuty > 0 {
			extra = fmt.Sprintf("engine_duty: %g\n", c.EngineDuty)
		}
		b, err := env.StartBooth(ctx, cloud.URL, harness.BoothSpec{ID: id, Cameras: c.Cameras, Resolution: c.Resolution, Extra: extra,
			FPS: c.FPS, Motion: motions[i%len(motions)], Seed: int64(i + 1), Replay: c.Replay})
		if err != nil {
			return nil, err
		}
		booths = append(booths, b)
		rs := harness.RendererSpec{ID: "render-" + id[len("booth-"):], Display: c.Display}
		if c.Independent || c.Booths == 1 {
			rs.Booth = id
		} else {
			rs.Meeting, rs.Exclude = "m1", id
		}
		rd, err := env.StartRenderer(cloud.URL, rs)
		if err != nil {
			return nil, err
		}
		renderers = append(renderers, rd)
	}
	// No subscriber of the bench's own: the renderers report every model
	// they draw with its stage times, so nothing but the system under
	// test loads the machine.
	fmt.Fprintf(logw, "bench-e2e: %d booth(s) started; waiting for the first model\n", c.Booths)
	if err := harness.WaitShown(ctx, renderers, 0, 3*time.Minute); err != nil {
		return nil, fmt.Errorf("%w (logs in %s)", err, dir)
	}
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(c.Warmup):
	}
	for _, p := range env.Procs() {
		if !p.Running() {
			return nil, fmt.Errorf("bench-e2e: %s exited during warm-up: %v\n%s", p.Name, p.Err(), p.Tail(2000))
		}
	}
	fmt.Fprintf(logw, "bench-e2e: measuring %v\n", c.Measure)
	r := &Result{Bench: "e2e", Booths: c.Booths, Independent: c.Independent, Cameras: c.Cameras, Resolution: c.Resolution,
		FPSOffered: c.FPS, CellMm: c.CellSize * 1000, CameraFrames: "rendered live", ReplayS: c.Replay.Seconds(), EngineDuty: c.EngineDuty, LoadStart: loadAvg(), Stages: map[string]Quantiles{},
		Drops: map[string]float64{}, CPUPct: map[string]float64{},
		Goal: "glass-to-glass p50 <= 100 ms and p99 <= 200 ms"}
	if c.Replay > 0 {
		r.CameraFrames = "replayed"
	}
	before, err := snapshot(ctx, env, cloud, booths)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(c.Measure):
	}
	after, err := snapshot(ctx, env, cloud, booths)
	if err != nil {
		return nil, err
	}
	el := time.Since(start).Seconds()
	r.MeasuredS = math.Round(el*10) / 10
	r.LoadEnd = loadAvg()
	end := after.at.UnixNano()
	var shown []harness.Shown
	for _, rd := range renderers {
		for _, s := range rd.Shown(start.UnixNano()) {
			if s.ShownNs <= end {
				shown = append(shown, s)
			}
		}
	}
	r.fill(before, after, shown, el, c)
	env.Close()
	if r.YardstickAfterMs, err = synth.Yardstick(); err != nil {
		return nil, err
	}
	r.YardstickBeforeMs = yardBefore
	return r, nil
}

type snap struct {
	at    time.Time
	cloud harness.Samples
	booth []harness.Samples
	cpu   map[string]time.Duration
}

func snapshot(ctx context.Context, env *harness.Env, cloud *harness.Cloud, booths []*harness.Booth) (*snap, error) {
	s := &snap{at: time.Now(), cpu: map[string]time.Duration{}}
	var err error
	if s.cloud, err = cloud.Metrics(ctx); err != nil {
		return nil, err
	}
	for _, b := range booths {
		m, err := b.Metrics(ctx)
		if err != nil {
			return nil, err
		}
		s.booth = append(s.booth, m)
	}
	for _, p := range env.Procs() {
		if d, err := p.CPU(); err == nil {
			s.cpu[p.Name] = d
		}
	}
	return s, nil
}

// stageOrder lists the stages in the frame's order.
var stageOrder = []pb.Stage{pb.Stage_STAGE_SYNC, pb.Stage_STAGE_SEGMENT, pb.Stage_STAGE_ENCODE, pb.Stage_STAGE_SEND,
	pb.Stage_STAGE_INGEST, pb.Stage_STAGE_QUEUE, pb.Stage_STAGE_HULL, pb.Stage_STAGE_SURFACE, pb.Stage_STAGE_COLOR, pb.Stage_STAGE_MESH_ENCODE, pb.Stage_STAGE_FANOUT}

func stageName(s pb.Stage) string {
	return strings.ToLower(strings.TrimPrefix(s.String(), "STAGE_"))
}

func (r *Result) fill(before, after *snap, shown []harness.Shown, el float64, c Case) {
	cd := after.cloud.Sub(before.cloud)
	g := cd.Histogram("cloud_glass_to_glass_seconds", nil)
	r.CloudHistogram = Quantiles{N: int(g.Count), P50Ms: ms(g.Quantile(0.5)), P95Ms: ms(g.Quantile(0.95)), P99Ms: ms(g.Quantile(0.99))}
	var g2g []float64
	per := map[string][]float64{}
	for _, s := range shown {
		g2g = append(g2g, float64(s.ShownNs-s.CaptureNs)/1e6)
		per["decode"] = append(per["decode"], float64(s.DecodedNs-s.ReceivedNs)/1e6)
		per["draw"] = append(per["draw"], float64(s.ShownNs-s.DecodedNs)/1e6)
		if len(s.Stages) == 0 {
			continue
		}
		prev := s.CaptureNs
		for _, st := range stageOrder {
			t, ok := s.Stages[stageName(st)]
			if !ok {
				continue
			}
			per[stageName(st)] = append(per[stageName(st)], float64(t-prev)/1e6)
			prev = t
		}
		per["to_renderer"] = append(per["to_renderer"], float64(s.ReceivedNs-prev)/1e6)
	}
	r.GlassToGlass = exact(g2g)
	for name, v := range per {
		r.Stages[name] = exact(v)
	}
	r.DisplayedFPS = round(float64(len(shown)) / el)
	r.CloudInFPS = round(cd.Sum("cloud_frame_sets_total", nil) / el)
	r.ModelsFPS = round(cd.Sum("cloud_models_total", nil) / el)
	r.PerBoothModel = round(r.ModelsFPS / float64(c.Booths))
	r.BoothToCloudMbps = round(cd.Sum("cloud_bytes_received_total", nil) * 8 / el / 1e6)
	r.CloudToRenderersMbps = round(cd.Sum("cloud_bytes_sent_total", nil) * 8 / el / 1e6)
	for reason, v := range cd.Values("cloud_drops_total", "reason") {
		if v > 0 {
			r.Drops["cloud_"+reason] = v
		}
	}
	var sets, sent float64
	for i := range after.booth {
		bd := after.booth[i].Sub(before.booth[i])
		sets += bd.Sum("booth_capture_frame_sets_total", nil)
		sent += bd.Sum("booth_capture_sent_total", nil)
		for _, k := range []string{"booth_capture_sync_dropped_total", "booth_capture_paced_total", "booth_capture_send_dropped_total", "booth_capture_congested_total", "booth_capture_camera_stragglers_total", "booth_capture_camera_dropped_total"} {
			if v := bd.Sum(k, nil); v > 0 {
				r.Drops["booth_"+strings.TrimSuffix(strings.TrimPrefix(k, "booth_capture_"), "_total")] += v
			}
		}
	}
	r.FrameSetsFPS = round(sets / el)
	r.SentFPS = round(sent / el)
	// Models fanned out to a renderer but not drawn: the renderer's own
	// latest-wins (a newer model came while it was drawing).
	fanned := cd.Sum("cloud_models_total", nil) * float64(renderersPerModel(c))
	if n := float64(len(shown)); fanned > n {
		r.Drops["renderer_not_drawn"] = fanned - n
	}
	for name, t := range after.cpu {
		r.CPUPct[name] = round(100 * (t - before.cpu[name]).Seconds() / el)
	}
	r.GoalMet = r.GlassToGlass.N > 0 && r.GlassToGlass.P50Ms <= 100 && r.GlassToGlass.P99Ms <= 200
}

// renderersPerModel is how many booth-render processes show each model.
func renderersPerModel(c Case) int {
	if c.Independent || c.Booths == 1 {
		return 1
	}
	return c.Booths - 1
}

func exact(v []float64) Quantiles {
	if len(v) == 0 {
		return Quantiles{}
	}
	s := slices.Clone(v)
	slices.Sort(s)
	q := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(s)))) - 1
		return round(s[max(0, min(i, len(s)-1))])
	}
	return Quantiles{N: len(s), P50Ms: q(0.5), P95Ms: q(0.95), P99Ms: q(0.99)}
}

func ms(sec float64) float64 {
	if math.IsNaN(sec) {
		return 0
	}
	return round(sec * 1000)
}

func round(v float64) float64 { return math.Round(v*10) / 10 }

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
