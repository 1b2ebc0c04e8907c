import Foundation
import Testing
@testable import Estimators
import Tabular

/// Bad input gives a typed error whose message names the place.
@Suite struct BadInputTests {
    private let x = (0..<200).map { Double($0) / 20 - 5 }

    @Test func nonBinaryTreatmentIsRefusedWithItsRow() throws {
        var t = x.map { $0 > 0 ? 1.0 : 0.0 }
        t[17] = 2
        let data = try CausalData(columns: [("y", x), ("dose", t), ("x", x.map { sin($0) })],
                                  roles: Roles(outcome: "y", treatment: "dose", covariates: ["x"]))
        let error = #expect(throws: EstimationError.self) { try InverseProbabilityWeighting().estimate(data) }
        #expect(error == .nonBinaryTreatment(column: "dose", row: 18, value: 2))
        #expect(error?.description.contains("'dose', row 18") == true)
        // An estimator that accepts any treatment still runs on a dose.
        #expect(DifferenceInMeans().applicability(to: data.describe()) != .applicable)
    }

    @Test func perfectSeparationIsNoOverlap() throws {
        let t = x.map { $0 > 0 ? 1.0 : 0.0 }
        let data = try CausalData(columns: [("y", x.map { 2 * $0 }), ("t", t), ("x", x)],
                                  roles: Roles(outcome: "y", treatment: "t", covariates: ["x"]))
        for estimator in [InverseProbabilityWeighting() as any EffectEstimator, AugmentedIPW(), PropensityScoreMatching(),
                          Stratification()] {
            let error = #expect(throws: EstimationError.self) { try estimator.estimate(data) }
            guard case .noOverlap(let treatment, _) = error else {
                Issue.record("\(estimator.name): expected noOverlap, got \(String(describing: error))")
                continue
            }
            #expect(treatment == "t")
            #expect(error?.description.contains("no overlap for treatment 't'") == true)
        }
    }

    @Test func poorOverlapIsAWarning() throws {
        // A strong but imperfect confounder: some propensities fall below 0.01.
        let t = x.enumerated().map { i, v in (v > 0) != (i % 25 == 0) ? 1.0 : 0.0 }
        let data = try CausalData(columns: [("y", x.map { 2 * $0 }), ("t", t), ("x", x)],
                                  roles: Roles(outcome: "y", treatment: "t", covariates: ["x"]))
        let estimate = try InverseProbabilityWeighting().estimate(data)
        #expect(estimate.warnings.contains { if case .poorOverlap = $0 { return true } else { return false } })
    }

    @Test func collinearCovariatesAreNamed() throws {
        let t = x.map { abs($0).truncatingRemainder(dividingBy: 1) < 0.5 ? 1.0 : 0.0 }
        let data = try CausalData(columns: [("y", x), ("t", t), ("age", x), ("age_months", x.map { 12 * $0 + 3 })],
                                  roles: Roles(outcome: "y", treatment: "t", covariates: ["age", "age_months"]))
        let error = #expect(throws: EstimationError.self) { try RegressionAdjustment().estimate(data) }
        guard case let .singularDesign(_, column, others) = error else {
            Issue.record("expected singularDesign, got \(String(describing: error))")
            return
        }
        #expect(column == "age_months")
        #expect(others == ["age"])  // regression adjustment centres the covariates
        let propensity = #expect(throws: EstimationError.self) { try InverseProbabilityWeighting().estimate(data) }
        #expect(propensity?.description.contains("'age_months' is a linear combination of 'intercept', 'age'") == true)
    }

