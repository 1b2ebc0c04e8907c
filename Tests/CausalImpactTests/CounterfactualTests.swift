import Testing
import Probability
import Tabular
@testable import CausalImpact

/// The analysis from fabricated draws, against answers worked out by hand.
///
/// Data: y = 10, 11, 12 | 20, 22 (pre rows 1–3, post rows 4–5), no covariates,
/// bsts priors (no standardisation). Four draws with σ = 0, so Y = S exactly;
/// alpha = 0.5, so the interval is the type-7 quartiles: for sorted v0 ≤ … ≤ v3,
/// q(0.25) = v0 + 0.75(v1 − v0) and q(0.75) = v2 + 0.25(v3 − v2).
@Suite struct CounterfactualTests {
    static let states: [[Double]] = [
        // rows: 1    2   3   4   5
        [9, 11, 12, 14, 15],
        [10, 11, 13, 15, 17],
        [11, 11, 11, 16, 16],
        [12, 11, 10, 18, 20],
    ]

    static func result(sd: [Double] = [0, 0, 0, 0], alpha: Double = 0.5) throws -> ImpactResult {
        let table = try CSVReader.parse("y\n10\n11\n12\n20\n22\n", source: "hand.csv")
        var spec = ImpactSpecification(pre: .rows(1...3), post: .rows(4...5))
        spec.model.priors = .bsts
        spec.alpha = alpha
        let data = try ImpactData(table: table, specification: spec)
        return try ImpactAnalysis.run(data: data, specification: spec) { _ in
            try StateDraws(states: states, observationSD: sd)
        }
    }

    @Test func pointwiseSeriesMatchHandComputedQuartiles() throws {
        let s = try Self.result().series
        // Row 4: S = 14, 15, 16, 18 → mean 15.75, q25 = 14.75, q75 = 16.5; y = 20.
        #expect(s.predicted[3] == 15.75)
        #expect(s.predictedLower[3] == 14.75)
        #expect(s.predictedUpper[3] == 16.5)
        #expect(s.pointEffect[3] == 4.25)
        #expect(s.pointEffectLower[3] == 3.5)
        #expect(s.pointEffectUpper[3] == 5.25)
        // Row 5: S sorted 15, 16, 17, 20 → mean 17, q25 = 15.75, q75 = 17.75; y = 22.
        #expect(s.predicted[4] == 17)
        #expect(s.predictedLower[4] == 15.75)
        #expect(s.predictedUpper[4] == 17.75)
        #expect(s.pointEffect[4] == 5)
        #expect(s.pointEffectLower[4] == 4.25)
        #expect(s.pointEffectUpper[4] == 6.25)
        // Row 1 (pre-period): S = 9…12 → mean 10.5, q25 = 9.75, q75 = 11.25; y = 10.
        #expect(s.predicted[0] == 10.5)
        #expect(s.pointEffect[0] == -0.5)
        #expect(s.pointEffectLower[0] == -1.25)
        #expect(s.pointEffectUpper[0] == 0.25)
    }

    @Test func cumulativeEffectIsZeroBeforeThePostPeriodAndARunningSumInIt() throws {
        let s = try Self.result().series
        for t in 0..<3 {
            #expect(s.cumulativeEffect[t] == 0)
            #expect(s.cumulativeEffectLower[t] == 0)
            #expect(s.cumulativeEffectUpper[t] == 0)
        }
        // Row 4 alone: as the pointwise effect.
        #expect(s.cumulativeEffect[3] == 4.25)
        #expect(s.cumulativeEffectLower[3] == 3.5)
        #expect(s.cumulativeEffectUpper[3] == 5.25)
        // Rows 4–5: per-draw sums 29, 32, 32, 38 → q25 = 31.25, q75 = 33.5; observed 42, predicted 32.75.
        #expect(s.cumulativeEffect[4] == 9.25)
        #expect(s.cumulativeEffectLower[4] == 8.5)
        #expect(s.cumulativeEffectUpper[4] == 10.75)
    }

