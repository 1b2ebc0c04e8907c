import CausalGraph
import CausalModel
import Estimators
import Testing
import Tabular
import TestSupport
@testable import ModelCatalog

/// Graph answers on the catalog models, worked out by hand from each model's
/// arrows, and each identification criterion put to work: the set the graph
/// finds, used in a simple estimate on sampled data, recovers the file's stated
/// true effect, and the naive contrast does not.
@Suite struct IdentificationTests {
    static func diagram(_ name: String) throws -> DirectedGraph { try ModelCatalog.load(name).causalDiagram }

    @Test func minimalAdjustmentSetsOfTheCatalogModels() throws {
        let expected: [(String, String, String, [[String]])] = [
            ("confounding", "price", "bookings", [["temperature"]]),
            ("banner", "banner", "spend", [["engagement"]]),
            ("collider", "smoking", "asbestos", [[]]),
            ("mediator", "rain", "profit", [[]]),
            ("self_selection", "uses_feature", "retention_days", [["engagement"]]),
            ("regression_discontinuity", "banner", "spend", [["loyalty"]]),
            ("fuzzy_discontinuity", "banner", "spend", [["loyalty", "affinity"]]),
            ("difference_in_differences", "campaign", "sales", [["treated", "post"]]),
            ("simpsons_paradox", "female", "admitted", [[]]),
            ("instrumental_variable", "attendance", "happiness", []),
            ("front_door", "smoking", "cancer", []),
        ]
        for (model, treatment, outcome, sets) in expected {
            let found = try Self.diagram(model).minimalBackDoorSets(treatment: treatment, outcome: outcome)
            #expect(found == sets, "\(model): \(found)")
        }
        // Conditioning on the collider (or its descendant) opens a path.
        let collider = try Self.diagram("collider")
        #expect(try !collider.isDSeparated(["smoking"], ["asbestos"], given: ["lung_cancer"]))
        #expect(try !collider.isDSeparated(["smoking"], ["asbestos"], given: ["sick_days"]))
        #expect(try collider.isDSeparated(["smoking"], ["asbestos"]))
        // Adjusting for the mediator blocks the very effect we want.
        #expect(try !Self.diagram("mediator").satisfiesBackDoor(treatment: "rain", outcome: "profit", adjustment: ["requests"]))
        #expect(try Self.diagram("instrumental_variable").instruments(treatment: "attendance", outcome: "happiness") == ["rain"])
        #expect(try Self.diagram("front_door").frontDoorSet(treatment: "smoking", outcome: "cancer") == ["tar"])
        let car = try Self.diagram("car_insurance").minimalBackDoorSets(treatment: "antilock", outcome: "claim_cost")
        #expect(car.contains(["vehicle_year", "make_model"]))
    }

    static func sample(_ name: String, rows: Int, seed: UInt64) throws -> (table: Table, effect: Double) {
        let entry = try #require(ModelCatalog.entry(named: name))
        let effect = try #require(entry.trueEffect)
        return (try entry.model().sample(rows: rows, seed: seed), effect.value)
    }

    /// Back door: regression on the graph's adjustment set recovers the banner's effect.
    @Test func backDoorAdjustmentRecoversTheEffect() throws {
        let (table, truth) = try Self.sample("banner", rows: 40_000, seed: 21)
        let set = try Self.diagram("banner").minimalBackDoorSets(treatment: "banner", outcome: "spend")[0]
        let adjusted = try RegressionAdjustment().estimate(
            CausalData(table: table, roles: Roles(outcome: "spend", treatment: "banner", covariates: set)))
        let check = withinStandardErrors(adjusted.value, truth, standardError: adjusted.standardError)
        #expect(check.ok, "\(check.message)")
        let naive = try DifferenceInMeans().estimate(CausalData(table: table, roles: Roles(outcome: "spend", treatment: "banner")))
        #expect(abs(naive.value - truth) > 10 * naive.standardError)
    }

    /// Front door: slope of tar on smoking times slope of cancer on tar given smoking.
    @Test func frontDoorFormulaRecoversTheEffect() throws {
        let (table, truth) = try Self.sample("front_door", rows: 100_000, seed: 22)
        let frontDoor = try Self.diagram("front_door").frontDoorSet(treatment: "smoking", outcome: "cancer")
        let mediator: String = try #require(frontDoor?.first)
        let n = table.rowCount
        let ones = [Double](repeating: 1, count: n)
        let first = try LinearRegression(Design([("intercept", ones), ("smoking", table.numbers("smoking"))]),
                                         response: table.numbers(mediator))
        let second = try LinearRegression(Design([("intercept", ones), (mediator, table.numbers(mediator)),
                                                  ("smoking", table.numbers("smoking"))]),
                                          response: table.numbers("cancer"))
        let a = first.coefficients[1], b = second.coefficients[1]
        let sa = first.standardErrors(.hc1)[1], sb = second.standardErrors(.hc1)[1]
        // Delta method for a product of independent estimates.
        let se = (b * b * sa * sa + a * a * sb * sb).squareRoot()
        let check = withinStandardErrors(a * b, truth, standardError: se)
        #expect(check.ok, "\(check.message)")
        let naive = try LinearRegression(Design([("intercept", ones), ("smoking", table.numbers("smoking"))]),
                                         response: table.numbers("cancer"))
        #expect(abs(naive.coefficients[1] - truth) > 10 * naive.standardErrors(.hc1)[1])
    }

    /// Instrument: two-stage least squares with the graph's instrument recovers the effect.
    @Test func instrumentRecoversTheEffect() throws {
        let (table, truth) = try Self.sample("instrumental_variable", rows: 40_000, seed: 23)
        let z = try Self.diagram("instrumental_variable").instruments(treatment: "attendance", outcome: "happiness")[0]
        let iv = try TwoStageLeastSquares().estimate(
            CausalData(table: table, roles: Roles(outcome: "happiness", treatment: "attendance", instrument: z)))
        let check = withinStandardErrors(iv.value, truth, standardError: iv.standardError)
        #expect(check.ok, "\(check.message)")
        let naive = try DifferenceInMeans().estimate(
            CausalData(table: table, roles: Roles(outcome: "happiness", treatment: "attendance")))
        #expect(abs(naive.value - truth) > 10 * naive.standardError)
    }
}
