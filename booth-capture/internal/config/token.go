package config

import (
	"fmt"
	"os"
	"strings"
)

// TokenEnv is the environment variable holding the cloud token when the
// config names no token_file.
const TokenEnv = "CLOUDME_TOKEN"

// Token returns the bearer token: the first line of token_file, else
// $CLOUDME_TOKEN. It is never logged.
func (c *Config) Token() (string, error) {
	if c.TokenFile != "" {
		b, err := os.ReadFile(c.TokenFile)
		if err != nil {
			return "", fmt.Errorf("token_file: %w", err)
		}
		line, _, _ := strings.Cut(string(b), "\n")
		if t := strings.TrimSpace(line); t != "" {
			return t, nil
		}
		return "", fmt.Errorf("token_file %s is empty: %w", c.TokenFile, ErrNoToken)
	}
	if t := strings.TrimSpace(os.Getenv(TokenEnv)); t != "" {
		return t, nil
	}
	return "", ErrNoToken
}
