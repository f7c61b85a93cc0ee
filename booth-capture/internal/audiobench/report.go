package audiobench

import (
	"math"
	"sort"
)

// Figures are one run's results, as bench-audio prints them.
type Figures struct {
	Bench               string  `json:"bench"`
	Cameras             int     `json:"cameras"`
	Resolution          string  `json:"resolution"`
	FPS                 float64 `json:"fps"`
	Seconds             float64 `json:"seconds"`
	Packets             int     `json:"packets"`
	BitrateKbps         float64 `json:"audio_bitrate_kbps"`
	MouthToEarP50Ms     float64 `json:"mouth_to_ear_p50_ms"`
	MouthToEarP99Ms     float64 `json:"mouth_to_ear_p99_ms"`
	TransitP50Ms        float64 `json:"audio_transit_p50_ms"`
	TransitP99Ms        float64 `json:"audio_transit_p99_ms"`
	PictureP50Ms        float64 `json:"picture_latency_p50_ms"`
	Pictures            int     `json:"pictures"`
	Clicks              int     `json:"clicks"`
	ClicksMatched       int     `json:"clicks_matched"`
	AVOffsetP50Ms       float64 `json:"av_offset_p50_ms"`
	AVOffsetP99Ms       float64 `json:"av_offset_p99_ms"`
	AVOffsetMinMs       float64 `json:"av_offset_min_ms"`
	AVOffsetMaxMs       float64 `json:"av_offset_max_ms"`
	AVOffsetInWindowPct float64 `json:"av_offset_in_bt1359_window_pct"`
}

// Figures sums an analysis. The A/V offset percentiles are of |offset|
// (p99 of the magnitude), with the signed extremes beside them.
func (a *Analysis) Figures() Figures {
	f := Figures{Bench: "audio", Packets: a.Packets, Pictures: len(a.PictureNs), Clicks: len(a.Clicks)}
	if a.SpanNs > 0 {
		f.Seconds = float64(a.SpanNs) / 1e9
		f.BitrateKbps = float64(a.Bytes) * 8 / f.Seconds / 1000
	}
	f.MouthToEarP50Ms, f.MouthToEarP99Ms = pct(a.MouthToEarNs, 0.5), pct(a.MouthToEarNs, 0.99)
	f.TransitP50Ms, f.TransitP99Ms = pct(a.TransitNs, 0.5), pct(a.TransitNs, 0.99)
	f.PictureP50Ms = pct(a.PictureNs, 0.5)
	var offs, mags []int64
	in := 0
	for _, c := range a.Clicks {
		if !c.Matched {
			continue
		}
		offs = append(offs, c.AVOffsetNs)
		mags = append(mags, abs(c.AVOffsetNs))
		if InWindow(c.AVOffsetNs) {
			in++
		}
	}
	f.ClicksMatched = len(offs)
	if len(offs) > 0 {
		f.AVOffsetP50Ms, f.AVOffsetP99Ms = pct(mags, 0.5), pct(mags, 0.99)
		sort.Slice(offs, func(i, j int) bool { return offs[i] < offs[j] })
		f.AVOffsetMinMs, f.AVOffsetMaxMs = ms(offs[0]), ms(offs[len(offs)-1])
		f.AVOffsetInWindowPct = 100 * float64(in) / float64(len(offs))
	}
	return f
}

// InWindow reports whether an A/V offset (positive: audio ahead) is within
// ITU-R BT.1359's detectability window: audio at most 45 ms ahead, at most
// 125 ms behind.
func InWindow(offsetNs int64) bool {
	return offsetNs <= 45e6 && offsetNs >= -125e6
}

func ms(ns int64) float64 { return math.Round(float64(ns)/1e4) / 100 }

// pct is the nearest-rank percentile in ms (0 for no samples).
func pct(xs []int64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]int64(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	k := int(math.Ceil(q*float64(len(s)))) - 1
	return ms(s[max(0, min(k, len(s)-1))])
}
