import CausalModel
import Fitting
import Foundation
import Tabular
import Testing

/// `auto(…)` on a discrete variable with more than two levels and discrete parents: the
/// exact Dirichlet posterior against counts taken here, and the fitted table as a model.
@Suite struct CategoricalFitTests {
    static let truth = try! ModelFileParser().parse("""
        rain ~ Bernoulli(0.3)
        weekend ~ Bernoulli(0.4)
        crowd ~ Categorical(ifelse(rain == 1, 0.5, 0.2), 0.3, ifelse(rain == 1, 0.2, 0.5 - 0.2 * weekend), ifelse(rain == 1, 0, 0.2 * weekend))
        x = Normal(0, 1)
        """)
    static let skeleton = try! ModelFileParser().parseParametric("rain ~ Bernoulli(0.3)\nweekend ~ Bernoulli(0.4)\ncrowd = auto(rain, weekend)\n")

    @Test func posteriorIsDirichletOfOnePlusCounts() throws {
        let data = try Self.truth.sample(rows: 1500, seed: 51)
        let fit = try ModelFit(model: Self.skeleton, data: data)
        #expect(fit.variables.map(\.family) == ["categorical-table"])
        let rain = try data.numbers("rain"), weekend = try data.numbers("weekend"), crowd = try data.numbers("crowd")
        let levels = Int(crowd.max() ?? 0) + 1
        #expect(levels == 4)
        #expect(fit.parameters.count == 4 * levels)
        for (r, w) in [(0.0, 0.0), (0, 1), (1, 0), (1, 1)] {
            let rows = rain.indices.filter { rain[$0] == r && weekend[$0] == w }
            let alpha = (0..<levels).map { k in 1 + Double(rows.filter { crowd[$0] == Double(k) }.count) }
            let total = alpha.reduce(0, +)
            for k in 0..<levels {
                let a = alpha[k], b = total - a
                let name = "p_crowd=\(k)[rain=\(Int(r)),weekend=\(Int(w))]"
                let summary = try #require(fit.parameters.first { $0.name == name }?.summary, "\(name) missing")
                #expect(abs(summary.mean - a / total) <= 1e-14)
                #expect(abs(summary.sd - (a * b / (total * total * (total + 1))).squareRoot()) <= 1e-14)
                #expect(summary.lower < summary.mean && summary.mean < summary.upper)
            }
        }
        // The fitted file reproduces the table: crowd's levels under do(rain = 1, weekend = 0).
        let text = try fit.posteriorMeanModel().description
        let fitted = try ModelFileParser().parse(text).intervening([.set("rain", to: 1), .set("weekend", to: 0)])
        let sampled = try fitted.sample(rows: 20_000, seed: 4).numbers("crowd")
        for k in 0..<levels {
            let p = try #require(fit.parameters.first { $0.name == "p_crowd=\(k)[rain=1,weekend=0]" }?.summary.mean)
            let share = Double(sampled.filter { $0 == Double(k) }.count) / 20_000
            #expect(abs(share - p) <= 4.5 * (p * (1 - p) / 20_000).squareRoot(), "level \(k): \(share) vs \(p)")
        }
    }

    @Test func anUnseenConfigurationKeepsTheUniformPriorMean() throws {
        let all = try Self.truth.sample(rows: 600, seed: 52)
        let rain = try all.numbers("rain"), weekend = try all.numbers("weekend")
        let kept = rain.indices.filter { !(rain[$0] == 1 && weekend[$0] == 1) }
        let data = try Table(numericColumns: ["rain", "weekend", "crowd"].map { name in
            let column = try all.numbers(name)
            return (name, kept.map { column[$0] })
        }, source: "subset")
        let fit = try ModelFit(model: Self.skeleton, data: data)
        #expect(!fit.parameters.contains { $0.name.hasSuffix("[rain=1,weekend=1]") })
        let levels = Double(fit.parameters.count) / 3
        let fitted = try ModelFileParser().parse(try fit.posteriorMeanModel().description)
        let sampled = try fitted.intervening([.set("rain", to: 1), .set("weekend", to: 1)]).sample(rows: 20_000, seed: 5).numbers("crowd")
        for k in 0..<Int(levels) {
            let share = Double(sampled.filter { $0 == Double(k) }.count) / 20_000, p = 1 / levels
            #expect(abs(share - p) <= 4.5 * (p * (1 - p) / 20_000).squareRoot(), "level \(k): \(share) vs \(p)")
        }
    }

    @Test func aCountWithAContinuousParentIsPoisson() throws {
        let data = try Self.truth.sample(rows: 300, seed: 53)
        let fit = try ModelFit(model: try ModelFileParser().parseParametric("x = Normal(0, 1)\ncrowd = auto(x)\n"), data: data,
                               sampling: MCMCSettings(kept: 200))
        #expect(fit.variables.map(\.family) == ["poisson"])
    }
}
