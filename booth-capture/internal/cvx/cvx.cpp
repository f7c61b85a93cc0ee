#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <algorithm>
#include <cstring>
#include <exception>
#if defined(__x86_64__)
#include <immintrin.h>
#endif
#include "cvx.h"

void cvx_set_num_threads(int n) { cv::setNumThreads(n); }
int cvx_get_num_threads(void) { return cv::getNumThreads(); }

// The hand-written SIMD paths are on unless a test turns them off to
// check the plain loops (which it cannot reach otherwise on this CPU).
static volatile int use_simd = 1;
void cvx_set_simd(int on) { use_simd = on; }

// ---------------------------------------------------------------------
// Downscale and colour. Plain loops over contiguous rows, written so that
// the compiler vectorizes them (-O3); no temporaries beyond one row.

// HOT functions are compiled twice, for AVX2 and for plain x86-64, and
// the loader picks the one the CPU runs.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

namespace {

// OpenCV's 8-bit RGB to YCrCb, 14-bit fixed point (see segment's ycc).
inline void ycc(int r, int g, int b, int &y, int &cr, int &cb) {
	y = (r * 4899 + g * 9617 + b * 1868 + (1 << 13)) >> 14;
	cr = (((r - y) * 11682 + (1 << 13)) >> 14) + 128;
	cb = (((b - y) * 9241 + (1 << 13)) >> 14) + 128;
	cr = std::min(255, std::max(0, cr));
	cb = std::min(255, std::max(0, cb));
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
// keep_even_pixels copies the first 3 of every 6 bytes of u (6*ww - 3
// bytes) to out, 4 pixels at a time with SSSE3's byte shuffle, and returns
// how many pixels it did; the caller does the rest.
__attribute__((target("ssse3"))) int keep_even_ssse3(const uint8_t *u, int ww, uint8_t *out) {
	const __m128i lo = _mm_setr_epi8(0, 1, 2, 6, 7, 8, 12, 13, 14, -1, -1, -1, -1, -1, -1, -1);
	const __m128i hi = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, 10, 11, 12, -1, -1, -1, -1);
	int x = 0;
	// Reads u[6x .. 6x+24), writes out[3x .. 3x+16).
	for (; 6 * x + 24 <= 6 * ww - 3 && 3 * x + 16 <= 3 * ww; x += 4) {
		const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(u + 6 * x));
		const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(u + 6 * x + 8));
		_mm_storeu_si128(reinterpret_cast<__m128i *>(out + 3 * x),
		                 _mm_or_si128(_mm_shuffle_epi8(a, lo), _mm_shuffle_epi8(b, hi)));
	}
	return x;
}

int keep_even_pixels(const uint8_t *u, int ww, uint8_t *out) {
	static const bool ssse3 = __builtin_cpu_supports("ssse3");
	return ssse3 && use_simd ? keep_even_ssse3(u, ww, out) : 0;
}
#else
int keep_even_pixels(const uint8_t *, int, uint8_t *) { return 0; }
#endif

