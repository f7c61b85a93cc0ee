// Package testmask draws binary masks for the mask codec's tests and
// benchmarks: a procedural standing person, a checkerboard and random noise.
//
// Masks are returned as row-major bytes (0 outside, 255 inside) so that this
// package does not depend on the codec it feeds.
package testmask
