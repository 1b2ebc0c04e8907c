import Foundation
import MachineResources

/// Upper limits on the size of a fit, checked before anything is allocated, so
/// that no request (a huge season count, iteration count or chain count) can
/// exhaust memory, overflow an integer or run for hours by accident.
///
/// * Chains: at most 64. Chains run one per core and each holds its own Kalman
///   workspace and stored draws; 64 is far more than R̂ needs (4 suffice).
/// * Seasons: at most the number of time points from the first to the last
///   observed response. With more seasons than that, some season is never seen
///   before the model has to predict it, so its effect comes from the prior alone;
///   and the seasonal state has S − 1 elements, so memory grows as n·S² and time
///   as n·S per sweep.
/// * Memory: the fit's estimated peak (`estimatedBytes`) must stay within
///   `memoryBudget`, which bounds the iterations for a given length and model.
/// * Scale: the sampler works with squares of the data (variances, X'X), so the
///   response's sd and every covariate value must lie within `scaleRange`.
public enum FitLimits {
    /// The most chains a fit may run.
    public static let maximumChains = 64
    /// The memory, in bytes, that a fit may plan to use: the machine's plan budget
    /// (`MemoryBudget.planBytes`, three quarters of the memory available to the process).
    public static var memoryBudget: Double { Double(MemoryBudget.planBytes) }
    /// The magnitudes the sampler can square and sum without overflow or underflow:
    /// the response's sd, and each covariate's largest |x|, must lie in this range.
    public static let scaleRange: ClosedRange<Double> = 1e-100...1e100

    /// Time points from the first to the last observed (non-NaN) value of `y`; 0 if none.
    public static func observedSpan(_ y: [Double]) -> Int {
        guard let first = y.firstIndex(where: { !$0.isNaN }), let last = y.lastIndex(where: { !$0.isNaN }) else { return 0 }
        return last - first + 1
    }

    /// The approximate peak memory of a fit, in bytes. Shared by the chains: the
    /// n·k design, its k·k Gram matrix X'X and the prior precision Ω⁻¹ (k = covariates).
    /// Per chain: the simulation smoother's two n·m² covariance blocks, the n·m state
    /// path and a few n-vectors (m = state dimension), and the spike-and-slab sampler's
    /// two k·k systems; per iteration, the stored n-row state contribution (an array of
    /// its own, which the posterior shares rather than copies) and the scalars:
    /// log-likelihood, σ's (at most m + 1), coefficients and inclusion flags.
    /// Computed in floating point, so it cannot overflow.
    public static func estimatedBytes(rows n: Int, stateDimension m: Int, covariates: Int, iterations: Int,
                                      chains: Int) -> Double {
        let rows = Double(n), states = Double(m), k = Double(covariates)
        let shared = 8 * (rows * k + 2 * k * k)
        let workspace = 8 * (2 * rows * states * states + rows * states + 8 * rows + 2 * k * k)
        let perIteration = 8 * rows + arrayOverhead + 8 * (2 + states + 2 * k)
        return shared + Double(chains) * (workspace + Double(iterations) * perIteration)
    }

    /// The most iterations per chain that keep `estimatedBytes` within `memoryBudget`
    /// (0 when even the workspace does not fit).
    public static func maximumIterations(rows n: Int, stateDimension m: Int, covariates: Int, chains: Int) -> Int {
        let fixed = estimatedBytes(rows: n, stateDimension: m, covariates: covariates, iterations: 0, chains: chains)
        let perIteration = estimatedBytes(rows: n, stateDimension: m, covariates: covariates, iterations: 1,
                                          chains: chains) - fixed
        guard fixed <= memoryBudget else { return 0 }
        return Int(min(Double(Int32.max), ((memoryBudget - fixed) / perIteration).rounded(.down)))
    }

