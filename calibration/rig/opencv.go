package rig

import (
	"bytes"
	"fmt"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Key aliases accepted in OpenCV FileStorage intrinsics files.
var (
	cvMatrixKeys = []string{"camera_matrix", "cameraMatrix", "K"}
	cvDistKeys   = []string{"distortion_coefficients", "dist_coeffs", "distCoeffs", "D"}
	cvWidthKeys  = []string{"image_width"}
	cvHeightKey  = []string{"image_height"}
)

// skewTolerance is the largest |K[0][1]| / fx treated as zero skew.
const skewTolerance = 1e-6

// ParseOpenCVIntrinsics reads the intrinsics that cv::FileStorage writes in
// YAML (for example OpenCV's calibration sample output):
//
//	%YAML:1.0
//	---
//	image_width: 640
//	image_height: 480
//	camera_matrix: !!opencv-matrix
//	   rows: 3
//	   cols: 3
//	   dt: d
//	   data: [ 5.33e+02, 0., 3.42e+02, 0., 5.33e+02, 2.34e+02, 0., 0., 1. ]
//	distortion_coefficients: !!opencv-matrix
//	   rows: 5
//	   cols: 1
//	   dt: d
//	   data: [ -2.81e-01, 2.91e-02, 1.21e-03, -1.41e-04, 1.55e-01 ]
//
// The camera matrix may also be named cameraMatrix or K, the distortion
// dist_coeffs, distCoeffs or D; all four entries are required, other keys are
// ignored. Matrices may be flow or block style. The distortion vector may
// have 4 (k1 k2 p1 p2), 5 (… k3), 8, 12 or 14 elements; the longer forms
// (rational, thin-prism, tilted models) are accepted only when the extra
// coefficients are zero. A camera matrix with skew is refused.
func ParseOpenCVIntrinsics(data []byte) (k Intrinsics, d Distortion, width, height int, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("opencv intrinsics: decode: %v: %w", p, ErrSyntax)
		}
	}()
	var doc yaml.Node
	data = stripOpenCVDirective(data)
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return k, d, 0, 0, fmt.Errorf("opencv intrinsics: %s: %w", describeYAMLError(data, err), ErrSyntax)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return k, d, 0, 0, fmt.Errorf("opencv intrinsics: top level must be a mapping: %w", ErrSyntax)
	}
	top := doc.Content[0]
	mNode, err := cvLookup(top, cvMatrixKeys)
	if err != nil {
		return k, d, 0, 0, err
	}
	dNode, err := cvLookup(top, cvDistKeys)
	if err != nil {
		return k, d, 0, 0, err
	}
	wNode, err := cvLookup(top, cvWidthKeys)
	if err != nil {
		return k, d, 0, 0, err
	}
	hNode, err := cvLookup(top, cvHeightKey)
	if err != nil {
		return k, d, 0, 0, err
	}
	if width, err = cvInt(wNode, "image_width"); err != nil {
		return k, d, 0, 0, err
	}
	if height, err = cvInt(hNode, "image_height"); err != nil {
		return k, d, 0, 0, err
	}
	if k, err = cvCameraMatrix(mNode, width, height); err != nil {
		return k, d, 0, 0, err
	}
	if d, err = cvDistortion(dNode); err != nil {
		return k, d, 0, 0, err
	}
	return k, d, width, height, nil
}

// stripOpenCVDirective comments out OpenCV's "%YAML:1.0" first line, which
// is not a valid YAML directive, keeping line numbers intact.
func stripOpenCVDirective(data []byte) []byte {
	if !bytes.HasPrefix(data, []byte("%YAML:")) {
		return data
	}
	out := make([]byte, 0, len(data)+1)
	out = append(out, '#')
	return append(out, data...)
}

