#!/usr/bin/env bash
# Installs everything the project needs on Debian 12, idempotently: apt
# packages that are missing (with sudo when not root) and Go tools at pinned
# versions into .bin/. Safe to run again: it installs only what is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# System packages: OpenCV 4.6 for gocv (booth-capture, calibration's board
# detection), protoc for `make proto` and its staleness test, Node.js for the
# Draco comparison in `make bench-codec`, Chromium for the kiosk page and
# its real-browser test, libopus (and libopusfile, which the Go binding
# links) for booth-capture's audio encoder, iproute2 for the network
# namespaces of the fault drills (e2e/drill).
apt_pkgs=(build-essential pkg-config curl libopencv-dev protobuf-compiler nodejs npm chromium libopus-dev libopusfile-dev iproute2)

# `setup.sh bench` adds what only the benchmarks need: Open3D, the peer
# that bench-recon measures our engine against.
if [[ ${1:-} == bench ]]; then
	apt_pkgs+=(python3-open3d)
fi

missing=()
for p in "${apt_pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
# A machine with its own Node.js (not from Debian) needs no Debian nodejs/npm.
if command -v node >/dev/null && command -v npm >/dev/null; then
	kept=()
	for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || kept+=("$p"); done
	missing=("${kept[@]}")
fi
if ((${#missing[@]})); then
	sudo=()
	if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
	echo "setup: installing ${missing[*]}" >&2
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Go tools, pinned. protoc-gen-go is not listed: scripts/genproto.sh builds it
# from the google.golang.org/protobuf version pinned in proto/go.mod.
staticcheck_version=v0.8.2 # staticcheck 2026.1.2
mkdir -p .bin
want="staticcheck $staticcheck_version"
if [[ ! -x .bin/staticcheck || $(cat .bin/.staticcheck-version 2>/dev/null) != "$want" ]]; then
	echo "setup: installing staticcheck $staticcheck_version" >&2
	GOBIN="$root/.bin" go install "honnef.co/go/tools/cmd/staticcheck@$staticcheck_version"
	echo "$want" >.bin/.staticcheck-version
fi
