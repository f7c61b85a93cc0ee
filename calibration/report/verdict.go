package report

import (
	"fmt"
	"strings"
)

// Severity grades a finding.
type Severity int

// Severities, from good to bad.
const (
	OK Severity = iota
	Warn
	Fail
)

func (s Severity) String() string {
	switch s {
	case OK:
		return "ok"
	case Warn:
		return "warn"
	case Fail:
		return "FAIL"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText writes the severity's name (for JSON).
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one line of the verdict: what is wrong and how to fix it.
// Camera is -1 for findings about the whole rig.
type Finding struct {
	Camera   int      `json:"camera"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// Verdict is the judgement of a session.
type Verdict struct {
	Kind       string        `json:"kind"`
	RMS        float64       `json:"rms_px"`
	Thresholds Thresholds    `json:"thresholds"`
	Cameras    []CameraStats `json:"cameras"`
	Findings   []Finding     `json:"findings"`
	Pass       bool          `json:"pass"` // no Fail finding
}

// Worst returns the highest severity found.
func (v *Verdict) Worst() Severity {
	w := OK
	for _, f := range v.Findings {
		if f.Severity > w {
			w = f.Severity
		}
	}
	return w
}

// Text renders the verdict for a terminal: a table of cameras, then every
// finding with its advice, then one summary line.
func (v *Verdict) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s calibration: overall RMS %.3f px (good < %.2f px, bad > %.2f px)\n", v.Kind, v.RMS, v.Thresholds.GoodRMS, v.Thresholds.BadRMS)
	fmt.Fprintf(&b, "%-22s %8s %6s %8s %9s %6s\n", "camera", "rms_px", "views", "rejected", "coverage", "edges")
	for _, c := range v.Cameras {
		fmt.Fprintf(&b, "%-22s %8s %6d %8d %8.0f%% %5.0f%%\n", c.Label(), fmtRMS(c.RMS), c.Views, c.Rejected, 100*c.Coverage, 100*c.EdgeCoverage)
	}
	for _, f := range v.Findings {
		fmt.Fprintf(&b, "[%s] %s\n", f.Severity, f.Message)
	}
	switch v.Worst() {
	case OK:
		b.WriteString("verdict: PASS\n")
	case Warn:
		b.WriteString("verdict: PASS with warnings\n")
	default:
		b.WriteString("verdict: FAIL\n")
	}
	return b.String()
}

func fmtRMS(v float64) string {
	if v < 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}
