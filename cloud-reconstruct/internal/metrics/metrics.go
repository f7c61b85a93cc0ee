package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Drop reasons.
const (
	DropEngineBusy   = "engine_busy"   // a newer frame set replaced one waiting for the engine
	DropUndecodable  = "undecodable"   // a frame set failed to decode against the rig
	DropEngineError  = "engine_error"  // the engine failed on a frame set
	DropCongested    = "congested"     // a subscriber's transport was full
	DropWrongBooth   = "wrong_booth"   // a frame set named another booth
	DropSendFailed   = "send_failed"   // a subscriber's transport refused the model
	DropBoothInbox   = "booth_inbox"   // the link's own latest-wins inbox replaced a frame set
	DropEncodeFailed = "encode_failed" // the mesh or the model frame did not encode
	DropTooFewViews  = "too_few_views" // a frame set lacked too many of the rig's cameras to carve a hull
)

// Peer roles.
const (
	RoleBooth    = "booth"
	RoleRenderer = "renderer"
	RoleOperator = "operator"
)

// latencyBuckets span 1 ms to about 2 s.
var latencyBuckets = prometheus.ExponentialBuckets(0.001, 1.5, 20)

// Metrics holds the collectors. The zero value is not usable; call New.
type Metrics struct {
	Registry *prometheus.Registry

	// Stage is the time from the previous stage's end to this stage's
	// end, by stage name (the first cloud stage, ingest, starts at the
	// booth's send).
	Stage *prometheus.HistogramVec
	// SinceCapture is the time from capture to each stage's end.
	SinceCapture *prometheus.HistogramVec
	// GlassToGlass is display time minus capture time, by source booth.
	GlassToGlass *prometheus.HistogramVec
	FrameSets    *prometheus.CounterVec
	Models       *prometheus.CounterVec
	Drops        *prometheus.CounterVec
	BytesIn      *prometheus.CounterVec
	BytesOut     *prometheus.CounterVec
	Peers        *prometheus.GaugeVec
	Meetings     prometheus.Gauge
	Rejected     *prometheus.CounterVec
}

// New registers the metrics, plus the Go and process collectors, on a
// fresh registry.
func New() *Metrics {
	r := prometheus.NewRegistry()
	m := &Metrics{
		Registry: r,
		Stage: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "cloud_stage_seconds", Help: "Duration of each stage, from the previous stage's end to its own.", Buckets: latencyBuckets,
		}, []string{"stage"}),
		SinceCapture: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "cloud_since_capture_seconds", Help: "Time from capture to the end of each stage, on the cloud clock.", Buckets: latencyBuckets,
		}, []string{"stage"}),
		GlassToGlass: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "cloud_glass_to_glass_seconds", Help: "Renderer display time minus capture time, per source booth.", Buckets: latencyBuckets,
		}, []string{"booth"}),
		FrameSets: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cloud_frame_sets_total", Help: "Frame sets decoded, per booth."}, []string{"booth"}),
		Models:    prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cloud_models_total", Help: "Models reconstructed and fanned out, per booth (rate = fps)."}, []string{"booth"}),
		Drops:     prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cloud_drops_total", Help: "Frame sets or models dropped, by reason."}, []string{"reason"}),
		BytesIn:   prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cloud_bytes_received_total", Help: "Frame-set bytes received, per booth."}, []string{"booth"}),
		BytesOut:  prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cloud_bytes_sent_total", Help: "Model bytes handed to subscribers, per source booth."}, []string{"booth"}),
		Peers:     prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "cloud_peers", Help: "Connected peers by role."}, []string{"role"}),
		Meetings:  prometheus.NewGauge(prometheus.GaugeOpts{Name: "cloud_meetings", Help: "Active meetings."}),
		Rejected:  prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cloud_rejected_total", Help: "Requests or sessions refused, by reason."}, []string{"reason"}),
	}
	r.MustRegister(m.Stage, m.SinceCapture, m.GlassToGlass, m.FrameSets, m.Models, m.Drops, m.BytesIn, m.BytesOut, m.Peers, m.Meetings, m.Rejected,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

// Seconds converts nanoseconds to seconds for an observation.
func Seconds(ns int64) float64 { return time.Duration(ns).Seconds() }
