package cli

import (
	"cloudme.dev/booth-capture/internal/config"
	"cloudme.dev/booth-capture/internal/encode"
)

func encodeParams(c *config.Config) encode.Params {
	return encode.Params{JPEGQuality: c.Segmentation.JPEGQuality}
}
