package meeting

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"cloudme.dev/cloud-reconstruct/internal/auth"
)

// MaxRequestBytes bounds a create request's body.
const MaxRequestBytes = 16 << 10

// CreateRequest is the body of POST /v1/meetings.
type CreateRequest struct {
	ID     string   `json:"id"`
	Booths []string `json:"booths"`
}

// Validate checks the ids and that the meeting has 1 to MaxBooths
// distinct booths.
func (c CreateRequest) Validate() error {
	if err := auth.ValidID(c.ID); err != nil {
		return fmt.Errorf("%w: meeting %w", ErrInvalid, err)
	}
	if len(c.Booths) == 0 || len(c.Booths) > MaxBooths {
		return fmt.Errorf("%w: %d booths, want 1 to %d", ErrInvalid, len(c.Booths), MaxBooths)
	}
	seen := make(map[string]bool, len(c.Booths))
	for _, b := range c.Booths {
		if err := auth.ValidID(b); err != nil {
			return fmt.Errorf("%w: booth %w", ErrInvalid, err)
		}
		if seen[b] {
			return fmt.Errorf("%w: booth %s listed twice", ErrInvalid, b)
		}
		seen[b] = true
	}
	return nil
}

// ParseCreate decodes a create request strictly (unknown fields and
// trailing data are errors) and validates it.
func ParseCreate(data []byte) (CreateRequest, error) {
	var c CreateRequest
	if len(data) > MaxRequestBytes {
		return c, fmt.Errorf("%w: body is %d bytes, limit %d", ErrInvalid, len(data), MaxRequestBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return CreateRequest{}, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return CreateRequest{}, fmt.Errorf("%w: trailing data after the request", ErrInvalid)
	}
	if err := c.Validate(); err != nil {
		return CreateRequest{}, err
	}
	return c, nil
}