// Row y of the work image: the mean of each d x d block, rounded. tmp
// holds 3*w uint16s and then 3*w bytes.
HOT void downscale_row(const uint8_t *rgb, int w, int d, int ww, int y, uint8_t *__restrict out,
                       uint16_t *__restrict tmp) {
	const size_t stride = 3 * (size_t)w;
	const uint8_t *s0 = rgb + (size_t)y * d * stride;
	if (d == 1) {
		std::memcpy(out, s0, 3 * (size_t)ww);
		return;
	}
	const int n = 3 * ww * d;
	if (d == 2) {
		// The mean of every 2x2 block of neighbours, contiguous (u[i] for
		// pixel x and channel c is at i = 6x + c), then the even pixels'
		// kept.
		const uint8_t *__restrict s1 = s0 + stride;
		uint8_t *__restrict u = reinterpret_cast<uint8_t *>(tmp + n);
		for (int i = 0; i < n - 3; i++) u[i] = (uint8_t)((s0[i] + s0[i + 3] + s1[i] + s1[i + 3] + 2) >> 2);
		int x = keep_even_pixels(u, ww, out);
		for (; x + 1 < ww; x++) { // 4 bytes at a time; the 4th is the next pixel's, written next
			uint32_t v;
			std::memcpy(&v, u + 6 * x, 4);
			std::memcpy(out + 3 * x, &v, 4);
		}
		out[3 * x] = u[6 * x];
		out[3 * x + 1] = u[6 * x + 1];
		out[3 * x + 2] = u[6 * x + 2];
		return;
	}
	// Columns first (contiguous), then the blocks.
	for (int i = 0; i < n; i++) tmp[i] = s0[i];
	for (int dy = 1; dy < d; dy++) {
		const uint8_t *s = s0 + dy * stride;
		for (int i = 0; i < n; i++) tmp[i] += s[i];
	}
	const unsigned nn = (unsigned)(d * d), half = nn / 2;
	for (int x = 0; x < ww; x++) {
		unsigned acc[3] = {0, 0, 0};
		const uint16_t *t = tmp + 3 * (size_t)x * d;
		for (int dx = 0; dx < d; dx++) {
			acc[0] += t[3 * dx];
			acc[1] += t[3 * dx + 1];
			acc[2] += t[3 * dx + 2];
		}
		for (int c = 0; c < 3; c++) out[3 * x + c] = (uint8_t)((acc[c] + half) / nn);
	}
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
// deinterleave3 splits 16 packed 3-byte pixels at p into their three
// channels, one byte each, in order.
__attribute__((target("avx2"))) inline void deinterleave3(const uint8_t *p, __m128i &c0, __m128i &c1, __m128i &c2) {
	const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
	const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16));
	const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 32));
	const char z = -1;
	c0 = _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(v0, _mm_setr_epi8(0, 3, 6, 9, 12, 15, z, z, z, z, z, z, z, z, z, z)),
	                               _mm_shuffle_epi8(v1, _mm_setr_epi8(z, z, z, z, z, z, 2, 5, 8, 11, 14, z, z, z, z, z))),
	                  _mm_shuffle_epi8(v2, _mm_setr_epi8(z, z, z, z, z, z, z, z, z, z, z, 1, 4, 7, 10, 13)));
	c1 = _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(v0, _mm_setr_epi8(1, 4, 7, 10, 13, z, z, z, z, z, z, z, z, z, z, z)),
	                               _mm_shuffle_epi8(v1, _mm_setr_epi8(z, z, z, z, z, 0, 3, 6, 9, 12, 15, z, z, z, z, z))),
	                  _mm_shuffle_epi8(v2, _mm_setr_epi8(z, z, z, z, z, z, z, z, z, z, z, 2, 5, 8, 11, 14)));
	c2 = _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(v0, _mm_setr_epi8(2, 5, 8, 11, 14, z, z, z, z, z, z, z, z, z, z, z)),
	                               _mm_shuffle_epi8(v1, _mm_setr_epi8(z, z, z, z, z, 1, 4, 7, 10, 13, z, z, z, z, z, z))),
	                  _mm_shuffle_epi8(v2, _mm_setr_epi8(z, z, z, z, z, z, z, z, z, z, 0, 3, 6, 9, 12, 15)));
}

// fixmul returns ((a * k + 8192) >> 14) for 16 signed 16-bit lanes, the
// products in 32 bits (in-lane unpack, then pack back: the order holds).
__attribute__((target("avx2"))) inline __m256i fixmul(__m256i a, short k) {
	const __m256i one = _mm256_set1_epi16(1), kk = _mm256_setr_epi16(k, 8192, k, 8192, k, 8192, k, 8192, k, 8192, k, 8192, k, 8192, k, 8192);
	const __m256i lo = _mm256_srai_epi32(_mm256_madd_epi16(_mm256_unpacklo_epi16(a, one), kk), 14);
	const __m256i hi = _mm256_srai_epi32(_mm256_madd_epi16(_mm256_unpackhi_epi16(a, one), kk), 14);
	return _mm256_packs_epi32(lo, hi);
}

// pack16 narrows 16 lanes of 0..255 (or -1) to 16 bytes, in order.
__attribute__((target("avx2"))) inline __m128i pack16(__m256i v) {
	return _mm256_castsi256_si128(_mm256_permute4x64_epi64(_mm256_packs_epi16(v, v), 0xd8));
}

__attribute__((target("avx2"))) inline __m256i u16(__m128i v) { return _mm256_cvtepu8_epi16(v); }
__attribute__((target("avx2"))) inline __m128i load(const uint8_t *p) {
	return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
}

