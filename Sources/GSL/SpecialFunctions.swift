import CGSL

/// Distribution functions and special functions from GSL (`gsl_cdf_*`,
/// `gsl_sf_*`). Lower-tail probabilities are P(X ≤ x); quantiles invert them.
/// Each call first makes sure GSL's abort-on-error handler is off, so an
/// argument outside a function's domain gives NaN rather than ending the process.
public enum SpecialFunctions {
    /// log Γ(x) for x > 0 (`gsl_sf_lngamma`).
    public static func logGamma(_ x: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_sf_lngamma(x)
    }
    /// log B(a, b) (`gsl_sf_lnbeta`).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_sf_lnbeta(a, b)
    }
    /// log C(n, k) (`gsl_sf_lnchoose`).
    public static func logChoose(_ n: Int, _ k: Int) -> Double {
        GSLRuntime.prepare()
        return gsl_sf_lnchoose(UInt32(clamping: n), UInt32(clamping: k))
    }

    /// Φ(x), the standard normal CDF.
    public static func normalCDF(_ x: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_ugaussian_P(x)
    }
    /// 1 − Φ(x), accurate in the upper tail.
    public static func normalUpperTail(_ x: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_ugaussian_Q(x)
    }
    /// Φ⁻¹(p).
    public static func normalQuantile(_ p: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// CDF of Student's t with ν degrees of freedom.
    public static func studentTCDF(_ x: Double, degreesOfFreedom nu: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_tdist_P(x, nu)
    }
    /// Quantile of Student's t with ν degrees of freedom.
    public static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_tdist_Pinv(p, nu)
    }

    /// CDF of Gamma(shape k, scale θ).
    public static func gammaCDF(_ x: Double, shape: Double, scale: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_gamma_P(x, shape, scale)
    }
    /// Upper tail of Gamma(shape k, scale θ).
    public static func gammaUpperTail(_ x: Double, shape: Double, scale: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_gamma_Q(x, shape, scale)
    }
    /// Quantile of Gamma(shape k, scale θ).
    public static func gammaQuantile(_ p: Double, shape: Double, scale: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_gamma_Pinv(p, shape, scale)
    }
    /// Upper-tail quantile of Gamma(shape k, scale θ): the x with P(X > x) = q.
    public static func gammaUpperQuantile(_ q: Double, shape: Double, scale: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_gamma_Qinv(q, shape, scale)
    }

    /// CDF of Beta(a, b).
    public static func betaCDF(_ x: Double, _ a: Double, _ b: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_beta_P(x, a, b)
    }
    /// Quantile of Beta(a, b).
    public static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_beta_Pinv(p, a, b)
    }

    /// CDF of Poisson(λ) at k: P(X ≤ k) = Q(k + 1, λ), the regularised upper incomplete
    /// gamma function. Up to λ = 10⁴ by GSL (`gsl_cdf_poisson_P`, within 1e-11);
    /// above, GSL's series lose accuracy near the mean (errors up to 6e-3, and
    /// values above 1, between 3·10⁵ and 10⁶) or fail below it, so Temme's uniform
    /// asymptotic expansion is used (`UniformAsymptoticGamma`), within about 1e-13.
    public static func poissonCDF(_ k: Int, mean: Double) -> Double {
        GSLRuntime.prepare()
        if k < 0 { return 0 }
        if mean > 1e4 { return UniformAsymptoticGamma.upperRegularized(Double(k) + 1, mean) }
        return gsl_cdf_poisson_P(UInt32(clamping: k), mean)
    }
    /// CDF of Binomial(n, p) at k.
    public static func binomialCDF(_ k: Int, trials: Int, probability: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_binomial_P(UInt32(clamping: k), probability, UInt32(clamping: trials))
    }

    /// CDF of the χ² distribution with ν degrees of freedom.
    public static func chiSquaredCDF(_ x: Double, degreesOfFreedom nu: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_chisq_P(x, nu)
    }
    /// Upper tail of the F distribution with (ν₁, ν₂) degrees of freedom.
    public static func fUpperTail(_ x: Double, _ nu1: Double, _ nu2: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_fdist_Q(x, nu1, nu2)
    }
}
