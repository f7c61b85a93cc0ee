package rig

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports guards the architecture's rule: this package is pure Go and
// builds with CGO_ENABLED=0, so besides the standard library it may import
// only the YAML decoder (no cgo, no gocv, no pion).
func TestImports(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"go.yaml.in/yaml/v3": true}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				t.Fatal(err)
			}
			if path == "C" {
				t.Errorf("%s uses cgo", name)
				continue
			}
			std := !strings.Contains(strings.SplitN(path, "/", 2)[0], ".")
			if !std && !allowed[path] {
				t.Errorf("%s imports %s; only the standard library and %v are allowed", name, path, allowed)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no source files checked")
	}
}
