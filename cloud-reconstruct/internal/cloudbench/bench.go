package cloudbench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"syscall"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/engine"
	"cloudme.dev/cloud-reconstruct/internal/server"
	"cloudme.dev/cloud-reconstruct/internal/synthbooth"
	"cloudme.dev/proto/pb"
)

// Case is one measurement.
type Case struct {
	Meetings int
	Booths   int // per meeting
	FPS      float64
	Warmup   time.Duration
	Measure  time.Duration
	CellSize float64
}

// Result is one JSON line.
type Result struct {
	Bench         string             `json:"bench"`
	Meetings      int                `json:"meetings"`
	Booths        int                `json:"booths_per_meeting"`
	Cameras       int                `json:"cameras"`
	Resolution    string             `json:"resolution"`
	Colour        string             `json:"colour"`
	CellSizeMM    float64            `json:"cell_size_mm"`
	TargetFPS     float64            `json:"target_fps"`
	ModelFPS      float64            `json:"model_fps_per_booth"`
	CPUPercent    float64            `json:"cpu_percent"`
	Models        int                `json:"models"`
	Stages        map[string]float64 `json:"stages"`
	DeliveredP50  float64            `json:"capture_to_renderer_p50_ms"`
	DeliveredP99  float64            `json:"capture_to_renderer_p99_ms"`
	Held          *bool              `json:"held,omitempty"`
	MeasureSecond float64            `json:"measure_s"`
}

// Bench holds the rendered booth and the server.
type Bench struct {
	booth  *synthbooth.Booth
	res    string
	colour string
	log    *zap.Logger
}

// New renders the synthetic booth once.
// The booths' colour crops are "jpeg" (quality 85, as booth-capture
// sends them), "raw" (RGB, 3 bytes per pixel) or "none" (masks only).
func New(cameras int, resolution, colour string, log *zap.Logger) (*Bench, error) {
	p := synthbooth.Params{BoothID: "template", Cameras: cameras, Resolution: resolution, Frames: 4, Seed: 3}
	switch colour {
	case "jpeg":
		p.JPEGQuality = 85
	case "raw":
	case "none":
		p.NoColor = true
	default:
		return nil, fmt.Errorf("cloudbench: colour %q: want jpeg, raw or none", colour)
	}
	b, err := synthbooth.New(p)
	if err != nil {
		return nil, err
	}
	return &Bench{booth: b, res: resolution, colour: colour, log: log}, nil
}

var secret = []byte("cloudbench-secret-cloudbench-secret")

type sample struct {
	stages    []*pb.StageTime
	capture   int64
	delivered int64
}

