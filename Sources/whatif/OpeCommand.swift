import ArgumentParser
import Foundation
import ModelCatalog
import WhatIf

/// `whatif ope`: the value of a target policy from logged bandit data, or a validation of
/// the off-policy estimators against a model's true policy value.
struct OpeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ope",
        abstract: "Off-policy evaluation: estimate a target policy's value from logged data (IPS, SNIPS, DM, DR, SNDR, Switch-DR).",
        discussion: """
            With DATA.csv: one row per logged round, the action taken (0, 1, …), the reward, the \
            logging propensity of that action, the target policy's probability of every action (the \
            columns PREFIX0, PREFIX1, … of --target-prefix) and, optionally, a reward model's \
            prediction for every action (--reward-model-prefix); without it only ips and snips run. \
            Intervals are normal (CLT) unless --bootstrap asks for percentile intervals. \
            With MODEL (a catalog name or a .scm file): rounds are logged from the model, where the \
            action's own mechanism is the logging policy, and every estimator is scored over \
            --replications against the true value of the --target policy ("A ~ …" or "A = …" in \
            the model language), computed from the model (see docs/ope-uplift.md).
            """)

    @Argument(help: "A CSV file of logged rounds, or a model (catalog name or .scm file).")
    var source: String

    @Option(help: ArgumentHelp("The action column (or variable).", valueName: "COL"))
    var action: String

    @Option(help: ArgumentHelp("The reward column (or variable).", valueName: "COL"))
    var reward: String

    @Option(help: ArgumentHelp("DATA: the logging propensity of the logged action.", valueName: "COL"))
    var propensity: String?

    @Option(name: .customLong("target-prefix"), help: ArgumentHelp("DATA: the target probability columns PREFIX0, PREFIX1, ….", valueName: "PREFIX"))
    var targetPrefix: String?

    @Option(name: .customLong("reward-model-prefix"), help: ArgumentHelp("DATA: the reward model's columns PREFIX0, PREFIX1, ….", valueName: "PREFIX"))
    var rewardModelPrefix: String?

    @Option(name: .customLong("switch-lambda"), help: "Switch-DR's weight threshold λ (inf: DR).")
    var switchLambda = OffPolicyDefaults.switchLambda

    @Option(help: "The confidence level of the intervals.")
    var level = 0.95

    @Option(help: "Bootstrap resamples for percentile intervals (default: normal intervals).")
    var bootstrap: Int?

    @Option(help: ArgumentHelp("Write the result as JSON to this file (- for standard output, instead of the table).", valueName: "FILE"))
    var json: String?

    @OptionGroup var runOptions: RunOptions

    @OptionGroup var model: OpeModelOptions

    /// Whether SOURCE is logged data: a file ending in .csv, or any existing file that is not a model (.scm, .bif).
    var isData: Bool {
        let name = source.lowercased()
        return name.hasSuffix(".csv") || (!name.hasSuffix(".scm") && !name.hasSuffix(".bif") && FileManager.default.fileExists(atPath: source)
                                          && ModelCatalog.entry(named: source) == nil)
    }

    func validate() throws {
        guard level > 0, level < 1 else { throw ValidationError("--level must lie strictly between 0 and 1 (got \(level))") }
        guard switchLambda >= 0 else { throw ValidationError("--switch-lambda must not be negative (got \(switchLambda))") }
        if let bootstrap, bootstrap < 2 { throw ValidationError("--bootstrap must be at least 2 (got \(bootstrap))") }
        if isData {
            guard propensity != nil, targetPrefix != nil else {
                throw ValidationError("logged data need --propensity COL and --target-prefix PREFIX")
            }
            if let given = model.given.first { throw ValidationError("\(given) belongs to the MODEL form, not to logged data (\(source))") }
        } else {
            try model.validate(for: source)
            if propensity != nil || targetPrefix != nil || rewardModelPrefix != nil {
                throw ValidationError("--propensity, --target-prefix and --reward-model-prefix read logged data (a .csv file); "
                    + "a model logs its own rounds")
            }
        }
        let table = json == "-" || model.plot == "-" ? nil : "-"
        try requireDistinctOutputs([("--json", json), ("--plot", model.plot), ("the table on standard output", table)])
    }

    func run() throws {
        try reportingErrors {
            guard isData else { return try model.run(self) }
            let table = try CSVReader.read(path: source)
            let jsonFile = try json.map(OutputFile.init(path:))
            let data = try LoggedBandit(table: table, action: action, reward: reward, propensity: propensity!,
                                        targetPrefix: targetPrefix!, rewardModelPrefix: rewardModelPrefix)
            let evaluation = try OffPolicyEvaluation(data, level: level, switchLambda: switchLambda,
                                                     bootstrapReplications: bootstrap, seed: runOptions.seed)
            try jsonFile?.write(evaluation.jsonText())
            try jsonFile?.commit()
            if json != "-" { try printOut(evaluation.text()) }
        }
    }
}
