package raster

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"cloudme.dev/calibration/rig"
)

// bandsPerWorker sets how many horizontal bands each worker gets on average;
// more bands than workers balance the load when the drawing sits in a few
// rows (a person in the middle of the image).
const bandsPerWorker = 16

// Renderer draws surfaces through a camera. It keeps scratch buffers between
// calls, so a steady stream of renders of similar scenes allocates no image
// or geometry buffers. A Renderer is not safe for concurrent use: give each
// goroutine its own.
type Renderer struct {
	workers int
	verts   []vert
	vbase   []int       // first vertex of each surface in verts, and the total
	tbase   []int       // first triangle of each surface, and the total
	normals [][]float32 // vertex normals in use per surface (given or computed)
	ownNorm [][]float32 // computed vertex normals per surface, reused
	setup   []setupScratch
	info    []surfInfo
	camProj camProjector // the projection of the camera being drawn
	view    view
	job     job
	next    atomic.Int32 // next band to draw
	wg      sync.WaitGroup
}

// surfInfo is what the raster stage needs to know about a surface.
type surfInfo struct {
	tex  *Texture
	mask bool
}

// NewRenderer returns a renderer that splits its work across workers
// goroutines; workers <= 0 means runtime.GOMAXPROCS(0).
func NewRenderer(workers int) *Renderer {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Renderer{workers: workers}
}

// Workers returns the number of goroutines a render uses.
func (r *Renderer) Workers() int { return r.workers }

// Render draws surfaces into dst as seen by cam, testing and writing depth
// against what dst already holds (clear it first, or set opt.Background).
// dst must be cam.Width x cam.Height. Surfaces are drawn in order; where
// two surfaces have equal depth at a pixel the earlier one wins. Nothing is
// drawn unless every argument is valid.
func (r *Renderer) Render(dst *Target, cam *rig.Camera, surfaces []Surface, opt Options) error {
	if cam == nil {
		return ErrNilCamera
	}
	if err := r.cameraView(cam); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return r.render(dst, &r.view, surfaces, opt)
}

// render is Render for any view.
func (r *Renderer) render(dst *Target, v *view, surfaces []Surface, opt Options) error {
	if err := dst.check(v.w, v.h); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	dir, err := opt.check()
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	for i := range surfaces {
		if err := surfaces[i].check(); err != nil {
			return fmt.Errorf("render: surface %d: %w", i, err)
		}
	}
	sh := shading{lit: opt.Light != nil, dir: dir}
	if sh.lit {
		sh.ambient = opt.Light.Ambient
	}
	r.prepare(surfaces, sh.lit)

	workers := r.workers
	bandH := (v.h + workers*bandsPerWorker - 1) / (workers * bandsPerWorker)
	bands := (v.h + bandH - 1) / bandH
	for w := range r.setup[:workers] {
		s := &r.setup[w]
		s.clip = s.clip[:0]
		s.box = emptyRect
		if cap(s.bins) < bands {
			s.bins = append(s.bins[:cap(s.bins)], make([][]binTri, bands-cap(s.bins))...)
		}
		s.bins = s.bins[:bands]
		for b := range s.bins {
			s.bins[b] = s.bins[b][:0]
		}
	}
	r.job = job{view: v, surfaces: surfaces, shading: sh, opt: opt, dst: dst, bands: bands, bandH: bandH}
	if opt.Background != nil && opt.ClearDrawn && dst.cleanFor(*opt.Background) {
		r.job.partial = true
		b := dst.drawn.box // within the target unless its size was changed: clamp
		r.job.clearBox = rect{x0: max(b.x0, 0), y0: max(b.y0, 0), x1: min(b.x1, int32(v.w-1)), y1: min(b.y1, int32(v.h-1))}
	}
	r.next.Store(0)
	r.parallel(stageVertex)
	r.parallel(stageSetup)
	r.parallel(stageRaster)
	drawn := emptyRect
	for w := range r.setup[:workers] {
		drawn = drawn.union(r.setup[w].box)
	}
	dst.afterRender(drawn, opt.Background)
	r.job = job{} // drop references to the caller's data
	return nil
}

// job is the state of the render in progress, shared by the stages.
type job struct {
	view     *view
	surfaces []Surface
	shading  shading
	opt      Options
	dst      *Target
	bands    int  // number of bands
	bandH    int  // rows per band
	partial  bool // clear only clearBox, what was drawn since the last full clear
	clearBox rect
}

// The stages of a render, in order.
const (
	stageVertex = iota
	stageSetup
	stageRaster
)

