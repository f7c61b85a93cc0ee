// Package wire encodes and decodes the Envelope messages of
// cloudme.dev/proto/pb with the protocol version and hard size limits
// enforced, so that every receiver refuses the same bad input the same way.
//
// Decode checks, in order: the byte length against Limits.MaxEnvelopeBytes
// (before any parsing), the protobuf encoding, the protocol version (newer
// than ProtocolVersion is ErrVersion), and then every field of the body
// against the limits in Limits. A message that passes Decode can be used
// without further bounds checks on counts and lengths; the payloads it
// carries (masks, colour crops, meshes) still go through their own
// decoders, which enforce their own limits.
package wire
