import ArgumentParser
import WhatIf

/// `whatif models`: the catalog, one line each.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the bundled models, one line each, or print one model's file."
    )

    @Argument(help: "Print this model's file instead of the list.")
    var name: String?

    func run() throws {
        try reportingErrors {
            if let name {
                guard let entry = ModelCatalog.entry(named: name) else {
                    throw ModelError("no catalog model named '\(name)' (see `whatif models`)")
                }
                try printOut(entry.text)
                return
            }
            try printOut(ModelCatalog.listing())
        }
    }
}
