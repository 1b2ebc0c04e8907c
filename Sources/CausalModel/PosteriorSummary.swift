import Foundation
import Probability
import Reporting

/// One answer over posterior draws: each draw k gives a value aₖ (the answer of the
/// model with that draw's parameters) with its Monte Carlo standard error sₖ (0 when
/// exact), and the answer's posterior is summarised by
///
/// - the posterior mean ā = (1/K) Σ aₖ;
/// - the posterior sd √v, v = Σ (aₖ − ā)²/(K − 1): by the law of total variance the
///   spread of the aₖ is the spread of the exact answers over the parameters plus the
///   mean Monte Carlo variance, Var(a) = Var_θ(E[a | θ]) + E_θ[Var(a | θ)];
/// - the equal-tailed interval of the aₖ (type-7 quantiles at (1 ∓ level)/2), which
///   thus covers both parameter uncertainty and Monte Carlo error;
/// - the Monte Carlo part √(Σ sₖ²/K) and the parameter part √max(0, v − Σ sₖ²/K) (a
///   standard error that cannot be estimated, NaN, counts as 0 here);
/// - the standard error of the posterior mean itself, √(v/K).
///
/// The reading assumes the draws' Monte Carlo errors are independent: answer each draw
/// from its own stream (`PosteriorDraws.seed(_:draw:)`).
public struct PosteriorSummary: Sendable, Equatable {
    /// The number of draws K.
    public let draws: Int
    /// The posterior mean ā.
    public let mean: Double
    /// The posterior sd √v (parameter uncertainty and Monte Carlo error together).
    public let sd: Double
    /// The lower end of the equal-tailed interval of the draws' values.
    public let lower: Double
    /// The upper end of the equal-tailed interval of the draws' values.
    public let upper: Double
    /// The interval's level.
    public let level: Double
    /// The root mean square of the draws' Monte Carlo standard errors (0 when every draw is exact).
    public let monteCarloStandardError: Double
    /// The sd due to the parameters alone, √max(0, v − mean sₖ²).
    public let parameterSD: Double
    /// The standard error of the posterior mean ā as an estimate over K draws, √(v/K).
    public let standardErrorOfMean: Double

    /// Summarises the draws' answers `values` (at least two, all finite) at `level` (in (0, 1)).
    public init(_ values: [TruthValue], level: Double = 0.95) throws {
        guard values.count >= 2 else { throw ModelError("a posterior summary needs at least 2 draws (got \(values.count))") }
        guard level > 0 && level < 1 else { throw ModelError("the interval level must be between 0 and 1 (got \(level))") }
        if let bad = values.firstIndex(where: { !$0.value.isFinite }) {
            throw ModelError("draw \(bad + 1) of \(values.count) gives a non-finite answer (\(values[bad].value))")
        }
        let k = Double(values.count)
        draws = values.count
        let mean = values.map(\.value).reduce(0, +) / k
        self.mean = mean
        let variance = values.map { ($0.value - mean) * ($0.value - mean) }.reduce(0, +) / (k - 1)
        let monteCarloVariance = values.map { $0.standardError.isFinite ? $0.standardError * $0.standardError : 0 }.reduce(0, +) / k
        sd = variance.squareRoot()
        monteCarloStandardError = monteCarloVariance.squareRoot()
        parameterSD = max(0, variance - monteCarloVariance).squareRoot()
        standardErrorOfMean = (variance / k).squareRoot()
        let sorted = values.map(\.value).sorted()
        self.level = level
        lower = SampleQuantile.typeSeven(sorted: sorted, (1 - level) / 2)
        upper = SampleQuantile.typeSeven(sorted: sorted, (1 + level) / 2)
    }

    /// The headers of `cells`: posterior mean, the interval's ends, sd and Monte Carlo error.
    public static func headers(level: Double = 0.95) -> [String] {
        ["posterior mean", NumberFormatting.trimmed(50 * (1 - level), decimals: 3) + "%",
         NumberFormatting.trimmed(50 * (1 + level), decimals: 3) + "%", "sd", "MC error"]
    }

    /// The summary as table cells (six significant digits; the errors two), under `headers(level:)`.
    public var cells: [String] {
        [mean, lower, upper].map { NumberFormatting.significant($0, digits: 6) }
            + [sd, monteCarloStandardError].map { NumberFormatting.significant($0, digits: 2) }
    }

    /// The summary as a JSON object: `{"mean", "sd", "lower", "upper", "level",
    /// "monteCarloStandardError", "parameterSD", "standardErrorOfMean", "draws"}`.
    public var json: JSONValue {
        .object([("mean", .number(mean)), ("sd", .number(sd)), ("lower", .number(lower)), ("upper", .number(upper)),
                 ("level", .number(level)), ("monteCarloStandardError", .number(monteCarloStandardError)),
                 ("parameterSD", .number(parameterSD)), ("standardErrorOfMean", .number(standardErrorOfMean)),
                 ("draws", .integer(draws))])
    }
}
