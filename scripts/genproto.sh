#!/usr/bin/env bash
# Regenerates proto/pb/*.pb.go from proto/pb/*.proto into the folder given
# (default: proto/pb itself). protoc-gen-go is built from the
# google.golang.org/protobuf version pinned in proto/go.mod, so the
# generated code changes only when that pin or the protoc package does.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/proto/pb}
command -v protoc >/dev/null || { echo "genproto: protoc not found; run 'make setup'" >&2; exit 1; }
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
(cd "$root/proto" && go build -o "$tools/protoc-gen-go" google.golang.org/protobuf/cmd/protoc-gen-go)
mkdir -p "$out"
cd "$root/proto/pb"
PATH="$tools:$PATH" protoc --go_out="$out" --go_opt=paths=source_relative ./*.proto
