import Testing
import BSTS
import Probability
import Tabular
@testable import CausalImpact

/// Student-t observation errors end to end: a few gross outliers in the pre-period inflate
/// σ_obs under Gaussian errors, and with it the counterfactual's predictive noise and the
/// effect's interval; under Student-t errors the outliers get small weights, so the interval
/// stays close to the one of the clean series.
@Suite struct StudentErrorsImpactTests {
    static let preRows = 80, postRows = 20

    /// y = 50 + random-walk level + 2·x + N(0, 0.5²) with a random-walk covariate x and an
    /// effect of 3 in the post-period; `outliers` adds ±10–15 at four pre-period rows.
    static func table(outliers: Bool) throws -> Table {
        let n = preRows + postRows
        let stream = RandomStream(seed: 606)
        var level = 0.0, x = 10.0
        var xs: [Double] = [], ys: [Double] = []
        for t in 0..<n {
            level += 0.1 * stream.normal()
            x += 0.5 * stream.normal()
            xs.append(x)
            ys.append(50 + level + 2 * x + 0.5 * stream.normal() + (t >= preRows ? 3 : 0))
        }
        if outliers {
            for (row, size) in [(9, 12.0), (29, -10), (49, 15), (69, -12)] { ys[row] += size }
        }
        return try Table(numericColumns: [("y", ys), ("x", xs)])
    }

    static func intervalWidth(outliers: Bool, errors: ObservationErrors) throws -> Double {
        var spec = ImpactSpecification(pre: .rows(1...preRows), post: .rows((preRows + 1)...(preRows + postRows)))
        spec.model.observationErrors = errors
        spec.sampler.seed = 21
        let summary = try ImpactAnalysis.run(table: try table(outliers: outliers), specification: spec).summary
        return summary.average.absoluteEffect.upper - summary.average.absoluteEffect.lower
    }

    /// The Student interval changes by less than a quarter of the Gaussian interval's change.
    @Test func outliersWidenTheGaussianIntervalMuchMoreThanTheStudentOne() throws {
        let gaussianClean = try Self.intervalWidth(outliers: false, errors: .gaussian)
        let gaussianOutliers = try Self.intervalWidth(outliers: true, errors: .gaussian)
        let studentClean = try Self.intervalWidth(outliers: false, errors: .student)
        let studentOutliers = try Self.intervalWidth(outliers: true, errors: .student)
        #expect(gaussianOutliers > gaussianClean, "Gaussian widths: clean \(gaussianClean), outliers \(gaussianOutliers)")
        #expect(abs(studentOutliers - studentClean) < 0.25 * (gaussianOutliers - gaussianClean),
                "Student widths: clean \(studentClean), outliers \(studentOutliers); Gaussian \(gaussianClean) → \(gaussianOutliers)")
    }
}
