import ArgumentParser
import WhatIf

/// The options that name a CSV file and the roles of its columns, shared by the commands
/// that analyse an effect estimate on data (`sensitivity`, `refute`).
struct DataRoleOptions: ParsableArguments {
    @Argument(help: "A CSV file with a header.")
    var data: String

    @Option(help: "The treatment column.")
    var treatment: String

    @Option(help: "The outcome column.")
    var outcome: String

    @Option(help: ArgumentHelp("The covariates, comma-separated (default: every other numeric column).", valueName: "A,B,…"))
    var covariates: String?

    /// The covariates named by --covariates, or nil for the default.
    func namedCovariates() throws -> [String]? { try covariates.map { try parseNames($0, "--covariates") } }

    /// The covariates in `table`: those named, or every numeric column but the treatment and the outcome.
    func covariates(in table: Table) throws -> [String] {
        try namedCovariates() ?? table.numericColumns(excluding: [treatment, outcome])
    }
}

/// The refuters named by a comma-separated list (nil: all of them; "none": none).
func parseRefuters(_ text: String?) throws -> [RefuterKind] {
    guard let text else { return RefuterKind.allCases }
    if text == "none" { return [] }
    return try parseNames(text, "--refuters").map { name in
        guard let kind = RefuterKind(rawValue: name) else {
            throw ValidationError("--refuters: unknown refuter '\(name)' (known: " + RefuterKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        return kind
    }
}
