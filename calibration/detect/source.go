package detect

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gocv.io/x/gocv"
)

// Source yields the frames of one camera. Read fills dst with the next
// frame and returns io.EOF when the source has no more.
type Source interface {
	Read(dst *gocv.Mat) error
	Close() error
}

// OpenSource opens a camera source: "dir:PATH" replays the images of a
// folder in name order; an integer opens that capture device; anything
// else is handed to OpenCV's VideoCapture (a video file or stream URL).
func OpenSource(uri string) (Source, error) {
	if dir, ok := strings.CutPrefix(uri, "dir:"); ok {
		return openFolder(dir)
	}
	var vc *gocv.VideoCapture
	var err error
	if n, convErr := strconv.Atoi(uri); convErr == nil {
		vc, err = gocv.OpenVideoCapture(n)
	} else {
		vc, err = gocv.OpenVideoCapture(uri)
	}
	if err != nil {
		return nil, fmt.Errorf("source %q: %v: %w", uri, err, ErrSource)
	}
	if !vc.IsOpened() {
		vc.Close()
		return nil, fmt.Errorf("source %q: cannot open: %w", uri, ErrSource)
	}
	return &captureSource{vc: vc, uri: uri}, nil
}

type captureSource struct {
	vc  *gocv.VideoCapture
	uri string
}

func (c *captureSource) Read(dst *gocv.Mat) error {
	if !c.vc.Read(dst) || dst.Empty() {
		return io.EOF
	}
	return nil
}

func (c *captureSource) Close() error { return c.vc.Close() }

// folderSource replays a folder of images.
type folderSource struct {
	files []string
	next  int
}

var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".bmp": true, ".tif": true, ".tiff": true}

func openFolder(dir string) (*folderSource, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("source dir:%s: %v: %w", dir, err, ErrSource)
	}
	f := &folderSource{}
	for _, e := range entries {
		if !e.IsDir() && imageExts[strings.ToLower(filepath.Ext(e.Name()))] {
			f.files = append(f.files, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(f.files)
	if len(f.files) == 0 {
		return nil, fmt.Errorf("source dir:%s: no images: %w", dir, ErrSource)
	}
	return f, nil
}

func (f *folderSource) Read(dst *gocv.Mat) error {
	if f.next >= len(f.files) {
		return io.EOF
	}
	path := f.files[f.next]
	f.next++
	m := gocv.IMRead(path, gocv.IMReadColor)
	defer m.Close()
	if m.Empty() {
		return fmt.Errorf("image %s: %w", path, ErrUnreadable)
	}
	m.CopyTo(dst)
	return nil
}

func (f *folderSource) Close() error { return nil }
