import Testing
import TestSupport
import CausalModel
@testable import ModelCatalog

@Suite struct ModelCatalogTests {
    static let expected = ["banner", "car_insurance", "collider", "confounding", "difference_in_differences",
                           "front_door", "instrumental_variable", "mediator", "regression_discontinuity", "self_selection",
                           "simpsons_paradox"]

    @Test func catalogHoldsTheTutorialModels() {
        #expect(ModelCatalog.entries.map(\.name) == Self.expected)
        for entry in ModelCatalog.entries {
            #expect(!entry.summary.isEmpty, "\(entry.name) has no summary line")
            #expect(entry.trueEffect != nil, "\(entry.name) states no true effect")
        }
    }

    /// Each file's stated true effect E[Y | do(X = 1)] − E[Y | do(X = 0)], recovered by
    /// sampling both interventions with the same noise (paired differences) within 4.42 SE.
    @Test(arguments: expected)
    func statedTrueEffectIsTheModelsEffect(name: String) throws {
        let entry = try #require(ModelCatalog.entry(named: name))
        let model = try entry.model()
        let effect = try #require(entry.trueEffect)
        let n = 200_000
        let treated = try model.intervening(.set(effect.treatment, to: 1)).sample(rows: n, seed: 12)
        let control = try model.intervening(.set(effect.treatment, to: 0)).sample(rows: n, seed: 12)
        let differences = zip(try treated.numbers(effect.outcome), try control.numbers(effect.outcome)).map { $0 - $1 }
        let estimate = SampleMoments.mean(differences)
        let se = SampleMoments.standardErrorOfMean(differences)
        // A rounded statement (the file gives a few digits) adds at most half a unit in its last place.
        let check = withinStandardErrors(estimate, effect.value, standardError: max(se, 1e-4))
        #expect(check.ok, "\(name): \(check.message)")
    }

    @Test func loadAcceptsCatalogNamesAndPathsAndNamesTheRest() throws {
        #expect(try ModelCatalog.load("banner") == ModelCatalog.entry(named: "banner")!.model())
        #expect(throws: ModelError.self) { try ModelCatalog.load("no_such_model") }
    }
}
