package raster

import "math"

// rect is an inclusive pixel rectangle; it is empty when x0 > x1.
type rect struct{ x0, y0, x1, y1 int32 }

// emptyRect holds no pixel and is the identity of union.
var emptyRect = rect{x0: math.MaxInt32, y0: math.MaxInt32, x1: math.MinInt32, y1: math.MinInt32}

func (b rect) empty() bool { return b.x0 > b.x1 || b.y0 > b.y1 }

// union returns the smallest rect holding b and c.
func (b rect) union(c rect) rect {
	return rect{x0: min(b.x0, c.x0), y0: min(b.y0, c.y0), x1: max(b.x1, c.x1), y1: max(b.y1, c.y1)}
}

// drawnState is what a Target knows of its own planes, so that
// Options.ClearDrawn can clear only what was drawn since the last full
// clear.
type drawnState struct {
	clean bool     // every pixel outside box holds bg, depth +Inf and mask 0
	bg    [3]uint8 // the colour of the last full clear
	box   rect     // where Render may have drawn since; meaningful when clean
}

// MarkWritten records that the caller wrote into the target's planes, so
// that the next Render with Options.ClearDrawn clears the whole target
// rather than only what Render drew. Writers other than Render and Clear
// must call it before the target is rendered into again with ClearDrawn.
func (t *Target) MarkWritten() { t.drawn = drawnState{} }

// cleanFor reports whether Render with Options.ClearDrawn and background bg
// may clear only t.drawn.box.
func (t *Target) cleanFor(bg [3]uint8) bool { return t.drawn.clean && t.drawn.bg == bg }

// afterRender updates what t knows after a render that drew inside b and,
// when bg is set, cleared the target to it first.
func (t *Target) afterRender(b rect, bg *[3]uint8) {
	switch {
	case bg != nil:
		t.drawn = drawnState{clean: true, bg: *bg, box: b}
	case t.drawn.clean:
		t.drawn.box = t.drawn.box.union(b)
	}
}

// clearBoxRows clears the pixels of b that lie in rows [y0, y1) to bg,
// depth +Inf and mask 0. b lies within the target.
func (t *Target) clearBoxRows(b rect, y0, y1 int, bg [3]uint8) {
	y0, y1 = max(y0, int(b.y0)), min(y1, int(b.y1)+1)
	if b.empty() || y0 >= y1 {
		return
	}
	x0, n, w := int(b.x0), int(b.x1-b.x0)+1, t.Width
	first := y0*w + x0
	col, dep, mk := t.Color[3*first:3*(first+n)], t.Depth[first:first+n], t.Mask[first:first+n]
	fillRGB(col, bg)
	fillFloat32(dep, float32(math.Inf(1)))
	clear(mk)
	for y := y0 + 1; y < y1; y++ {
		i := y*w + x0
		copy(t.Color[3*i:3*(i+n)], col)
		copy(t.Depth[i:i+n], dep)
		clear(t.Mask[i : i+n])
	}
}
