package frameset

import (
	"bytes"
	"fmt"
	"image"
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
//
// JPEG crops decode to YCbCr and their conversion is a good part of the
// ingest's work, so that case has its own loop (the same values as
// color.YCbCrToRGB, pixel for pixel).
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
		dst = ycbcrToRGB(dst, m)
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

// ycbcrToRGB appends m's pixels as packed RGB. Each chroma sample's terms
// are worked out once for the pixels that share it.
func ycbcrToRGB(dst []uint8, m *image.YCbCr) []uint8 {
	b := m.Bounds()
	w := b.Dx()
	// Pixels per chroma sample along a row: 1 << shift.
	shift := uint(0)
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420:
		shift = 1
	case image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410:
		shift = 2
	}
	step := 1 << shift
	o := len(dst)
	dst = dst[:o+3*w*b.Dy()]
	for y := b.Min.Y; y < b.Max.Y; y++ {
		yrow := m.Y[m.YOffset(b.Min.X, y):]
		yrow = yrow[:w]
		c0 := m.COffset(b.Min.X, y)
		cb, cr := m.Cb[c0:], m.Cr[c0:]
		out := dst[o : o+3*w]
		o += 3 * w
		// Pixels [x, x+n) share chroma sample ci; the first run may be
		// short when the bounds start inside a sample.
		x, ci := 0, 0
		n := step - (b.Min.X & (step - 1))
		for x < w {
			n = min(n, w-x)
			b1, r1 := int32(cb[ci])-128, int32(cr[ci])-128
			rt, gt, bt := 91881*r1, -22554*b1-46802*r1, 116130*b1
			px := out[3*x : 3*(x+n)]
			for i, yy := range yrow[x : x+n] {
				v := int32(yy) * 0x10101
				q := px[3*i : 3*i+3 : 3*i+3]
				q[0], q[1], q[2] = clamp16(v+rt), clamp16(v+gt), clamp16(v+bt)
			}
			x += n
			ci++
			n = step
		}
	}
	return dst
}

// yccToRGB is the JFIF conversion in 16.16 fixed point with the
// coefficients 1.402, 0.344136, 0.714136 and 1.772 (rounded to 91881,
// 22554, 46802 and 116130), clamped to [0, 255]: the values
// color.YCbCrToRGB gives.
func yccToRGB(y, cb, cr uint8) (uint8, uint8, uint8) {
	yy := int32(y) * 0x10101 // y * 65536 + y * 257: 255 maps to 0xffffff
	b1, r1 := int32(cb)-128, int32(cr)-128
	return clamp16(yy + 91881*r1), clamp16(yy - 22554*b1 - 46802*r1), clamp16(yy + 116130*b1)
}

// clamp16 returns v >> 16 clamped to [0, 255].
func clamp16(v int32) uint8 {
	if uint32(v)&0xff000000 == 0 {
		return uint8(v >> 16)
	}
	if v < 0 {
		return 0
	}
	return 255
}
