package importrules

import (
	"fmt"
	"sort"
	"strings"
)

// Rule forbids packages under From from depending, directly or not, on
// packages under any of Forbidden. Except lists packages under From that
// the rule does not cover.
type Rule struct {
	Name      string
	From      string
	Except    []string
	Forbidden []string
	Why       string
}

// Rules are the workspace's import rules.
var Rules = []Rule{
	{
		Name: "proto is the wire contract", From: "cloudme.dev/proto",
		Forbidden: []string{"github.com/pion/", "gocv.io/", "cloudme.dev/calibration", "cloudme.dev/booth-capture", "cloudme.dev/cloud-reconstruct", "cloudme.dev/booth-render"},
		Why:       "proto holds messages and codecs only: no network, no OpenCV, nothing above it",
	},
	{
		Name: "calibration sits below the agents", From: "cloudme.dev/calibration",
		Forbidden: []string{"cloudme.dev/booth-capture", "cloudme.dev/cloud-reconstruct", "cloudme.dev/booth-render"},
		Why:       "the import direction is proto <- calibration <- agents",
	},
	{
		Name: "calibration is gocv-free outside board detection", From: "cloudme.dev/calibration",
		// Board detection, and the calib command built on it (its internal
		// logic and its benchmark live under cmd/calib), which no agent
		// can import.
		Except:    []string{"cloudme.dev/calibration/detect", "cloudme.dev/calibration/cmd/calib"},
		Forbidden: []string{"gocv.io/"},
		Why:       "cloud-reconstruct and booth-render import calibration and must build without OpenCV",
	},
	{
		Name: "the cloud runs without OpenCV", From: "cloudme.dev/cloud-reconstruct",
		Forbidden: []string{"gocv.io/", "cloudme.dev/booth-capture", "cloudme.dev/booth-render"},
		Why:       "the cloud service runs on GPU nodes without OpenCV installed",
	},
	{
		Name: "the renderer runs without OpenCV", From: "cloudme.dev/booth-render",
		Forbidden: []string{"gocv.io/", "cloudme.dev/booth-capture", "cloudme.dev/cloud-reconstruct"},
		Why:       "booth-render builds with CGO_ENABLED=0",
	},
	{
		Name: "the end-to-end harness drives the agents from outside", From: "cloudme.dev/e2e",
		Forbidden: []string{"gocv.io/", "cloudme.dev/booth-capture", "cloudme.dev/cloud-reconstruct", "cloudme.dev/booth-render"},
		Why:       "e2e runs the real binaries as processes and talks to them over the wire; their internals are not its to call",
	},
	{
		Name: "nothing imports the cloud service", From: "cloudme.dev/booth-capture",
		Forbidden: []string{"cloudme.dev/cloud-reconstruct", "cloudme.dev/booth-render"},
		Why:       "agents meet only through proto",
	},
}

// Violation is one package that breaks a rule.
type Violation struct {
	Rule    string
	Package string
	Imports string
	Why     string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s: %s depends on %s (%s)", v.Rule, v.Package, v.Imports, v.Why)
}

func under(path, prefix string) bool {
	if strings.HasSuffix(prefix, "/") {
		return strings.HasPrefix(path, prefix)
	}
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// Check applies rules to deps, a map from each package to every package it
// depends on (transitively), and returns the violations in a stable order.
func Check(rules []Rule, deps map[string][]string) []Violation {
	var out []Violation
	pkgs := make([]string, 0, len(deps))
	for p := range deps {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, r := range rules {
		for _, p := range pkgs {
			if !under(p, r.From) || excepted(p, r.Except) {
				continue
			}
			for _, d := range deps[p] {
				for _, f := range r.Forbidden {
					if under(d, f) {
						out = append(out, Violation{Rule: r.Name, Package: p, Imports: d, Why: r.Why})
					}
				}
			}
		}
	}
	return out
}

func excepted(p string, except []string) bool {
	for _, e := range except {
		if under(p, e) {
			return true
		}
	}
	return false
}
