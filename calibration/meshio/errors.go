package meshio

import "errors"

// Sentinel errors. Every error a reader returns wraps one of these, with
// context naming the line, element or chunk at fault.
var (
	// ErrFormat marks input that is not well-formed for its format.
	ErrFormat = errors.New("malformed mesh file")
	// ErrUnsupported marks a well-formed file using a feature this package
	// does not read (a PLY property type, a glTF extension, ...).
	ErrUnsupported = errors.New("unsupported mesh feature")
	// ErrLimit marks a file larger than Limits allow.
	ErrLimit = errors.New("mesh file over limit")
	// ErrInvalidMesh marks a mesh that WritePLY refuses (see mesh.Validate).
	ErrInvalidMesh = errors.New("invalid mesh")
)
