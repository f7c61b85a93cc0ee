#!/usr/bin/env bash
# The main job: cloud-reconstruct, two synthetic booths (booth-a, booth-b)
# in one meeting, and each booth's renderer showing the other booth's
# person, all on this machine with no camera and no GPU. Prints the kiosk
# page URLs, writes headless snapshots under out/demo/, and stops
# everything cleanly on Ctrl-C (or after DEMO_SECONDS when set).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${DEMO_OUT:-$root/out/demo}
bin=$root/out/bin
cloud_port=${DEMO_CLOUD_PORT:-8080}
cameras=${DEMO_CAMERAS:-8}
resolution=${DEMO_RESOLUTION:-720p}
fps=${DEMO_FPS:-5}
# Reconstruction cell size in metres: 8 mm keeps two booths, their
# renderers and the cloud within one 2-core machine (the product default is 5 mm).
cell=${DEMO_CELL:-0.008}

rm -rf "$out"
mkdir -p "$out" "$bin"
echo "demo: building the three binaries" >&2
(cd "$root" && go build -o "$bin/" ./cloud-reconstruct/cmd/cloud-reconstruct ./booth-capture/cmd/booth-capture ./booth-render/cmd/booth-render)

# A fresh signing secret per run; tokens are minted from it and kept in
# files readable by this user only.
umask 077
export CLOUD_TOKEN_SECRET
CLOUD_TOKEN_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
mint() { "$bin/cloud-reconstruct" token mint -secret-env CLOUD_TOKEN_SECRET -ttl 12h "$@"; }
mint -subject operator -operator >"$out/operator.token"
for b in a b; do
	mint -subject "booth-$b" -publish "booth-$b" >"$out/booth-$b.token"
	mint -subject "render-$b" -subscribe-meeting m1 >"$out/render-$b.token"
done

pids=()
stop() {
	trap - INT TERM EXIT
	echo "demo: stopping" >&2
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
	wait 2>/dev/null || true
	echo "demo: stopped; logs in $out/*.log" >&2
}
# Ctrl-C or a TERM stops everything and ends the script there (not
# reported as a process ending early); any other exit stops it too.
trap 'stop; exit 130' INT TERM
trap stop EXIT

CLOUD_LISTEN=127.0.0.1:$cloud_port CLOUD_CELL_SIZE=$cell "$bin/cloud-reconstruct" serve >"$out/cloud.log" 2>&1 &
pids+=($!)
cloud=http://127.0.0.1:$cloud_port
for _ in $(seq 100); do
	curl -fsS "$cloud/healthz" >/dev/null 2>&1 && break
	sleep 0.1
done
curl -fsS "$cloud/healthz" >/dev/null || { echo "demo: cloud did not start; see $out/cloud.log" >&2; exit 1; }
CLOUD_URL=$cloud CLOUD_TOKEN=$(cat "$out/operator.token") \
	"$bin/cloud-reconstruct" meeting create -id m1 -booth booth-a -booth booth-b >&2

ports=(a:9091:8091:1:waving b:9092:8092:7:turning)
for spec in "${ports[@]}"; do
	IFS=: read -r b ops page seed motion <<<"$spec"
	cat >"$out/booth-$b.yaml" <<YAML
booth_id: booth-$b
cloud_url: $cloud
token_file: $out/booth-$b.token
fps: $fps
listen: 127.0.0.1:$ops
synthetic: {cameras: $cameras, resolution: $resolution, motion: $motion, seed: $seed, noise: 2, jitter: 0.002}
YAML
	"$bin/booth-capture" -config "$out/booth-$b.yaml" >"$out/booth-$b.log" 2>&1 &
	pids+=($!)
	other=$([[ $b == a ]] && echo b || echo a)
	mkdir -p "$out/snapshots-$b"
	"$bin/booth-render" run -cloud "$cloud" -meeting m1 -exclude "booth-$b" \
		-token-file "$out/render-$b.token" -renderer-id "render-$b" \
		-listen "127.0.0.1:$page" -stale-after 3s -snapshot-every 5s -snapshot-dir "$out/snapshots-$b" \
		>"$out/render-$b.log" 2>&1 &
	pids+=($!)
	echo "demo: booth-$b shows booth-$other's person at http://127.0.0.1:$page/ (snapshots in $out/snapshots-$b)"
done
echo "demo: cloud metrics at $cloud/metrics; booth ops at http://127.0.0.1:9091/metrics and :9092"
echo "demo: running; Ctrl-C stops everything"
if [[ -n ${DEMO_SECONDS:-} ]]; then
	sleep "$DEMO_SECONDS"
else
	wait -n "${pids[@]}" || true
	echo "demo: a process ended early; see $out/*.log" >&2
fi
