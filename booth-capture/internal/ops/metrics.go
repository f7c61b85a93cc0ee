package ops

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
)

// WriteMetrics writes s in the Prometheus text exposition format.
func WriteMetrics(w io.Writer, s *Snapshot) error {
	b := bufio.NewWriter(w)
	head := func(name, typ, help string) {
		fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	perCam := func(name, typ, help string, v func(c *CameraStatus) float64) {
		head(name, typ, help)
		for i := range s.Cameras {
			c := &s.Cameras[i]
			fmt.Fprintf(b, "%s{camera=\"%d\"} %s\n", name, c.ID, num(v(c)))
		}
	}
	perCam("booth_capture_camera_fps", "gauge", "Frames per second delivered by the camera.", func(c *CameraStatus) float64 { return c.FPS })
	perCam("booth_capture_camera_frames_total", "counter", "Frames delivered by the camera.", func(c *CameraStatus) float64 { return float64(c.Frames) })
	perCam("booth_capture_camera_errors_total", "counter", "Camera failures.", func(c *CameraStatus) float64 { return float64(c.Errors) })
	perCam("booth_capture_camera_restarts_total", "counter", "Camera re-opens after a failure.", func(c *CameraStatus) float64 { return float64(c.Restarts) })
	perCam("booth_capture_camera_dropped_total", "counter", "Frames the source skipped to keep up (latest wins).", func(c *CameraStatus) float64 { return float64(c.Dropped) })
	perCam("booth_capture_camera_stragglers_total", "counter", "Frames the synchronizer dropped as late or superseded.", func(c *CameraStatus) float64 { return float64(c.Stragglers) })
	perCam("booth_capture_camera_missing_sets_total", "counter", "Frame sets the camera was missing from.", func(c *CameraStatus) float64 { return float64(c.Missing) })
	perCam("booth_capture_camera_up", "gauge", "1 when the camera delivers frames.", func(c *CameraStatus) float64 { return bool01(c.State == StateOK) })
	one := func(name, typ, help string, v float64) {
		head(name, typ, help)
		fmt.Fprintf(b, "%s %s\n", name, num(v))
	}
	one("booth_capture_frame_sets_total", "counter", "Frame sets assembled.", float64(s.Sets))
	one("booth_capture_sync_dropped_total", "counter", "Frame sets dropped before segmentation (latest wins).", float64(s.SyncDrops))
	one("booth_capture_paced_total", "counter", "Frame sets not segmented: the cloud's engine would not have been free for them (EngineTook pacing).", float64(s.Paced))
	one("booth_capture_sent_total", "counter", "Frame sets sent to the cloud.", float64(s.Sent))
	one("booth_capture_send_dropped_total", "counter", "Frame sets dropped before sending.", float64(s.SendDrops))
	one("booth_capture_congested_total", "counter", "Frame sets refused by a congested link.", float64(s.Congested))
	one("booth_capture_bytes_total", "counter", "Encoded frame set bytes.", float64(s.Bytes))
	one("booth_capture_bitrate_mbps", "gauge", "Encoded frame set bitrate over the last seconds.", s.BitrateMbps)
	one("booth_capture_skew_ms", "gauge", "Capture time spread of the last frame set.", s.SkewMs)
	one("booth_capture_plate_ready", "gauge", "1 when every background plate is learned.", bool01(s.PlateReady))
	one("booth_capture_present", "gauge", "1 while someone is in the booth (streaming).", bool01(s.Present))
	one("booth_capture_connected", "gauge", "1 while a cloud session is up.", bool01(s.Connected))
	if a := s.Audio; a != nil {
		one("booth_capture_audio_muted", "gauge", "1 while the microphone is muted.", bool01(a.Muted))
		one("booth_capture_audio_volume", "gauge", "Microphone volume (linear gain).", a.Volume)
		one("booth_capture_audio_packets_total", "counter", "Opus packets sent.", float64(a.Packets))
		one("booth_capture_audio_bytes_total", "counter", "Opus payload bytes sent.", float64(a.Bytes))
		one("booth_capture_audio_dropped_total", "counter", "Audio blocks the source dropped because the sender fell behind.", float64(a.Dropped))
	}
	hist(b, "booth_capture_segment_ms", "Segmentation time per frame set, ms.", &s.SegmentMs)
	hist(b, "booth_capture_encode_ms", "Encoding time per frame set, ms.", &s.EncodeMs)
	hist(b, "booth_capture_skew_hist_ms", "Capture time spread per frame set, ms.", &s.SkewHistogram)
	return b.Flush()
}

func hist(b *bufio.Writer, name, help string, h *Histogram) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name)
	var cum uint64
	for i, ub := range h.Bounds {
		cum += h.Counts[i]
		fmt.Fprintf(b, "%s_bucket{le=\"%s\"} %d\n", name, num(ub), cum)
	}
	fmt.Fprintf(b, "%s_bucket{le=\"+Inf\"} %d\n%s_sum %s\n%s_count %d\n", name, h.Count, name, num(h.Sum), name, h.Count)
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func bool01(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