// plate_row_avx2 is plate_row 16 pixels at a time; it returns how many
// pixels it did (the caller does the rest).
__attribute__((target("avx2"))) int plate_row_avx2(const uint8_t *wr, int ww, const uint8_t *mean, const uint8_t *tb,
                                                    const uint8_t *tc, const uint8_t *ts, uint8_t *m, uint8_t *s) {
	const __m256i c255 = _mm256_set1_epi16(255), c128 = _mm256_set1_epi16(128), zero = _mm256_setzero_si256();
	const __m256i kRG = _mm256_setr_epi16(4899, 9617, 4899, 9617, 4899, 9617, 4899, 9617, 4899, 9617, 4899, 9617, 4899, 9617, 4899, 9617);
	const __m256i kB = _mm256_setr_epi16(1868, 8192, 1868, 8192, 1868, 8192, 1868, 8192, 1868, 8192, 1868, 8192, 1868, 8192, 1868, 8192);
	const __m256i one = _mm256_set1_epi16(1);
	int x = 0;
	for (; x + 16 <= ww; x += 16) {
		__m128i r8, g8, b8, my8, mcr8, mcb8;
		deinterleave3(wr + 3 * x, r8, g8, b8);
		deinterleave3(mean + 3 * x, my8, mcr8, mcb8);
		const __m256i R = u16(r8), G = u16(g8), B = u16(b8);
		// Y = (R*4899 + G*9617 + B*1868 + 8192) >> 14
		const __m256i ylo = _mm256_srai_epi32(_mm256_add_epi32(_mm256_madd_epi16(_mm256_unpacklo_epi16(R, G), kRG),
		                                                       _mm256_madd_epi16(_mm256_unpacklo_epi16(B, one), kB)), 14);
		const __m256i yhi = _mm256_srai_epi32(_mm256_add_epi32(_mm256_madd_epi16(_mm256_unpackhi_epi16(R, G), kRG),
		                                                       _mm256_madd_epi16(_mm256_unpackhi_epi16(B, one), kB)), 14);
		const __m256i Y = _mm256_packs_epi32(ylo, yhi);
		const __m256i Cr = _mm256_min_epi16(_mm256_max_epi16(_mm256_add_epi16(fixmul(_mm256_sub_epi16(R, Y), 11682), c128), zero), c255);
		const __m256i Cb = _mm256_min_epi16(_mm256_max_epi16(_mm256_add_epi16(fixmul(_mm256_sub_epi16(B, Y), 9241), c128), zero), c255);
		const __m256i mY = u16(my8), TB = u16(load(tb + x)), TC = u16(load(tc + x)), TS = u16(load(ts + x));
		const __m256i chroma = _mm256_min_epi16(_mm256_add_epi16(_mm256_abs_epi16(_mm256_sub_epi16(Cr, u16(mcr8))),
		                                                         _mm256_abs_epi16(_mm256_sub_epi16(Cb, u16(mcb8)))), c255);
		const __m256i bright = _mm256_max_epi16(_mm256_sub_epi16(Y, mY), zero);
		const __m256i dark = _mm256_max_epi16(_mm256_sub_epi16(mY, Y), zero);
		const __m256i fg = _mm256_or_si256(_mm256_or_si256(_mm256_cmpgt_epi16(chroma, TC), _mm256_cmpgt_epi16(bright, TB)),
		                                   _mm256_cmpgt_epi16(dark, _mm256_max_epi16(TB, TS)));
		__m256i v = _mm256_min_epi16(_mm256_add_epi16(chroma, bright), c255);
		v = _mm256_min_epi16(_mm256_add_epi16(v, _mm256_max_epi16(_mm256_sub_epi16(dark, TS), zero)), c255);
		_mm_storeu_si128(reinterpret_cast<__m128i *>(m + x), pack16(fg));
		_mm_storeu_si128(reinterpret_cast<__m128i *>(s + x), _mm256_castsi256_si128(_mm256_permute4x64_epi64(_mm256_packus_epi16(v, v), 0xd8)));
	}
	return x;
}

int plate_row_fast(const uint8_t *wr, int ww, const uint8_t *mean, const uint8_t *tb, const uint8_t *tc,
                   const uint8_t *ts, uint8_t *m, uint8_t *s) {
	static const bool avx2 = __builtin_cpu_supports("avx2");
	return avx2 && use_simd ? plate_row_avx2(wr, ww, mean, tb, tc, ts, m, s) : 0;
}
#else
int plate_row_fast(const uint8_t *, int, const uint8_t *, const uint8_t *, const uint8_t *, const uint8_t *, uint8_t *,
                   uint8_t *) {
	return 0;
}
#endif

