package wire

import (
	"fmt"

	"google.golang.org/protobuf/proto"

	"cloudme.dev/proto/pb"
)

// Codec encodes and decodes envelopes under a set of limits.
type Codec struct {
	limits Limits
}

// NewCodec returns a Codec enforcing l.
func NewCodec(l Limits) *Codec { return &Codec{limits: l} }

// Default enforces DefaultLimits.
var Default = NewCodec(DefaultLimits)

// Encode validates env, sets its protocol version when unset, and returns
// its bytes. A message this side could not decode is never sent.
func (c *Codec) Encode(env *pb.Envelope) ([]byte, error) {
	if env == nil {
		return nil, fmt.Errorf("encode: %w: nil envelope", ErrInvalid)
	}
	if env.ProtocolVersion == 0 {
		env.ProtocolVersion = ProtocolVersion
	}
	if err := c.Validate(env); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	b, err := proto.Marshal(env)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	if len(b) > c.limits.MaxEnvelopeBytes {
		return nil, fmt.Errorf("encode: %w: %d bytes, limit %d", ErrTooLarge, len(b), c.limits.MaxEnvelopeBytes)
	}
	return b, nil
}

// Decode parses and validates one envelope.
func (c *Codec) Decode(b []byte) (*pb.Envelope, error) {
	if len(b) > c.limits.MaxEnvelopeBytes {
		return nil, fmt.Errorf("decode: %w: %d bytes, limit %d", ErrTooLarge, len(b), c.limits.MaxEnvelopeBytes)
	}
	env := &pb.Envelope{}
	if err := proto.Unmarshal(b, env); err != nil {
		return nil, fmt.Errorf("decode: %w: %v", ErrMalformed, err)
	}
	if err := c.Validate(env); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	return env, nil
}

// Encode uses the default codec.
func Encode(env *pb.Envelope) ([]byte, error) { return Default.Encode(env) }

// Decode uses the default codec.
func Decode(b []byte) (*pb.Envelope, error) { return Default.Decode(b) }
