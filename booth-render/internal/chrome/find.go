package chrome

import (
	"fmt"
	"os/exec"
)

// Find returns the Chromium binary: explicit when given, else the first
// of chromium, chromium-browser, google-chrome on PATH.
func Find(explicit string) (string, error) {
	names := []string{"chromium", "chromium-browser", "google-chrome"}
	if explicit != "" {
		names = []string{explicit}
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: looked for %v (Debian: apt-get install chromium, or make setup)", ErrNotFound, names)
}
