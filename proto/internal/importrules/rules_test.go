package importrules

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestCheckCatchesViolations makes sure the rule logic can fail.
func TestCheckCatchesViolations(t *testing.T) {
	t.Parallel()
	deps := map[string][]string{
		"cloudme.dev/proto/wire":                  {"github.com/pion/webrtc/v4"},
		"cloudme.dev/cloud-reconstruct/engine":    {"cloudme.dev/calibration/rig", "gocv.io/x/gocv"},
		"cloudme.dev/calibration/detect":          {"gocv.io/x/gocv"},
		"cloudme.dev/calibration/synth":           {"gocv.io/x/gocv"},
		"cloudme.dev/booth-render/internal/draw":  {"cloudme.dev/cloud-reconstruct/engine"},
		"cloudme.dev/protoextra/x":                {"github.com/pion/webrtc/v4"},
		"cloudme.dev/booth-capture/internal/segm": {"gocv.io/x/gocv"},
	}
	got := Check(Rules, deps)
	want := []string{
		"proto/wire depends on github.com/pion/webrtc/v4",
		"calibration/synth depends on gocv.io/x/gocv",
		"cloud-reconstruct/engine depends on gocv.io/x/gocv",
		"booth-render/internal/draw depends on cloudme.dev/cloud-reconstruct/engine",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d violations, want %d: %v", len(got), len(want), got)
	}
	for _, w := range want {
		found := false
		for _, v := range got {
			if strings.Contains(v.String(), w) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing violation %q in %v", w, got)
		}
	}
}

// TestWorkspaceFollowsRules lists every package of the workspace with its
// dependencies and applies the rules.
func TestWorkspaceFollowsRules(t *testing.T) {
	roots := []string{"cloudme.dev/proto/...", "cloudme.dev/calibration/...", "cloudme.dev/booth-capture/...", "cloudme.dev/cloud-reconstruct/...", "cloudme.dev/booth-render/...", "cloudme.dev/e2e/..."}
	deps := map[string][]string{}
	for _, root := range roots {
		for p, d := range goListDeps(t, root) {
			deps[p] = d
		}
	}
	if len(deps) == 0 {
		t.Fatal("go list found no packages")
	}
	for _, v := range Check(Rules, deps) {
		t.Error(v)
	}
}

// TestPureModulesBuildWithoutCgo builds what cloud-reconstruct and
// booth-render contain with CGO_ENABLED=0, as the GPU nodes and kiosks do.
func TestPureModulesBuildWithoutCgo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two modules; skipped with -short")
	}
	args := []string{"build", "cloudme.dev/proto/...", "cloudme.dev/cloud-reconstruct/...", "cloudme.dev/booth-render/..."}
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
}

// goListDeps returns, for every package matching pattern, its transitive
// dependencies.
func goListDeps(t *testing.T, pattern string) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, pattern)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", pattern, err, stderr.String())
	}
	deps := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		deps[f[0]] = f[1:]
	}
	return deps
}