    @Test func unknownAndMissingColumnsAreNamed() throws {
        let table = try Table(numericColumns: [("y", [1, 2, 3, 4]), ("t", [0, 1, .nan, 1])], source: "study.csv")
        let unknown = #expect(throws: TableError.self) {
            try CausalData(table: table, roles: Roles(outcome: "y", treatment: "treated"))
        }
        #expect(unknown?.description == "study.csv: no column named 'treated' (columns: y, t)")
        let missing = #expect(throws: EstimationError.self) { try CausalData(table: table, roles: Roles(outcome: "y", treatment: "t")) }
        #expect(missing == .missingValue(column: "t", row: 3))
        #expect(missing?.description == "column 't', row 3: missing or non-finite value")
    }

    @Test func missingRolesAndImpossibleDesignsAreExplained() throws {
        let t = x.map { $0 > 1 ? 1.0 : 0.0 }
        let data = try CausalData(columns: [("y", x), ("t", t), ("score", x)],
                                  roles: Roles(outcome: "y", treatment: "t", runningVariable: "score", cutoff: 9))
        #expect(throws: EstimationError.missingRole(estimator: "iv-2sls", role: "an instrument column")) {
            try TwoStageLeastSquares().estimate(data)
        }
        let outside = #expect(throws: EstimationError.self) { try RegressionDiscontinuity().estimate(data) }
        #expect(outside?.description.contains("cutoff 9.0 is not inside the range of 'score'") == true)
        let allTreated = try CausalData(columns: [("y", x), ("t", x.map { _ in 1 })], roles: Roles(outcome: "y", treatment: "t"))
        #expect(throws: EstimationError.noVariation(column: "t", detail: "no control units (every value is 1)")) {
            try DifferenceInMeans().estimate(allTreated)
        }
        let staggered = try CausalData(columns: [("y", [1, 2, 3, 4, 5, 6]), ("d", [0, 1, 0, 0, 1, 1]),
                                                 ("unit", [1, 1, 2, 2, 3, 3]), ("period", [1, 2, 1, 2, 1, 2])],
                                       roles: Roles(outcome: "y", treatment: "d", unit: "unit", period: "period"))
        let notTwoByTwo = #expect(throws: EstimationError.self) { try DifferenceInDifferences().estimate(staggered) }
        #expect(notTwoByTwo?.description.contains("row 1 (unit '1', period '1')") == true)
        #expect(throws: EstimationError.self) { try InverseProbabilityWeighting(trim: 0.7).estimate(data) }
    }

    @Test func applicabilityPicksTheEstimatorsADataSetSupports() throws {
        let observational = DataDescription(rows: 1000, treatment: .binary, covariates: ["x"])
        let names = Set(EstimatorCatalog.applicable(to: observational).map(\.name))
        #expect(names.contains("ipw") && names.contains("aipw") && names.contains("x-learner-boosted-trees"))
        #expect(!names.contains("iv-2sls") && !names.contains("rdd-sharp") && !names.contains("twfe"))
        let discontinuity = DataDescription(rows: 1000, treatment: .none, discontinuity: .sharp)
        #expect(EstimatorCatalog.applicable(to: discontinuity).map(\.name) == ["rdd-sharp"])
        #expect(RegressionDiscontinuity(design: .fuzzy).applicability(to: discontinuity)
                == .notApplicable(reason: "needs a fuzzy discontinuity"))
        let panel = DataDescription(rows: 1000, treatment: .binary, isPanel: true)
        #expect(Set(EstimatorCatalog.applicable(to: panel).map(\.name)).isSuperset(of: ["did-2x2", "twfe", "difference-in-means"]))
        let dose = DataDescription(rows: 1000, treatment: .continuous, covariates: ["x"], hasInstrument: true)
        #expect(Set(EstimatorCatalog.applicable(to: dose).map(\.name))
                == ["iv-2sls", "dml-plr-linear", "dml-plr-boosted-trees"])
        // A data set describes itself.
        let fuzzy = Simulate.discontinuity(rows: 200, fuzzy: true, seed: 1)
        #expect(fuzzy.describe().discontinuity == .fuzzy)
        #expect(Simulate.discontinuity(rows: 200, fuzzy: false, seed: 1).describe().discontinuity == .sharp)
    }
}
