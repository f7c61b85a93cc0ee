// Package source reads recorded frame sets from disk for the reconstruct
// command and the benchmarks: a synthetic-booth dataset folder
// (calibration/synth's format, masks exact) or a Middlebury multi-view
// folder (P matrices in *_par.txt, silhouettes cut from the images by a
// grey-level threshold on a dark background, then dilated and eroded).
package source
