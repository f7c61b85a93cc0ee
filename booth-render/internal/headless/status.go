package headless

import (
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// drawStatus writes text in light grey on a dark band at 85% of the
// image's height, its letters about 3% of the height tall (the 13-pixel
// bitmap font scaled up by whole pixels).
func drawStatus(img *image.RGBA, text string) {
	face := basicfont.Face7x13
	b := img.Bounds()
	tw := font.MeasureString(face, text).Ceil()
	small := image.NewRGBA(image.Rect(0, 0, tw+8, 17))
	draw.Draw(small, small.Bounds(), image.NewUniform(color.RGBA{0, 0, 0, 255}), image.Point{}, draw.Src)
	d := font.Drawer{Dst: small, Src: image.NewUniform(color.RGBA{232, 232, 232, 255}), Face: face, Dot: fixed.P(4, 13)}
	d.DrawString(text)
	k := max(1, b.Dy()/400)
	for k > 1 && small.Bounds().Dx()*k > b.Dx() {
		k--
	}
	w, h := small.Bounds().Dx()*k, small.Bounds().Dy()*k
	x0 := b.Min.X + (b.Dx()-w)/2
	y0 := b.Min.Y + b.Dy()*85/100 - h/2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := image.Point{x0 + x, y0 + y}
			if p.In(b) {
				img.SetRGBA(p.X, p.Y, small.RGBAAt(x/k, y/k))
			}
		}
	}
}
