package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const example = `
booth_id: booth-a
cloud_url: https://cloud.example/
token_file: token
rig: rig.yaml
fps: 30
listen: 127.0.0.1:9191
stall: 3s
segmentation: {method: plate, plate_frames: 10, jpeg_quality: 80}
presence: {min_cameras: 3, grace: 1500ms}
cameras:
  - {id: 0, source: "v4l2:///dev/video0", width: 1920, height: 1080, fps: 30, fourcc: MJPG}
  - {id: 1, source: "file:///data/cam1.avi", loop: true}
  - {id: 2, source: "rtsp://10.0.0.7:554/stream"}
`

func TestLoadExample(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "booth.yaml")
	if err := os.WriteFile(path, []byte(example), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "token"), []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.BoothID != "booth-a" || len(c.Cameras) != 3 || c.Rig != filepath.Join(dir, "rig.yaml") || c.Stall != 3*time.Second ||
		c.Presence.Grace != 1500*time.Millisecond || c.Cameras[0].FourCC != "MJPG" || !c.Cameras[1].Loop {
		t.Fatalf("%+v", c)
	}
	if tok, err := c.Token(); err != nil || tok != "s3cret" {
		t.Fatalf("token %q %v", tok, err)
	}
	if s, _ := ParseSource(c.Cameras[2].Source); s.Kind != RTSP {
		t.Fatalf("%+v", s)
	}
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"", "booth_id: b\n"} {
		c, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Cameras) != 8 || c.Cameras[7].Source != "synthetic://" || c.Listen != DefaultListen || c.Synthetic.Resolution != "720p" || c.EngineDuty != DefaultEngineDuty {
			t.Fatalf("%+v", c)
		}
	}
	d := Demo(Synthetic{Cameras: 3, Resolution: "320x240"})
	if err := d.Validate(); err != nil || len(d.Cameras) != 3 {
		t.Fatal(d, err)
	}
}

func TestTokenEnv(t *testing.T) {
	c := Demo(Synthetic{})
	t.Setenv(TokenEnv, "")
	if _, err := c.Token(); !errors.Is(err, ErrNoToken) {
		t.Fatal(err)
	}
	t.Setenv(TokenEnv, "abc")
	if tok, err := c.Token(); err != nil || tok != "abc" {
		t.Fatal(tok, err)
	}
}

func TestErrorsNameTheField(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ yaml, want string }{
		{"bogus: 1", "field bogus not found"},
		{"booth_id: 'a b'", "booth_id"},
		{"cloud_url: ftp://x", "cloud_url"},
		{"fps: -1", "fps"},
		{"engine_duty: 0.3", "engine_duty"},
		{"engine_duty: 1.5", "engine_duty"},
		{"listen: nohost", "listen"},
		{"rig: r\ncameras: [{id: 4, source: 'v4l2://dev/video0'}]", "camera 4"},
		{"cameras: [{id: 4, source: 'mjpeg://x'}]", "camera 4: source"},
		{"rig: r\ncameras: [{id: 1, source: 'file:///a', fourcc: MJPEG}]", "camera 1: fourcc"},
		{"rig: r\ncameras: [{id: 1, source: 'file:///a'}, {id: 1, source: 'file:///b'}]", "camera 1: id listed twice"},
		{"cameras: [{id: 1, source: 'file:///a'}]", "rig: required"},
		{"rig: r\ncameras: [{id: 1, source: 'v4l2:///dev/video0', loop: true}]", "camera 1: loop"},
		{"rig: r\ncameras: [{id: 1, source: 'v4l2:///dev/video0', width: 640}]", "camera 1: size"},
		{"cameras: [{id: 0, source: 'synthetic://'}, {id: 1, source: 'file:///a'}]", "cannot be mixed"},
		{"cameras: [{id: 9, source: 'synthetic://'}]\nsynthetic: {cameras: 4}", "camera 9"},
		{"synthetic: {resolution: 8k}", "synthetic.resolution"},
		{"synthetic: {motion: dancing}", "synthetic.motion"},
		{"synthetic: {replay: -1s}", "synthetic.replay -1s: negative"},
		{"synthetic: {replay: 10s, resolution: 4k}", "synthetic.replay 10s: 300 instants of 8 cameras at 3840x2160 need 55.6 GiB, more than 4 GiB: shorten it"},
		{"segmentation: {method: magic}", "segmentation"},
		{"segmentation: {jpeg_quality: 101}", "segmentation.jpeg_quality"},
		{"presence: {min_fraction: 2}", "presence"},
		{"a: 1\n---\nb: 2", "field a not found"},
		{"booth_id: b\n---\nbooth_id: c", "more than one"},
	} {
		_, err := Parse([]byte(tc.yaml))
		if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v (want %q)", tc.yaml, err, tc.want)
		}
	}
}

func TestParseSource(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		kind Kind
		path string
	}{
		{"v4l2:///dev/video2", V4L2, "/dev/video2"},
		{"file:///x/y.avi", File, "/x/y.avi"},
		{"dir:///data/ds", Dir, "/data/ds"},
		{"rtsp://cam:554/s", RTSP, "rtsp://cam:554/s"},
		{"synthetic://", Synth, ""},
	} {
		s, err := ParseSource(tc.in)
		if err != nil || s.Kind != tc.kind || s.Path != tc.path {
			t.Errorf("%s: %+v %v", tc.in, s, err)
		}
	}
	for _, in := range []string{"synthetic://x", "rtsp:///nohost", "file://relative", "http://x", "%zz"} {
		if _, err := ParseSource(in); !errors.Is(err, ErrConfig) {
			t.Errorf("%s accepted: %v", in, err)
		}
	}
}