// The plate test of one work row (see cvx_plate_diff).
HOT void plate_row(const uint8_t *__restrict wr, int ww, const uint8_t *__restrict mean,
                   const uint8_t *__restrict tb, const uint8_t *__restrict tc,
                   const uint8_t *__restrict ts, uint8_t *__restrict m, uint8_t *__restrict s) {
	for (int x = plate_row_fast(wr, ww, mean, tb, tc, ts, m, s); x < ww; x++) {
		int Y, Cr, Cb;
		ycc(wr[3 * x], wr[3 * x + 1], wr[3 * x + 2], Y, Cr, Cb);
		const int mY = mean[3 * x];
		int chroma = std::abs(Cr - mean[3 * x + 1]) + std::abs(Cb - mean[3 * x + 2]);
		chroma = std::min(chroma, 255);
		const int bright = std::max(Y - mY, 0), dark = std::max(mY - Y, 0);
		const int fg = (chroma > tc[x]) | (bright > tb[x]) | (dark > std::max(tb[x], ts[x]));
		m[x] = (uint8_t)(fg * 255);
		int v = std::min(chroma + bright, 255);
		v = std::min(v + std::max(dark - ts[x], 0), 255);
		s[x] = (uint8_t)v;
	}
}

inline int reflect101(int i, int n) {
	if (n == 1) return 0;
	while (i < 0 || i >= n) i = i < 0 ? -i : 2 * n - 2 - i;
	return i;
}

} // namespace

namespace {

// region_row finishes mask row y with the region test: where the k x k
// window sum of the change (borders reflected, as OpenCV's blur does)
// exceeds thr and the pixel's own change exceeds weak, the mask is set.
// ring holds the change of rows y-r-1..y+r (row j in slot j % (k+1));
// col and acc hold ww + 2r elements, col the window's column sums of row
// y-1 (y > 0: rows come in order). T is the sum type: uint16_t while
// 255*k*k fits.
template <typename T>
HOT void region_row(const uint8_t *ring, int ww, int wh, int y, int r, uint32_t thr, int weak, uint8_t *__restrict m,
                    T *__restrict col, T *__restrict acc) {
	const int k = 2 * r + 1, n = k + 1;
	T *c = col + r;
	if (y == 0) {
		for (int x = 0; x < ww; x++) c[x] = 0;
		for (int dy = -r; dy <= r; dy++) {
			const uint8_t *__restrict s = ring + (size_t)(reflect101(dy, wh) % n) * ww;
			for (int x = 0; x < ww; x++) c[x] = (T)(c[x] + s[x]);
		}
	} else {
		// Slide down a row: the window's reflected rows change by one in,
		// one out.
		const uint8_t *__restrict in = ring + (size_t)(reflect101(y + r, wh) % n) * ww;
		const uint8_t *__restrict out = ring + (size_t)(reflect101(y - 1 - r, wh) % n) * ww;
		for (int x = 0; x < ww; x++) c[x] = (T)(c[x] + in[x] - out[x]);
	}
	for (int i = 1; i <= r; i++) {
		c[-i] = c[reflect101(-i, ww)];
		c[ww - 1 + i] = c[reflect101(ww - 1 + i, ww)];
	}
	for (int x = 0; x < ww; x++) acc[x] = col[x];
	for (int j = 1; j < k; j++) {
		const T *cj = col + j;
		for (int x = 0; x < ww; x++) acc[x] = (T)(acc[x] + cj[x]);
	}
	const uint8_t *s = ring + (size_t)(y % n) * ww;
	for (int x = 0; x < ww; x++) m[x] |= (uint8_t)(((acc[x] > thr) & (s[x] > weak)) * 255);
}

// row_span widens box (x0, y0, x1, y1) by the foreground of mask row y.
void row_span(const uint8_t *m, int ww, int y, int *box) {
	// Eight bytes at a time from each end to the first foreground.
	int x0 = 0, x1 = ww;
	for (uint64_t v; x0 + 8 <= x1; x0 += 8) {
		std::memcpy(&v, m + x0, 8);
		if (v) break;
	}
	while (x0 < x1 && !m[x0]) x0++;
	if (x0 == x1) return; // none
	for (uint64_t v; x1 - 8 >= x0; x1 -= 8) {
		std::memcpy(&v, m + x1 - 8, 8);
		if (v) break;
	}
	while (!m[x1 - 1]) x1--;
	if (box[2] <= box[0]) { // empty so far
		box[0] = x0, box[1] = y, box[2] = x1, box[3] = y + 1;
		return;
	}
	box[0] = std::min(box[0], x0), box[2] = std::max(box[2], x1), box[3] = y + 1;
}

} // namespace