    @Test func summaryBlocksFollowTheReferenceDefinitions() throws {
        let summary = try Self.result().summary
        let sd = (42.75 / 3.0).squareRoot()   // sums 29, 32, 32, 38: squared deviations from 32.75 add to 42.75
        let c = summary.cumulative
        #expect(c.actual == 42)
        #expect(c.predicted == PosteriorEstimate(mean: 32.75, sd: sd, lower: 31.25, upper: 33.5))
        #expect(c.absoluteEffect == PosteriorEstimate(mean: 9.25, sd: sd, lower: 8.5, upper: 10.75))
        let a = summary.average
        #expect(a.actual == 21)
        #expect(a.predicted.mean == 16.375)
        #expect(abs(a.predicted.sd - sd / 2) < 1e-12)
        #expect(a.predicted.lower == 15.625)
        #expect(a.predicted.upper == 16.75)
        #expect(a.absoluteEffect.mean == 4.625)
        #expect(a.absoluteEffect.lower == 4.25)
        #expect(a.absoluteEffect.upper == 5.375)
    }

    @Test func relativeEffectIsAPerDrawRatioOfSums() throws {
        let summary = try Self.result().summary
        // r_k = 42 / C_k − 1 for C = 29, 32, 32, 38: 13/29, 5/16, 5/16, 2/19.
        let r = [2.0 / 19, 5.0 / 16, 5.0 / 16, 13.0 / 29]
        let mean = (r[0] + r[1] + r[2] + r[3]) / 4
        let sd = (r.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
        let rel = summary.average.relativeEffect
        #expect(abs(rel.mean - mean) < 1e-15)
        #expect(abs(rel.sd - sd) < 1e-15)
        #expect(abs(rel.lower - (r[0] + 0.75 * (r[1] - r[0]))) < 1e-15)
        #expect(abs(rel.upper - (r[2] + 0.25 * (r[3] - r[2]))) < 1e-15)
        #expect(summary.cumulative.relativeEffect == rel)
        // Not AbsEffect / Pred: 9.25 / 32.75 = 0.2824…, against the mean ratio 0.2946…
        #expect(abs(rel.mean - 9.25 / 32.75) > 0.01)
    }

    @Test func tailProbabilityCountsTheObservedSum() throws {
        // Observed 42 above every draw: min(0 + 1, 4 + 1) / 5.
        #expect(try Self.result().summary.tailProbability == 0.2)
        // Ties count on both sides: sums 1, 2, 3 against 2 → min(2 + 1, 2 + 1) / 4.
        let tied = Counterfactual.summarise(observedSum: 2, predictedSum: 2, postSums: [1, 2, 3], points: 1, alpha: 0.05)
        #expect(tied.tailProbability == 0.75)
        #expect(tied.probabilityOfCausalEffect == 0.25)
        // Observed below every draw: min(4, 1) / 4.
        let below = Counterfactual.summarise(observedSum: 0, predictedSum: 2, postSums: [1, 2, 3], points: 1, alpha: 0.05)
        #expect(below.tailProbability == 0.25)
    }

    @Test func typeSevenQuantileMatchesRsDefinition() {
        // R: quantile(c(1, 2, 4, 8, 16), c(0, 0.1, 0.5, 0.975, 1)) = 1, 1.4, 4, 15.2, 16
        // (h = 4p: 0.4 → 1 + 0.4·1; 3.9 → 8 + 0.9·8).
        let x: [Double] = [1, 2, 4, 8, 16]
        x.withUnsafeBufferPointer { b in
            #expect(SampleQuantile.typeSeven(sorted: b, 0) == 1)
            #expect(abs(SampleQuantile.typeSeven(sorted: b, 0.1) - 1.4) < 1e-15)
            #expect(SampleQuantile.typeSeven(sorted: b, 0.5) == 4)
            #expect(abs(SampleQuantile.typeSeven(sorted: b, 0.975) - 15.2) < 1e-13)
            #expect(SampleQuantile.typeSeven(sorted: b, 1) == 16)
        }
        [7.0].withUnsafeBufferPointer { #expect(SampleQuantile.typeSeven(sorted: $0, 0.3) == 7) }
    }

    @Test func selectionAndTailBuffersGiveTheSameQuantilesAsSorting() {
        let stream = RandomStream(seed: 3)
        for n in [1, 2, 3, 5, 40, 999, 1000] {
            for ties in [false, true] {
                let values = (0..<n).map { _ in ties ? Double(stream.uniformInt(below: 4)) : stream.normal() }
                let sorted = values.sorted()
                for (low, high) in [(0.025, 0.975), (0.25, 0.75), (0, 1), (0.5, 0.5), (0.1, 0.1000001)] {
                    var scratch = values
                    let (a, b) = scratch.withUnsafeMutableBufferPointer { SampleStatistics.quantiles($0, low, high) }
                    var tails = TailQuantiles(count: n, low: low, high: high)
                    let (c, d) = values.withUnsafeBufferPointer { tails($0) }
                    sorted.withUnsafeBufferPointer { x in
                        #expect(a == SampleQuantile.typeSeven(sorted: x, low), "n \(n) ties \(ties) p \(low)")
                        #expect(b == SampleQuantile.typeSeven(sorted: x, high), "n \(n) ties \(ties) p \(high)")
                        #expect(c == SampleQuantile.typeSeven(sorted: x, low), "tails: n \(n) ties \(ties) p \(low)")
                        #expect(d == SampleQuantile.typeSeven(sorted: x, high), "tails: n \(n) ties \(ties) p \(high)")
                    }
                }
            }
        }
    }

    @Test func predictionIsTheNoiseFreeMeanAndNoiseWidensTheInterval() throws {
        let noisy = try Self.result(sd: [1, 1, 1, 1]).series
        let exact = try Self.result().series
        #expect(noisy.predicted == exact.predicted)
        // The same seed gives the same noise.
        #expect(try Self.result(sd: [1, 1, 1, 1]).series == noisy)
        #expect(noisy.predictedLower != exact.predictedLower)
    }

    @Test func drawsAreMappedBackToTheOriginalScale() throws {
        // Pre-period 2, 4, 6: mean 4, sd 2. A draw of S = 1 (standardised) is 6 on the original scale.
        let table = try CSVReader.parse("y\n2\n4\n6\n9\n", source: "scale.csv")
        let spec = ImpactSpecification(pre: .rows(1...3), post: .rows(4...4))
        let data = try ImpactData(table: table, specification: spec)
        #expect(data.responseScale == Standardization(mean: 4, sd: 2))
        let result = try ImpactAnalysis.run(data: data, specification: spec) { _ in
            try StateDraws(states: [[-1, 0, 1, 1], [-1, 0, 1, 1]], observationSD: [0, 0])
        }
        #expect(result.series.predicted == [2, 4, 6, 6])
        #expect(result.summary.cumulative.absoluteEffect.mean == 3)
    }

    @Test func rowsOutsideThePeriodsHaveNoEffects() throws {
        // Row 1 has no response (the model starts at row 2); row 5 is a gap; row 7 is after the post-period.
        let table = try CSVReader.parse("y\nNA\n1\n3\n2\n5\n8\n9\n", source: "gap.csv")
        var spec = ImpactSpecification(pre: .rows(1...4), post: .rows(6...6))
        spec.model.priors = .bsts
        spec.alpha = 0.5
        let data = try ImpactData(table: table, specification: spec)
        #expect(data.pre == 1...3)
        #expect(data.modelRows == 1...5)
        let result = try ImpactAnalysis.run(data: data, specification: spec) { d in
            #expect(d.modelResponse.count == 5)
            #expect(Array(d.modelResponse[0..<3]) == [1, 3, 2])
            #expect(d.modelResponse[3].isNaN && d.modelResponse[4].isNaN)
            return try StateDraws(states: [[1, 3, 2, 4, 6]], observationSD: [0])
        }
        let s = result.series
        #expect(s.predicted[0].isNaN && s.pointEffect[0].isNaN && s.cumulativeEffect[0].isNaN)
        #expect(s.predicted[4] == 4)
        #expect(s.pointEffect[4].isNaN && s.cumulativeEffect[4].isNaN)
        #expect(s.pointEffect[5] == 2 && s.cumulativeEffect[5] == 2)
        #expect(s.predicted[6].isNaN && s.pointEffect[6].isNaN)
        #expect(s.actual[6] == 9)
    }

    @Test func missingPreperiodResponsesLeaveGapsInTheCumulativeSeries() throws {
        let table = try CSVReader.parse("y\n1\nNA\n3\n4\n6\n", source: "na.csv")
        var spec = ImpactSpecification(pre: .rows(1...4), post: .rows(5...5))
        spec.model.priors = .bsts
        let result = try ImpactAnalysis.run(data: try ImpactData(table: table, specification: spec),
                                            specification: spec) { _ in
            try StateDraws(states: [[1, 2, 3, 4, 5]], observationSD: [0])
        }
        let s = result.series
        #expect(s.predicted[1] == 2)
        #expect(s.pointEffect[1].isNaN && s.cumulativeEffect[1].isNaN)
        #expect(s.cumulativeEffect[2] == 0)
        #expect(s.cumulativeEffect[4] == 1)
    }

    @Test func illConditionedResponsesGiveNoInferenceInsteadOfAFit() throws {
        let constant = try CSVReader.parse("y,x\n5,1\n5,2\n5,3\n7,4\n", source: "flat.csv")
        let spec = ImpactSpecification(pre: .rows(1...3), post: .rows(4...4))
        let data = try ImpactData(table: constant, specification: spec)
        let fit = { (_: ImpactData) throws -> StateDraws in
            Issue.record("the model must not be fit")
            return try StateDraws(states: [[0]], observationSD: [0])
        }
        let outcome = try ImpactAnalysis.outcome(data: data, specification: spec, fit: fit)
        #expect(outcome.result == nil)
        #expect(outcome.data.noInferenceReason == "the response 'y' is constant in the pre-period, so there is no variation to model")
        #expect(outcome.series.actual == [5, 5, 5, 7])
        #expect(outcome.series.predicted.allSatisfy { $0.isNaN })
        // The library's run refuses to return a result without a summary.
        #expect(throws: ImpactError.noInference(reason: "the response 'y' is constant in the pre-period, so there is no "
            + "variation to model")) {
            try ImpactAnalysis.run(data: data, specification: spec, fit: fit)
        }

        let sparse = try CSVReader.parse("y\nNA\n1\nNA\n2\n3\n", source: "sparse.csv")
        let few = try ImpactData(table: sparse, specification: ImpactSpecification(pre: .rows(1...4), post: .rows(5...5)))
        #expect(few.noInferenceReason?.hasPrefix("the response 'y' has 2 observed values in the pre-period") == true)
    }

    @Test func drawsOfTheWrongLengthAreRejected() throws {
        let table = try CSVReader.parse("y\n1\n2\n4\n5\n", source: "short.csv")
        let spec = ImpactSpecification(pre: .rows(1...3), post: .rows(4...4))
        let data = try ImpactData(table: table, specification: spec)
        #expect(throws: ImpactError.malformedDraws("draws cover 3 time points, the model 4")) {
            try ImpactAnalysis.run(data: data, specification: spec) { _ in
                try StateDraws(states: [[1, 2, 3]], observationSD: [1])
            }
        }
        #expect(throws: ImpactError.malformedDraws("2 state draws but 1 noise sds")) {
            try StateDraws(states: [[1], [2]], observationSD: [1])
        }
    }
}
