# The project's commands. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

MODULES := proto calibration booth-capture cloud-reconstruct booth-render e2e
PKGS    := $(foreach m,$(MODULES),./$(m)/...)
# Modules that must build without cgo (and so without OpenCV).
PURE    := ./proto/... ./cloud-reconstruct/... ./booth-render/...
BIN     := $(CURDIR)/.bin
OUT     := $(CURDIR)/out
export PATH := $(BIN):$(PATH)

.PHONY: help setup build test lint proto demo bench bench-mask bench-codec bench-synth bench-render bench-calib bench-capture bench-recon bench-cloud bench-audio bench-e2e

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: ## install system packages and pinned Go tools (idempotent, Debian 12)
	@./scripts/setup.sh

build: setup ## build every module; the cloud and render modules also without cgo
	go build $(PKGS)
	CGO_ENABLED=0 go build $(PURE)

test: setup ## go vet, staticcheck and go test -race over every module
	go vet $(PKGS)
	staticcheck $(PKGS)
	go test -race -timeout 15m $(PKGS)

lint: setup ## gofmt check, go vet and staticcheck
	@bad=$$(git ls-files '*.go' | grep -v '\.pb\.go$$' | xargs gofmt -l); \
	if [ -n "$$bad" ]; then echo "gofmt would change:"; echo "$$bad"; exit 1; fi
	go vet $(PKGS)
	staticcheck $(PKGS)

proto: setup ## regenerate proto/pb from proto/pb/*.proto
	./scripts/genproto.sh

demo: setup ## the main job (see README: what it runs today)
	./scripts/demo.sh

bench: bench-mask bench-codec bench-synth bench-render bench-calib bench-capture bench-recon bench-cloud bench-audio bench-e2e ## every benchmark, JSON lines on stdout

bench-mask: ## mask codec: bytes and encode/decode time per mask
	@go run ./proto/cmd/bench-mask

bench-codec: setup ## mesh codec against Draco: bytes and times per mesh
	@cd bench/draco && npm ci --no-audit --no-fund --silent >&2
	@go run ./cloud-reconstruct/cmd/bench-codec -draco bench/draco/encode.mjs

bench-synth: ## synthetic booth: time to render the views of one frame
	@go run ./calibration/cmd/bench-synth

bench-render: setup ## booth-render: mesh decode, 4K software render, page frame rate in Chromium
	@go run ./booth-render/cmd/bench-render

bench-calib: setup ## calibration: intrinsics on real images, bundle adjustment of 16 cameras
	@cd calibration && go run ./cmd/calib/bench-calib

bench-capture: setup ## booth-capture: segmentation and encoding per frame set, bytes, mask IoU
	@go run ./booth-capture/cmd/bench-capture

bench-recon: setup ## reconstruction: ms per stage, IoU, Chamfer; Open3D side by side
	@./scripts/setup.sh bench >&2
	@go run ./cloud-reconstruct/cmd/bench-recon -open3d bench/open3d/carve.py

bench-cloud: setup ## cloud service: per-stage latency per meeting, meetings per node
	@go run ./cloud-reconstruct/cmd/bench-cloud

bench-audio: setup ## audio over loopback: mouth-to-ear latency, A/V offset of the wave's clicks, bitrate
	@go run ./booth-capture/cmd/bench-audio

bench-e2e: setup ## the whole system as separate processes: glass-to-glass, stages, fps, drops, bitrates, CPU (cameras replayed from memory, then rendered live); then the load test
	@go run ./e2e/cmd/bench-e2e -replay 1s
	@go run ./e2e/cmd/bench-e2e
	@go run ./e2e/cmd/bench-e2e -load -replay 1s -cameras 4 -resolution 640x360 -fps 10 -cell 0.01 -measure 15s -max-booths 5
