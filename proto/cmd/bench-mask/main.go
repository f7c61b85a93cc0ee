// Command bench-mask measures the mask codec on procedural masks and prints
// one JSON line per case on stdout, with peer lines for PNG and for zstd on
// a 1-bit-per-pixel bitmap measured in the same run.
package main

import (
	"flag"
	"log"
	"os"
)

func main() {
	iters := flag.Int("iters", 300, "timed encodes and decodes per case")
	peerIters := flag.Int("peer-iters", 30, "timed encodes and decodes per case for the peer codecs")
	flag.Parse()
	log.SetOutput(os.Stderr)
	if err := run(os.Stdout, *iters, *peerIters); err != nil {
		log.Fatal(err)
	}
}
