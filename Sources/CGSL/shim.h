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
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>

static inline const gsl_rng_type *whatif_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *whatif_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *whatif_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }

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
 * Standard normal variates by the ziggurat method (Marsaglia & Tsang 2000)
 * with 128 layers. Each 32-bit draw supplies independent bits: 7 for the
 * layer, 1 for the sign and 24 for the position inside the layer (the layout
 * GSL's own gsl_ran_gaussian_ziggurat uses). `k` holds the 24-bit acceptance
 * thresholds, `w` the scale of each layer, `f` the density at the layer
 * edges and `r` the start of the tail; the tables are built in Swift.
 * Writes mean + sd * z for each variate.
 */
static inline void whatif_fill_normal(const gsl_rng *rng, double *out, size_t n,
                                      double mean, double sd,
                                      const uint32_t *k, const double *w,
                                      const double *f, double r) {
    for (size_t idx = 0; idx < n; idx++) {
        double x;
        for (;;) {
            uint32_t bits = (uint32_t)gsl_rng_get(rng);
            uint32_t layer = bits & 0x7F;
            double sign = (bits & 0x80) ? 1.0 : -1.0;
            uint32_t j = bits >> 8;
            x = j * w[layer];
            if (j < k[layer]) { x *= sign; break; }
            if (layer == 0) {
                double t, y;
                do {
                    t = -log(gsl_rng_uniform_pos(rng)) / r;
                    y = -log(gsl_rng_uniform_pos(rng));
                } while (y + y < t * t);
                x = sign * (r + t);
                break;
            }
            double u = gsl_rng_uniform(rng);
            if (f[layer] + u * (f[layer - 1] - f[layer]) < exp(-0.5 * x * x)) { x *= sign; break; }
        }
        out[idx] = mean + sd * x;
    }
}

/* Uniform variates on the open interval (0, 1). */
static inline void whatif_fill_uniform_pos(const gsl_rng *r, double *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = gsl_rng_uniform_pos(r);
}

#endif
