// Command bench-audio measures the audio path end to end over loopback
// (see internal/audiobench) and prints one JSON line of figures.
package main

import (
	"os"

	"cloudme.dev/booth-capture/internal/audiobench"
)

func main() { os.Exit(audiobench.Main(os.Args[1:], os.Stdout, os.Stderr)) }
