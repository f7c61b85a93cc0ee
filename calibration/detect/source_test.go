package detect

import (
	"errors"
	"io"
	"testing"

	"gocv.io/x/gocv"
)

func TestFolderSource(t *testing.T) {
	t.Parallel()
	s, err := OpenSource("dir:testdata/opencv-chessboard-left")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := gocv.NewMat()
	defer m.Close()
	n := 0
	for {
		err := s.Read(&m)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if m.Cols() != 640 || m.Rows() != 480 {
			t.Fatalf("frame %d is %dx%d", n, m.Cols(), m.Rows())
		}
		n++
	}
	if n != 13 {
		t.Fatalf("%d frames, want 13", n)
	}
}

func TestOpenSourceErrors(t *testing.T) {
	t.Parallel()
	for _, uri := range []string{"dir:testdata/none", "dir:.", "testdata/none.avi"} {
		if _, err := OpenSource(uri); !errors.Is(err, ErrSource) {
			t.Errorf("%s: err = %v", uri, err)
		}
	}
}
