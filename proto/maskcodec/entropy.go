package maskcodec

import (
	"errors"
	"fmt"

	"github.com/klauspost/compress/huff0"
	"github.com/klauspost/compress/zstd"
)

const (
	// minEntropyInput is the token stream length below which no entropy
	// stage is tried: its framing alone would outweigh the gain.
	minEntropyInput = 24
	// zstdWindow is the largest zstd window the encoder uses and the
	// decoder accepts.
	zstdWindow = 1 << 22
)

// newZstdEncoder returns a zstd encoder for EncodeAll at the fastest level,
// without checksum (the payload is short and the transport checks it).
func newZstdEncoder() (*zstd.Encoder, error) {
	return zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderCRC(false),
		zstd.WithEncoderConcurrency(1),
		zstd.WithWindowSize(zstdWindow),
		zstd.WithLowerEncoderMem(true),
	)
}

// newZstdDecoder returns a zstd decoder for DecodeAll that never decodes
// more than cap(dst) bytes nor holds a window above zstdWindow.
func newZstdDecoder() (*zstd.Decoder, error) {
	return zstd.NewReader(nil,
		zstd.WithDecoderConcurrency(1),
		zstd.WithDecoderLowmem(true),
		zstd.WithDecoderMaxWindow(zstdWindow),
		zstd.WithDecoderMaxMemory(uint64(maxTokens(MaxWidth, MaxHeight))),
		zstd.WithDecodeAllCapLimit(true),
	)
}

// compressHuff0 codes src with huff0 (4 streams), or returns nil when huff0
// cannot code it smaller or at all.
func compressHuff0(src []byte, s *huff0.Scratch) []byte {
	if len(src) > huff0.BlockSizeMax {
		return nil
	}
	s.Reuse = huff0.ReusePolicyNone
	out, _, err := huff0.Compress4X(src, s)
	if err != nil {
		return nil // incompressible, or a single symbol that zstd codes better
	}
	return out
}

// decompressEntropy decodes payload coded with m into dst[:0], which must
// have a capacity of exactly n, and checks that it decodes to n bytes.
func decompressEntropy(dst []byte, m method, payload []byte, n int, zd *zstd.Decoder, hs *huff0.Scratch) ([]byte, error) {
	var out []byte
	var err error
	switch m {
	case methodZstd:
		out, err = zd.DecodeAll(payload, dst[:0])
	case methodHuff0:
		out, err = decompressHuff0(dst, payload, n, hs)
	default:
		return nil, fmt.Errorf("entropy method %d: %w", m, ErrCorrupt)
	}
	if err != nil {
		return nil, fmt.Errorf("entropy stage: %w: %w", ErrCorrupt, err)
	}
	if len(out) != n {
		return nil, fmt.Errorf("entropy stage gave %d token bytes, header says %d: %w", len(out), n, ErrCorrupt)
	}
	return out, nil
}

// errHuff0Size reports a huff0 payload whose size does not fit huff0.
var errHuff0Size = errors.New("huff0 block size")

func decompressHuff0(dst, payload []byte, n int, s *huff0.Scratch) ([]byte, error) {
	if n == 0 || n > huff0.BlockSizeMax {
		return nil, errHuff0Size
	}
	s.MaxDecodedSize = n
	s, rest, err := huff0.ReadTable(payload, s)
	if err != nil {
		return nil, err
	}
	return s.Decoder().Decompress4X(dst[:0:n], rest)
}
