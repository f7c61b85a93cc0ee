// Package codecbench measures the mesh stream codec (cloudme.dev/proto/
// meshcodec) on meshes from the synthetic booth and on a watertight
// procedural "blobby person", next to Google Draco run with node as a
// peer, and prints one JSON line per case. cmd/bench-codec is its command.
package codecbench
