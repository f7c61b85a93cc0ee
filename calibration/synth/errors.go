package synth

import "errors"

// Sentinel errors, wrapped with context naming the field, camera, file or
// frame at fault.
var (
	// ErrParams marks parameters out of range (person, rig, booth, CLI).
	ErrParams = errors.New("invalid synthetic booth parameters")
	// ErrDataset marks a dataset folder that is missing files or does not
	// agree with its manifest.
	ErrDataset = errors.New("invalid dataset")
	// ErrRender marks a frame that could not be rendered.
	ErrRender = errors.New("render failed")
)