// cvLookup finds exactly one of the alias keys in a mapping.
func cvLookup(m *yaml.Node, keys []string) (*yaml.Node, error) {
	var found *yaml.Node
	foundKey := ""
	for i := 0; i+1 < len(m.Content); i += 2 {
		key := m.Content[i]
		if key.Kind != yaml.ScalarNode {
			continue
		}
		for _, want := range keys {
			if key.Value != want {
				continue
			}
			if found != nil {
				return nil, fmt.Errorf("opencv intrinsics: line %d: %s: given twice (also as %s): %w", key.Line, key.Value, foundKey, ErrSyntax)
			}
			found, foundKey = m.Content[i+1], key.Value
		}
	}
	if found == nil {
		return nil, fmt.Errorf("opencv intrinsics: %s: missing: %w", keys[0], ErrSyntax)
	}
	return resolveAlias(found), nil
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; i < 8 && n != nil && n.Kind == yaml.AliasNode; i++ {
		n = n.Alias
	}
	return n
}

func cvInt(n *yaml.Node, field string) (int, error) {
	if n == nil || n.Kind != yaml.ScalarNode {
		return 0, fmt.Errorf("opencv intrinsics: %s: must be an integer: %w", field, ErrSyntax)
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil {
		return 0, fmt.Errorf("opencv intrinsics: line %d: %s: must be an integer, got %q: %w", n.Line, field, n.Value, ErrSyntax)
	}
	if v <= 0 {
		return 0, fmt.Errorf("opencv intrinsics: line %d: %s: must be > 0, got %d: %w", n.Line, field, v, ErrInvalid)
	}
	return v, nil
}

// cvMatrix decodes an !!opencv-matrix mapping {rows, cols, dt, data}.
func cvMatrix(n *yaml.Node, field string) (rows, cols int, vals []float64, err error) {
	if n == nil || n.Kind != yaml.MappingNode {
		return 0, 0, nil, fmt.Errorf("opencv intrinsics: %s: must be an opencv-matrix mapping {rows, cols, dt, data}: %w", field, ErrSyntax)
	}
	var dataNode *yaml.Node
	haveRows, haveCols := false, false
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], resolveAlias(n.Content[i+1])
		switch key.Value {
		case "rows", "cols":
			if val == nil || val.Kind != yaml.ScalarNode {
				return 0, 0, nil, fmt.Errorf("opencv intrinsics: line %d: %s.%s: must be an integer: %w", key.Line, field, key.Value, ErrSyntax)
			}
			v, err := strconv.Atoi(val.Value)
			if err != nil || v <= 0 {
				return 0, 0, nil, fmt.Errorf("opencv intrinsics: line %d: %s.%s: must be a positive integer, got %q: %w", val.Line, field, key.Value, val.Value, ErrSyntax)
			}
			if key.Value == "rows" {
				rows, haveRows = v, true
			} else {
				cols, haveCols = v, true
			}
		case "dt":
			if val == nil || val.Kind != yaml.ScalarNode || len(val.Value) != 1 || !bytes.ContainsAny([]byte(val.Value), "ucwsifdh") {
				return 0, 0, nil, fmt.Errorf("opencv intrinsics: line %d: %s.dt: must be a single-channel type (d, f, ...), got %q: %w", key.Line, field, nodeValue(val), ErrUnsupported)
			}
		case "data":
			dataNode = val
		}
	}
	if !haveRows || !haveCols || dataNode == nil {
		return 0, 0, nil, fmt.Errorf("opencv intrinsics: line %d: %s: needs rows, cols and data: %w", n.Line, field, ErrSyntax)
	}
	if dataNode.Kind != yaml.SequenceNode {
		return 0, 0, nil, fmt.Errorf("opencv intrinsics: line %d: %s.data: must be a sequence: %w", dataNode.Line, field, ErrSyntax)
	}
	if rows > 64 || cols > 64 || rows*cols != len(dataNode.Content) {
		return 0, 0, nil, fmt.Errorf("opencv intrinsics: line %d: %s: %dx%d matrix with %d data elements: %w", n.Line, field, rows, cols, len(dataNode.Content), ErrSyntax)
	}
	vals = make([]float64, len(dataNode.Content))
	for i, e := range dataNode.Content {
		e = resolveAlias(e)
		if e == nil || e.Kind != yaml.ScalarNode {
			return 0, 0, nil, fmt.Errorf("opencv intrinsics: %s.data[%d]: must be a number: %w", field, i, ErrSyntax)
		}
		v, err := strconv.ParseFloat(e.Value, 64)
		if err != nil || !finite(v) {
			return 0, 0, nil, fmt.Errorf("opencv intrinsics: line %d: %s.data[%d]: must be a finite number, got %q: %w", e.Line, field, i, e.Value, ErrSyntax)
		}
		vals[i] = v
	}
	return rows, cols, vals, nil
}

