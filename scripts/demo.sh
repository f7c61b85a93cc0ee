#!/usr/bin/env bash
# The main job, as far as the pipeline exists today: the built-in synthetic
# booth. It writes one second of an animated person seen by 8 virtual
# cameras at 1080p (background, sensor noise, exposure and capture jitter
# on), with the ground truth every later stage is measured against.
# See README.md for what runs today and what does not yet.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${DEMO_OUT:-$root/out/demo}
rm -rf "$out"
mkdir -p "$(dirname "$out")"
echo "demo: rendering the synthetic booth into $out" >&2
go run "$root/calibration/cmd/synth" \
	-out "$out" -frames 30 -fps 30 -cameras 8 -resolution 1080p \
	-motion waving -background -noise 2 -exposure 0.05 -jitter 0.002 -seed 1
cat <<MSG
demo: done.
  rig file:      $out/rig.yaml
  manifest:      $out/manifest.json
  frame 0 views: $out/frames/000000/cam00.png ... cam07.png
  masks, depth:  $out/frames/000000/cam00_mask.png, cam00_depth.png
  true mesh:     $out/frames/000000/truth.ply
Not yet in the demo: capture agent, cloud reconstruction, renderer and the
two-booth meeting (see README.md).
MSG
