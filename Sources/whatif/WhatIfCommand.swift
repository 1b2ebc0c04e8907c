import ArgumentParser
import WhatIf

/// The `whatif` command-line tool.
@main
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Causal simulation: structural causal models, interventions, counterfactuals and impact analysis.",
        subcommands: [SampleCommand.self, GraphCommand.self, CounterfactualCommand.self, ModelsCommand.self, ImpactCommand.self]
    )
}