// cvx_downscale: tmp holds 3*w uint16s and 3*w bytes.
extern "C" void cvx_downscale(const uint8_t *rgb, int w, int h, int d, uint8_t *work, uint16_t *tmp) {
	const int ww = w / d, wh = h / d;
	for (int y = 0; y < wh; y++) downscale_row(rgb, w, d, ww, y, work + 3 * (size_t)y * ww, tmp);
}

extern "C" void cvx_rgb_to_ycc(const uint8_t *rgb, long n, uint8_t *out) {
	for (long i = 0; i < n; i++) {
		int y, cr, cb;
		ycc(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], y, cr, cb);
		out[3 * i] = (uint8_t)y;
		out[3 * i + 1] = (uint8_t)cr;
		out[3 * i + 2] = (uint8_t)cb;
	}
}

// cvx_plate_diff downscales rgb into work and writes the plate test into
// mask (255: foreground), and the bounds of the foreground into box (x0,
// y0, x1, y1; empty: x1 <= x0). buf holds 9*w/4 + (2*radius+2)*ww/4 +
// 2*(ww + 2*radius) + 2 uint32s.
extern "C" void cvx_plate_diff(const uint8_t *rgb, int w, int h, int d, const uint8_t *pmean,
                               const uint8_t *bright, const uint8_t *chroma, const uint8_t *shadow, int radius, int region_sum, int weak,
                               uint8_t *work, uint8_t *mask, uint32_t *buf, int *box) {
	const int ww = w / d, wh = h / d, r = std::max(radius, 0), k = 2 * r + 1;
	uint16_t *tmp = reinterpret_cast<uint16_t *>(buf);                       // 9w/4 uint32s
	uint8_t *ring = reinterpret_cast<uint8_t *>(buf + (9 * (size_t)w + 3) / 4); // (k+1)*ww bytes
	uint32_t *col = buf + (9 * (size_t)w + 3) / 4 + ((size_t)(k + 1) * ww + 3) / 4; // 2*(ww+2r)
	const bool narrow = 255 * k * k <= 65535;
	box[0] = box[1] = box[2] = box[3] = 0;
	int next = 0; // next row whose mask is final
	for (int y = 0; y < wh; y++) {
		const size_t o = (size_t)y * ww;
		downscale_row(rgb, w, d, ww, y, work + 3 * o, tmp);
		plate_row(work + 3 * o, ww, pmean + 3 * o, bright + o, chroma + o, shadow + o, mask + o,
		          ring + (size_t)(y % (k + 1)) * ww);
		if (r == 0) {
			row_span(mask + o, ww, y, box);
			continue;
		}
		// Rows up to y - r (all of them at the last row) have their
		// window computed now.
		for (const int last = y + 1 == wh ? wh - 1 : y - r; next <= last; next++) {
			uint8_t *m = mask + (size_t)next * ww;
			if (narrow) {
				uint16_t *c16 = reinterpret_cast<uint16_t *>(col);
				region_row<uint16_t>(ring, ww, wh, next, r, (uint32_t)region_sum, weak, m, c16, c16 + ww + 2 * r);
			} else {
				region_row<uint32_t>(ring, ww, wh, next, r, (uint32_t)region_sum, weak, m, col, col + ww + 2 * r);
			}
			row_span(m, ww, next, box);
		}
	}
}

// ---------------------------------------------------------------------
// Clean-up inside the foreground's box.

namespace {

// paint sets a to v wherever labels (same size as a) equals label, within r.
void paint(cv::Mat &a, const cv::Mat &labels, cv::Rect r, int label, uint8_t v) {
	for (int y = r.y; y < r.y + r.height; y++) {
		const int32_t *l = labels.ptr<int32_t>(y);
		uint8_t *p = a.ptr<uint8_t>(y);
		for (int x = r.x; x < r.x + r.width; x++)
			if (l[x] == label) p[x] = v;
	}
}

cv::Rect stat_rect(const cv::Mat &stats, int i) {
	const int *s = stats.ptr<int>(i);
	return cv::Rect(s[cv::CC_STAT_LEFT], s[cv::CC_STAT_TOP], s[cv::CC_STAT_WIDTH], s[cv::CC_STAT_HEIGHT]);
}

} // namespace

