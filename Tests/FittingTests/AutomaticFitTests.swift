import CausalModel
import Fitting
import Foundation
import Tabular
import Testing

/// `auto(…)` mechanisms: the family follows the data; each posterior against an
/// independent computation (counts for the Beta tables, the explicit linear skeleton).
@Suite struct AutomaticFitTests {
    static let truth = try! ModelFileParser().parse("""
        rain ~ Bernoulli(0.3)
        weekend ~ Bernoulli(0.4)
        busy ~ Bernoulli(0.1 + 0.5 * rain + 0.3 * weekend)
        x = Normal(0, 1)
        y = 2 + 3 * x - busy + Normal(0, 1)
        """)

    @Test func binaryWithDiscreteParentsGetsBetaTables() throws {
        let data = try Self.truth.sample(rows: 1500, seed: 31)
        let model = try ModelFileParser().parseParametric("rain ~ Bernoulli(0.3)\nweekend ~ Bernoulli(0.4)\nbusy = auto(rain, weekend)\n")
        let fit = try ModelFit(model: model, data: data)
        #expect(fit.variables.map(\.family) == ["bernoulli-table"])
        let rain = try data.numbers("rain"), weekend = try data.numbers("weekend"), busy = try data.numbers("busy")
        for (r, w) in [(0.0, 0.0), (0, 1), (1, 0), (1, 1)] {
            let rows = rain.indices.filter { rain[$0] == r && weekend[$0] == w }
            let ones = Double(rows.filter { busy[$0] == 1 }.count), n = Double(rows.count)
            let a = 1 + ones, b = 1 + n - ones
            let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
            let name = "p_busy[rain=\(Int(r)),weekend=\(Int(w))]"
            let summary = try #require(fit.parameters.first { $0.name == name }?.summary)
            #expect(abs(summary.mean - a / (a + b)) <= 1e-14)
            #expect(abs(summary.sd - sd) <= 1e-14)
            #expect(summary.lower < summary.mean && summary.mean < summary.upper)
        }
        // The fitted model reproduces the table: P(busy = 1 | do(rain = 1, weekend = 1)).
        let fitted = try fit.posteriorMeanModel()
        let p11 = try #require(fit.parameters.first { $0.name == "p_busy[rain=1,weekend=1]" }?.summary.mean)
        let sample = try fitted.intervening([.set("rain", to: 1), .set("weekend", to: 1)]).sample(rows: 20_000, seed: 2)
        let share = try sample.numbers("busy").reduce(0, +) / 20_000
        #expect(abs(share - p11) <= 4.4 * (p11 * (1 - p11) / 20_000).squareRoot())
    }

    @Test func continuousGetsTheLinearGaussianOfItsExplicitSkeleton() throws {
        let data = try Self.truth.sample(rows: 800, seed: 32)
        let automatic = try ModelFit(model: try ModelFileParser().parseParametric("busy = Normal(0, 1)\nx = Normal(0, 1)\ny = auto(x, busy)\n"),
                                     data: data)
        let explicit = try ModelFit(model: try ModelFileParser().parseParametric("""
            param a
            param b
            param c
            param s
            busy = Normal(0, 1)
            x = Normal(0, 1)
            y = a + b * x + c * busy + Normal(0, s)
            """), data: data)
        #expect(automatic.parameters.map(\.name) == ["y_intercept", "y_x", "y_busy", "y_sd"])
        for (auto, manual) in zip(automatic.parameters, explicit.parameters) {
            #expect(abs(auto.summary.mean - manual.summary.mean) <= 1e-12 * abs(manual.summary.mean))
            #expect(abs(auto.summary.upper - manual.summary.upper) <= 1e-12 * abs(manual.summary.upper))
        }
        #expect(automatic.variables.first?.family == "linear-gaussian")
    }
}
