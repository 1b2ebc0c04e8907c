import ArgumentParser
import Foundation
import WhatIf

/// The options of `whatif ope MODEL`: the target policy, the sizes of the simulation,
/// the reward model the DM family uses and the picture.
struct OpeModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("MODEL: the target policy, a new mechanism for the action (\"A ~ Categorical(…)\", \"A = …\").", valueName: "EQUATION"))
    var target: String?

    @Option(help: "MODEL: logged rounds in each replication.")
    var rows: Int?

    @Option(help: "MODEL: independent replications.")
    var replications: Int?

    /// The options given, by name, for messages.
    var given: [String] {
        [("--target", target != nil), ("--rows", rows != nil), ("--replications", replications != nil), ("--plot", plot != nil)]
            .filter(\.1).map(\.0)
    }

    @Option(help: ArgumentHelp("MODEL: draw the estimates and intervals against the true value to this SVG file.", valueName: "FILE.svg"))
    var plot: String?

    func validate(for source: String) throws {
        guard target != nil, rows != nil, replications != nil else {
            throw ValidationError("a model (\(source)) needs --target \"A ~ …\", --rows N and --replications R")
        }
    }

    func run(_ command: OpeCommand) throws {
        throw ValidationError("whatif ope MODEL is not available yet")
    }
}
