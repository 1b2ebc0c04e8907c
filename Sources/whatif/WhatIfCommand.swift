import ArgumentParser
import Foundation
import WhatIf

/// The `whatif` command-line tool.
@main
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Causal simulation: structural causal models, interventions, counterfactuals and impact analysis.",
        subcommands: [SampleCommand.self, GraphCommand.self, CounterfactualCommand.self, ModelsCommand.self, ImpactCommand.self,
                      BenchmarkCommand.self, SensitivityCommand.self, PowerCommand.self, RefuteCommand.self,
                      HiddenConfoundingCommand.self]
    )

    /// Parses and runs a command. Help goes to standard output as usual; any
    /// error, including a malformed option, is one line on standard error with a
    /// non-zero exit status (the usage text is left to `--help`).
    static func main() {
        InterruptCleanup.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { Self.exit(withError: error) }
            let message = Self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data("whatif: error: \(message)\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }
}