func nodeValue(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return n.Value
}

func cvCameraMatrix(n *yaml.Node, width, height int) (Intrinsics, error) {
	rows, cols, m, err := cvMatrix(n, "camera_matrix")
	if err != nil {
		return Intrinsics{}, err
	}
	if rows != 3 || cols != 3 {
		return Intrinsics{}, fmt.Errorf("opencv intrinsics: camera_matrix: must be 3x3, got %dx%d: %w", rows, cols, ErrSyntax)
	}
	if m[6] != 0 || m[7] != 0 || m[3] != 0 || m[8] != 1 {
		return Intrinsics{}, fmt.Errorf("opencv intrinsics: camera_matrix: must have the form [fx 0 cx; 0 fy cy; 0 0 1], got %v: %w", m, ErrInvalid)
	}
	k := Intrinsics{Fx: m[0], Fy: m[4], Cx: m[2], Cy: m[5]}
	if !(k.Fx > 0) || !(k.Fy > 0) {
		return Intrinsics{}, fmt.Errorf("opencv intrinsics: camera_matrix: fx and fy must be > 0, got %g and %g: %w", k.Fx, k.Fy, ErrInvalid)
	}
	if math.Abs(m[1]) > skewTolerance*k.Fx {
		return Intrinsics{}, fmt.Errorf("opencv intrinsics: camera_matrix: skew %g is not supported (the model has none): %w", m[1], ErrUnsupported)
	}
	if k.Cx < -0.5 || k.Cx >= float64(width)-0.5 || k.Cy < -0.5 || k.Cy >= float64(height)-0.5 {
		return Intrinsics{}, fmt.Errorf("opencv intrinsics: camera_matrix: principal point (%g, %g) outside the %dx%d image: %w", k.Cx, k.Cy, width, height, ErrInvalid)
	}
	return k, nil
}

func cvDistortion(n *yaml.Node) (Distortion, error) {
	rows, cols, v, err := cvMatrix(n, "distortion_coefficients")
	if err != nil {
		return Distortion{}, err
	}
	if rows != 1 && cols != 1 {
		return Distortion{}, fmt.Errorf("opencv intrinsics: distortion_coefficients: must be a vector, got %dx%d: %w", rows, cols, ErrSyntax)
	}
	switch len(v) {
	case 4, 5:
	case 8, 12, 14:
		for i := 5; i < len(v); i++ {
			if v[i] != 0 {
				return Distortion{}, fmt.Errorf("opencv intrinsics: distortion_coefficients[%d] = %g: the rational, thin-prism and tilted distortion models are not supported (only k1 k2 p1 p2 k3): %w", i, v[i], ErrUnsupported)
			}
		}
	default:
		return Distortion{}, fmt.Errorf("opencv intrinsics: distortion_coefficients: must have 4, 5, 8, 12 or 14 elements, got %d: %w", len(v), ErrSyntax)
	}
	d := Distortion{K1: v[0], K2: v[1], P1: v[2], P2: v[3]}
	if len(v) > 4 {
		d.K3 = v[4]
	}
	return d, nil
}
