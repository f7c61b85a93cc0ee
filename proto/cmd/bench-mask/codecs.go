package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"

	"github.com/klauspost/compress/zstd"

	"cloudme.dev/proto/maskcodec"
)

// newCodecs returns this package's codec and its peers, each reusing its
// buffers between calls as a real sender would.
func newCodecs(iters, peerIters int) ([]codec, error) {
	e, err := maskcodec.NewEncoder()
	if err != nil {
		return nil, err
	}
	d, err := maskcodec.NewDecoder()
	if err != nil {
		return nil, err
	}
	var buf []byte
	out := &maskcodec.Mask{}
	ours := codec{
		bench: "mask_codec", iters: iters,
		encode: func(m *maskcodec.Mask) ([]byte, error) {
			buf, err = e.Encode(buf[:0], m)
			return buf, err
		},
		decode: func(b []byte, _, _ int) (int, error) {
			if err := d.DecodeInto(out, b); err != nil {
				return 0, err
			}
			return out.Count(), nil
		},
	}
	z, err := newZstdRaw()
	if err != nil {
		return nil, err
	}
	z.iters = peerIters
	p := newPNG()
	p.iters = peerIters
	return []codec{ours, p, z}, nil
}

// newPNG codes the mask as an 8-bit gray PNG at BestSpeed.
func newPNG() codec {
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &pool{}}
	var out bytes.Buffer
	return codec{
		peer: "png",
		encode: func(m *maskcodec.Mask) ([]byte, error) {
			img := &image.Gray{Pix: m.Pix, Stride: m.Width, Rect: image.Rect(0, 0, m.Width, m.Height)}
			out.Reset()
			if err := enc.Encode(&out, img); err != nil {
				return nil, err
			}
			return out.Bytes(), nil
		},
		decode: func(b []byte, _, _ int) (int, error) {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				return 0, err
			}
			g, ok := img.(*image.Gray)
			if !ok {
				return 0, fmt.Errorf("png decoded as %T, want *image.Gray", img)
			}
			return (&maskcodec.Mask{Width: g.Rect.Dx(), Height: g.Rect.Dy(), Pix: g.Pix}).Count(), nil
		},
	}
}

type pool struct{ b *png.EncoderBuffer }

func (p *pool) Get() *png.EncoderBuffer  { return p.b }
func (p *pool) Put(b *png.EncoderBuffer) { p.b = b }

// newZstdRaw codes the mask packed 1 bit per pixel (rows padded to a
// byte) with zstd at its fastest level; decoding unpacks it back to one
// byte per pixel.
func newZstdRaw() (codec, error) {
	ze, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1), zstd.WithEncoderCRC(false))
	if err != nil {
		return codec{}, err
	}
	zd, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return codec{}, err
	}
	var packed, coded, unpacked []byte
	var pix []uint8
	return codec{
		peer: "zstd-raw",
		encode: func(m *maskcodec.Mask) ([]byte, error) {
			packed = packBits(packed[:0], m)
			coded = ze.EncodeAll(packed, coded[:0])
			return coded, nil
		},
		decode: func(b []byte, w, h int) (int, error) {
			unpacked, err = zd.DecodeAll(b, unpacked[:0])
			if err != nil {
				return 0, err
			}
			if pix, err = unpackBits(pix, unpacked, w, h); err != nil {
				return 0, err
			}
			return (&maskcodec.Mask{Width: w, Height: h, Pix: pix}).Count(), nil
		},
	}, nil
}

// packBits appends m's rows, 8 pixels a byte, most significant bit first,
// each row padded to a whole byte.
func packBits(dst []byte, m *maskcodec.Mask) []byte {
	for y := range m.Height {
		row := m.Pix[y*m.Width : (y+1)*m.Width]
		for x := 0; x < len(row); x += 8 {
			var b byte
			for i, v := range row[x:min(x+8, len(row))] {
				if v != 0 {
					b |= 0x80 >> i
				}
			}
			dst = append(dst, b)
		}
	}
	return dst
}

// unpackBits inverts packBits into pix, reused when large enough.
func unpackBits(pix []uint8, packed []byte, w, h int) ([]uint8, error) {
	stride := (w + 7) / 8
	if len(packed) != stride*h {
		return nil, fmt.Errorf("%d packed bytes for %dx%d", len(packed), w, h)
	}
	if cap(pix) < w*h {
		pix = make([]uint8, w*h)
	}
	pix = pix[:w*h]
	for y := range h {
		src := packed[y*stride : (y+1)*stride]
		row := pix[y*w : (y+1)*w]
		for x := range row {
			row[x] = -(src[x>>3] >> (7 - x&7) & 1) // 0 or 255
		}
	}
	return pix, nil
}
