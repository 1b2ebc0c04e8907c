import Probability
import Tabular
import Testing
@testable import Estimators

/// The 2×2 difference in differences on a repeated cross-section (group and period
/// columns, other units in every period): the estimate is the contrast of cell means and
/// its HC1 standard error is, for the saturated model, √(n/(n − 4)·Σ_cells σ̂²_c/n_c)
/// with σ̂²_c the cell's mean squared deviation — both computed here from the cells.
@Suite struct RepeatedCrossSectionTests {
    /// Markets in a treated (g = 1) or comparison group, before or after (p); the cells
    /// have different noise levels, so HC1 and the classical SE differ.
    static func markets(rows n: Int, effect: Double, seed: UInt64) -> (g: [Double], p: [Double], d: [Double], y: [Double]) {
        let rng = RandomStream(seed: seed)
        var g = [Double](), p = [Double](), d = [Double](), y = [Double]()
        for _ in 0..<n {
            let group: Double = rng.uniform() < 0.4 ? 1 : 0, post: Double = rng.uniform() < 0.5 ? 1 : 0
            g.append(group)
            p.append(post)
            d.append(group * post)
            y.append(100 + 20 * group + 15 * post + effect * group * post + (2 + 3 * group + post) * rng.normal())
        }
        return (g, p, d, y)
    }

    @Test func estimateIsTheCellContrastWithTheCellwiseHC1Error() throws {
        let (g, p, d, y) = Self.markets(rows: 3000, effect: 10, seed: 41)
        let data = try CausalData(columns: [("sales", y), ("campaign", d), ("treated", g), ("post", p)],
                                  roles: Roles(outcome: "sales", treatment: "campaign", period: "post", group: "treated"))
        #expect(data.describe().isRepeatedCrossSection && !data.describe().isPanel)
        let estimate = try DifferenceInDifferences().estimate(data)

        var cells = [[Double]](repeating: [], count: 4)
        for i in y.indices { cells[Int(2 * g[i] + p[i])].append(y[i]) }
        let means = cells.map { $0.reduce(0, +) / Double($0.count) }
        let contrast = (means[3] - means[2]) - (means[1] - means[0])
        let n = Double(y.count)
        var variance = 0.0
        for (cell, mean) in zip(cells, means) {
            let m = Double(cell.count)
            variance += cell.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (m * m)
        }
        let hc1 = (variance * n / (n - 4)).squareRoot()
        #expect(abs(estimate.value - contrast) < 1e-10 * abs(contrast))
        #expect(abs(estimate.standardError - hc1) < 1e-10 * hc1)
        #expect(estimate.estimand == .att)
        #expect(estimate.uncertainty == .analytic(method: "OLS interaction, HC1 (repeated cross-section)"))
        expectRecovers(estimate, 10)
    }

    @Test func textLabelsAndTheRightErrors() throws {
        let (g, p, d, y) = Self.markets(rows: 400, effect: 3, seed: 42)
        let table = try Table(names: ["y", "d", "region", "wave"], columns: [
            .numeric(y), .numeric(d), .text(g.map { $0 == 1 ? "east" : "west" }), .text(p.map { $0 == 1 ? "after" : "before" }),
        ], source: "survey")
        let roles = Roles(outcome: "y", treatment: "d", period: "wave", group: "region")
        let labelled = try DifferenceInDifferences().estimate(table, roles: roles)
        let numeric = try DifferenceInDifferences().estimate(
            CausalData(columns: [("y", y), ("d", d), ("g", g), ("p", p)], roles: Roles(outcome: "y", treatment: "d", period: "p", group: "g")))
        #expect(abs(labelled.value - numeric.value) < 1e-12 && abs(labelled.standardError - numeric.standardError) < 1e-12)

        // A treated-group row after the start that is untreated breaks the 2×2 design.
        var broken = d
        let bad = try #require(d.indices.first { d[$0] == 1 })
        broken[bad] = 0
        let refused = #expect(throws: EstimationError.self) {
            try DifferenceInDifferences().estimate(CausalData(columns: [("y", y), ("d", broken), ("g", g), ("p", p)],
                                                              roles: Roles(outcome: "y", treatment: "d", period: "p", group: "g")))
        }
        #expect(refused?.description.contains("row \(bad + 1) (group '1', period '1')") == true)
        // Without a period column the estimator says what it misses.
        #expect(throws: EstimationError.missingRole(estimator: "did-2x2", role: "a period column")) {
            try DifferenceInDifferences().estimate(CausalData(columns: [("y", y), ("d", d), ("g", g)],
                                                              roles: Roles(outcome: "y", treatment: "d", group: "g")))
        }
    }

    @Test func applicability() {
        let crossSection = DataDescription(rows: 100, treatment: .binary, isRepeatedCrossSection: true)
        #expect(DifferenceInDifferences().applicability(to: crossSection) == .applicable)
        #expect(!TwoWayFixedEffects().applicability(to: crossSection).isApplicable)
        #expect(DifferenceInDifferences().applicability(to: DataDescription(rows: 100, treatment: .binary))
                == .notApplicable(reason: "needs unit and period columns (a panel) or group and period columns (a repeated cross-section)"))
    }
}