// stage runs worker w's share of a stage.
func (r *Renderer) stage(stage, w int) {
	j := &r.job
	v, surfaces := j.view, j.surfaces
	switch stage {
	case stageVertex: // contiguous vertex ranges
		lo, hi := split(r.vbase[len(surfaces)], r.workers, w)
		for s := range surfaces {
			b0, b1 := r.vbase[s], r.vbase[s+1]
			if a, e := max(lo, b0), min(hi, b1); a < e {
				v.transformSurface(&surfaces[s], r.normals[s], &j.shading, a-b0, e-b0, r.verts[a:e])
			}
		}
	case stageSetup: // contiguous triangle ranges, binned per band
		bn := binner{w: int32(v.w), h: int32(v.h), bandH: int32(j.bandH), cullBack: j.opt.CullBack, out: &r.setup[w]}
		lo, hi := split(r.tbase[len(surfaces)], r.workers, w)
		for s := range surfaces {
			b0, b1 := r.tbase[s], r.tbase[s+1]
			if a, e := max(lo, b0), min(hi, b1); a < e {
				bn.setupSurface(v, &surfaces[s], int32(s), r.verts, r.vbase[s], a-b0, e-b0)
			}
		}
	case stageRaster: // each band drawn by one worker, in index order
		for {
			band := int(r.next.Add(1)) - 1
			if band >= j.bands {
				return
			}
			y0, y1 := band*j.bandH, min((band+1)*j.bandH, v.h)
			switch {
			case j.partial:
				j.dst.clearBoxRows(j.clearBox, y0, y1, *j.opt.Background)
			case j.opt.Background != nil:
				j.dst.clearRows(y0, y1, *j.opt.Background)
			}
			r.drawBand(j.dst, band, int32(y0), int32(y1-1))
		}
	}
}

// drawBand draws every triangle binned in band into rows [y0, y1].
func (r *Renderer) drawBand(dst *Target, band int, y0, y1 int32) {
	for w := range r.setup[:r.workers] {
		s := &r.setup[w]
		for i := range s.bins[band] {
			t := &s.bins[band][i]
			a, b, c := r.vertex(s, t.a), r.vertex(s, t.b), r.vertex(s, t.c)
			inf := &r.info[t.surf]
			triangle(dst, t, a, b, c, max(t.y0, y0), min(t.y1, y1), inf.tex, inf.mask)
		}
	}
}

// vertex resolves a vertex reference of a binned triangle.
func (r *Renderer) vertex(s *setupScratch, ref int32) *vert {
	if ref >= 0 {
		return &r.verts[ref]
	}
	return &s.clip[-1-ref]
}

// prepare sizes the scratch buffers for surfaces and computes missing
// normals when lit.
func (r *Renderer) prepare(surfaces []Surface, lit bool) {
	n := len(surfaces)
	r.vbase = append(r.vbase[:0], 0)
	r.tbase = append(r.tbase[:0], 0)
	r.info = r.info[:0]
	for i := range surfaces {
		s := &surfaces[i]
		r.vbase = append(r.vbase, r.vbase[i]+s.Mesh.VertexCount())
		r.tbase = append(r.tbase, r.tbase[i]+s.Mesh.TriangleCount())
		r.info = append(r.info, surfInfo{tex: s.Texture, mask: !s.NoMask})
	}
	if nv := r.vbase[n]; cap(r.verts) < nv {
		r.verts = make([]vert, nv)
	}
	r.verts = r.verts[:r.vbase[n]]
	for len(r.normals) < n {
		r.normals = append(r.normals, nil)
		r.ownNorm = append(r.ownNorm, nil)
	}
	for i := range surfaces {
		s := &surfaces[i]
		switch {
		case !lit:
			r.normals[i] = nil
		case len(s.Normals) != 0:
			r.normals[i] = s.Normals
		default:
			r.ownNorm[i] = VertexNormals(s.Mesh, r.ownNorm[i])
			r.normals[i] = r.ownNorm[i]
		}
	}
	for len(r.setup) < r.workers {
		r.setup = append(r.setup, setupScratch{})
	}
}

// parallel runs a stage on every worker and waits for all of them; worker
// 0 runs on the calling goroutine, so one worker starts no goroutine.
func (r *Renderer) parallel(stage int) {
	for w := 1; w < r.workers; w++ {
		r.wg.Add(1)
		go r.background(stage, w)
	}
	r.stage(stage, 0)
	r.wg.Wait()
}

// background runs a stage's worker w on its own goroutine.
func (r *Renderer) background(stage, w int) {
	defer r.wg.Done()
	r.stage(stage, w)
}

// split returns the w-th of n nearly equal contiguous parts of [0, total).
func split(total, n, w int) (lo, hi int) {
	return total * w / n, total * (w + 1) / n
}
