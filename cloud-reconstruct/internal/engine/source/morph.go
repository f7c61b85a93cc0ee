package source

import "math"

// sqDistance returns, for every pixel, the squared Euclidean distance to
// the nearest pixel where target(p) is true (+Inf-like when there is
// none): Felzenszwalb and Huttenlocher's exact transform, one pass over
// the columns and one over the rows.
func sqDistance(w, h int, target func(i int) bool) []float64 {
	// Farther than any distance in the image, small enough that the
	// parabola intersections keep their precision.
	far := 4 * float64(w*w+h*h+1)
	d := make([]float64, w*h)
	for i := range d {
		if target(i) {
			d[i] = 0
		} else {
			d[i] = far
		}
	}
	n := max(w, h)
	f := make([]float64, n)
	out := make([]float64, n)
	v := make([]int, n)
	z := make([]float64, n+1)
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			f[y] = d[y*w+x]
		}
		dt1(f[:h], out[:h], v, z)
		for y := 0; y < h; y++ {
			d[y*w+x] = out[y]
		}
	}
	for y := 0; y < h; y++ {
		dt1(d[y*w:(y+1)*w], out[:w], v, z)
		copy(d[y*w:(y+1)*w], out[:w])
	}
	return d
}

// dt1 is the one-dimensional squared distance transform of f: the lower
// envelope of the parabolas (x-q)² + f[q].
func dt1(f, out []float64, v []int, z []float64) {
	n := len(f)
	if n == 0 {
		return
	}
	k := 0
	v[0] = 0
	z[0], z[1] = math.Inf(-1), math.Inf(1)
	inter := func(q, p int) float64 {
		return ((f[q] + float64(q*q)) - (f[p] + float64(p*p))) / float64(2*(q-p))
	}
	for q := 1; q < n; q++ {
		s := inter(q, v[k])
		for s <= z[k] {
			k--
			s = inter(q, v[k])
		}
		k++
		v[k] = q
		z[k], z[k+1] = s, math.Inf(1)
	}
	k = 0
	for q := 0; q < n; q++ {
		for z[k+1] < float64(q) {
			k++
		}
		dq := float64(q - v[k])
		out[q] = dq*dq + f[v[k]]
	}
}

// dilate sets every pixel within r pixels (Euclidean) of an inside pixel.
func dilate(pix []uint8, w, h int, r float64) {
	if r <= 0 {
		return
	}
	d := sqDistance(w, h, func(i int) bool { return pix[i] != 0 })
	for i, v := range d {
		if v <= r*r {
			pix[i] = 255
		}
	}
}

// erode clears every pixel within r pixels (Euclidean) of an outside
// pixel; the image border counts as outside only through its pixels.
func erode(pix []uint8, w, h int, r float64) {
	if r <= 0 {
		return
	}
	d := sqDistance(w, h, func(i int) bool { return pix[i] == 0 })
	for i, v := range d {
		if v <= r*r {
			pix[i] = 0
		}
	}
}
