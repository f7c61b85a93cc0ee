package calibcli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// cameraImages is one camera's image folder.
type cameraImages struct {
	ID    int
	Name  string // folder name
	Dir   string
	Files []string // sorted paths
}

var imageExt = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".bmp": true, ".tif": true, ".tiff": true}

var trailingDigits = regexp.MustCompile(`(\d+)$`)

// viewName is the view an image belongs to: its file name without extension.
func viewName(path string) string {
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// listImages returns the image files directly in dir, sorted.
func listImages(dir string) ([]string, []os.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("image folder %s: %w", dir, err)
	}
	var files []string
	var subdirs []os.DirEntry
	for _, e := range entries {
		if e.IsDir() {
			subdirs = append(subdirs, e)
			continue
		}
		if imageExt[strings.ToLower(filepath.Ext(e.Name()))] {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(files)
	return files, subdirs, nil
}

// scanCameras reads an image folder: either images of one camera (given
// id) or one sub-folder per camera, the ID taken from the folder name's
// trailing digits.
func scanCameras(dir string, id int) ([]cameraImages, error) {
	files, subdirs, err := listImages(dir)
	if err != nil {
		return nil, err
	}
	if len(files) > 0 {
		return []cameraImages{{ID: id, Name: fmt.Sprintf("cam%02d", id), Dir: dir, Files: files}}, nil
	}
	return scanRigDirs(dir, subdirs)
}

// scanRig reads a rig's image folder: one sub-folder per camera.
func scanRig(dir string) ([]cameraImages, error) {
	_, subdirs, err := listImages(dir)
	if err != nil {
		return nil, err
	}
	return scanRigDirs(dir, subdirs)
}

func scanRigDirs(dir string, subdirs []os.DirEntry) ([]cameraImages, error) {
	var cams []cameraImages
	seen := map[int]string{}
	for _, d := range subdirs {
		m := trailingDigits.FindString(d.Name())
		if m == "" {
			continue
		}
		id, err := strconv.Atoi(m)
		if err != nil {
			return nil, fmt.Errorf("image folder %s: camera id %q: %w", filepath.Join(dir, d.Name()), m, ErrLayout)
		}
		if prev, dup := seen[id]; dup {
			return nil, fmt.Errorf("image folders %s and %s both name camera %d: %w", prev, d.Name(), id, ErrLayout)
		}
		seen[id] = d.Name()
		sub := filepath.Join(dir, d.Name())
		files, _, err := listImages(sub)
		if err != nil {
			return nil, err
		}
		cams = append(cams, cameraImages{ID: id, Name: d.Name(), Dir: sub, Files: files})
	}
	if len(cams) == 0 {
		return nil, fmt.Errorf("image folder %s: no images and no camera sub-folders (cam00, cam01, ...): %w", dir, ErrLayout)
	}
	sort.Slice(cams, func(a, b int) bool { return cams[a].ID < cams[b].ID })
	return cams, nil
}
