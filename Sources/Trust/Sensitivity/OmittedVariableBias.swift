import GSL

/// Cinelli & Hazlett's (2020) omitted-variable-bias framework for a linear regression
/// Y = τ̂·D + X·β̂ + ε, from the estimate τ̂, its classical standard error and the residual
/// degrees of freedom (ν = n − k). Everything follows from the t-value t = τ̂/se(τ̂).
///
/// A confounder Z left out of the regression is described by two partial R²s:
/// R²_{D~Z|X} (how much of the treatment's residual variance Z explains) and
/// R²_{Y~Z|D,X} (how much of the outcome's). Including it would move the estimate by
///
///     |bias| = se(τ̂)·√ν·√(R²_{Y~Z|D,X}·R²_{D~Z|X} / (1 − R²_{D~Z|X}))
///
/// and change its standard error to se(τ̂)·√((1 − R²_{Y~Z|D,X})/(1 − R²_{D~Z|X}))·√(ν/(ν − 1)).
/// The same conventions as R's and Python's sensemakr (reduce = TRUE: the bias is taken
/// towards zero). The bias formula is an identity of least squares in the sample, not an
/// approximation.
///
///     let ovb = OmittedVariableBias(estimate: 0.302, standardError: 0.0323, degreesOfFreedom: 1995)
///     ovb.robustnessValue()            // ≈ 0.1885: a confounder explaining 18.9% of both residual variances brings τ̂ to 0
///     ovb.robustnessValue(alpha: 0.05) // ≈ 0.1522: … makes it no longer significant at 5%
public struct OmittedVariableBias: Sendable, Equatable {
    /// The estimate τ̂ of the treatment's coefficient.
    public let estimate: Double
    /// Its classical (homoskedastic) standard error.
    public let standardError: Double
    /// The residual degrees of freedom ν = n − k of the regression.
    public let degreesOfFreedom: Double

