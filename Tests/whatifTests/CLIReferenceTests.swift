import Foundation
import Testing

/// docs/cli.md shows every subcommand's `--help` exactly as the program prints it.
@Suite struct CLIReferenceTests {
    @Test func theReferenceIsTheProgramsOwnHelp() throws {
        let page = try String(contentsOf: GettingStartedTests.root.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        let top = try WhatIf("--help").stdout
        let subcommands = top.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && ($0.dropFirst(2).first?.isLowercase ?? false) }
            .compactMap { $0.split(separator: " ").first.map(String.init) } ?? []
        #expect(subcommands.count >= 6)
        for sub in subcommands {
            let help = try WhatIf(sub, "--help").stdout
            #expect(page.contains("## whatif \(sub)\n\n```text\n\(help)```\n"), "docs/cli.md is stale for whatif \(sub)")
        }
        let documented = page.components(separatedBy: "\n## whatif ").dropFirst().compactMap { $0.split(separator: "\n").first }
        #expect(documented.map(String.init) == subcommands, "docs/cli.md documents \(documented), the program has \(subcommands)")
    }
}
