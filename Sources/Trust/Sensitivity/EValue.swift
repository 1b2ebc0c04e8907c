import Foundation
/// E-values (VanderWeele & Ding 2017): the minimum strength, on the risk-ratio scale, that
/// an unmeasured confounder would need with both the treatment and the outcome, beyond the
/// measured covariates, to explain away an observed risk ratio.
///
/// For a risk ratio RR (RR < 1 is inverted first), E = RR + √(RR·(RR − 1)); it solves
/// E²/(2E − 1) = RR, the largest joint bias factor of two equal strengths. For the interval:
/// if RR > 1 the lower limit is used (E = 1 when it is ≤ 1); if RR < 1 the upper limit
/// (E = 1 when it is ≥ 1); if RR = 1, E = 1. The null is RR = 1.
///
/// Other effect measures are converted to an approximate risk ratio first, as the
/// paper and the R package `EValue` do (`Conversion`): a standardised mean difference d
/// by RR ≈ exp(0.91·d), its interval exp(0.91·d ∓ 1.78·se(d)); an OLS coefficient β of a
/// continuous outcome by d = δ·β/sd(Y) (δ the contrast of the treatment, 1 by default);
/// an odds ratio or hazard ratio of a rare outcome (< 15%) as is; a common outcome's odds
/// ratio by √OR and hazard ratio by (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)).
///
///     EValue(riskRatio: 3.9, lower: 1.8, upper: 8.7).point      // 7.263
///     EValue(riskRatio: 3.9, lower: 1.8, upper: 8.7).interval   // 3.0
public struct EValue: Sendable, Equatable {
    /// Which interval limit the interval's E-value used.
    public enum Limit: String, Sendable, Equatable {
        /// The lower limit (RR > 1).
        case lower
        /// The upper limit (RR < 1).
        case upper
        /// Neither: the estimate is the null, RR = 1.
        case none
    }

    /// The risk ratio (after any conversion).
    public let riskRatio: Double
    /// The interval on the risk-ratio scale, when given.
    public let riskRatioInterval: (lower: Double, upper: Double)?
    /// The E-value of the point estimate.
    public let point: Double
    /// The E-value of the interval limit closest to the null (1 when the interval holds it).
    public let interval: Double?
    /// The limit used for `interval`.
    public let limitUsed: Limit

    /// The E-values of a risk ratio and, when given, its interval.
    public init(riskRatio rr: Double, lower: Double? = nil, upper: Double? = nil) {
        riskRatio = rr
        point = Self.evalue(rr)
        if let lower, let upper {
            riskRatioInterval = (lower, upper)
            if rr > 1 {
                limitUsed = .lower
                interval = lower <= 1 ? 1 : Self.evalue(lower)
            } else if rr < 1 {
                limitUsed = .upper
                interval = upper >= 1 ? 1 : Self.evalue(upper)
            } else {
                limitUsed = .none
                interval = 1
            }
        } else {
            riskRatioInterval = nil
            interval = nil
            limitUsed = .none
        }
    }

    /// E = RR + √(RR(RR − 1)), with RR replaced by 1/RR below 1.
    public static func evalue(_ rr: Double) -> Double {
        let r = rr < 1 ? 1 / rr : rr
        return r + (r * (r - 1)).squareRoot()
    }

    /// The E-values of a standardised mean difference d with standard error se(d), through
    /// RR ≈ exp(0.91·d) and the interval exp(0.91·d ∓ 1.78·se(d)) (VanderWeele & Ding 2017, Table 2).
    public init(standardizedMeanDifference d: Double, standardError se: Double) {
        self.init(riskRatio: exp(Conversion.smdFactor * d),
                  lower: exp(Conversion.smdFactor * d - Conversion.smdIntervalFactor * se),
                  upper: exp(Conversion.smdFactor * d + Conversion.smdIntervalFactor * se))
    }

    /// The E-values of an OLS coefficient β (standard error se) of a continuous outcome with
    /// standard deviation sd(Y) (n − 1 denominator), for a contrast δ of the treatment:
    /// d = δ·β/sd(Y), se(d) = δ·se/sd(Y), then as a standardised mean difference
    /// (R `EValue::evalues.OLS`).
    public init(regressionCoefficient beta: Double, standardError se: Double, outcomeStandardDeviation sd: Double,
                contrast delta: Double = 1) {
        self.init(standardizedMeanDifference: delta * beta / sd, standardError: delta * se / sd)
    }

    /// The E-values of an odds ratio or a hazard ratio and its interval, converted to a risk ratio by `conversion`.
    public init(_ conversion: Conversion, estimate: Double, lower: Double? = nil, upper: Double? = nil) {
        let f = conversion.riskRatio
        self.init(riskRatio: f(estimate), lower: lower.map(f), upper: upper.map(f))
    }

    /// Whether the two are equal in value.
    public static func == (a: EValue, b: EValue) -> Bool {
        a.riskRatio == b.riskRatio && a.point == b.point && a.interval == b.interval && a.limitUsed == b.limitUsed
            && a.riskRatioInterval?.lower == b.riskRatioInterval?.lower && a.riskRatioInterval?.upper == b.riskRatioInterval?.upper
    }

    /// The standard conversions of other effect measures to an approximate risk ratio.
    public enum Conversion: String, Sendable, CaseIterable {
        /// An odds ratio of a rare outcome (below about 15%): RR ≈ OR.
        case oddsRatioRareOutcome = "odds ratio, rare outcome"
        /// An odds ratio of a common outcome: RR ≈ √OR.
        case oddsRatioCommonOutcome = "odds ratio, common outcome"
        /// A hazard ratio of a rare outcome: RR ≈ HR.
        case hazardRatioRareOutcome = "hazard ratio, rare outcome"
        /// A hazard ratio of a common outcome: RR ≈ (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)).
        case hazardRatioCommonOutcome = "hazard ratio, common outcome"

        /// The factor of a standardised mean difference on the log risk-ratio scale, 0.91.
        public static let smdFactor = 0.91
        /// The factor of its standard error for the interval, 1.78.
        public static let smdIntervalFactor = 1.78

        /// The approximate risk ratio for an estimate of this measure.
        public func riskRatio(_ x: Double) -> Double {
            switch self {
            case .oddsRatioRareOutcome, .hazardRatioRareOutcome: return x
            case .oddsRatioCommonOutcome: return x.squareRoot()
            case .hazardRatioCommonOutcome: return (1 - pow(0.5, x.squareRoot())) / (1 - pow(0.5, (1 / x).squareRoot()))
            }
        }
    }
}
