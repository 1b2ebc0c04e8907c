import CausalGraph
import CausalModel
import Estimators
import ModelCatalog
import Testing
@testable import Validation

/// Roles read from the catalog models' graphs and equations, worked out by hand
/// from each model file's arrows.
@Suite struct DesignTests {
    static func design(_ model: String, _ treatment: String, _ outcome: String) throws -> BenchmarkDesign {
        try BenchmarkDesign(model: ModelCatalog.load(model), treatment: treatment, outcome: outcome)
    }

    @Test func bannerAdjustsForEngagement() throws {
        let d = try Self.design("banner", "banner", "spend")
        #expect(d.adjustment == .backDoor(["engagement"]))
        #expect(d.roles == Roles(outcome: "spend", treatment: "banner", covariates: ["engagement"]))
        #expect(d.instrument == nil && d.discontinuity == nil && d.differenceInDifferences == nil && !d.positivityFails)
        #expect(d.explanation == ["covariates: {engagement}, a minimal back-door set: adjusting for it blocks every "
            + "back-door path from banner to spend"])
    }

    @Test func instrumentWhereNoAdjustmentSetExists() throws {
        let d = try Self.design("instrumental_variable", "attendance", "happiness")
        // personality is latent: nothing observed blocks attendance ← personality → happiness.
        #expect(d.adjustmentSets.isEmpty)
        #expect(d.adjustment == .noValidSet(fallback: []))
        #expect(d.instrument == "rain")
        #expect(d.roles.covariates.isEmpty && d.roles.instrument == "rain")
        #expect(d.explanation[0].hasPrefix("no valid adjustment set: "))
        #expect(d.explanation[1] == "instrument: rain: it moves attendance and reaches happiness only through attendance")
    }

    @Test func frontDoorModelHasNoAdjustmentSetAndNothingToFallBackOn() throws {
        // smoking's only other observed variable, tar, is its descendant.
        let d = try Self.design("front_door", "smoking", "cancer")
        #expect(d.adjustment == .noValidSet(fallback: []))
        #expect(d.instrument == nil && d.covariates.isEmpty)
        // smoking → tar → cancer is the only directed path; genotype is latent and does not touch tar.
        #expect(d.frontDoorSet == ["tar"])
        #expect(d.explanation.contains { $0.hasPrefix("front-door set: {tar}: it carries every directed path from smoking to cancer") })
        // Where a back-door set exists, the front door is not looked for.
        #expect(try Self.design("mediator", "rain", "profit").frontDoorSet == nil)
    }

    /// banner → spend: asking for the effect of spend on banner is reverse causation.
    /// The truth is exactly 0 (intervening on a descendant of banner leaves banner alone),
    /// and the explanation says so instead of blaming a hidden common cause.
    @Test func reverseCausationIsNamed() throws {
        let model = try ModelCatalog.load("banner")
        let d = try BenchmarkDesign(model: model, treatment: "spend", outcome: "banner")
        #expect(d.adjustment == .outcomeCausesTreatment(fallback: ["engagement"]))
        #expect(d.covariates == ["engagement"] && d.frontDoorSet == nil)
        #expect(d.explanation.count == 1)
        #expect(d.explanation[0].hasPrefix("reverse causation: banner causes spend (spend is a descendant of banner), so spend "
            + "has no effect on banner: the true effect is 0"))
        #expect(!d.explanation[0].contains("common cause"))
        let truth = try TrueEffects(model: model, design: d, units: 2000, seed: 1)
        #expect(truth.ate == TruthValue(value: 0, standardError: 0))
        // A longer chain: engagement → banner → spend; spend on engagement is reversed too.
        let chain = try BenchmarkDesign(model: model, treatment: "spend", outcome: "engagement")
        #expect(chain.adjustment == .outcomeCausesTreatment(fallback: ["banner"]))
    }

    @Test func fallbackCovariatesAreTheObservedNonDescendants() throws {
        // h is hidden and confounds t and y; a and b are observed causes of t, c a child of t.
        let model = try ModelFileParser().parse("""
            latent h = Normal(0, 1)
            a = Normal(0, 1)
            b = a + Normal(0, 1)
            t ~ Bernoulli(logistic(a + b + h))
            c = t + Normal(0, 1)
            y = t + a + h + c + Normal(0, 1)
            """)
        let d = try BenchmarkDesign(model: model, treatment: "t", outcome: "y")
        // b is an instrument given a (b → t; b ← a → y is blocked by a).
        #expect(d.adjustment == .noValidSet(fallback: ["a"]))
        #expect(d.instrument == "b")
        #expect(d.covariates == ["a"])
        #expect(try model.causalDiagram.instruments(treatment: "t", outcome: "y", given: ["a"]) == ["b"])
    }

    @Test func sharpDiscontinuityFromTheTreatmentEquation() throws {
        let d = try Self.design("regression_discontinuity", "banner", "spend")
        #expect(d.discontinuity == SharpDiscontinuity(runningVariable: "loyalty", cutoff: 70))
        #expect(d.roles.runningVariable == "loyalty" && d.roles.cutoff == 70)
        #expect(d.covariates == ["loyalty"])
        #expect(d.positivityFails)
    }

    @Test func twoByTwoDesignFromTheTreatmentEquation() throws {
        let d = try Self.design("difference_in_differences", "campaign", "sales")
        #expect(d.differenceInDifferences == TwoByTwoDesign(group: "treated", period: "post"))
        #expect(d.roles.group == "treated" && d.roles.period == "post" && d.roles.unit == nil)
        #expect(d.covariates == ["treated", "post"])
        #expect(d.positivityFails)
    }

    @Test func noAdjustmentNeededForARandomisedTreatment() throws {
        let d = try Self.design("mediator", "rain", "profit")
        #expect(d.adjustment == .backDoor([]))
        #expect(d.covariates.isEmpty)
        #expect(d.explanation == ["covariates: none needed: no back-door path runs from rain to profit"])
    }

    /// On the car insurance network the chosen set is the first minimal set, and it
    /// satisfies the back-door criterion; a continuous treatment is fine too.
    @Test func chosenSetsSatisfyTheBackDoorCriterion() throws {
        for (name, t, y) in [("car_insurance", "antilock", "claim_cost"), ("confounding", "price", "bookings"),
                             ("self_selection", "uses_feature", "retention_days"), ("heterogeneous_effect", "discount", "purchases")] {
            let model = try ModelCatalog.load(name)
            let d = try BenchmarkDesign(model: model, treatment: t, outcome: y)
            let sets = try model.causalDiagram.minimalBackDoorSets(treatment: t, outcome: y)
            #expect(d.covariates == sets[0], "\(name)")
            #expect(try model.causalDiagram.satisfiesBackDoor(treatment: t, outcome: y, adjustment: Set(d.covariates)), "\(name)")
        }
    }

    @Test func discontinuityPatterns() throws {
        func pattern(_ equation: String) throws -> SharpDiscontinuity? {
            let model = try ModelFileParser().parse("x = Uniform(0, 10)\nz = Normal(0, 1)\nt = \(equation)\n")
            return SharpDiscontinuity(treatmentEquation: try model.variable(named: "t").equation)
        }
        #expect(try pattern("x >= 3") == SharpDiscontinuity(runningVariable: "x", cutoff: 3))
        #expect(try pattern("x > 3") == SharpDiscontinuity(runningVariable: "x", cutoff: 3))
        #expect(try pattern("3 <= x") == SharpDiscontinuity(runningVariable: "x", cutoff: 3))
        #expect(try pattern("step(x - 2.5)") == SharpDiscontinuity(runningVariable: "x", cutoff: 2.5))
        #expect(try pattern("step(x + 1)") == SharpDiscontinuity(runningVariable: "x", cutoff: -1))
        #expect(try pattern("step(x)") == SharpDiscontinuity(runningVariable: "x", cutoff: 0))
        #expect(try pattern("x >= z") == nil)
        #expect(try pattern("2 * x >= 3") == nil)
        #expect(try pattern("x < 3") == nil)
        #expect(TwoByTwoDesign(treatmentEquation: .binary(.multiply, .variable("g"), .variable("p")))
                == TwoByTwoDesign(group: "g", period: "p"))
        #expect(TwoByTwoDesign(treatmentEquation: .binary(.multiply, .variable("g"), .variable("g"))) == nil)
    }

    @Test func badQueriesAreRefused() throws {
        let model = try ModelCatalog.load("instrumental_variable")
        #expect(throws: BenchmarkError.latentVariable("personality")) {
            try BenchmarkDesign(model: model, treatment: "personality", outcome: "happiness")
        }
        #expect(throws: BenchmarkError.sameTreatmentAndOutcome("rain")) {
            try BenchmarkDesign(model: model, treatment: "rain", outcome: "rain")
        }
        let unknown = #expect(throws: ModelError.self) { try BenchmarkDesign(model: model, treatment: "attendence", outcome: "happiness") }
        #expect(unknown?.description.contains("did you mean 'attendance'?") == true)
    }
}
