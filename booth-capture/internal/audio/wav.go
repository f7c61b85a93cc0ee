package audio

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// maxWAVBytes bounds a WAV file read into memory (10 minutes of 48 kHz
// stereo 16-bit).
const maxWAVBytes = 10 * 60 * SampleRate * 4

// ParseWAV decodes a RIFF WAVE file of 16-bit PCM at 48 kHz, mono or
// stereo (mixed down to mono). Other rates and formats are refused: the
// booth does not resample.
func ParseWAV(data []byte) ([]int16, error) {
	if len(data) < 12 || string(data[0:4]) != "RIFF" || string(data[8:12]) != "WAVE" {
		return nil, fmt.Errorf("%w: not a RIFF WAVE file", ErrFormat)
	}
	var (
		channels, bits uint16
		rate           uint32
		haveFmt        bool
	)
	rest := data[12:]
	for len(rest) >= 8 {
		id, size := string(rest[0:4]), binary.LittleEndian.Uint32(rest[4:8])
		rest = rest[8:]
		if uint64(size) > uint64(len(rest)) {
			return nil, fmt.Errorf("%w: chunk %q of %d bytes runs past the end", ErrFormat, id, size)
		}
		body := rest[:size]
		rest = rest[size:]
		if size%2 == 1 && len(rest) > 0 {
			rest = rest[1:] // chunks are padded to even sizes
		}
		switch id {
		case "fmt ":
			if len(body) < 16 {
				return nil, fmt.Errorf("%w: fmt chunk of %d bytes", ErrFormat, len(body))
			}
			format := binary.LittleEndian.Uint16(body[0:2])
			channels = binary.LittleEndian.Uint16(body[2:4])
			rate = binary.LittleEndian.Uint32(body[4:8])
			bits = binary.LittleEndian.Uint16(body[14:16])
			if format == 0xfffe && len(body) >= 26 {
				format = binary.LittleEndian.Uint16(body[24:26]) // WAVE_FORMAT_EXTENSIBLE
			}
			if format != 1 || bits != 16 {
				return nil, fmt.Errorf("%w: format %d with %d bits: want 16-bit PCM", ErrFormat, format, bits)
			}
			if rate != SampleRate {
				return nil, fmt.Errorf("%w: %d Hz: want %d Hz (no resampling)", ErrFormat, rate, SampleRate)
			}
			if channels != 1 && channels != 2 {
				return nil, fmt.Errorf("%w: %d channels: want 1 or 2", ErrFormat, channels)
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return nil, fmt.Errorf("%w: data before fmt", ErrFormat)
			}
			frame := int(channels) * 2
			n := len(body) / frame
			if n == 0 {
				return nil, fmt.Errorf("%w: no samples", ErrFormat)
			}
			out := make([]int16, n)
			for i := range out {
				var sum int32
				for c := 0; c < int(channels); c++ {
					sum += int32(int16(binary.LittleEndian.Uint16(body[i*frame+2*c:])))
				}
				out[i] = int16(sum / int32(channels))
			}
			return out, nil
		}
	}
	return nil, fmt.Errorf("%w: no data chunk", ErrFormat)
}

// EncodeWAV writes mono 16-bit 48 kHz samples as a WAV file (tests,
// tools).
func EncodeWAV(samples []int16) []byte {
	b := make([]byte, 44+2*len(samples))
	copy(b[0:], "RIFF")
	binary.LittleEndian.PutUint32(b[4:], uint32(36+2*len(samples)))
	copy(b[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(b[16:], 16)
	binary.LittleEndian.PutUint16(b[20:], 1)
	binary.LittleEndian.PutUint16(b[22:], 1)
	binary.LittleEndian.PutUint32(b[24:], SampleRate)
	binary.LittleEndian.PutUint32(b[28:], SampleRate*2)
	binary.LittleEndian.PutUint16(b[32:], 2)
	binary.LittleEndian.PutUint16(b[34:], 16)
	copy(b[36:], "data")
	binary.LittleEndian.PutUint32(b[40:], uint32(2*len(samples)))
	for i, s := range samples {
		binary.LittleEndian.PutUint16(b[44+2*i:], uint16(s))
	}
	return b
}

// WAV plays a WAV file as if a microphone captured it live, paced by the
// wall clock; with loop it starts again at the end, else it ends with
// io.EOF.
type WAV struct {
	p       *pacer
	samples []int16
	loop    bool
	pos     int
}

// OpenWAV reads the file at path.
func OpenWAV(path string, loop bool) (*WAV, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("audio: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxWAVBytes+1))
	if err != nil {
		return nil, fmt.Errorf("audio %s: %w", path, err)
	}
	if len(data) > maxWAVBytes {
		return nil, fmt.Errorf("audio %s: over %d bytes: %w", path, maxWAVBytes, ErrFormat)
	}
	s, err := ParseWAV(data)
	if err != nil {
		return nil, fmt.Errorf("audio %s: %w", path, err)
	}
	return &WAV{p: newPacer(0), samples: s, loop: loop}, nil
}

// Read returns the next block; the last one is padded with silence.
func (w *WAV) Read(ctx context.Context) (Block, error) {
	if w.pos >= len(w.samples) {
		if !w.loop {
			return Block{}, io.EOF
		}
		w.pos = 0
	}
	at, _, err := w.p.next(ctx)
	if err != nil {
		return Block{}, err
	}
	b := Block{Samples: make([]int16, BlockSamples), CaptureNs: at}
	for i := range b.Samples {
		if w.pos >= len(w.samples) {
			if !w.loop {
				break
			}
			w.pos = 0
		}
		b.Samples[i] = w.samples[w.pos]
		w.pos++
	}
	return b, nil
}

// Dropped counts blocks skipped because the reader fell behind.
func (w *WAV) Dropped() uint64 { return w.p.dropped.Load() }

// Close ends Read. Safe twice.
func (w *WAV) Close() error {
	w.p.close()
	return nil
}
