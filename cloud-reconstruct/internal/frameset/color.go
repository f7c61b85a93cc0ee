package frameset

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"

	"cloudme.dev/proto/pb"
)

// maxColorPixels bounds a colour crop's declared size before decoding, so
// that a small hostile header cannot make the decoder allocate gigabytes.
const maxColorPixels = 8192 * 8192

// decodeColor decodes a colour crop into RGB (3 bytes per pixel), appending
// to dst, and checks that it is w x h. Codec NONE (or unspecified with no
// bytes) returns an empty slice.
func decodeColor(dst []uint8, codec pb.ColorCodec, data []byte, w, h int) ([]uint8, error) {
	switch codec {
	case pb.ColorCodec_COLOR_CODEC_NONE, pb.ColorCodec_COLOR_CODEC_UNSPECIFIED:
		if len(data) != 0 {
			return dst, fmt.Errorf("%d colour bytes with codec %v: %w", len(data), codec, ErrColor)
		}
		return dst[:0], nil
	case pb.ColorCodec_COLOR_CODEC_RAW_RGB:
		if len(data) != 3*w*h {
			return dst, fmt.Errorf("raw colour is %d bytes, want %d for %dx%d: %w", len(data), 3*w*h, w, h, ErrSize)
		}
		return append(dst[:0], data...), nil
	case pb.ColorCodec_COLOR_CODEC_JPEG, pb.ColorCodec_COLOR_CODEC_PNG:
		var cfg image.Config
		var err error
		if codec == pb.ColorCodec_COLOR_CODEC_JPEG {
			cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
		} else {
			cfg, err = png.DecodeConfig(bytes.NewReader(data))
		}
		if err != nil {
			return dst, fmt.Errorf("%w: %v header: %w", ErrColor, codec, err)
		}
		if cfg.Width != w || cfg.Height != h {
			return dst, fmt.Errorf("colour is %dx%d, want %dx%d: %w", cfg.Width, cfg.Height, w, h, ErrSize)
		}
		if cfg.Width*cfg.Height > maxColorPixels {
			return dst, fmt.Errorf("colour %dx%d too large: %w", cfg.Width, cfg.Height, ErrSize)
		}
		var img image.Image
		if codec == pb.ColorCodec_COLOR_CODEC_JPEG {
			img, err = jpeg.Decode(bytes.NewReader(data))
		} else {
			img, err = png.Decode(bytes.NewReader(data))
		}
		if err != nil {
			return dst, fmt.Errorf("%w: %v: %w", ErrColor, codec, err)
		}
		if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
			return dst, fmt.Errorf("colour is %dx%d, want %dx%d: %w", b.Dx(), b.Dy(), w, h, ErrSize)
		}
		return ToRGB(dst[:0], img), nil
	default:
		return dst, fmt.Errorf("unknown colour codec %v: %w", codec, ErrColor)
	}
}

// ToRGB appends the pixels of img to dst as packed RGB, row by row.
func ToRGB(dst []uint8, img image.Image) []uint8 {
	b := img.Bounds()
	n := 3 * b.Dx() * b.Dy()
	if cap(dst)-len(dst) < n {
		nd := make([]uint8, len(dst), len(dst)+n)
		copy(nd, dst)
		dst = nd
	}
	switch m := img.(type) {
	case *image.RGBA:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, y):]
			for x := 0; x < b.Dx(); x++ {
				dst = append(dst, row[4*x], row[4*x+1], row[4*x+2])
			}
		}
	case *image.NRGBA:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, y):]
			for x := 0; x < b.Dx(); x++ {
				dst = append(dst, row[4*x], row[4*x+1], row[4*x+2])
			}
		}
	case *image.YCbCr:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				yi, ci := m.YOffset(x, y), m.COffset(x, y)
				r, g, bl := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
				dst = append(dst, r, g, bl)
			}
		}
	case *image.Gray:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, y):]
			for x := 0; x < b.Dx(); x++ {
				dst = append(dst, row[x], row[x], row[x])
			}
		}
	default:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				dst = append(dst, uint8(r>>8), uint8(g>>8), uint8(bl>>8))
			}
		}
	}
	return dst
}
