package cvx

import (
	"image"
	"unsafe"

	"gocv.io/x/gocv"
)

// Plain Go references for the C++ passes: written for clarity, one pixel
// at a time, with none of the C++ side's row buffers or sliding windows.

func refYCC(r, g, b uint8) (y, cr, cb int) {
	R, G, B := int(r), int(g), int(b)
	y = (R*4899 + G*9617 + B*1868 + 1<<13) >> 14
	cr = min(255, max(0, ((R-y)*11682+1<<13)>>14+128))
	cb = min(255, max(0, ((B-y)*9241+1<<13)>>14+128))
	return y, cr, cb
}

func refDownscale(rgb []byte, w, h, d int) []byte {
	ww, wh := w/d, h/d
	out := make([]byte, 3*ww*wh)
	for y := 0; y < wh; y++ {
		for x := 0; x < ww; x++ {
			for c := 0; c < 3; c++ {
				s := 0
				for dy := 0; dy < d; dy++ {
					for dx := 0; dx < d; dx++ {
						s += int(rgb[3*((y*d+dy)*w+x*d+dx)+c])
					}
				}
				out[3*(y*ww+x)+c] = byte((s + d*d/2) / (d * d))
			}
		}
	}
	return out
}

func refReflect101(i, n int) int {
	if n == 1 {
		return 0
	}
	for i < 0 || i >= n {
		if i < 0 {
			i = -i
		} else {
			i = 2*n - 2 - i
		}
	}
	return i
}

