import Foundation
import Testing
import Tabular
import ModelCatalog
@testable import CausalModel

@Test func scratchPrint() throws {
    for entry in ModelCatalog.entries {
        let model = try entry.model()
        let data = try model.sample(rows: 50, seed: 2)
        let observed = try Table(numericColumns: try model.variables.filter { !$0.isLatent }.map { ($0.name, try data.numbers($0.name)) })
        let target = model.variables.first { !$0.isLatent }!.name
        let result = try model.counterfactuals(for: observed, doing: [.set(target, to: 1)], options: CounterfactualOptions(samples: 200, threads: 2))
        print("SCRATCH", entry.name, result.rowsByMethod, result.warnings, model.variables.map { "\($0.name)\($0.isLatent ? "(latent)" : "")" })
    }
}
