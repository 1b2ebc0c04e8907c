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

/// The options that choose refuters, shared by `refute` and `hidden-confounding`.
struct RefuterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The refuters, comma-separated (default: all; none: none): "
                               + RefuterKind.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "a,b,…"))
    var refuters: String?

    @Option(help: "Simulations per refuter (and replication).")
    var simulations = 20

    @Option(help: "The level of the refuters' alarms (and of the intervals).")
    var alpha = 0.05

    /// The refuters the options ask for.
    func refuter() throws -> Refuter {
        Refuter(kinds: try parseRefuters(refuters), simulations: simulations, alpha: alpha)
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
