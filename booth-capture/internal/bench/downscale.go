package bench

import "cloudme.dev/booth-capture/internal/segment"

func segmentDownscale(width int) int { return segment.AutoDownscale(width) }
