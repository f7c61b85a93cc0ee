package drill

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"cloudme.dev/e2e/internal/harness"
)

// TestCloudRestart kills the cloud (SIGKILL: a crash, no goodbye) and
// starts a new one on the same address after 2 s. The renderer watches
// the booth through a meeting, as in a real meeting, and the cloud keeps
// its meetings in a file (meetings_file), so the new cloud serves the
// same meeting. The booth and the renderer must reconnect by themselves;
// the time to recover is from the new cloud's start to the first new
// model on screen.
func TestCloudRestart(t *testing.T) {
	meetings := filepath.Join(t.TempDir(), "meetings.json")
	r := newRig(t, harness.CloudSpec{Env: []string{"CLOUD_MEETINGS_FILE=" + meetings}})
	if err := r.cloud.CreateMeeting(r.ctx, r.op, "m1", "booth-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(meetings); err != nil {
		t.Fatalf("the cloud did not write its meetings file: %v", err)
	}
	r.booth("booth-1", "", "")
	rd, err := r.env.StartRenderer(r.cloud.URL, harness.RendererSpec{ID: "render-a", Meeting: "m1", Display: drillDisplay})
	if err != nil {
		t.Fatal(err)
	}
	r.live(rd, 90*time.Second)
	r.sleep(2 * time.Second)

	kill := time.Now().UnixNano()
	r.cloud.Kill()
	r.sleep(2 * time.Second)
	restart := time.Now()
	c, err := r.env.Restart(r.ctx, "cloud-2", r.cloud)
	if err != nil {
		t.Fatal(err)
	}
	r.cloud = c
	up := time.Since(restart)
	first, ok := r.firstShown(rd, restart.UnixNano(), restart.UnixNano(), 60*time.Second)
	if !ok {
		t.Fatalf("no new model on screen within 60 s of the cloud's restart")
	}
	recovery := time.Duration(first.ShownNs - restart.UnixNano())
	blank := time.Duration(first.ShownNs - kill)
	r.sleep(3 * time.Second)
	after := summarize(rd.Shown(first.ShownNs), first.ShownNs, time.Now().UnixNano())
	t.Logf("drill cloud-restart: cloud healthy %v after start; first new model on screen %v after the restart (%v after the crash); then %v",
		up.Round(time.Millisecond), recovery.Round(time.Millisecond), blank.Round(time.Millisecond), after)
	if after.n == 0 {
		t.Errorf("the renderer did not keep drawing after recovering")
	}
}
