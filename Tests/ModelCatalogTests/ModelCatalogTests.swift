import Foundation
import Testing
import TestSupport
import CausalModel
@testable import ModelCatalog

@Suite struct ModelCatalogTests {
    static let expected = ["banner", "car_insurance", "collider", "confounding", "difference_in_differences",
                           "front_door", "fuzzy_discontinuity", "heterogeneous_effect", "hidden_confounding_moderate",
                           "hidden_confounding_strong", "hidden_confounding_weak", "instrumental_variable", "mediator", "recommender",
                           "regression_discontinuity", "self_selection", "simpsons_paradox"]

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

    /// A model file given by path is an entry too: its stated effect is read, and errors
    /// in its text name the path.
    @Test func aFileIsAnEntryWithItsStatedEffect() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("dose.scm").path
        try "# a dose and a response\n# true effect of dose on response: 2.5\ndose ~ Bernoulli(0.5)\nresponse = 2.5 * dose + Normal(0, 1)\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let entry = try ModelCatalog.entry(for: path)
        #expect(entry.name == "dose" && entry.file == path)
        let effect = try #require(entry.trueEffect)
        #expect(effect.treatment == "dose" && effect.outcome == "response" && effect.value == 2.5)
        #expect(try entry.model() == ModelCatalog.load(path))
        #expect(ModelCatalog.entry(named: "banner")?.file == "banner.scm")

        let broken = folder.appendingPathComponent("broken.scm").path
        try "x = Normal(0, 1)\ny = x +\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let error = #expect(throws: ModelError.self) { try ModelCatalog.entry(for: broken).model() }
        #expect(error?.description.hasPrefix(broken + ":2:") == true, "\(String(describing: error))")
        #expect(throws: ModelError.self) { try ModelCatalog.entry(for: folder.appendingPathComponent("none.scm").path) }
    }
}
