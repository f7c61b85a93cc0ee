#ifndef CLOUDME_CVX_H
#define CLOUDME_CVX_H
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif
void cvx_set_num_threads(int n);
int cvx_get_num_threads(void);
void cvx_set_simd(int on);


void cvx_downscale(const uint8_t *rgb, int w, int h, int d, uint8_t *work, uint16_t *tmp);
void cvx_rgb_to_ycc(const uint8_t *rgb, long n, uint8_t *ycc);
// Background plate at work size: mean is YCrCb, 3 bytes a pixel, the
// thresholds one byte a pixel (darker by more than max(bright, shadow) is
// foreground); radius is the region window's (<= 0: no
// region test), region_sum and weak its thresholds. Passed as arguments,
// not a struct, since the buffers may be Go memory. box gets x0, y0, x1,
// y1 of the foreground.
void cvx_plate_diff(const uint8_t *rgb, int w, int h, int d, const uint8_t *mean,
                    const uint8_t *bright, const uint8_t *chroma, const uint8_t *shadow, int radius, int region_sum, int weak, uint8_t *work,
                    uint8_t *mask, uint32_t *buf, int *box);

// Clean-up results: the kept blobs' box in work pixels and their area.
typedef struct {
	int x0, y0, x1, y1;
	long area;
} cvx_blobs;

// Returns 0, or 1 when OpenCV threw (the message in err, NUL-ended).
int cvx_cleanup(uint8_t *mask, int w, int h, int bx0, int by0, int bx1, int by1, int open_r, int close_r, long min_blob,
                long max_hole, uint8_t *buf_a, uint8_t *buf_b, int32_t *labels,
                cvx_blobs *out, char *err, int errlen);

// mean: the plate at full size, YCrCb; bright, chroma, shadow: the work
// size thresholds.
void cvx_refine(const uint8_t *mask, int ww, int wh, int d, int bx0, int by0, int bx1, int by1,
                const uint8_t *rgb, int w, int h, const uint8_t *mean, const uint8_t *bright,
                const uint8_t *chroma, const uint8_t *shadow, uint8_t *full);
#ifdef __cplusplus
}
#endif
#endif