// cvx_cleanup opens and closes the mask, drops blobs below min_blob pixels
// and fills holes below max_hole (<= 0: none), working only inside the
// mask's box plus a margin wide enough that the result equals the same
// operations over the whole image: outside the margin the mask is and
// stays 0. The mask is 0 outside (bx0, by0)-(bx1, by1), where its box is
// looked for. buf_a, buf_b and labels hold w*h elements.
extern "C" int cvx_cleanup(uint8_t *mask, int w, int h, int bx0, int by0, int bx1, int by1, int open_r, int close_r, long min_blob,
                           long max_hole, uint8_t *buf_a, uint8_t *buf_b, int32_t *labels,
                           cvx_blobs *out, char *err, int errlen) {
	*out = cvx_blobs{0, 0, 0, 0, 0};
	try {
		cv::Mat m(h, w, CV_8UC1, mask);
		const cv::Rect bound = cv::Rect(bx0, by0, bx1 - bx0, by1 - by0) & cv::Rect(0, 0, w, h);
		if (bound.empty()) return 0;
		const cv::Rect fg = cv::boundingRect(m(bound)) + bound.tl();
		if (fg.empty()) return 0;
		const int margin = std::max(open_r, 0) + 2 * std::max(close_r, 0) + 2;
		const cv::Rect roi = cv::Rect(fg.x - margin, fg.y - margin, fg.width + 2 * margin, fg.height + 2 * margin) &
		                     cv::Rect(0, 0, w, h);
		cv::Mat a(roi.height, roi.width, CV_8UC1, buf_a), b(roi.height, roi.width, CV_8UC1, buf_b);
		m(roi).copyTo(a);
		cv::Rect roi2 = roi; // where the closing and the labelling work
		if (open_r > 0) {
			cv::Mat k = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * open_r + 1, 2 * open_r + 1));
			cv::morphologyEx(a, b, cv::MORPH_OPEN, k);
			std::swap(a, b);
			// Specks the opening removed no longer widen the box: the
			// rest works inside what is left, plus the closing's margin
			// (within roi, since margin covers it).
			const cv::Rect left = cv::boundingRect(a) + roi.tl();
			if (left.empty()) {
				m(roi).setTo(0);
				return 0;
			}
			const int m2 = 2 * std::max(close_r, 0) + 2;
			roi2 = cv::Rect(left.x - m2, left.y - m2, left.width + 2 * m2, left.height + 2 * m2) & roi;
			if (roi2 != roi) {
				cv::Mat c(roi2.height, roi2.width, CV_8UC1, b.data); // b is free: the raw copy
				a(roi2 - roi.tl()).copyTo(c);
				b = cv::Mat(roi2.height, roi2.width, CV_8UC1, a.data);
				a = c;
			}
		}
		if (close_r > 0) {
			cv::Mat k = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * close_r + 1, 2 * close_r + 1));
			cv::morphologyEx(a, b, cv::MORPH_CLOSE, k);
			std::swap(a, b);
		}
		cv::Mat lab(roi2.height, roi2.width, CV_32SC1, labels), stats, cents;
		int n = cv::connectedComponentsWithStats(a, lab, stats, cents, 8, CV_32S);
		cv::Rect box;
		long area = 0;
		for (int i = 1; i < n; i++) {
			const cv::Rect r = stat_rect(stats, i);
			const long ar = stats.at<int>(i, cv::CC_STAT_AREA);
			if (ar < min_blob) {
				paint(a, lab, r, i, 0);
				continue;
			}
			box = box.empty() ? r : (box | r);
			area += ar;
		}
		if (max_hole > 0 && area > 0) {
			// A hole lies inside the blobs' box: background touching the
			// box's edge reaches the outside.
			cv::Mat in = a(box), inv(box.height, box.width, CV_8UC1, b.data); // b is free now
			cv::bitwise_not(in, inv);
			cv::Mat ilab(box.height, box.width, CV_32SC1, labels);
			n = cv::connectedComponentsWithStats(inv, ilab, stats, cents, 8, CV_32S);
			for (int i = 1; i < n; i++) {
				const cv::Rect r = stat_rect(stats, i);
				const long ar = stats.at<int>(i, cv::CC_STAT_AREA);
				const bool touches = r.x == 0 || r.y == 0 || r.x + r.width == box.width || r.y + r.height == box.height;
				if (touches || ar >= max_hole) continue;
				paint(in, ilab, r, i, 255);
				area += ar;
			}
		}
		if (roi2 != roi) m(roi).setTo(0);
		a.copyTo(m(roi2));
		if (area > 0)
			*out = cvx_blobs{box.x + roi2.x, box.y + roi2.y, box.x + roi2.x + box.width, box.y + roi2.y + box.height, area};
		return 0;
	} catch (const std::exception &e) {
		if (errlen > 0) {
			std::strncpy(err, e.what(), (size_t)errlen - 1);
			err[errlen - 1] = 0;
		}
		return 1;
	}
}

