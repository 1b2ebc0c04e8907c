/*
 * The GSL headers WhatIf uses, plus small static inline accessors.
 *
 * GSL's generator types (gsl_rng_mt19937, ...) are mutable C globals, which
 * Swift 6 strict concurrency refuses to read; each is exposed through an
 * accessor function instead. The bulk fill loops run in C so that a block of
 * variates costs one call from Swift, not one per variate.
 */
#ifndef WHATIF_CGSL_SHIM_H
#define WHATIF_CGSL_SHIM_H

#include <stddef.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_blas.h>

static inline const gsl_rng_type *whatif_rng_taus2(void) { return gsl_rng_taus2; }

#include <stdint.h>
#include <math.h>

/*
 * Sets a Tausworthe (gsl_rng_taus2) generator's three 32-bit state words
 * directly, so that a stream is keyed by 88 bits rather than the 32 bits that
 * gsl_rng_set keeps. The words are forced above the minimum values the
 * generator requires (s1 > 1, s2 > 7, s3 > 15). Returns 0 when the
 * generator's state is not the expected three words.
 */
static inline int whatif_taus2_set_state(gsl_rng *r, uint32_t s1, uint32_t s2, uint32_t s3) {
    if (gsl_rng_size(r) != 3 * sizeof(unsigned long int)) return 0;
    unsigned long int *state = (unsigned long int *)gsl_rng_state(r);
    state[0] = s1 < 2 ? s1 + 2 : s1;
    state[1] = s2 < 8 ? s2 + 8 : s2;
    state[2] = s3 < 16 ? s3 + 16 : s3;
    return 1;
}

/*
 * One step of the combined Tausworthe generator taus2 (L'Ecuyer 1996,
 * "Maximally equidistributed combined Tausworthe generators", Math. Comp. 65),
 * applied to a gsl_rng_taus2 generator's own state words, so that the bulk
 * loops below advance the generator exactly as gsl_rng_get would, without a
 * call through GSL's function pointer per draw. A test checks the two agree.
 */
#define WHATIF_TAUS_MASK 0xffffffffUL
#define WHATIF_TAUS_STEP(s, a, b, c, d) \
    ((((s) & (c)) << (d)) & WHATIF_TAUS_MASK) ^ (((((s) << (a)) & WHATIF_TAUS_MASK) ^ (s)) >> (b))

static inline uint32_t whatif_taus2_next(unsigned long int *state) {
    state[0] = WHATIF_TAUS_STEP(state[0], 13, 19, 4294967294UL, 12);
    state[1] = WHATIF_TAUS_STEP(state[1], 2, 25, 4294967288UL, 4);
    state[2] = WHATIF_TAUS_STEP(state[2], 3, 11, 4294967280UL, 17);
    return (uint32_t)(state[0] ^ state[1] ^ state[2]);
}

/* A uniform variate on the open interval (0, 1) from the taus2 state. */
static inline double whatif_taus2_uniform_pos(unsigned long int *state) {
    uint32_t x;
    do { x = whatif_taus2_next(state); } while (x == 0);
    return x / 4294967296.0;
}

/*
 * Standard normal variates by the ziggurat method (Marsaglia & Tsang 2000)
 * with 128 layers, drawn from a gsl_rng_taus2 generator. Each 32-bit draw
 * supplies independent bits: 7 for the layer, 1 for the sign and 24 for the
 * position inside the layer (the layout GSL's own gsl_ran_gaussian_ziggurat
 * uses). `k` holds the 24-bit acceptance thresholds, `w` the scale of each
 * layer, `f` the density at the layer edges and `r` the start of the tail;
 * the tables are built in Swift. Writes mean + sd * z for each variate.
 */
static inline void whatif_fill_normal(gsl_rng *rng, double *out, size_t n,
                                      double mean, double sd,
                                      const uint32_t *k, const double *w,
                                      const double *f, double r) {
    unsigned long int *shared = (unsigned long int *)gsl_rng_state(rng);
    unsigned long int state[3] = { shared[0], shared[1], shared[2] };
    for (size_t idx = 0; idx < n; idx++) {
        double x;
        uint32_t sign;
        for (;;) {
            uint32_t bits = whatif_taus2_next(state);
            sign = bits & 0x80;
            uint32_t layer = bits & 0x7F;
            uint32_t j = bits >> 8;
            x = (double)(int32_t)j * w[layer];
            if (j < k[layer]) break;
            if (layer == 0) {
                double t, y;
                do {
                    t = -log(whatif_taus2_uniform_pos(state)) / r;
                    y = -log(whatif_taus2_uniform_pos(state));
                } while (y + y < t * t);
                x = r + t;
                break;
            }
            double u = whatif_taus2_next(state) / 4294967296.0;
            if (f[layer] + u * (f[layer - 1] - f[layer]) < exp(-0.5 * x * x)) break;
        }
        /* Bit 7 of the accepted draw is the sign, applied without a branch. */
        union { double d; uint64_t u; } signed_x = { .d = x };
        signed_x.u ^= (uint64_t)sign << 56;
        out[idx] = mean + sd * signed_x.d;
    }
    shared[0] = state[0]; shared[1] = state[1]; shared[2] = state[2];
}

/*
 * Uniform variates on the open interval (0, 1) with 53 random bits each, from
 * two consecutive 32-bit draws a, b of a gsl_rng_taus2 generator:
 * u = ((a >> 5) * 2^26 + (b >> 6) + 1/2) / 2^53. (A single 32-bit draw would
 * give only 2^32 distinct values, which ties in samples of 10^8 units.)
 */
static inline void whatif_fill_uniform_pos(gsl_rng *r, double *out, size_t n) {
    unsigned long int *state = (unsigned long int *)gsl_rng_state(r);
    for (size_t i = 0; i < n; i++) {
        uint64_t high = whatif_taus2_next(state) >> 5;
        uint64_t low = whatif_taus2_next(state) >> 6;
        out[i] = ((double)((high << 26) | low) + 0.5) / 9007199254740992.0;
    }
}

#endif
