package auth

import (
	"bytes"
	"fmt"
	"os"
)

// LoadSecret reads the signing secret from the file at path when path is
// set, else from the environment variable env. Surrounding white space is
// trimmed. The secret's value never appears in an error.
func LoadSecret(path, env string) ([]byte, error) {
	var s []byte
	switch {
	case path != "":
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%w: read secret file: %w", ErrSecret, err)
		}
		s = bytes.TrimSpace(b)
	case env != "":
		s = bytes.TrimSpace([]byte(os.Getenv(env)))
		if len(s) == 0 {
			return nil, fmt.Errorf("%w: environment variable %s is empty", ErrSecret, env)
		}
	default:
		return nil, fmt.Errorf("%w: no secret file or environment variable configured", ErrSecret)
	}
	if len(s) < MinSecretBytes {
		return nil, fmt.Errorf("%w: %d bytes, want at least %d", ErrSecret, len(s), MinSecretBytes)
	}
	return s, nil
}
