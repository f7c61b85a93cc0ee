// Package audiobench measures the audio path end to end over loopback:
// it runs the three real binaries (cloud-reconstruct, a synthetic
// booth-capture whose audio clicks at each peak of the person's wave, and
// a headless booth-render playing the audio into files), then decodes
// the renderer's Ogg Opus (libopus) to find when each click is heard, and
// compares that with when the picture captured at the same instant was
// shown. `make bench-audio` prints the figures; the package's test
// asserts the ITU-R BT.1359 window on the same measurement.
package audiobench