    /// The first limit that `model` and `sampler` break on response `y` (NaN = missing)
    /// with `covariates` covariates, or nil. Seasons are checked first, so the state
    /// dimension is known to be small enough to compute with. Chains are assumed checked.
    public static func violation(response y: [Double], covariates: Int, model: ModelOptions,
                                 sampler: SamplerOptions) -> FitLimitViolation? {
        let span = observedSpan(y)
        if model.seasons > max(1, span) { return .tooManySeasons(seasons: model.seasons, maximum: max(1, span)) }
        if let extra = model.additionalSeasons.first(where: { $0.seasons > max(1, span) }) {
            return .tooManySeasons(seasons: extra.seasons, maximum: max(1, span))
        }
        if let trig = model.trigonometric.first(where: { $0.period > Double(span) }) {
            return .periodTooLong(period: trig.period, maximum: span)
        }
        if model.trend == .student, span < minimumStudentTrendSpan {
            return .studentTrendTooShort(span: span, minimum: minimumStudentTrendSpan)
        }
        if model.autoregressiveOrder > maximumAutoregressiveOrder(span: span) {
            return .autoregressiveOrderTooLarge(order: model.autoregressiveOrder,
                                                maximum: maximumAutoregressiveOrder(span: span))
        }
        let m = model.stateDimension(covariates: covariates)
        let chains = max(1, sampler.chains)
        let maximum = maximumIterations(rows: y.count, stateDimension: m, covariates: covariates, chains: chains)
        if maximum < Defaults.minimumIterations {
            let bytes = estimatedBytes(rows: y.count, stateDimension: m, covariates: covariates,
                                       iterations: Defaults.minimumIterations, chains: chains)
            return .stateTooLarge(stateDimension: m, rows: y.count, chains: chains, bytes: bytes)
        }
        if sampler.iterations > maximum {
            return .tooManyIterations(iterations: sampler.iterations, maximum: maximum, rows: y.count, chains: chains)
        }
        return nil
    }

    /// The largest AR order a span of `span` observed points supports: (span − 1)/2, so that
    /// the observed transitions number at least twice the coefficients.
    public static func maximumAutoregressiveOrder(span: Int) -> Int { max(0, (span - 1) / 2) }

    /// The fewest observed time points (first to last) a Student-t trend needs: its four
    /// parameters (σ and ν of level and slope) are seen through the span − 2 second differences
    /// of the level, which must number at least twice the parameters.
    public static let minimumStudentTrendSpan = 10

    /// A Swift array's header and allocator overhead, in bytes (one per stored draw).
    private static let arrayOverhead = 48.0
}

/// A limit of `FitLimits` that a request breaks, with the numbers to explain it.
public enum FitLimitViolation: Sendable, Equatable {
    /// More seasons than observed time points (`maximum`).
    case tooManySeasons(seasons: Int, maximum: Int)
    /// A trigonometric seasonality whose period is longer than the observed time points (`maximum`).
    case periodTooLong(period: Double, maximum: Int)
    /// An AR order above `FitLimits.maximumAutoregressiveOrder(span:)` (`maximum`).
    case autoregressiveOrderTooLarge(order: Int, maximum: Int)
    /// A Student-t trend over fewer observed time points (`span`) than `FitLimits.minimumStudentTrendSpan`.
    case studentTrendTooShort(span: Int, minimum: Int)
    /// A state so large that the sampler's workspace alone exceeds the memory budget.
    case stateTooLarge(stateDimension: Int, rows: Int, chains: Int, bytes: Double)
    /// More iterations per chain than the memory budget holds for this length and model.
    case tooManyIterations(iterations: Int, maximum: Int, rows: Int, chains: Int)

    /// Bytes in gibibytes, to two significant digits ("8", "0.75", "6.4e+05").
    public static func gibibytes(_ bytes: Double) -> String {
        String(format: "%.2g", bytes / 1_073_741_824)
    }
}

extension ModelOptions {
    /// The state dimension m of the model with `covariates` covariates: 1 for a
    /// local level or 2 for a local linear trend, S − 1 for S seasons, and one per
    /// covariate for a dynamic regression (a static one adds no state).
    /// Plus p for an AR(p) state, 2H per trigonometric seasonality with H harmonics, S − 1 per
    /// additional dummy seasonal, and 3 rather than 2 for a semilocal trend.
    public func stateDimension(covariates: Int) -> Int {
        let trendSize: Int
        switch trend {
        case .localLevel: trendSize = 1
        case .localLinearTrend, .student: trendSize = 2
        case .semilocal: trendSize = 3
        }
        // Each part is clamped before it is added, so absurd requests (checked and refused
        // later, with the option named) cannot overflow here.
        func part(_ n: Int) -> Int { min(max(0, n), 1 << 32) }
        return trendSize + part(seasons - 1) + (dynamicRegression ? part(covariates) : 0) + part(autoregressiveOrder)
            + trigonometric.reduce(0) { $0 + 2 * part($1.harmonics) }
            + additionalSeasons.reduce(0) { $0 + part($1.seasons - 1) }
    }
}