// Run measures one case.
func (b *Bench) Run(ctx context.Context, c Case) (Result, error) {
	iss, err := auth.NewIssuer(secret, 0)
	if err != nil {
		return Result{}, err
	}
	newEngine := func(r *rig.Rig) (engine.Engine, error) {
		return engine.NewCPU(engine.Config{Rig: r, CellSize: c.CellSize})
	}
	srv, err := server.New(server.Params{Issuer: iss, NewEngine: newEngine, Logger: b.log})
	if err != nil {
		return Result{}, err
	}
	defer srv.Close()
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	op, _ := iss.Mint("bench", auth.Grants{Operator: true}, time.Hour)

	var mu sync.Mutex
	var samples []sample
	recording := false
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	defer wg.Wait()
	var peers []*link.Peer
	defer func() {
		for _, p := range peers {
			_ = p.Close()
		}
	}()
	for m := 0; m < c.Meetings; m++ {
		mid := fmt.Sprintf("m%d", m)
		var ids []string
		for i := 0; i < c.Booths; i++ {
			ids = append(ids, fmt.Sprintf("%s-b%d", mid, i))
		}
		body, _ := json.Marshal(map[string]any{"id": mid, "booths": ids})
		req, _ := http.NewRequestWithContext(ctx, "POST", hs.URL+"/v1/meetings", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+op)
		resp, err := hs.Client().Do(req)
		if err != nil {
			return Result{}, err
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			return Result{}, fmt.Errorf("create meeting: %s", resp.Status)
		}
		rtok, _ := iss.Mint("r", auth.Grants{SubscribeMeetings: []string{mid}}, time.Hour)
		rp, err := link.Dial(ctx, link.DialParams{URL: hs.URL + "/v1/subscribe?meeting=" + mid, Token: rtok, HTTPClient: hs.Client(), Config: link.Config{Logger: b.log}})
		if err != nil {
			return Result{}, err
		}
		peers = append(peers, rp)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-ctx.Done():
					return
				case msg := <-rp.Media():
					mf := msg.Envelope.GetModelFrame()
					if mf == nil {
						continue
					}
					mu.Lock()
					if recording {
						samples = append(samples, sample{stages: mf.GetStages(), capture: mf.GetCaptureTimeNs(), delivered: msg.ReceivedNs})
					}
					mu.Unlock()
				}
			}
		}()
		for _, id := range ids {
			tok, _ := iss.Mint(id, auth.Grants{Publish: id}, time.Hour)
			bp, err := link.Dial(ctx, link.DialParams{URL: hs.URL + "/v1/publish", Token: tok, HTTPClient: hs.Client(), Config: link.Config{Logger: b.log}})
			if err != nil {
				return Result{}, err
			}
			peers = append(peers, bp)
			booth := b.booth.WithID(id)
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _ = booth.Run(ctx, bp, c.FPS)
			}()
		}
	}
	select {
	case <-time.After(c.Warmup):
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
	ru0, t0 := rusage(), time.Now()
	mu.Lock()
	recording = true
	mu.Unlock()
	select {
	case <-time.After(c.Measure):
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
	mu.Lock()
	recording = false
	got := samples
	mu.Unlock()
	wall := time.Since(t0)
	cpu := rusage() - ru0
	cancel()

	r := Result{Bench: "cloud_meetings", Meetings: c.Meetings, Booths: c.Booths, Cameras: len(b.booth.Rig.Cameras), Resolution: b.res, Colour: b.colour,
		CellSizeMM: c.CellSize * 1000, TargetFPS: c.FPS, Models: len(got), MeasureSecond: wall.Seconds(),
		CPUPercent: round(100 * cpu.Seconds() / wall.Seconds()), Stages: map[string]float64{}}
	r.ModelFPS = round(float64(len(got)) / wall.Seconds() / float64(c.Meetings*c.Booths))
	per := map[string][]float64{}
	var deliv []float64
	for _, s := range got {
		prev := s.capture
		for _, st := range s.stages {
			if st.GetStage() < pb.Stage_STAGE_INGEST {
				if st.GetStage() == pb.Stage_STAGE_SEND {
					prev = st.GetDoneNs()
				}
				continue
			}
			name := stageName(st.GetStage())
			per[name] = append(per[name], ms(st.GetDoneNs()-prev))
			prev = st.GetDoneNs()
		}
		per["to_renderer"] = append(per["to_renderer"], ms(s.delivered-prev))
		deliv = append(deliv, ms(s.delivered-s.capture))
	}
	for name, v := range per {
		r.Stages[name+"_p50_ms"] = quantile(v, 0.5)
		r.Stages[name+"_p99_ms"] = quantile(v, 0.99)
	}
	r.DeliveredP50, r.DeliveredP99 = quantile(deliv, 0.5), quantile(deliv, 0.99)
	return r, nil
}

func stageName(s pb.Stage) string {
	switch s {
	case pb.Stage_STAGE_INGEST:
		return "ingest"
	case pb.Stage_STAGE_QUEUE:
		return "queue"
	case pb.Stage_STAGE_HULL:
		return "hull"
	case pb.Stage_STAGE_SURFACE:
		return "surface"
	case pb.Stage_STAGE_COLOR:
		return "color"
	case pb.Stage_STAGE_MESH_ENCODE:
		return "mesh_encode"
	case pb.Stage_STAGE_FANOUT:
		return "fanout"
	}
	return s.String()
}

func ms(ns int64) float64 { return round(float64(ns) / 1e6) }

func round(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

// quantile of v (nearest rank); 0 for no samples.
func quantile(v []float64, q float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	i := int(q*float64(len(s))+0.5) - 1
	i = max(0, min(i, len(s)-1))
	return s[i]
}

// rusage returns the process's user plus system CPU time.
func rusage() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