// ---------------------------------------------------------------------
// Full-size outline.

// cvx_refine writes the work mask scaled up (nearest) into full over the
// work rectangle [bx0,bx1) x [by0,by1) and re-tests at full size, against
// the full-size plate, every pixel under a work pixel on the mask's edge
// (a work pixel differing from its right or lower neighbour, and that
// neighbour) inside the rectangle. The caller clears full elsewhere.
extern "C" void cvx_refine(const uint8_t *mask, int ww, int wh, int d, int bx0, int by0, int bx1, int by1,
                           const uint8_t *rgb, int w, int h, const uint8_t *mean, const uint8_t *bright,
                           const uint8_t *chroma, const uint8_t *shadow, uint8_t *full) {
	// Scale up: full pixel (x, y) takes work pixel (min(x/d, ww-1), min(y/d, wh-1)).
	const int fx0 = bx0 * d, fy0 = by0 * d;
	const int fx1 = bx1 == ww ? w : bx1 * d, fy1 = by1 == wh ? h : by1 * d;
	for (int y = fy0; y < fy1; y++) {
		uint8_t *f = full + (size_t)y * w;
		if (y > fy0 && std::min(y / d, wh - 1) == std::min((y - 1) / d, wh - 1)) {
			std::memcpy(f + fx0, f - w + fx0, (size_t)(fx1 - fx0)); // the row above
			continue;
		}
		const uint8_t *row = mask + (size_t)std::min(y / d, wh - 1) * ww;
		if (d == 2) {
			for (int wx = bx0; wx < bx1; wx++) f[2 * wx] = f[2 * wx + 1] = row[wx];
		} else {
			for (int wx = bx0; wx < bx1; wx++)
				for (int i = 0; i < d; i++) f[wx * d + i] = row[wx];
		}
		for (int x = bx1 * d; x < fx1; x++) f[x] = row[ww - 1]; // the remainder
	}
	auto test = [&](int wi, int x0, int y0) {
		const int tB = bright[wi], tD = std::max(bright[wi], shadow[wi]), tC = chroma[wi];
		for (int y = y0; y < y0 + d; y++) {
			for (int x = x0; x < x0 + d; x++) {
				const size_t q = (size_t)y * w + x;
				int Y, Cr, Cb;
				ycc(rgb[3 * q], rgb[3 * q + 1], rgb[3 * q + 2], Y, Cr, Cb);
				const int mY = mean[3 * q];
				const bool fg = std::abs(Cr - mean[3 * q + 1]) + std::abs(Cb - mean[3 * q + 2]) > tC ||
				                Y - mY > tB || mY - Y > tD;
				full[q] = fg ? 255 : 0;
			}
		}
	};
	for (int wy = by0; wy < by1; wy++) {
		const uint8_t *row = mask + (size_t)wy * ww;
		const uint8_t *next = wy + 1 < wh ? row + ww : nullptr;
		for (int wx = bx0; wx < bx1; wx++) {
			const uint8_t v = row[wx];
			const bool right = wx + 1 < ww && row[wx + 1] != v;
			const bool down = next != nullptr && next[wx] != v;
			if (!right && !down) continue;
			test(wy * ww + wx, wx * d, wy * d);
			if (right && wx + 1 < bx1) test(wy * ww + wx + 1, (wx + 1) * d, wy * d);
			if (down && wy + 1 < by1) test((wy + 1) * ww + wx, wx * d, (wy + 1) * d);
		}
	}
}
