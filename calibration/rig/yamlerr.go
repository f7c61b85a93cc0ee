package rig

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Bounds on the prefix re-parsing done to locate a syntax error (its cost
// grows with lines times bytes); larger inputs keep the decoder's own line
// number. A 16-camera rig file is about 150 lines and 6 KiB; the worst case,
// a flow sequence left open on line 1, costs about 2.5 MB of parsing.
const (
	maxLineSearch  = 300
	maxBytesSearch = 16 << 10
)

var yamlLinePrefix = regexp.MustCompile(`^yaml: (line \d+: )?`)

// describeYAMLError turns a decoder error into a message that names the
// line. Type errors (wrong type, unknown field) already carry the right
// line. For syntax errors yaml.v3 reports the line where the enclosing
// construct started, and for parser errors counts it from zero, so the line
// is found instead as the one after the last line at which the document is
// still well-formed YAML.
func describeYAMLError(data []byte, err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return err.Error()
	}
	msg := err.Error()
	line := syntaxErrorLine(data)
	if line == 0 {
		return msg
	}
	return "line " + strconv.Itoa(line) + ": " + yamlLinePrefix.ReplaceAllString(msg, "")
}

// syntaxErrorLine returns the 1-based number of the line after the last
// line at which the text still parses (so a multi-line flow sequence that is
// open at a line end is not mistaken for the error), or 0 when the input is
// too long to search or no prefix parses.
func syntaxErrorLine(data []byte) int {
	if len(data) > maxBytesSearch {
		return 0
	}
	var ends []int // ends[i] is the offset just past line i+1
	for off := 0; off < len(data); {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			off = len(data)
		} else {
			off += i + 1
		}
		ends = append(ends, off)
		if len(ends) > maxLineSearch {
			return 0
		}
	}
	for n := len(ends) - 1; n >= 1; n-- {
		if parsesAsYAML(data[:ends[n-1]]) {
			return n + 1
		}
	}
	return 1
}

// parsesAsYAML reports whether every document in data is well-formed.
func parsesAsYAML(data []byte) bool {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var node yaml.Node
		err := dec.Decode(&node)
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}
