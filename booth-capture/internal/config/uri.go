package config

import (
	"fmt"
	"net/url"
	"strings"
)

// Kind is a camera source's kind, from its URI scheme.
type Kind string

// The source kinds.
const (
	V4L2  Kind = "v4l2"      // v4l2:///dev/video0
	File  Kind = "file"      // file:///path/to/video.avi
	RTSP  Kind = "rtsp"      // rtsp://host:554/stream
	Dir   Kind = "dir"       // dir:///path/to/synth-dataset
	Synth Kind = "synthetic" // synthetic://
)

// SourceURI is a parsed camera source.
type SourceURI struct {
	Kind Kind
	// Path: the device, file or dataset path; for rtsp the whole URL.
	Path string
}

// ParseSource parses a camera source URI.
func ParseSource(s string) (SourceURI, error) {
	u, err := url.Parse(s)
	if err != nil {
		return SourceURI{}, fmt.Errorf("source %q: %v: %w", s, err, ErrConfig)
	}
	k := Kind(strings.ToLower(u.Scheme))
	switch k {
	case Synth:
		if u.Host != "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			return SourceURI{}, fmt.Errorf("source %q: synthetic:// takes no path or options (see the synthetic section): %w", s, ErrConfig)
		}
		return SourceURI{Kind: k}, nil
	case RTSP:
		if u.Host == "" {
			return SourceURI{}, fmt.Errorf("source %q: rtsp:// needs a host: %w", s, ErrConfig)
		}
		return SourceURI{Kind: k, Path: s}, nil
	case V4L2, File, Dir:
		if u.Host != "" {
			return SourceURI{}, fmt.Errorf("source %q: %s:// takes an absolute path (three slashes), not host %q: %w", s, k, u.Host, ErrConfig)
		}
		if u.Path == "" || !strings.HasPrefix(u.Path, "/") {
			return SourceURI{}, fmt.Errorf("source %q: %s:// needs an absolute path: %w", s, k, ErrConfig)
		}
		return SourceURI{Kind: k, Path: u.Path}, nil
	}
	return SourceURI{}, fmt.Errorf("source %q: scheme %q (want v4l2, file, rtsp, dir or synthetic): %w", s, u.Scheme, ErrConfig)
}