    /// The framework for an estimate, its standard error and the residual degrees of freedom.
    public init(estimate: Double, standardError: Double, degreesOfFreedom: Double) {
        self.estimate = estimate
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// t = τ̂ / se(τ̂).
    public var tValue: Double { estimate / standardError }

    /// The partial R² of the treatment with the outcome, R²_{Y~D|X} = t²/(t² + ν).
    public var partialR2: Double { OmittedVariableBias.partialR2(tValue: tValue, degreesOfFreedom: degreesOfFreedom) }

    /// Cohen's partial f² = t²/ν.
    public var partialF2: Double { tValue * tValue / degreesOfFreedom }

    /// The partial R² of a regressor with t-value t in a regression with ν residual
    /// degrees of freedom: t²/(t² + ν).
    public static func partialR2(tValue t: Double, degreesOfFreedom nu: Double) -> Double { t * t / (t * t + nu) }

    /// The robustness value RV_q: the strength R²_{D~Z|X} = R²_{Y~Z|D,X} = RV of a confounder that
    /// would reduce the estimate by 100·q percent (q = 1: to zero). With f = q|t|/√ν,
    ///
    ///     RV_q = ½(√(f⁴ + 4f²) − f²).
    ///
    /// With `alpha`, RV_{q,α}: the strength that would make the reduced estimate no longer
    /// significant at level α, with f_crit = |t_{α/2; ν−1}|/√(ν − 1) and f_{q,α} = f − f_crit:
    /// 0 when f_{q,α} < 0; (f² − f_crit²)/(1 + f²) when f > 1/f_crit; otherwise
    /// ½(√(f_{q,α}⁴ + 4f_{q,α}²) − f_{q,α}²).
    public func robustnessValue(q: Double = 1, alpha: Double? = nil) -> Double {
        let f = q * abs(tValue) / degreesOfFreedom.squareRoot()
        guard let alpha else { return Self.rv(f) }
        let critical = abs(SpecialFunctions.studentTQuantile(alpha / 2, degreesOfFreedom: degreesOfFreedom - 1))
            / (degreesOfFreedom - 1).squareRoot()
        let fqa = f - critical
        if fqa < 0 { return 0 }
        if f > 1 / critical { return (f * f - critical * critical) / (1 + f * f) }
        return Self.rv(fqa)
    }

    private static func rv(_ f: Double) -> Double { ((f * f * f * f + 4 * f * f).squareRoot() - f * f) / 2 }

    /// The absolute bias a confounder of the given strengths would remove:
    /// se·√ν·√(R²_{Y~Z|D,X}·R²_{D~Z|X}/(1 − R²_{D~Z|X})).
    public func bias(treatmentR2 r2dz: Double, outcomeR2 r2yz: Double) -> Double {
        standardError * degreesOfFreedom.squareRoot() * (r2yz * r2dz / (1 - r2dz)).squareRoot()
    }

    /// The estimate adjusted for such a confounder, towards zero: sign(τ̂)(|τ̂| − bias).
    public func adjustedEstimate(treatmentR2 r2dz: Double, outcomeR2 r2yz: Double) -> Double {
        let sign: Double = estimate < 0 ? -1 : 1
        return sign * (abs(estimate) - bias(treatmentR2: r2dz, outcomeR2: r2yz))
    }

    /// The standard error of the adjusted estimate: se·√((1 − R²_{Y~Z|D,X})/(1 − R²_{D~Z|X}))·√(ν/(ν − 1)).
    public func adjustedStandardError(treatmentR2 r2dz: Double, outcomeR2 r2yz: Double) -> Double {
        standardError * ((1 - r2yz) / (1 - r2dz)).squareRoot() * (degreesOfFreedom / (degreesOfFreedom - 1)).squareRoot()
    }

    /// The adjusted estimate, its standard error, t-value and the interval
    /// estimate ∓ |t_{α/2; ν}|·SE for a confounder of the given strengths.
    public func adjusted(treatmentR2 r2dz: Double, outcomeR2 r2yz: Double, alpha: Double = 0.05) -> AdjustedEstimate {
        let value = adjustedEstimate(treatmentR2: r2dz, outcomeR2: r2yz)
        let se = adjustedStandardError(treatmentR2: r2dz, outcomeR2: r2yz)
        let critical = abs(SpecialFunctions.studentTQuantile(alpha / 2, degreesOfFreedom: degreesOfFreedom))
        return AdjustedEstimate(treatmentR2: r2dz, outcomeR2: r2yz, estimate: value, standardError: se,
                                lower: value - critical * se, upper: value + critical * se)
    }

    /// The strengths of a confounder k_D times as strong as a benchmark covariate X_j in
    /// explaining the treatment and k_Y times in explaining the outcome (Cinelli & Hazlett
    /// 2020, §6.1; sensemakr's `ovb_partial_r2_bound`), from X_j's partial R²s
    /// R²_{D~Xj|X−j} (treatment regression) and R²_{Y~Xj|D,X−j} (outcome regression):
    ///
    ///     R²_{D~Z|X}   = k_D·R²_{D~Xj} / (1 − R²_{D~Xj})
    ///     R²_{Y~Z|D,X} = min(1, ((√k_Y + √η)/√(1 − η))²·R²_{Y~Xj|D}/(1 − R²_{Y~Xj|D})),
    ///     η = k_D·R²_{D~Xj}² / ((1 − k_D·R²_{D~Xj})(1 − R²_{D~Xj})).
    ///
    /// Nil when k_D·R²_{D~Xj} ≥ 1 or the treatment strength reaches 1 (no such confounder exists).
    public static func benchmarkBound(treatmentR2 r2dxj: Double, outcomeR2 r2yxj: Double, kd: Double, ky: Double)
        -> (treatmentR2: Double, outcomeR2: Double)? {
        let r2dz = kd * r2dxj / (1 - r2dxj)
        guard kd * r2dxj < 1, r2dz < 1 else { return nil }
        let eta = kd * r2dxj * r2dxj / ((1 - kd * r2dxj) * (1 - r2dxj))
        let factor = (ky.squareRoot() + eta.squareRoot()) / (1 - eta).squareRoot()
        let r2yz = min(1, factor * factor * r2yxj / (1 - r2yxj))
        return (r2dz, r2yz)
    }
}

/// An estimate adjusted for a hypothetical confounder of stated strength.
public struct AdjustedEstimate: Sendable, Equatable {
    /// The confounder's partial R² with the treatment, R²_{D~Z|X}.
    public let treatmentR2: Double
    /// The confounder's partial R² with the outcome, R²_{Y~Z|D,X}.
    public let outcomeR2: Double
    /// The adjusted estimate.
    public let estimate: Double
    /// Its standard error.
    public let standardError: Double
    /// The lower end of its interval.
    public let lower: Double
    /// The upper end of its interval.
    public let upper: Double

    /// The t-value estimate / standard error (against zero).
    public var tValue: Double { estimate / standardError }
}
