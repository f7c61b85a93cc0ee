package rig

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// TestSyntaxErrorLine: syntax errors name the line where the document goes
// wrong, not the line where yaml.v3 last opened a construct.
func TestSyntaxErrorLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		line int
	}{
		{"unclosed flow", "version: 1\nbooth_id: b\ncameras:\n  - id: [1\n", 4},
		{"bad indentation", "version: 1\nbooth_id: b\ncameras:\n  - id: 1\n   name: x\n", 5},
		{"tab", "version: 1\n\tbooth_id: b\n", 2},
		{"first line", "version: : 1\nbooth_id: b\n", 1},
		{"after a multi-line flow", "version: 1\nbooth_id: b\ncameras:\n  - rotation: [1, 0, 0,\n      0, 1, 0,\n      0, 0, 1]\n    id: 1\n     x: 2\n", 8},
		{"unterminated quote", "version: 1\nbooth_id: 'b\n", 2},
	}
	for _, tc := range tests {
		_, err := Parse([]byte(tc.doc))
		if !errors.Is(err, ErrSyntax) {
			t.Errorf("%s: err = %v, want ErrSyntax", tc.name, err)
			continue
		}
		want := "decode rig: line " + strconv.Itoa(tc.line) + ": "
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %q does not contain %q", tc.name, err, want)
		}
	}
}

func TestSyntaxErrorLineTooLong(t *testing.T) {
	t.Parallel()
	doc := strings.Repeat("# comment\n", maxLineSearch+1) + "a: [\n"
	if got := syntaxErrorLine([]byte(doc)); got != 0 {
		t.Errorf("syntaxErrorLine on a long input = %d, want 0 (not searched)", got)
	}
	if _, err := Parse([]byte(doc)); !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), "line") {
		t.Errorf("long input: err = %v, want a syntax error with yaml.v3's line", err)
	}
	big := "a: '" + strings.Repeat("x", maxBytesSearch) + "\n"
	if got := syntaxErrorLine([]byte(big)); got != 0 {
		t.Errorf("syntaxErrorLine on a large input = %d, want 0 (not searched)", got)
	}
}