// refPlateDiff returns work, mask and sum as PlateDiff defines them.
func refPlateDiff(rgb []byte, w, h, d int, p *Plate) (work, mask, sum []byte) {
	work = refDownscale(rgb, w, h, d)
	ww, wh := w/d, h/d
	mask = make([]byte, ww*wh)
	sum = make([]byte, ww*wh)
	for i := range mask {
		y, cr, cb := refYCC(work[3*i], work[3*i+1], work[3*i+2])
		my := int(p.Mean[3*i])
		chroma := min(255, abs(cr-int(p.Mean[3*i+1]))+abs(cb-int(p.Mean[3*i+2])))
		bright, dark := max(0, y-my), max(0, my-y)
		if chroma > int(p.Chroma[i]) || bright > int(p.Bright[i]) || dark > max(int(p.Bright[i]), int(p.Shadow[i])) {
			mask[i] = 255
		}
		sum[i] = byte(min(255, min(255, chroma+bright)+max(0, dark-int(p.Shadow[i]))))
	}
	if p.Radius <= 0 {
		return work, mask, sum
	}
	r := p.Radius
	for y := 0; y < wh; y++ {
		for x := 0; x < ww; x++ {
			s := 0
			for dy := -r; dy <= r; dy++ {
				for dx := -r; dx <= r; dx++ {
					s += int(sum[refReflect101(y+dy, wh)*ww+refReflect101(x+dx, ww)])
				}
			}
			if s > p.RegionSum && int(sum[y*ww+x]) > p.Weak {
				mask[y*ww+x] = 255
			}
		}
	}
	return work, mask, sum
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// refCleanUp is the clean-up over the whole image with gocv, as the
// segmenter did before CleanUp: it returns the cleaned mask, the kept
// blobs' box and area.
func refCleanUp(mask []byte, w, h int, p CleanUpParams) ([]byte, image.Rectangle, int, error) {
	m, err := gocv.NewMatFromBytes(h, w, gocv.MatTypeCV8UC1, append([]byte(nil), mask...))
	if err != nil {
		return nil, image.Rectangle{}, 0, err
	}
	defer m.Close()
	morph := func(op gocv.MorphType, r int) {
		k := gocv.GetStructuringElement(gocv.MorphEllipse, image.Pt(2*r+1, 2*r+1))
		defer k.Close()
		out := gocv.NewMat()
		gocv.MorphologyEx(m, &out, op, k)
		m.Close()
		m = out
	}
	if p.OpenRadius > 0 {
		morph(gocv.MorphOpen, p.OpenRadius)
	}
	if p.CloseRadius > 0 {
		morph(gocv.MorphClose, p.CloseRadius)
	}
	labels, stats, cents := gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer labels.Close()
	defer stats.Close()
	defer cents.Close()
	px, err := m.DataPtrUint8()
	if err != nil {
		return nil, image.Rectangle{}, 0, err
	}
	out := append([]byte(nil), px...)
	comp := func(i int) (image.Rectangle, int) {
		x, y := int(stats.GetIntAt(i, 0)), int(stats.GetIntAt(i, 1))
		return image.Rect(x, y, x+int(stats.GetIntAt(i, 2)), y+int(stats.GetIntAt(i, 3))), int(stats.GetIntAt(i, 4))
	}
	n := gocv.ConnectedComponentsWithStats(m, &labels, &stats, &cents)
	lab, err := int32s(&labels)
	if err != nil {
		return nil, image.Rectangle{}, 0, err
	}
	var box image.Rectangle
	area := 0
	for i := 1; i < n; i++ {
		r, a := comp(i)
		if a < p.MinBlob {
			for j := range out {
				if lab[j] == int32(i) {
					out[j] = 0
				}
			}
			continue
		}
		box = box.Union(r)
		area += a
	}
	if p.MaxHole > 0 && area > 0 {
		bw, bh := box.Dx(), box.Dy()
		inv := make([]byte, bw*bh)
		for y := 0; y < bh; y++ {
			for x := 0; x < bw; x++ {
				inv[y*bw+x] = 255 - out[(y+box.Min.Y)*w+x+box.Min.X]
			}
		}
		im, err := gocv.NewMatFromBytes(bh, bw, gocv.MatTypeCV8UC1, inv)
		if err != nil {
			return nil, image.Rectangle{}, 0, err
		}
		defer im.Close()
		n := gocv.ConnectedComponentsWithStats(im, &labels, &stats, &cents)
		lab, err := int32s(&labels)
		if err != nil {
			return nil, image.Rectangle{}, 0, err
		}
		for i := 1; i < n; i++ {
			r, a := comp(i)
			if r.Min.X == 0 || r.Min.Y == 0 || r.Max.X == bw || r.Max.Y == bh || a >= p.MaxHole {
				continue
			}
			for y := 0; y < bh; y++ {
				for x := 0; x < bw; x++ {
					if lab[y*bw+x] == int32(i) {
						out[(y+box.Min.Y)*w+x+box.Min.X] = 255
					}
				}
			}
			area += a
		}
	}
	return out, box, area, nil
}

// refRefine is the full-size outline over the whole image: the work mask
// scaled up (nearest, the last row and column covering a remainder),
// then every full-size pixel under an edge work pixel re-tested.
func refRefine(mask []byte, ww, wh, d int, rgb []byte, w, h int, p *FullPlate) []byte {
	full := make([]byte, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			full[y*w+x] = mask[min(y/d, wh-1)*ww+min(x/d, ww-1)]
		}
	}
	test := func(wx, wy int) {
		wi := wy*ww + wx
		for y := wy * d; y < wy*d+d; y++ {
			for x := wx * d; x < wx*d+d; x++ {
				q := y*w + x
				Y, cr, cb := refYCC(rgb[3*q], rgb[3*q+1], rgb[3*q+2])
				mY := int(p.Mean[3*q])
				fg := abs(cr-int(p.Mean[3*q+1]))+abs(cb-int(p.Mean[3*q+2])) > int(p.Chroma[wi]) ||
					Y-mY > int(p.Bright[wi]) || mY-Y > max(int(p.Bright[wi]), int(p.Shadow[wi]))
				full[q] = 0
				if fg {
					full[q] = 255
				}
			}
		}
	}
	for wy := 0; wy < wh; wy++ {
		for wx := 0; wx < ww; wx++ {
			v := mask[wy*ww+wx]
			if wx+1 < ww && mask[wy*ww+wx+1] != v {
				test(wx, wy)
				test(wx+1, wy)
			}
			if wy+1 < wh && mask[(wy+1)*ww+wx] != v {
				test(wx, wy)
				test(wx, wy+1)
			}
		}
	}
	return full
}

// int32s views a CV_32S Mat's pixels.
func int32s(m *gocv.Mat) ([]int32, error) {
	b, err := m.DataPtrUint8()
	if err != nil || len(b) < 4 {
		return nil, err
	}
	return unsafe.Slice((*int32)(unsafe.Pointer(&b[0])), len(b)/4), nil
}
