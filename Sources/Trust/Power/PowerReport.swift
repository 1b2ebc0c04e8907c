import Plotting
import Reporting

/// The result of a `PowerSimulation`: the power curve(s), with the closed form beside them.
public struct PowerReport: Sendable {
    /// Where the units came from.
    public let population: PowerPopulation
    /// The test applied.
    public let test: SimulatedTest
    /// Its level α.
    public let alpha: Double
    /// The level of the binomial intervals.
    public let level: Double
    /// Experiments per point.
    public let replications: Int
    /// Whether the effect is the model's own (no effects were set).
    public let ownEffect: Bool
    /// The pilot's description of the outcome.
    public let baseline: PowerBaseline
    /// The points, by rows then effect.
    public let points: [PowerPoint]
    /// The power asked for, if any.
    public let targetPower: Double?
    /// The sample sizes that reach it, effect by effect (not for E = 0).
    public let sampleSizes: [PowerSampleSize]
    /// The seed.
    public let seed: UInt64
    /// Wall time of the run.
    public let seconds: Double

    /// The effects, in the order simulated.
    public var effects: [Double] {
        var seen: [Double] = []
        for p in points where !seen.contains(p.effect) { seen.append(p.effect) }
        return seen
    }

    /// The test's name in documents: "t" or "proportions".
    public var testName: String { test.rawValue }

    /// The `whatif power --json` document: {"test", "alpha", "points": [{"rows", "effect", "rejectionRate",
    /// "lower", "upper", "analyticPower"}, …]} (the contract's keys first), then "replications", "level",
    /// "rejections" per point, "targetPower", "sampleSizes": [{"effect", "simulatedRows", "analyticRows"}],
    /// "baseline": {"mean", "sd", "binary", "ownEffect"}, "seed", "seconds".
    public var json: JSONValue {
        .object([
            ("test", .string(testName)),
            ("alpha", .number(alpha)),
            ("points", .array(points.map { p in
                .object([("rows", .integer(p.rows)), ("effect", .number(p.effect)), ("rejectionRate", .number(p.rejectionRate)),
                         ("lower", .number(p.interval.lower)), ("upper", .number(p.interval.upper)),
                         ("analyticPower", .number(p.analyticPower)), ("rejections", .integer(p.rejections))])
            })),
            ("replications", .integer(replications)),
            ("level", .number(level)),
            ("targetPower", .number(targetPower)),
            ("sampleSizes", .array(sampleSizes.map { s in
                .object([("effect", .number(s.effect)), ("simulatedRows", .number(s.simulatedRows)),
                         ("analyticRows", s.analyticRows.map { .integer($0) } ?? .null)])
            })),
            ("baseline", .object([("mean", .number(baseline.mean)), ("sd", .number(baseline.standardDeviation)),
                                  ("binary", .bool(baseline.isBinary)), ("ownEffect", .number(baseline.ownEffect))])),
            ("seed", .unsigned(seed)),
            ("seconds", .number(seconds)),
        ])
    }

    /// The JSON document as text, with a final newline.
    public var jsonText: String { json.rendered(.compactArrays) + "\n" }

    /// The report for people: one row per point, then the sample sizes for the target power.
    public func text(title: String? = nil) -> String {
        let testWords = test == .t ? "Student's two-sample t test" : "the pooled two-proportion z test"
        var lines = ["Power of \(testWords) at α = \(NumberFormatting.general(alpha))" + (title.map { " (\($0))" } ?? "")
            + ": \(NumberFormatting.count(replications, "simulated experiment")) per point, half the units treated"]
        let effectWords = ownEffect ? "the model's own effect (average \(NumberFormatting.significant(baseline.ownEffect ?? .nan)))"
            : "effect = shift of the treated units' outcome"
        lines.append("outcome \(population.outcomeName): mean under control \(NumberFormatting.significant(baseline.mean)), "
            + "sd \(NumberFormatting.significant(baseline.standardDeviation)); \(effectWords)")
        lines.append("")
        let levelText = NumberFormatting.significant(100 * level) + "%"
        var rows = [["rows", "effect", "rejection rate", "\(levelText) interval", "analytic power", ""]]
        for p in points {
            let agrees = p.analyticPower.map { p.interval.contains($0) }
            rows.append([String(p.rows), NumberFormatting.significant(p.effect), NumberFormatting.fixed(p.rejectionRate, decimals: 4),
                         "[\(NumberFormatting.fixed(p.interval.lower, decimals: 4)), \(NumberFormatting.fixed(p.interval.upper, decimals: 4))]",
                         p.analyticPower.map { NumberFormatting.fixed($0, decimals: 4) } ?? "—",
                         p.effect == 0 ? "A/A: false-positive rate" : agrees == false ? "analytic outside the interval" : ""])
        }
        lines += TextTable(rows: rows, leftAligned: 0, rulesHeader: true).lines()
        if let targetPower {
            lines.append("")
            for s in sampleSizes {
                let simulated = s.simulatedRows.map { "about " + NumberFormatting.grouped($0.rounded(.up), decimals: 0) + " rows (simulated, interpolated)" }
                    ?? "not reached on this grid (simulated)"
                let analytic = s.analyticRows.map { ", " + NumberFormatting.grouped(Double($0), decimals: 0) + " rows (analytic)" } ?? ""
                lines.append("For \(NumberFormatting.significant(100 * targetPower))% power at effect \(NumberFormatting.significant(s.effect)): "
                    + simulated + analytic)
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The power curves: rejection rate against rows, one line per effect with its interval
    /// as a band, the closed form dashed, α and the target power as rules.
    public func chart(title: String? = nil) -> ChartStack {
        let sizes = Array(Set(points.map(\.rows))).sorted()
        let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
        var layers: [LineChart.Layer] = []
        var legend: [LegendEntry] = []
        for (k, e) in effects.enumerated() {
            let color = palette[k % palette.count]
            let curve = sizes.map { n in points.first { $0.rows == n && $0.effect == e } }
            layers.append(.band(lower: curve.map { $0?.interval.lower ?? .nan }, upper: curve.map { $0?.interval.upper ?? .nan },
                                fill: color, opacity: 0.15))
            layers.append(.line(curve.map { $0?.analyticPower ?? .nan }, Stroke(color: color, width: 1.2, dash: [5, 4])))
            layers.append(.line(curve.map { $0?.rejectionRate ?? .nan }, Stroke(color: color, width: 2)))
            legend.append(LegendEntry(.line(Stroke(color: color, width: 2)), "effect \(NumberFormatting.significant(e))"))
        }
        layers.append(.horizontalRule(alpha, Stroke(color: "#7f7f7f", width: 1, dash: [2, 3])))
        layers.append(.horizontalRule(0, Stroke(color: "#ffffff", width: 0)))
        layers.append(.horizontalRule(1, Stroke(color: "#ffffff", width: 0)))
        if let targetPower { layers.append(.horizontalRule(targetPower, Stroke(color: "#7f7f7f", width: 1, dash: [6, 3]))) }
        legend.append(LegendEntry(.line(Stroke(color: "#555555", width: 1.2, dash: [5, 4])), "analytic"))
        let panel = LineChart(title: "Power against rows in all (\(testName) test, α = \(NumberFormatting.general(alpha)))"
                                  + (title.map { ": \($0)" } ?? ""), layers: layers, legend: legend)
        return ChartStack(x: sizes.map(Double.init), panels: [panel])
    }

    /// The chart as SVG text.
    public func svg(title: String? = nil) -> String { chart(title: title).svg(width: 900, height: 480) }
}
