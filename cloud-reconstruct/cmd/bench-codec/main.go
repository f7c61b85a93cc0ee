// Command bench-codec measures the mesh stream codec on synthetic meshes
// next to Google Draco and prints JSON lines; see internal/codecbench.
package main

import (
	"os"

	"cloudme.dev/cloud-reconstruct/internal/codecbench"
)

func main() { os.Exit(codecbench.Main(os.Args[1:], os.Stdout, os.Stderr)) }
