import Testing
import Probability
import Tabular
import TestSupport
@testable import CausalImpact

/// The post-period draws: window summaries, threshold and sign probabilities, the CSV of
/// the pointwise effect, all checked against the draws themselves (no MCMC: fabricated
/// posterior draws of a random walk's state).
@Suite struct EffectDrawsTests {
    static let rows = 60, post = 20, draws = 800

    static func result() throws -> ImpactResult {
        let random = RandomStream(seed: 17, path: [0x6472_6177])
        var level = 0.0
        let y = (0..<rows).map { t -> Double in
            level += 0.1 * random.normal()
            return 10 + level + random.normal() + (t >= rows - post ? 0.3 : 0)
        }
        let spec = ImpactSpecification(pre: .rows(1...(rows - post)), post: .rows((rows - post + 1)...rows))
        let data = try ImpactData(table: try Table(numericColumns: [("y", y)]), specification: spec)
        let states = (0..<draws).map { _ in data.modelResponse.indices.map { _ in 0.2 * random.normal() } }
        let sds = (0..<draws).map { _ in 0.8 + 0.4 * random.uniform() }
        return try ImpactAnalysis.run(data: data, specification: spec) { _ in
            try StateDraws(states: states, observationSD: sds)
        }
    }

    @Test func theWholePostPeriodAsAWindowIsTheSummary() throws {
        let result = try Self.result()
        let draws = try #require(result.effectDraws)
        let whole = draws.summary(over: result.data.post, alpha: 0.05)
        #expect(whole.average.absoluteEffect == result.summary.average.absoluteEffect)
        #expect(whole.cumulative.absoluteEffect == result.summary.cumulative.absoluteEffect)
        #expect(whole.average.relativeEffect == result.summary.average.relativeEffect)
        #expect(whole.tailProbability == result.summary.tailProbability)
    }

    @Test func aWindowSummarisesTheMeanOfThePointwiseDrawsOverIt() throws {
        let result = try Self.result()
        let draws = try #require(result.effectDraws)
        let window = (Self.rows - 15)...(Self.rows - 8)
        let summary = draws.summary(over: window, alpha: 0.05).average.absoluteEffect
        // Each draw's window average of its pointwise effects, computed here from pointEffect.
        let averages = (0..<draws.count).map { k in
            window.reduce(0.0) { $0 + draws.pointEffect(draw: k, row: $1) } / Double(window.count)
        }.sorted()
        #expect(abs(summary.lower - SampleQuantile.typeSeven(sorted: averages, 0.025)) < 1e-9)
        #expect(abs(summary.upper - SampleQuantile.typeSeven(sorted: averages, 0.975)) < 1e-9)
        // The estimate is actual − noise-free prediction; the draws' mean differs by the noise's mean only.
        let mean = averages.reduce(0, +) / Double(averages.count)
        let check = withinStandardErrors(mean, summary.mean, standardError: summary.sd / Double(draws.count).squareRoot())
        #expect(check.ok, "window mean: \(check.message)")
        let expected = window.reduce(0.0) { $0 + result.series.pointEffect[$1] } / Double(window.count)
        #expect(abs(summary.mean - expected) < 1e-9)
    }

    @Test func signProbabilitiesAddUpToOneLessTies() throws {
        let result = try Self.result()
        let draws = try #require(result.effectDraws)
        let effects = draws.averageEffects(over: draws.post)
        let ties = Double(effects.filter { $0 == 0 }.count) / Double(effects.count)
        let s = result.summary
        #expect(abs(s.probabilityPositive + s.probabilityNegative + ties - 1) < 1e-12)
        #expect(s.probabilityPositive == Double(effects.filter { $0 > 0 }.count) / Double(effects.count))
        #expect(draws.probabilityAbove(0, over: draws.post) == s.probabilityPositive)
        // P(average effect > x) falls as x rises, from 1 below every draw to 0 above every draw.
        let low = try #require(effects.min()), high = try #require(effects.max())
        #expect(draws.probabilityAbove(low - 1, over: draws.post) == 1)
        #expect(draws.probabilityAbove(high, over: draws.post) == 0)
        let median = effects.sorted()[effects.count / 2]
        #expect(abs(draws.probabilityAbove(median, over: draws.post) - 0.5) <= 1.0 / Double(effects.count))
    }

    @Test func theCSVHoldsOneLinePerDrawAndOneColumnPerPostPoint() throws {
        let result = try Self.result()
        let draws = try #require(result.effectDraws)
        let labels = (1...Self.rows).map { "d\($0)" }
        let text = String(decoding: draws.csv(labels: labels), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == draws.count + 1)
        #expect(lines[0] == (["draw"] + labels.suffix(Self.post)).joined(separator: ",")[...])
        let third = lines[3].split(separator: ",").compactMap { Double($0) }
        #expect(third.count == Self.post + 1 && third[0] == 3)
        for (w, t) in draws.post.enumerated() { #expect(third[w + 1] == draws.pointEffect(draw: 2, row: t)) }
    }
}
