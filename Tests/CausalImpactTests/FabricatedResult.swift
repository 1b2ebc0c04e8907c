import Tabular
@testable import CausalImpact

/// A result with round, hand-chosen numbers (no MCMC), for golden text.
///
/// 'visits' over 8 days with a date index and one covariate 'ads'; the
/// post-period is the last 2 days; average: actual 12, predicted 10 (sd 0.5,
/// 95% interval 9 to 11), effect 2 (1 to 3), relative 20% (sd 5%, 10% to 30%);
/// p = 0.002; 500 draws.
enum FabricatedResult {
    static func make(p: Double = 0.002, effectShift: Double = 0, covariates: Bool = true) throws -> ImpactResult {
        let dates = (1...8).map { "2024-01-0\($0)" }
        let visits: [Double] = [9, 11, 10, 9, 11, 10, 13, 11]
        var columns: [(String, Column)] = [("date", .text(dates)), ("visits", .numeric(visits))]
        if covariates { columns.append(("ads", .numeric([1, 2, 3, 4, 5, 6, 7, 8]))) }
        let table = try Table(names: columns.map(\.0), columns: columns.map(\.1), source: "visits.csv")
        let spec = ImpactSpecification(pre: .labels("2024-01-01", "2024-01-06"), post: .labels("2024-01-07", "2024-01-08"))
        let data = try ImpactData(table: table, specification: spec)
        func estimate(_ mean: Double, _ sd: Double, _ lower: Double, _ upper: Double) -> PosteriorEstimate {
            PosteriorEstimate(mean: mean, sd: sd, lower: lower, upper: upper)
        }
        let s = effectShift
        let relative = estimate(0.2 - s / 10, 0.05, 0.1 - s / 10, 0.3 - s / 10)
        let average = EffectSummary(actual: 12, predicted: estimate(10 + s, 0.5, 9 + s, 11 + s),
                                    absoluteEffect: estimate(2 - s, 0.5, 1 - s, 3 - s), relativeEffect: relative)
        let cumulative = EffectSummary(actual: 24, predicted: estimate(20 + 2 * s, 1, 18 + 2 * s, 22 + 2 * s),
                                       absoluteEffect: estimate(4 - 2 * s, 1, 2 - 2 * s, 6 - 2 * s),
                                       relativeEffect: relative)
        let summary = ImpactSummary(average: average, cumulative: cumulative, tailProbability: p, alpha: 0.05)
        return ImpactResult(data: data, summary: summary, series: ImpactSeries(actual: visits), alpha: 0.05,
                            iterations: 1000, drawCount: 500)
    }
}
