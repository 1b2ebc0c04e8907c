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
                      BenchmarkCommand.self, OpeCommand.self, UpliftCommand.self, SensitivityCommand.self, PowerCommand.self,
                      RefuteCommand.self, HiddenConfoundingCommand.self, GenerateCommand.self, FitCommand.self]
    )

    /// Parses and runs a command. Help goes to standard output as usual; any
    /// error, including a malformed option, is one line on standard error with a
    /// non-zero exit status (the usage text is left to `--help`).
    static func main() {
        StandardStreams.reserve()
        InterruptCleanup.install()
        do {
            var command = try parseAsRoot(joiningNegativeValues(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch is OutputFile.BrokenPipe {
            InterruptCleanup.end(by: SIGPIPE)
        } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { Self.exit(withError: error) }
            let message = unknownOption(in: Array(CommandLine.arguments.dropFirst()))
                ?? Self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            printError("whatif: error: \(oneLine(message))\n")
            Foundation.exit(code.rawValue)
        }
    }
}

extension WhatIfCommand {
    /// Options people reach for that have another name here.
    static let optionAliases = ["--iterations": "--niter", "--iter": "--niter", "--n-iter": "--niter",
                                "--out": "--output", "--file": "--output", "--n": "--rows", "--size": "--rows"]

    /// The first option of `arguments` that its subcommand does not have, worded with the
    /// nearest real one: an alias people use (`--iterations` → `--niter`), the one option
    /// it begins (`--out` → `--output`), or the closest by edit distance (`--row` → `--rows`).
    /// Checked before any other parse error, which an unknown option can cause
    /// (`--row 5` would otherwise read as a missing `--rows`).
    static func unknownOption(in arguments: [String]) -> String? {
        let subcommands = configuration.subcommands
        guard let name = arguments.first, let command = subcommands.first(where: { $0._commandName == name }) else {
            return nil
        }
        let help = command.helpMessage(columns: 200)
        let known = Set(help.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
            .filter { $0.hasPrefix("--") }.map(String.init))
        for argument in arguments.dropFirst() where argument.hasPrefix("--") && argument != "--" {
            let option = String(argument.prefix { $0 != "=" })
            guard !known.contains(option) else { continue }
            let begun = known.filter { $0.hasPrefix(option) }
            let nearest = optionAliases[option].flatMap { known.contains($0) ? $0 : nil }
                ?? (begun.count == 1 ? begun.first : nil)
                ?? Suggestion.closest(to: option, among: known.sorted())
            return "unknown option '\(option)' for whatif \(name)" + (nearest.map { " (did you mean '\($0)'?)" } ?? "")
                + "; see whatif \(name) --help"
        }
        return nil
    }
}

extension WhatIfCommand {
    /// The arguments with a negative value joined to its option (`--rows -5` → `--rows=-5`,
    /// `--pre -3:10` → `--pre=-3:10`), so that it reaches the option's own check instead of
    /// being taken for an option itself ("Missing value for --rows").
    static func joiningNegativeValues(_ arguments: [String]) -> [String] {
        var joined: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument.hasPrefix("--"), !argument.contains("="), i + 1 < arguments.count,
               let next = arguments[i + 1].dropFirst().first, arguments[i + 1].hasPrefix("-"), next.isNumber || next == "." {
                joined.append(argument + "=" + arguments[i + 1])
                i += 2
            } else {
                joined.append(argument)
                i += 1
            }
        }
        return joined
    }
}
